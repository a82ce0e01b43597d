// Issue 8, item 9: one IPv4 text parser, one glob matcher, one version(), the summary's words, completion
// ranking of rule types an RTOS device cannot feed, and MA116 only for a module id that looks per-device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseIpv4 as trafficParseIpv4, parseIpv6 as trafficParseIpv6 } from '../../../src-core/traffic/ip-address';
import { parseIPv4 as intelParseIPv4 } from '../../../src-core/intel/ip';
import { compileGlob } from '../../../src-core/project-config/glob';
import { matchesFileMatch } from '../../../src-core/baseline/schemas/json-validation-files';
import { summaryLine } from '../../../src-core/findings/report';
import { baselineService } from '../../../src-core/baseline/services/baseline-service';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import { looksPerDevice } from '../../../src-core/config/rules/discrepancies';
import { checkDist, only } from '../config-rules/fixtures';

const repo = join(__dirname, '..', '..', '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('one IPv4 text parser: the traffic side uses the strict one of feeds and baselines', () => {
  assert.equal(trafficParseIpv4, intelParseIPv4);
  for (const t of ['010.0.0.1', '1.2.3.04', '00.0.0.0']) {
    assert.equal(trafficParseIpv4(t), undefined, `${t} is refused (some tools read a leading zero as octal)`);
    assert.equal(trafficParseIpv6(`::ffff:${t}`), undefined);
  }
  assert.equal(trafficParseIpv4('192.168.1.10'), 0xc0a8010a);
  assert.equal(trafficParseIpv4('0.0.0.0'), 0);
});

test('one glob matcher: suppressions and fileMatch share it, braces included', () => {
  assert.ok(matchesFileMatch('/ws/door-locks.baseline.jsonc', ['*.baseline.{json,jsonc}']));
  assert.ok(!matchesFileMatch('/ws/door-locks.baseline.yaml', ['*.baseline.{json,jsonc}']));
  assert.ok(compileGlob('*.baseline.{json,jsonc}')('a/b/door-locks.baseline.jsonc'));
  const fromSuppressions = compileGlob('firmware/**/asc_config.h');
  assert.ok(fromSuppressions('firmware/inc/configs/RTOS_BASE/asc_config.h'));
  assert.ok(matchesFileMatch('/ws/firmware/inc/configs/RTOS_BASE/asc_config.h', ['firmware/**/asc_config.h']));
  // Exactly one place turns glob text into a regular expression.
  const translators = sources(join(repo, 'src-core')).filter((f) => /\*\*\/|\(\?:\.\*\/\)\?/.test(readFileSync(f, 'utf8')) && /'\[\^\/\]\*'/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(translators.map((f) => f.slice(repo.length + 1)), ['src-core/util/glob.ts']);
});

test('one version(): the language server and the CLI read the tool\'s version in one place', () => {
  const readers = [...sources(join(repo, 'src-core')), ...sources(join(repo, 'server'))]
    .filter((f) => readFileSync(f, 'utf8').includes("require('../../package.json')"));
  assert.deepEqual(readers.map((f) => f.slice(repo.length + 1)), ['src-core/cli/version.ts']);
  assert.match(readFileSync(join(repo, 'server/main.ts'), 'utf8'), /from '\.\.\/src-core\/cli\/version'/);
});

test('the summary names information and hints as the report lines do', () => {
  const item = (severity: 'error' | 'warning' | 'information' | 'hint') => ({ code: 'MA116', severity, message: 'm' });
  const line = summaryLine({ toolName: 't', toolVersion: '0', cwd: '/', items: [item('information'), item('information'), item('hint'), item('warning')], filesChecked: 1, notices: [] });
  assert.equal(line, '4 problems (0 errors, 1 warning, 2 information, 1 hint) in 1 file');
  assert.doesNotMatch(line, /note/);
});

test('completion lists the rule types an RTOS device cannot feed last, and says why in their detail', () => {
  const text = '{ "securityGroups": { "g": { "timeWindowRules": [ { "ruleType": "", "isEnabled": true } ] } } }';
  const d = new SourceDocument('/w/x.baseline.json', text);
  const items = baselineService.complete!(d, d.positionAt(text.indexOf('""') + 1), { settings: defaultSettings, files: { readText: () => undefined, exists: () => false } })
    .filter((c) => c.kind === 'enum');
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const firstUnusable = sorted.findIndex((c) => /cannot feed/.test(c.detail ?? ''));
  assert.ok(firstUnusable > 0);
  assert.ok(sorted.slice(firstUnusable).every((c) => /^Listed last: an RTOS device cannot feed it \(MA211\): /.test(c.detail ?? '')));
  assert.ok(sorted.slice(0, firstUnusable).some((c) => c.label === 'ActiveConnectionsNotInAllowedRange'));
  const logins = items.find((c) => c.label === 'FailedLocalLoginsNotInAllowedRange');
  assert.match(logins?.detail ?? '', /no login collector/);
});

test('MA116 fires for a module id that looks like one device\'s, not for a legitimate product-wide one', () => {
  for (const id of ['acme-door-lock-agent', 'iot_security_module', 'my-agent-v2', 'defender-iot-micro-agent']) {
    assert.equal(looksPerDevice(id), false, id);
    assert.deepEqual(only(checkDist(`set(ASC_SECURITY_MODULE_ID "${id}")`), 'MA116'), [], id);
  }
  for (const id of ['device-0042', 'lock_17', 'aa:bb:cc:dd:ee:ff', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'serial 7']) {
    assert.equal(looksPerDevice(id), true, id);
  }
  const d = only(checkDist('set(ASC_SECURITY_MODULE_ID "door-lock-0042")'), 'MA116');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /looks like one device's identity/);
});
