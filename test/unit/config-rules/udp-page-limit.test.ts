// MA114 reasons about UDP records (issue 8, item 3; docs/agent-facts.md §3.11 "UDP records"): a UDP record
// writes the protocol byte, so with the shipped 64/64 caches a busy cycle of UDP flows with traffic both ways
// overflows the 13312-byte page. The cache lines say the limits and the two ways out, at information (a hint
// with asserts off), so the shipped header stays quiet at warning level; the hover says the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { largestMessageFit } from '../../../src-core/agent/message-fit';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { udpPageLimits } from '../../../src-core/config/udp-limits';
import { ascConfigHeaderService } from '../../../src-core/config/services/config-services';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import type { CheckContext } from '../../../src-core/language/service';
import { checkDist, checkHeader, goodNxUser, only, rtosBaseHeader } from './fixtures';

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

test('the limits come from the model\'s encoder: 58 UDP IPv4 beside 64 UDP IPv6, 60 UDP IPv6 beside 64 UDP IPv4, in 13312 bytes', () => {
  const u = udpPageLimits({ ...rtosBaseAgentConfig });
  assert.ok(u);
  assert.deepEqual([u.fits, u.pageSize, u.maxIpv4, u.maxIpv6], [false, 13312, 58, 60]);
  const inPage = (n4: number, n6: number) => largestMessageFit({ ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: n4, maxIpv6ObjectsInCache: n6, emitterPageSize: 13312 }).fits;
  assert.deepEqual([inPage(58, 64), inPage(59, 64), inPage(64, 60), inPage(64, 61)], [true, false, true, false]);
  // Every cache size up to the safe one fits a full UDP cycle in the page derived from it.
  for (let n = 1; n <= u.safeCache; n++) assert.ok(largestMessageFit({ ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: n, maxIpv6ObjectsInCache: n }).fits, `${n}/${n}`);
  assert.equal(largestMessageFit({ ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: u.safeCache + 1, maxIpv6ObjectsInCache: u.safeCache + 1 }).fits, false);
});

test('the shipped header: information on each cache line with its limit, what happens and the two ways out', () => {
  const d = only(checkHeader(''), 'MA114');
  assert.equal(d.length, 2);
  assert.ok(d.every((x) => x.severity === 'information'));
  const [v4, v6] = d;
  assert.deepEqual(v4.range, { start: { line: 9, character: 65 }, end: { line: 9, character: 67 } });
  assert.deepEqual(v6.range, { start: { line: 10, character: 65 }, end: { line: 10, character: 67 } });
  assert.match(v4.message, /13312-byte emitter page: a UDP record also writes its protocol byte, so beside 64 UDP IPv6 records at most 58 UDP IPv4 records fit/);
  assert.match(v6.message, /beside 64 UDP IPv4 records at most 60 UDP IPv6 records fit/);
  for (const x of d) {
    assert.match(x.message, /hangs the thread that runs the agent/);
    assert.match(x.message, /Ways out: smaller caches \(.*at most 32 entries each fit\), or NX_DISABLE_ASSERT in nx_user\.h, so that such a message is dropped instead/);
    // One fix brings both caches down together (one alone would not fit: the derived page shrinks too).
    assert.deepEqual(x.fixes?.[0].edits.map((e) => [e.range.start.line, e.newText]), [[9, '32'], [10, '32']]);
  }
});

test('with NX_DISABLE_ASSERT the note is a hint: the message is dropped, smaller caches are the way out', () => {
  const d = only(checkDist('', '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_DISABLE_ASSERT\n'), 'MA114');
  assert.equal(d.length, 2);
  assert.ok(d.every((x) => x.severity === 'hint'));
  assert.match(d[0].message, /such a message is dropped and nothing is sent that cycle\. Way out: smaller caches/);
  assert.doesNotMatch(d[0].message, /hangs/);
});

test('caches that fit, IPv6 off, UDP not collected, or the module disabled give no UDP note', () => {
  assert.deepEqual(only(checkDist(`set(${NA}MAX_IPV4_OBJECTS_IN_CACHE 32)\nset(${NA}MAX_IPV6_OBJECTS_IN_CACHE 32)`), 'MA114'), []);
  assert.deepEqual(only(checkDist('', '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_DISABLE_IPV6\n'), 'MA114'), []);
  assert.deepEqual(only(checkDist(`set(${NA}UDP_DISABLED ON)`), 'MA114'), []);
  assert.deepEqual(only(checkDist('', '#define NX_AZURE_DISABLE_IOT_SECURITY_MODULE\n'), 'MA114'), []);
});

test('a page too small for TCP records stays an error (every busy cycle overflows), without the UDP note beside it', () => {
  const d = only(checkHeader('#define FLATCC_EMITTER_PAGE_SIZE 8192'), 'MA114');
  assert.deepEqual(d.map((x) => x.severity), ['error']);
});

test('the hover on a cache line says the same limits and ways out', () => {
  const ctx: CheckContext = { settings: defaultSettings, files: { readText: (p) => (p === '/ws/nx_user.h' ? goodNxUser : undefined), exists: (p) => p === '/ws/nx_user.h' }, workspaceRoot: '/ws' };
  const doc = new SourceDocument('/ws/inc/configs/RTOS_BASE/asc_config.h', rtosBaseHeader);
  const h = ascConfigHeaderService.hover!(doc, { line: 9, character: 12 }, ctx);
  assert.ok(h);
  assert.match(h.contents, /a busy cycle of UDP records with traffic both ways can overflow the page \(beside 64 UDP IPv6 records at most 58 UDP IPv4 fit, beside 64 UDP IPv4 at most 60 UDP IPv6\): the agent's thread hangs\. Ways out: caches of at most 32 entries each, or NX_DISABLE_ASSERT in nx_user\.h/);
});

test('docs/configuration.md no longer says no 64/64 message is too big, and gives the UDP limits', () => {
  const page = readFileSync(join(__dirname, '../../../docs/configuration.md'), 'utf8');
  assert.doesNotMatch(page, /never overflows for any cache size/);
  assert.doesNotMatch(page, /no 64\/64\s+message is too big/);
  assert.match(page, /at most 58 UDP IPv4/);
  assert.match(page, /at most 60 UDP IPv6/);
});
