// MA101 (unknown names), MA102 (types) and MA103 (ranges) on headers and dist files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDist, checkHeader, codes, only, withoutUdpNote } from './fixtures';

test('the shipped RTOS_BASE header and dist give nothing at warning level or above: only MA114\'s UDP note, on the two cache lines', () => {
  for (const d of [checkHeader(''), checkDist('')]) {
    assert.deepEqual(d.filter((x) => x.severity === 'error' || x.severity === 'warning'), []);
    assert.deepEqual(d.map((x) => `${x.code} ${x.severity}`), ['MA114 information', 'MA114 information']);
    assert.deepEqual(withoutUdpNote(d), []);
  }
});

test('a misspelt option is reported on its name with a rename fix to the nearest catalogue name', () => {
  // (An option the file sets already gets "remove this line" instead: fixes-no-new-problem.test.ts.)
  const d = only(checkHeader('#define ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLE'), 'MA101');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /Did you mean ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED\?$/);
  assert.deepEqual(d[0].range, { start: { line: 33, character: 8 }, end: { line: 33, character: 51 } });
  assert.equal(d[0].fixes?.[0].edits[0].newText, 'ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED');
  assert.deepEqual(d[0].fixes?.[0].edits[0].range, d[0].range);
});

test('a legacy 6.1 collector name is reported with its new name', () => {
  const d = only(checkDist('set(COLLECTOR_HEARTBEAT_ENABLED ON)'), 'MA101');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /before NetX Duo 6\.1\.5.*ASC_COLLECTOR_HEARTBEAT_ENABLED/);
});

test('include guards, NetX macros and unrelated CMake variables are not unknown options', () => {
  assert.deepEqual(codes(withoutUdpNote(checkHeader('#define MY_APP_BUFFER 512'))), []);
  assert.deepEqual(codes(withoutUdpNote(checkDist('set(run_unittests ON CACHE BOOL "x")'))), []);
});

test('an ASC_ name far from every option is reported without a suggestion', () => {
  const d = only(checkHeader('#define ASC_TOTALLY_NEW_THING 1'), 'MA101');
  assert.equal(d.length, 1);
  assert.equal(d[0].fixes, undefined);
});

test('a switch defined to 0 in a header is an error: #ifdef still sees it ON', () => {
  const d = only(checkHeader('#undef ASC_COLLECTOR_HEARTBEAT_ENABLED\n#define ASC_COLLECTOR_HEARTBEAT_ENABLED 0'), 'MA102');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.match(d[0].message, /still turns it ON/);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '/* #undef ASC_COLLECTOR_HEARTBEAT_ENABLED */');
});

test('a string or a bare define where a number is needed is a type error with the default as fix', () => {
  const s = only(checkDist('set(ASC_HIGH_PRIORITY_INTERVAL "ten")'), 'MA102');
  assert.equal(s.length, 1);
  assert.equal(s[0].fixes?.[0].edits[0].newText, '10');
  const bare = only(checkHeader('#undef ASC_LOW_PRIORITY_INTERVAL\n#define ASC_LOW_PRIORITY_INTERVAL'), 'MA102');
  assert.equal(bare.length, 1);
  assert.match(bare[0].message, /defined without a value/);
  assert.equal(bare[0].fixes?.[0].edits[0].newText, ' 60');
});

test('ON on a number and a number on a dist switch are type problems', () => {
  assert.equal(only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL ON)'), 'MA102').length, 1);
  const w = only(checkDist('set(ASC_COLLECTOR_HEARTBEAT_ENABLED 64)'), 'MA102');
  assert.equal(w.length, 1);
  assert.equal(w[0].severity, 'warning');
  assert.deepEqual(codes(withoutUdpNote(checkDist('set(ASC_COLLECTOR_HEARTBEAT_ENABLED 1)'))), ['MA112']);
});

test('an interval of 0 is out of range with a fix to 1, on the value range', () => {
  const d = only(checkDist('set(ASC_HIGH_PRIORITY_INTERVAL 0)'), 'MA103');
  assert.equal(d.length, 1);
  assert.deepEqual(d[0].range, { start: { line: 25, character: 31 }, end: { line: 25, character: 32 } });
  assert.equal(d[0].fixes?.[0].edits[0].newText, '1');
});

test('a fractional interval and a log level of 6 are out of range', () => {
  assert.equal(only(checkDist('set(ASC_HIGH_PRIORITY_INTERVAL 1.5)'), 'MA102').length + only(checkDist('set(ASC_HIGH_PRIORITY_INTERVAL 1.5)'), 'MA103').length, 1);
  const lvl = only(checkHeader('#define ASC_LOG_LEVEL 6'), 'MA103');
  assert.equal(lvl.length, 1);
  assert.equal(lvl[0].fixes?.[0].edits[0].newText, '5');
  assert.deepEqual(codes(withoutUdpNote(checkHeader('#define ASC_LOG_LEVEL 5'))), []);
});

test('a zero IPv4 cache with the collector on is out of range; with the collector off it is not', () => {
  const d = only(checkDist('set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 0)'), 'MA103');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /no IPv4 flow is ever recorded/);
  assert.deepEqual(only(checkDist('set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED OFF)\nset(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 0)'), 'MA103'), []);
});

test('a zero IPv6 cache is fine when nx_user.h disables IPv6', () => {
  const extra = 'set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 0)';
  assert.equal(only(checkDist(extra), 'MA103').length, 1);
  assert.deepEqual(only(checkDist(extra, '#define NX_ENABLE_IP_PACKET_FILTER\n#define NX_DISABLE_IPV6\n'), 'MA103'), []);
});

test('pool sizes below what the agent registers are out of range', () => {
  assert.equal(only(checkDist('set(ASC_NOTIFIERS_OBJECT_POOL_ENTRIES 1)'), 'MA103').length, 1);
  assert.equal(only(checkHeader('#define SECURITY_MODULE_VERSION_MINOR 256'), 'MA103').length, 1);
});
