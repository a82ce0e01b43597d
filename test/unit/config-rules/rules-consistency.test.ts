// MA106, MA107, MA111-MA116: values that contradict each other, duplicates, message size, the docs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDist, checkHeader, only } from './fixtures';

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

test('all three protocols disabled with the collector on is a warning; two are fine', () => {
  const three = `set(${NA}TCP_DISABLED ON)\nset(${NA}UDP_DISABLED ON)\nset(${NA}ICMP_DISABLED ON)`;
  const d = only(checkDist(three), 'MA106');
  assert.equal(d.length, 1);
  assert.equal(d[0].range.start.line, 27);
  assert.equal(d[0].related?.length, 2);
  assert.deepEqual(only(checkDist(`set(${NA}TCP_DISABLED ON)\nset(${NA}UDP_DISABLED ON)`), 'MA106'), []);
});

test('a pending time shorter than the retry period is a warning with a fix', () => {
  const d = only(checkHeader('#undef ASC_SECURITY_MODULE_PENDING_TIME\n#define ASC_SECURITY_MODULE_PENDING_TIME 2'), 'MA107');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /\(2 s\).*\(3 s\)/);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '3');
});

test('two different values for one option: the overridden one is reported and can be deleted', () => {
  const d = only(checkHeader('#define ASC_HIGH_PRIORITY_INTERVAL 20'), 'MA111');
  assert.equal(d.length, 1);
  assert.equal(d[0].range.start.line, 15);
  assert.equal(d[0].unnecessary, true);
  assert.deepEqual(d[0].fixes?.[0].edits[0].range, { start: { line: 15, character: 0 }, end: { line: 16, character: 0 } });
});

test('a redefinition after #undef is not a duplicate', () => {
  const d = checkHeader('#undef ASC_HIGH_PRIORITY_INTERVAL\n#define ASC_HIGH_PRIORITY_INTERVAL 20');
  assert.deepEqual(only(d, 'MA111'), []);
  assert.deepEqual(only(d, 'MA112'), []);
});

test('the same value twice is a hint on the repeat', () => {
  const d = only(checkDist('set(ASC_COLLECTOR_HEARTBEAT_ENABLED ON)'), 'MA112');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'hint');
});

test('an IPv4 cache above 115 makes the agent go silent', () => {
  const d = only(checkDist(`set(${NA}MAX_IPV4_OBJECTS_IN_CACHE 128)`), 'MA113');
  assert.equal(d.length, 1);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '115');
  assert.deepEqual(only(checkDist(`set(${NA}MAX_IPV4_OBJECTS_IN_CACHE 115)`), 'MA113'), []);
  assert.equal(only(checkDist(`set(${NA}MAX_IPV6_OBJECTS_IN_CACHE 110)`), 'MA113').length, 1);
  assert.deepEqual(only(checkDist(`set(${NA}MAX_IPV6_OBJECTS_IN_CACHE 109)`), 'MA113'), []);
});

test('a hand-set emitter page too small for a full message hangs with asserts on, drops without', () => {
  const d = only(checkHeader('#define FLATCC_EMITTER_PAGE_SIZE 8192'), 'MA114');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.match(d[0].message, /6372 bytes in the front half of the 8192-byte emitter page, which holds 4096/);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '13312');
  const dropped = only(checkHeader('#define FLATCC_EMITTER_PAGE_SIZE 8192', '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_DISABLE_ASSERT\n'), 'MA114');
  assert.equal(dropped[0].severity, 'warning');
  // 13312 holds every TCP cycle; only the UDP note remains, at information.
  assert.deepEqual(only(checkHeader('#define FLATCC_EMITTER_PAGE_SIZE 13312'), 'MA114').map((x) => x.severity), ['information', 'information', 'information']);
});

test('the derived page holds every full cycle of TCP records, so large caches alone are never an error or a warning', () => {
  const d = only(checkDist(`set(${NA}MAX_IPV4_OBJECTS_IN_CACHE 100)\nset(${NA}MAX_IPV6_OBJECTS_IN_CACHE 100)`), 'MA114');
  assert.deepEqual(d.map((x) => x.severity), ['information', 'information']);
});

test('a low-priority interval that is not a multiple of the high-priority one is a hint with a fix to the nearest multiple', () => {
  const d = only(checkHeader('#undef ASC_LOW_PRIORITY_INTERVAL\n#define ASC_LOW_PRIORITY_INTERVAL 45'), 'MA115');
  assert.equal(d.length, 1);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '50');
  assert.deepEqual(only(checkHeader('#undef ASC_LOW_PRIORITY_INTERVAL\n#define ASC_LOW_PRIORITY_INTERVAL 90'), 'MA115'), []);
});

test('the docs\' stale defaults and a per-device module id are information', () => {
  const low = only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL 145440)'), 'MA116');
  assert.equal(low.length, 1);
  assert.equal(low[0].fixes?.[0].edits[0].newText, '60');
  const ver = checkDist('set(SECURITY_MODULE_VERSION_MINOR 2)\nset(SECURITY_MODULE_VERSION_PATCH 1)');
  assert.equal(only(ver, 'MA116').length, 1);
  assert.equal(only(checkDist('set(ASC_SECURITY_MODULE_ID "device-0042")'), 'MA116').length, 1);
});

test('rules that fire on a made-up case stay quiet on its sound neighbour', () => {
  assert.deepEqual(only(checkHeader('#undef ASC_SECURITY_MODULE_PENDING_TIME\n#define ASC_SECURITY_MODULE_PENDING_TIME 3'), 'MA107'), []);
  assert.deepEqual(only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL 120)'), 'MA116'), []);
  assert.deepEqual(only(checkDist('set(ASC_SECURITY_MODULE_ID "defender-iot-micro-agent")'), 'MA116'), []);
  assert.deepEqual(only(checkDist('', '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_AZURE_DISABLE_IOT_SECURITY_MODULE_X\n'), 'MA110'), []);
});
