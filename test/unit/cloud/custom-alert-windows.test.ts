// Custom alerts that count (MA410) over tumbling windows: active connections above the maximum and below
// the minimum, the record that lands exactly on a window boundary under both bounds settings and both
// alignments, inclusive and exclusive thresholds, partial windows never judged "too few", disabled rules,
// rule types an RTOS device cannot feed, hub counters from an event script, the agent's own messages,
// and threshold rules over the whole run.
//
// Timing used throughout: the agent starts at its first frame (T0, or T0+1 when the first flow starts at
// 1 s) and collects every 10 s from 10 s later, stamping each record with the collection time; a flow in
// [T0+30, T0+40) is recorded at T0+40. T0 = 1700000000 is 20 s past a whole minute, so with 1-minute
// windows aligned to the epoch the boundaries are T0+40, T0+100, T0+160...
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime } from '../../../src-core/findings/time-text';
import { WindowGrid } from '../../../src-core/cloud/windows';
import { DEVICE_ID, GROUP, T0, detect, file, group, ids, lineOf, one, tempDir, udp, withCode } from './detection-fixtures';

const activeConnections = (min: number, max: number, extra: object = {}) =>
  ({ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: min, maxThreshold: max, timeWindowSize: 'PT1M', ...extra });
/** `n` distinct UDP flows starting at `at` seconds (100 ms apart), to peers 20.<tag>.0.x. */
const burst = (n: number, at: number, tag: number) => Array.from({ length: n }, (_, i) => udp(`20.${tag}.0.${i + 1}`, at + i * 0.1, 5000 + i));
const windowsFact = (pairs: [number, number][]) => pairs.map(([end, n]) => `${formatTime(T0 + end)}: ${n}`).join('; ');

test('ActiveConnections: a full window above maxThreshold and one below minThreshold raise one MA410 listing both; a window in range raises nothing', (t) => {
  const dir = tempDir(t);
  const { findings, paths } = detect(dir, {
    baseline: group({ timeWindowRules: [activeConnections(2, 4)] }),
    // (T0-20, T0+40]: 1 flow, but the run starts at T0: partial, not judged. (T0+40, T0+100]: 6 flows (above).
    // (T0+100, T0+160]: 1 flow (below). (T0+160, T0+220]: 3 flows (in range; partial anyway).
    flows: [udp('20.0.0.1', 0), ...burst(6, 50, 1), udp('20.2.0.1', 110), ...burst(3, 165, 3)],
  });
  const f = one(findings, 'MA410');
  assert.equal(f.id, `MA410:${DEVICE_ID}:${GROUP}:timeWindowRules[0]`);
  assert.deepEqual([f.kind, f.severity, f.origin, f.alertType, f.agentVisible], ['alert', 'Low', 'cloud', 'IoT_CA_ActiveConnectionsNotInAllowedRange', true]);
  assert.equal(f.title, 'Number of active connections is not in the allowed range');
  assert.equal(f.count, 2);
  assert.equal(f.evidence.facts?.windows, windowsFact([[100, 6], [160, 1]]));
  // The worst window is the one furthest from its bound: 6 is 2 above 4, 1 is 1 below 2.
  assert.equal(f.evidence.observed, 6);
  assert.deepEqual(f.evidence.window, { start: T0 + 40, end: T0 + 100, seconds: 60 });
  assert.deepEqual(f.evidence.allowed, { min: 2, max: 4 });
  assert.deepEqual(f.evidence.rule, { group: GROUP, ruleType: 'ActiveConnectionsNotInAllowedRange', list: 'timeWindowRules', index: 0 });
  assert.match(f.message, /^6 active connections in the 1 min window ending .* \(allowed 2-4\); 2 of \d windows out of range\.$/);
  // It points at the rule's ruleType in the baseline.
  const text = JSON.stringify(group({ timeWindowRules: [activeConnections(2, 4)] }), null, 2);
  assert.equal(f.locations[0].file, paths.baseline);
  assert.equal(f.locations[0].range.start.line, lineOf(text, '"ruleType"'));
});

