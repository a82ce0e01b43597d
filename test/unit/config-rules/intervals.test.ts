// Interval sanity (issue 8, item 4): high <= medium <= low, values that look like milliseconds (with the fix
// that divides by 1000), and every interval message pointing the right way, in human units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDist, checkHeader, only, withoutUdpNote } from './fixtures';

const redefine = (name: string, v: number | string) => `#undef ${name}\n#define ${name} ${v}`;

test('ASC_HIGH_PRIORITY_INTERVAL 10000 looks like milliseconds: a warning with the fix 10, not MA115\'s "wakes more often"', () => {
  const d = withoutUdpNote(checkHeader(redefine('ASC_HIGH_PRIORITY_INTERVAL', 10000)));
  assert.deepEqual(d.map((x) => x.code), ['MA118']);
  assert.equal(d[0].severity, 'warning');
  assert.match(d[0].message, /ASC_HIGH_PRIORITY_INTERVAL is 10000 s = 2 h 46 min 40 s, which looks like milliseconds: the agent counts seconds, so network activity would be collected and sent every 2 h 46 min 40 s instead of 10 s\. Write 10\./);
  assert.doesNotMatch(d[0].message, /more often/);
  assert.deepEqual(d[0].fixes?.[0].edits[0].newText, '10');
  assert.deepEqual(d[0].range, { start: { line: 34, character: 35 }, end: { line: 34, character: 40 } });
});

test('milliseconds are recognised on every seconds option and in dist files', () => {
  for (const [name, v, fixed] of [['ASC_LOW_PRIORITY_INTERVAL', 60000, '60'], ['ASC_SECURITY_MODULE_PENDING_TIME', 300000, '300'], ['ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', 3000, '3'], ['ASC_FIRST_COLLECTION_INTERVAL', 30000, '30']] as const) {
    const d = only(checkDist(`set(${name} ${v})`), 'MA118');
    assert.equal(d.length, 1, name);
    assert.equal(d[0].fixes?.[0].edits[0].newText, fixed, name);
  }
  // Long intervals in seconds are left alone: an hour, a day, a thousand seconds below 100x the shipped value.
  for (const [name, v] of [['ASC_LOW_PRIORITY_INTERVAL', 3600], ['ASC_LOW_PRIORITY_INTERVAL', 86400], ['ASC_LOW_PRIORITY_INTERVAL', 5000], ['ASC_SECURITY_MODULE_PENDING_TIME', 3000]] as const) {
    assert.deepEqual(only(checkDist(`set(${name} ${v})`), 'MA118'), [], `${name} ${v}`);
  }
});

test('high <= medium <= low: the other way round is a warning on the value that was changed', () => {
  const d = only(checkHeader(redefine('ASC_HIGH_PRIORITY_INTERVAL', 45)), 'MA117');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'warning');
  assert.match(d[0].message, /ASC_HIGH_PRIORITY_INTERVAL \(45 s\) is longer than ASC_MEDIUM_PRIORITY_INTERVAL \(30 s\): the priorities are meant as high <= medium <= low\./);
  assert.equal(d[0].fixes?.[0].edits[0].newText, '30');
  const reversed = only(checkDist('set(ASC_HIGH_PRIORITY_INTERVAL 120)'), 'MA117');
  assert.equal(reversed.length, 1);
  assert.match(reversed[0].message, /120 s = 2 min.*Network activity, the high-priority collector, would then be collected less often than heartbeat and system information/);
  const low = only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL 20)'), 'MA117');
  assert.equal(low.length, 1);
  assert.match(low[0].message, /ASC_MEDIUM_PRIORITY_INTERVAL \(30 s\) is longer than ASC_LOW_PRIORITY_INTERVAL \(20 s\)/);
  assert.deepEqual(low[0].range.start.line, 25);
  assert.deepEqual(only(checkDist('set(ASC_HIGH_PRIORITY_INTERVAL 30)'), 'MA117'), []);
});

test('MA115 counts the extra wake-ups the right way round, in human units, only for the collectors that exist', () => {
  const d = only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL 45)'), 'MA115');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /ASC_LOW_PRIORITY_INTERVAL \(45 s\) is not a multiple of ASC_HIGH_PRIORITY_INTERVAL \(10 s\): .*wakes and builds a message about 400 times an hour instead of 360/);
  const long = only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL 3605)'), 'MA115');
  assert.match(long[0].message, /\(3605 s = 1 h 5 s\)/);
  // MEDIUM has no collector in the RTOS build: its multiples change nothing.
  assert.deepEqual(only(checkDist('set(ASC_MEDIUM_PRIORITY_INTERVAL 25)'), 'MA115'), []);
  // Without the network collector HIGH times nothing.
  assert.deepEqual(only(checkDist('set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED OFF)\nset(ASC_LOW_PRIORITY_INTERVAL 45)'), 'MA115'), []);
});

test('other interval messages read in human units', () => {
  const low = only(checkDist('set(ASC_LOW_PRIORITY_INTERVAL 145440)'), 'MA116');
  assert.match(low[0].message, /every 1 d 16 h 24 min/);
  const pending = only(checkDist('set(ASC_SECURITY_MODULE_PENDING_TIME 2)\nset(ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME 90)'), 'MA107');
  assert.match(pending[0].message, /pending time \(2 s\) is shorter than the retry period \(90 s = 1 min 30 s\)/);
});