for (const [alignment, bounds, expected] of [
  // Records: 1 flow at T0+10, 2 at T0+40 (on an epoch boundary), 2 at T0+50, 1 at T0+70 (on a first-record boundary).
  ['epoch', 'end-inclusive', [[40, 3], [100, 3]]],
  ['epoch', 'start-inclusive', [[40, 1], [100, 5]]],
  ['first-record', 'end-inclusive', [[70, 6]]],
  ['first-record', 'start-inclusive', [[70, 5], [130, 1]]],
] as const) {
  test(`window edges, ${alignment} alignment, ${bounds}: the records on a boundary fall in the ${bounds === 'end-inclusive' ? 'window they close' : 'window they open'}`, (t) => {
    const dir = tempDir(t);
    const { findings } = detect(dir, {
      baseline: group({ timeWindowRules: [activeConnections(0, 0)] }),
      flows: [udp('20.0.0.1', 0), ...burst(2, 35, 1), ...burst(2, 45, 2), udp('20.3.0.1', 65)],
      options: { windowAlignment: alignment, windowBounds: bounds },
    });
    const f = one(findings, 'MA410');
    assert.equal(f.evidence.facts?.windows, windowsFact(expected as unknown as [number, number][]));
    const worst = Math.max(...expected.map(([, n]) => n));
    assert.equal(f.evidence.observed, worst);
  });
}

test('threshold bounds: a count equal to maxThreshold or to minThreshold is allowed when inclusive, out of range when exclusive', (t) => {
  const dir = tempDir(t);
  // (T0+40, T0+100]: exactly 3 (= max); (T0+100, T0+160]: exactly 1 (= min); both full. The first window
  // (1 flow, = min) is partial: even exclusive, it is not judged too few.
  const flows = [udp('20.0.0.1', 0), ...burst(3, 50, 1), udp('20.2.0.1', 110), ...burst(2, 165, 3)];
  const baseline = group({ timeWindowRules: [activeConnections(1, 3)] });
  assert.deepEqual(withCode(detect(dir, { flows, baseline }).findings, 'MA410'), [], 'inclusive (the default): 1 and 3 are in 1-3');
  const f = one(detect(dir, { flows, baseline, options: { thresholdBounds: 'exclusive' } }).findings, 'MA410');
  assert.equal(f.evidence.facts?.windows, windowsFact([[100, 3], [160, 1]]));
  assert.match(f.message, /\(allowed 1-3, ends excluded\)/);
});

test('partial windows are never judged "too few"; a full window with no record at all is (observed 0)', (t) => {
  const dir = tempDir(t);
  const baseline = group({ timeWindowRules: [activeConnections(5, 100)] });
  // A 35-second run: its only window (T0-20, T0+40] is partial. Nothing, although it saw 2 flows < 5.
  assert.deepEqual(withCode(detect(dir, { flows: [udp('20.0.0.1', 0), udp('20.0.0.2', 35)], baseline }).findings, 'MA410'), []);
  // A run to T0+170 with 6 flows in (T0+40, T0+100] and silence in (T0+100, T0+160]: that full window is 0.
  const f = one(detect(dir, { flows: [udp('20.0.0.1', 0), ...burst(6, 50, 1), udp('20.2.0.1', 170)], baseline }).findings, 'MA410');
  assert.equal(f.evidence.facts?.windows, windowsFact([[160, 0]]));
  assert.deepEqual([f.evidence.observed, f.count], [0, 1]);
  assert.match(f.message, /^0 active connections in the 1 min window ending/);
});

test('disabled rules raise nothing and need no note; a rule without isEnabled counts as disabled', (t) => {
  const dir = tempDir(t);
  const flows = [udp('20.0.0.1', 0), ...burst(6, 50, 1), udp('20.2.0.1', 110)];
  const { isEnabled: _drop, ...noFlag } = activeConnections(0, 1);
  const r = detect(dir, { flows, baseline: group({ timeWindowRules: [activeConnections(0, 1, { isEnabled: false }), noFlag], thresholdRules: [{ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: false, minThreshold: 0, maxThreshold: 0 }] }) });
  assert.deepEqual(withCode(r.findings, 'MA410'), []);
  assert.ok(!r.notes.some((n) => /ActiveConnections/.test(n)), r.notes.join('\n'));
  // The same rule enabled fires on the same traffic.
  assert.equal(withCode(detect(dir, { flows, baseline: group({ timeWindowRules: [activeConnections(0, 1)] }) }).findings, 'MA410').length, 1);
});

test('a rule type an RTOS device cannot feed is skipped with a note, even when the event script has such events', (t) => {
  const dir = tempDir(t);
  const events = file(dir, 'logins.ndjson', [
    JSON.stringify({ start: T0 }),
    JSON.stringify({ t: 1, type: 'packet', src: '192.168.1.50', dst: '20.0.0.1', proto: 'udp', sport: 40000, dport: 5000, bytes: 40 }),
    JSON.stringify({ t: 5, type: 'failedLocalLogin', user: 'root', src: '192.168.1.99', count: 20 }),
  ].join('\n'));
  const r = detect(dir, {
    events,
    baseline: group({ timeWindowRules: [
      { ruleType: 'FailedLocalLoginsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 0, timeWindowSize: 'PT5M' },
      { ruleType: 'AmqpD2CMessagesNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 0, timeWindowSize: 'PT5M' },
    ] }),
  });
  assert.deepEqual(withCode(r.findings, 'MA410'), []);
  assert.ok(r.notes.some((n) => /FailedLocalLoginsNotInAllowedRange of group sensors is never raised for an RTOS device: the RTOS agent has no login collector/.test(n)), r.notes.join('\n'));
  assert.ok(r.notes.some((n) => /AmqpD2CMessagesNotInAllowedRange of group sensors is never raised for an RTOS device/.test(n)), r.notes.join('\n'));
});

test('hub counters from an event script, window by window: C2D, rejected C2D, direct methods, twin updates, queue purges, unauthorized operations', (t) => {
  const dir = tempDir(t);
  const line = (o: object) => JSON.stringify(o);
  const events = file(dir, 'hub.ndjson', [
    line({ start: T0 }),
    line({ t: 0, type: 'packet', src: '192.168.1.50', dst: '20.0.0.1', proto: 'udp', sport: 40000, dport: 5000, bytes: 40 }),
    // Direct methods: one on the T0+40 boundary, one just after it; never two in one window (end-inclusive).
    line({ t: 40, type: 'directMethod', name: 'reboot' }),
    line({ t: 41, type: 'directMethod', name: 'reboot' }),
    line({ t: 50, type: 'c2dMessage', protocol: 'mqtt', count: 3 }),
    line({ t: 51, type: 'c2dMessage', protocol: 'amqp', count: 9 }), // another protocol: not counted by the MQTT rule
    line({ t: 52, type: 'twinUpdate', part: 'desired', count: 2 }),
    line({ t: 60, type: 'c2dRejected', protocol: 'mqtt' }),
    line({ t: 70, type: 'queuePurge' }),
    line({ t: 80, type: 'unauthorizedOperation', operation: 'registryWrite' }),
    line({ t: 130, type: 'c2dMessage', count: 2 }), // no protocol: MQTT, the RTOS middleware's
    line({ t: 170, type: 'packet', src: '192.168.1.50', dst: '20.0.0.1', proto: 'udp', sport: 40000, dport: 5000, bytes: 40 }),
  ].join('\n'));
  const rule = (ruleType: string, max: number) => ({ ruleType, isEnabled: true, minThreshold: 0, maxThreshold: max, timeWindowSize: 'PT1M' });
  const baseline = group({ timeWindowRules: [
    rule('MqttC2DMessagesNotInAllowedRange', 2), rule('MqttC2DRejectedMessagesNotInAllowedRange', 0), rule('DirectMethodInvokesNotInAllowedRange', 1),
    rule('TwinUpdatesNotInAllowedRange', 1), rule('QueuePurgesNotInAllowedRange', 0), rule('UnauthorizedOperationsNotInAllowedRange', 0),
  ] });
  const { findings } = detect(dir, { events, baseline });
  const byType = new Map(withCode(findings, 'MA410').map((f) => [f.evidence.rule!.ruleType, f]));
  assert.deepEqual([...byType.keys()].sort(), ['MqttC2DMessagesNotInAllowedRange', 'MqttC2DRejectedMessagesNotInAllowedRange', 'QueuePurgesNotInAllowedRange', 'TwinUpdatesNotInAllowedRange', 'UnauthorizedOperationsNotInAllowedRange']);
  assert.equal(byType.get('MqttC2DMessagesNotInAllowedRange')!.evidence.facts?.windows, windowsFact([[100, 3]]), 'the AMQP messages are not counted; 2 at T0+130 is in range');
  assert.match(byType.get('MqttC2DMessagesNotInAllowedRange')!.message, /^3 cloud-to-device messages \(MQTT\) in the 1 min window ending/);
  assert.equal(byType.get('TwinUpdatesNotInAllowedRange')!.evidence.observed, 2);
  for (const [type, n] of [['MqttC2DRejectedMessagesNotInAllowedRange', 1], ['QueuePurgesNotInAllowedRange', 1], ['UnauthorizedOperationsNotInAllowedRange', 1]] as const) {
    assert.equal(byType.get(type)!.evidence.facts?.windows, windowsFact([[100, n]]), type);
  }
  for (const f of byType.values()) assert.equal(f.agentVisible, null, 'hub logs do not rest on the agent');
  // Start-inclusive windows put the event on the boundary with the one after it: two direct methods in [T0+40, T0+100).
  const start = detect(dir, { events, baseline, options: { windowBounds: 'start-inclusive' } }).findings;
  assert.equal(one(start, 'MA410', (f) => f.evidence.rule!.ruleType === 'DirectMethodInvokesNotInAllowedRange').evidence.facts?.windows, windowsFact([[100, 2]]));
});

test('the agent\'s own security messages count as device-to-cloud MQTT messages for MqttD2CMessagesNotInAllowedRange, besides the script\'s', (t) => {
  const dir = tempDir(t);
  const line = (o: object) => JSON.stringify(o);
  const pk = (t: number) => line({ t, type: 'packet', src: '192.168.1.50', dst: '20.0.0.1', proto: 'udp', sport: 40000, dport: 5000, bytes: 40 });
  // A packet every 10 s from T0 to T0+170: the agent sends a message every collection.
  const lines = [line({ start: T0 })];
  for (let s = 0; s <= 170; s += 10) {
    lines.push(pk(s + 1));
    if (s === 60) lines.push(line({ t: 62, type: 'd2cMessage', protocol: 'mqtt', bytes: 200, count: 4 }), line({ t: 63, type: 'd2cMessage', protocol: 'http', count: 50 }));
  }
  const events = file(dir, 'd2c.ndjson', lines.join('\n'));
  const baseline = group({ timeWindowRules: [{ ruleType: 'MqttD2CMessagesNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 0, timeWindowSize: 'PT1M' }] });
  const { findings, result } = detect(dir, { events, baseline });
  const sent = result.devices[0].agent.cycles.filter((c) => c.outcome === 'sent').map((c) => c.time);
  assert.ok(sent.length >= 15, `the agent sent ${sent.length} messages`);
  // Expected per window (end-inclusive, epoch-aligned 1-minute windows): the agent's messages, plus the 4 MQTT ones of the script.
  const perWindow = new Map<number, number>();
  for (const s of sent) {
    const end = Math.ceil(s / 60) * 60; // (end - 60, end]: windows end on whole minutes (T0 + 40 + 60k)
    perWindow.set(end, (perWindow.get(end) ?? 0) + 1);
  }
  const scriptEnd = Math.ceil((T0 + 62) / 60) * 60;
  perWindow.set(scriptEnd, (perWindow.get(scriptEnd) ?? 0) + 4);
  const f = one(findings, 'MA410');
  const expected = [...perWindow].sort((a, b) => a[0] - b[0]).map(([end, n]) => `${formatTime(end)}: ${n}`).join('; ');
  assert.equal(f.evidence.facts?.windows, expected);
  assert.equal(f.agentVisible, null);
});

test('thresholdRules count over the whole run: distinct flows against the range, once; the minimum is judged on however long the run is', (t) => {
  const dir = tempDir(t);
  // 5 distinct flows: the first one comes back (same 5-tuple) 150 s later.
  const flows = [udp('20.0.0.1', 0, 5000, { localPort: 40000 }), ...burst(4, 70, 1), udp('20.0.0.1', 150, 5000, { localPort: 40000 })];
  const above = one(detect(dir, { flows, baseline: group({ thresholdRules: [{ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 3 }] }) }).findings, 'MA410');
  assert.equal(above.id, `MA410:${DEVICE_ID}:${GROUP}:thresholdRules[0]`);
  assert.equal(above.evidence.observed, 5, 'distinct flows: a flow seen in two periods counts once');
  assert.equal(above.count, 1);
  assert.match(above.message, /^5 active connections in the whole run \(allowed 0-3\); 1 of 1 window out of range\.$/);
  assert.equal(above.evidence.window!.start, T0);
  assert.equal(above.evidence.facts?.timeWindowSize, undefined);
  const below = one(detect(dir, { flows, baseline: group({ thresholdRules: [{ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 10, maxThreshold: 100 }] }) }).findings, 'MA410');
  assert.equal(below.evidence.observed, 5);
  assert.deepEqual(ids([above, below]), [above.id, below.id].sort());
});

test('first-record alignment: an event script\'s hub event (heard by the cloud before any record) does not move the active-connection windows', (t) => {
  const dir = tempDir(t);
  const line = (o: object) => JSON.stringify(o);
  const pk = (t: number, dst: string) => line({ t, type: 'packet', src: '192.168.1.50', dst, proto: 'udp', sport: 40000, dport: 5000, bytes: 40 });
  const baseline = group({ timeWindowRules: [
    activeConnections(0, 0),
    { ruleType: 'TwinUpdatesNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 5, timeWindowSize: 'PT1M' },
  ] });
  const run = (twinAt?: number) => {
    const timed: [number, string][] = [[0, pk(0, '20.0.0.1')], [35, pk(35, '20.0.0.2')], [45, pk(45, '20.0.0.3')], [65, pk(65, '20.0.0.4')], [75, pk(75, '20.0.0.5')], [200, pk(200, '20.0.0.9')]];
    if (twinAt !== undefined) timed.push([twinAt, line({ t: twinAt, type: 'twinUpdate', part: 'desired' })]);
    // Events in time order (the script reader skips a line that goes back in time).
    const lines = [line({ start: T0 }), ...timed.sort((a, b) => a[0] - b[0]).map(([, l]) => l)];
    const events = file(dir, `twin-${twinAt}.ndjson`, lines.join('\n'));
    return one(detect(dir, { events, baseline, options: { windowAlignment: 'first-record' } }).findings, 'MA410', (f) => f.evidence.rule!.ruleType === 'ActiveConnectionsNotInAllowedRange');
  };
  // Records at T0+10 (the origin), +40, +50, +70, +80, +210: windows (T0+10, T0+70], (T0+70, T0+130], (T0+190, T0+250].
  const expected = windowsFact([[70, 4], [130, 1], [250, 1]]);
  assert.equal(run().evidence.facts?.windows, expected);
  assert.equal(run(95).evidence.facts?.windows, expected, 'a twin update at T0+95 must not become the origin');
  // A hub event before the first record is the device's first: the windows start there.
  assert.equal(run(5).evidence.facts?.windows, windowsFact([[65, 3], [125, 2], [245, 1]]));
});

test('WindowGrid, first-record alignment: the first record opens the first window; a time before it stays in the window before', () => {
  const end = new WindowGrid(60, 'end-inclusive', 'first-record', 1000);
  assert.deepEqual(end.windowOf(1000), { start: 1000, end: 1060 }, 'the origin itself');
  assert.deepEqual(end.windowOf(1060), { start: 1000, end: 1060 }, 'a boundary closes its window');
  assert.deepEqual(end.windowOf(1060.5), { start: 1060, end: 1120 });
  // Before the origin (a message's record stamped before the message that set it): (940, 1000], not the first window.
  assert.deepEqual(end.windowOf(990), { start: 940, end: 1000 });
  assert.deepEqual(end.fullWindows(990, 1130), [{ start: 1000, end: 1060 }, { start: 1060, end: 1120 }]);
  const start = new WindowGrid(60, 'start-inclusive', 'first-record', 1000);
  assert.deepEqual([start.windowOf(1000), start.windowOf(1060), start.windowOf(990)], [{ start: 1000, end: 1060 }, { start: 1060, end: 1120 }, { start: 940, end: 1000 }]);
  const epoch = new WindowGrid(60, 'end-inclusive', 'epoch', 1000);
  assert.deepEqual([epoch.windowOf(1020), epoch.windowOf(1020.001)], [{ start: 960, end: 1020 }, { start: 1020, end: 1080 }]);
});
