// The findings view model: sorting (every column, stable both ways), every filter and their combination,
// menus and counts, the view state's round trip, and the timeline (gaps, downsampling, marks). It must
// bundle for a browser: no Node module anywhere in its imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Finding } from '../../../src-core/findings/finding';
import type { CycleOutcome, CycleReport } from '../../../src-core/agent/agent-report';
import type { DeviceResult } from '../../../src-core/simulator/simulation-types';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import {
  DEFAULT_VIEW_STATE, NO_DEVICE, NO_FILTER, SORT_COLUMNS, applyViewState, compareText, countFindings, defaultDirection,
  deviceTimeline, filterFindings, filterOptions, isBadOutcome, parseViewState, runTimelines, serialiseViewState, sortFindings,
  type FindingFilter, type ViewState,
} from '../../../src-core/findings/view-model';

const T0 = 1700000000;

let n = 0;
function finding(over: Partial<Finding> = {}): Finding {
  n++;
  return {
    id: `F${n}`, code: 'MA400', kind: 'alert', severity: 'Medium', origin: 'cloud', title: `title ${n}`, message: `message ${n}`,
    device: 'dev-1', firstTime: T0, lastTime: T0, count: 1, evidence: {}, locations: [], agentVisible: true, remediation: 'fix it',
    ...over,
  };
}

const ids = (fs: readonly Finding[]) => fs.map((f) => f.id);
const filter = (over: Partial<FindingFilter>): FindingFilter => ({ ...NO_FILTER, ...over });

test('sorting by severity and kind goes by weight: descending is High first and alerts first, as the report', () => {
  const fs = [
    finding({ id: 'low', severity: 'Low' }), finding({ id: 'info', severity: 'Informational' }),
    finding({ id: 'high', severity: 'High' }), finding({ id: 'med', severity: 'Medium' }),
  ];
  assert.deepEqual(ids(sortFindings(fs, { column: 'severity', direction: 'desc' })), ['high', 'med', 'low', 'info']);
  assert.deepEqual(ids(sortFindings(fs, { column: 'severity', direction: 'asc' })), ['info', 'low', 'med', 'high']);
  const ks = [finding({ id: 'h', kind: 'hint' }), finding({ id: 'a', kind: 'alert' }), finding({ id: 'r', kind: 'recommendation' })];
  assert.deepEqual(ids(sortFindings(ks, { column: 'kind', direction: 'desc' })), ['a', 'r', 'h']);
  assert.deepEqual(ids(sortFindings(ks, { column: 'kind', direction: 'asc' })), ['h', 'r', 'a']);
  assert.equal(defaultDirection('severity'), 'desc');
  assert.equal(defaultDirection('firstTime'), 'asc');
});

test('sorting by code, device, title, first time and count; text in natural order; missing values last both ways', () => {
  const fs = [
    finding({ id: 'a', code: 'MA410', device: 'dev-10', title: 'beta', firstTime: T0 + 20, count: 3 }),
    finding({ id: 'b', code: 'MA400', device: undefined, title: 'Alpha', firstTime: undefined, count: 10 }),
    finding({ id: 'c', code: 'MA431', device: 'dev-2', title: 'gamma', firstTime: T0 + 5, count: 1 }),
  ];
  const by = (column: (typeof SORT_COLUMNS)[number], direction: 'asc' | 'desc') => ids(sortFindings(fs, { column, direction }));
  assert.deepEqual(by('code', 'asc'), ['b', 'a', 'c']);
  assert.deepEqual(by('code', 'desc'), ['c', 'a', 'b']);
  assert.deepEqual(by('device', 'asc'), ['c', 'a', 'b'], 'dev-2 before dev-10; hub-wide last');
  assert.deepEqual(by('device', 'desc'), ['a', 'c', 'b'], 'hub-wide still last');
  assert.deepEqual(by('title', 'asc'), ['b', 'a', 'c'], 'case-insensitive');
  assert.deepEqual(by('firstTime', 'asc'), ['c', 'a', 'b']);
  assert.deepEqual(by('firstTime', 'desc'), ['a', 'c', 'b'], 'untimed last');
  assert.deepEqual(by('count', 'desc'), ['b', 'a', 'c']);
  assert.deepEqual(by('count', 'asc'), ['c', 'a', 'b']);
  assert.deepEqual(ids(fs), ['a', 'b', 'c'], 'the input is not reordered');
  for (const column of SORT_COLUMNS) assert.equal(sortFindings([], { column, direction: 'asc' }).length, 0);
});

test('sorting is stable in both directions: ties keep the input order', () => {
  const fs = Array.from({ length: 40 }, (_, i) => finding({ id: `t${i}`, severity: i % 2 ? 'High' : 'Low', device: `dev-${i % 3}` }));
  for (const direction of ['asc', 'desc'] as const) {
    const sorted = sortFindings(fs, { column: 'severity', direction });
    const high = sorted.filter((f) => f.severity === 'High');
    assert.deepEqual(ids(high), ids(fs.filter((f) => f.severity === 'High')), `ties in input order (${direction})`);
    for (const column of SORT_COLUMNS) {
      const s = sortFindings(fs, { column, direction });
      for (let i = 1; i < s.length; i++) {
        const same = sortFindings([s[i - 1], s[i]], { column, direction });
        // Every adjacent pair is in order, and equal pairs keep their input order.
        assert.deepEqual(ids(same), ids([s[i - 1], s[i]]), `${column} ${direction} at ${i}`);
      }
    }
  }
});

test('text order is locale-free: case folded, digit runs as numbers, code units last', () => {
  assert.ok(compareText('dev-2', 'dev-10') < 0);
  assert.ok(compareText('Dev-2', 'dev-2') < 0 && compareText('dev-2', 'Dev-2') > 0, 'case only breaks a tie');
  assert.ok(compareText('a', 'B') < 0);
  assert.ok(compareText('x99999999999999999999', 'x100000000000000000000') < 0, 'long digit runs');
  assert.ok(compareText('dev-01', 'dev-1') !== 0 && compareText('dev-1', 'dev-01') === -compareText('dev-01', 'dev-1'));
  assert.equal(compareText('same', 'same'), 0);
});

const corpus = () => [
  finding({ id: 'hi-alert-d1', severity: 'High', kind: 'alert', code: 'MA400', device: 'dev-1', agentVisible: true, title: 'Communication with a suspicious IP address detected',
    evidence: { remote: 'evil.example.net', indicator: { value: '185.220.101.0/24', kind: 'ipv4', feed: 'blocklist.netset', line: 2, label: 'Tor relays' } } }),
  finding({ id: 'lo-alert-d2-missed', severity: 'Low', kind: 'alert', code: 'MA411', device: 'dev-2', agentVisible: false, alertType: 'IoT_CA_ConnectionToIpNotAllowed', message: 'connected to 52.169.10.43' }),
  finding({ id: 'med-rec-hub', severity: 'Medium', kind: 'recommendation', code: 'MA421', device: undefined, firstTime: undefined, lastTime: undefined, agentVisible: null, title: 'Default IP filter policy' }),
  finding({ id: 'med-hint-d1', severity: 'Medium', kind: 'hint', code: 'MA430', device: 'dev-1', agentVisible: true, title: 'Plaintext MQTT' }),
  finding({ id: 'info-hint-d2', severity: 'Informational', kind: 'hint', code: 'MA432', device: 'dev-2', agentVisible: null, title: 'Flow cache overflowed' }),
];

test('each filter alone: severity set, kind set, code set, device (and hub-wide), agent visibility', () => {
  const fs = corpus();
  assert.deepEqual(ids(filterFindings(fs, NO_FILTER)), ids(fs), 'no filter: everything, in order');
  assert.deepEqual(ids(filterFindings(fs, filter({ severities: ['Medium', 'High'] }))), ['hi-alert-d1', 'med-rec-hub', 'med-hint-d1']);
  assert.deepEqual(ids(filterFindings(fs, filter({ kinds: ['hint'] }))), ['med-hint-d1', 'info-hint-d2']);
  assert.deepEqual(ids(filterFindings(fs, filter({ codes: ['MA411', 'MA421'] }))), ['lo-alert-d2-missed', 'med-rec-hub']);
  assert.deepEqual(ids(filterFindings(fs, filter({ device: 'dev-2' }))), ['lo-alert-d2-missed', 'info-hint-d2']);
  assert.deepEqual(ids(filterFindings(fs, filter({ device: NO_DEVICE }))), ['med-rec-hub']);
  assert.deepEqual(ids(filterFindings(fs, filter({ device: 'nobody' }))), []);
  assert.deepEqual(ids(filterFindings(fs, filter({ visibility: ['seen'] }))), ['hi-alert-d1', 'med-hint-d1']);
  assert.deepEqual(ids(filterFindings(fs, filter({ visibility: ['truth-only'] }))), ['lo-alert-d2-missed']);
  assert.deepEqual(ids(filterFindings(fs, filter({ visibility: ['not-agent-data'] }))), ['med-rec-hub', 'info-hint-d2']);
});

test('free text: case-insensitive over title, message, code, device, alert type, remote and the indicator; all words must occur', () => {
  const fs = corpus();
  const q = (text: string) => ids(filterFindings(fs, filter({ text })));
  assert.deepEqual(q('SUSPICIOUS'), ['hi-alert-d1'], 'title');
  assert.deepEqual(q('52.169.10.43'), ['lo-alert-d2-missed'], 'message');
  assert.deepEqual(q('ma430'), ['med-hint-d1'], 'code');
  assert.deepEqual(q('dev-2'), ['lo-alert-d2-missed', 'info-hint-d2'], 'device');
  assert.deepEqual(q('iot_ca_connection'), ['lo-alert-d2-missed'], 'alert type');
  assert.deepEqual(q('EVIL.example'), ['hi-alert-d1'], 'remote (a DNS name)');
  assert.deepEqual(q('185.220.101.0/24'), ['hi-alert-d1'], 'indicator value');
  assert.deepEqual(q('blocklist.netset'), ['hi-alert-d1'], 'indicator feed');
  assert.deepEqual(q('tor relays'), ['hi-alert-d1'], 'indicator label, words anywhere');
  assert.deepEqual(q('relays plaintext'), [], 'every word must occur');
  assert.deepEqual(q('   '), ids(fs), 'blank: no filter');
  assert.deepEqual(q('fix'), [], 'remediation is not searched');
  assert.deepEqual(q('netset\ntor'), ['hi-alert-d1']);
});

test('filters combine: all of them must let a finding through', () => {
  const fs = corpus();
  const f = filter({ severities: ['High', 'Medium', 'Low'], kinds: ['alert', 'hint'], device: 'dev-1', visibility: ['seen'], text: 'mqtt' });
  assert.deepEqual(ids(filterFindings(fs, f)), ['med-hint-d1']);
  assert.deepEqual(ids(filterFindings(fs, { ...f, text: '' })), ['hi-alert-d1', 'med-hint-d1']);
  assert.deepEqual(ids(filterFindings(fs, { ...f, codes: ['MA400'], text: '' })), ['hi-alert-d1']);
  assert.deepEqual(ids(filterFindings(fs, { ...f, device: 'dev-2' })), []);
  assert.deepEqual(ids(filterFindings(fs, { ...f, visibility: ['truth-only'], device: null, text: '' })), ['lo-alert-d2-missed']);
});

test('menus and counts: distinct devices, codes, kinds and severities; counts per severity, kind and visibility', () => {
  const fs = [...corpus(), finding({ id: 'x', device: 'dev-10', code: 'MA400' })];
  assert.deepEqual(filterOptions(fs), {
    devices: ['dev-1', 'dev-2', 'dev-10'], hubWide: true, codes: ['MA400', 'MA411', 'MA421', 'MA430', 'MA432'],
    kinds: ['alert', 'recommendation', 'hint'], severities: ['High', 'Medium', 'Low', 'Informational'],
  });
  assert.deepEqual(filterOptions([]), { devices: [], hubWide: false, codes: [], kinds: [], severities: [] });
  assert.deepEqual(countFindings(fs), {
    total: 6,
    bySeverity: { High: 1, Medium: 3, Low: 1, Informational: 1 },
    byKind: { alert: 3, recommendation: 1, hint: 2 },
    byVisibility: { seen: 3, 'truth-only': 1, 'not-agent-data': 2 },
  });
});

test('view state: applied (filter, sort, selection), serialised and parsed back unchanged; bad stored state repaired', () => {
  const fs = corpus();
  const state: ViewState = {
    version: 1, sort: { column: 'firstTime', direction: 'desc' },
    filter: { severities: ['Low', 'Medium'], kinds: [], codes: [], device: null, visibility: ['seen', 'truth-only', 'not-agent-data'], text: '' },
    selected: 'med-rec-hub',
  };
  const v = applyViewState(fs, state);
  assert.deepEqual(ids(v.rows), ['lo-alert-d2-missed', 'med-hint-d1', 'med-rec-hub']);
  assert.equal(v.selected?.id, 'med-rec-hub');
  assert.equal(v.all.total, 5);
  assert.equal(v.shown.total, 3);
  assert.deepEqual(v.options.devices, ['dev-1', 'dev-2']);
  const hidden = applyViewState(fs, { ...state, filter: { ...state.filter, device: 'dev-1' } });
  assert.equal(hidden.selected, null, 'a filtered-out selection shows no details');

  const text = serialiseViewState(state);
  assert.deepEqual(parseViewState(text), state, 'round trip through text');
  assert.deepEqual(parseViewState(JSON.parse(text)), state, 'and through a parsed object (webview setState)');
  assert.equal(serialiseViewState(parseViewState(text)), text);
  assert.deepEqual(ids(applyViewState(fs, parseViewState(text)).rows), ids(v.rows));

  assert.deepEqual(parseViewState('not json'), DEFAULT_VIEW_STATE);
  assert.deepEqual(parseViewState(undefined), DEFAULT_VIEW_STATE);
  assert.deepEqual(parseViewState([1, 2]), DEFAULT_VIEW_STATE);
  const repaired = parseViewState({
    version: 7, sort: { column: 'colour', direction: 'desc' },
    filter: { severities: ['High', 'Critical', 'High'], kinds: 'alert', codes: ['MA400', 4], device: 12, visibility: ['seen', 'maybe'], text: 42 },
    selected: 5,
  });
  assert.deepEqual(repaired, {
    version: 1, sort: { column: 'severity', direction: 'desc' },
    filter: { severities: ['High'], kinds: [], codes: ['MA400'], device: null, visibility: ['seen'], text: '' },
    selected: null,
  });
  assert.deepEqual(ids(applyViewState(fs, DEFAULT_VIEW_STATE).rows), ['hi-alert-d1', 'med-rec-hub', 'med-hint-d1', 'lo-alert-d2-missed', 'info-hint-d2']);
});

// ---- Timeline ----

function cycle(time: number, over: Partial<CycleReport> = {}): CycleReport {
  return {
    time, flows: 1, ipv4Records: 1, ipv6Records: 0, bytesIn: 100, bytesOut: 200, drops: 0, events: ['NetworkActivity'],
    messageBytes: 150, messageFrontBytes: 100, outcome: 'sent', ...over,
  };
}

function device(id: string, cycles: CycleReport[], idleSkipped: DeviceResult['agent']['idleSkipped'] = []): DeviceResult {
  return {
    id, securityGroup: 'default', addresses: ['192.168.1.10'], approximate: false,
    agent: {
      state: [], firstCollectionTime: cycles[0]?.time ?? null, flowsRecorded: 0, packetsRecorded: 0, packetsDropped: 0, packetsNotSeen: {},
      messagesSent: 0, messagesDropped: 0, messagesFailed: 0, messagesLostUnsent: 0, messagesLostSendsFailing: 0, sendAttempts: 0, sendsFailed: 0, maxMessageBytes: 0, maxMessageSize: 4096,
      emitterPageSize: null, hung: null, silentFrom: null, cycles, peakFlowsPerCycle: { ipv4: 0, ipv6: 0 }, idleSkipped,
      poolLeak: { ipv4: { leaked: 0, poolSize: 64, failedWhileSuspended: 0, firstLeak: null, blindFrom: null, outageFrom: null }, ipv6: { leaked: 0, poolSize: 64, failedWhileSuspended: 0, firstLeak: null, blindFrom: null, outageFrom: null } },
    },
    truth: { flows: 0, packets: 0, bytes: 0, flowsPartlyMissed: 0, flowsNeverRecorded: 0, flowsListed: [], flowsNotListed: 0 },
    cloudEvents: { summary: {}, events: [] },
  };
}

test('timeline: one point per cycle, idle stretches as gaps that break the line, marks for the device timed findings', () => {
  const cycles = [cycle(T0 + 10), cycle(T0 + 20, { flows: 5, drops: 3 }), cycle(T0 + 30), cycle(T0 + 1000, { outcome: 'lost-unsent' }), cycle(T0 + 1010)];
  const d = device('dev-1', cycles, [{ from: T0 + 40, to: T0 + 1000, cycles: 96, messages: 16 }]);
  const fs = [
    finding({ id: 'm1', device: 'dev-1', firstTime: T0 + 20, lastTime: T0 + 30, severity: 'High' }),
    finding({ id: 'm2', device: 'dev-1', firstTime: T0 + 1500, lastTime: undefined }),
    finding({ id: 'other', device: 'dev-2', firstTime: T0 + 20 }),
    finding({ id: 'untimed', device: 'dev-1', firstTime: undefined, lastTime: undefined }),
  ];
  const t = deviceTimeline(d, fs);
  assert.equal(t.device, 'dev-1');
  assert.equal(t.points.length, 5);
  assert.deepEqual(t.points.map((p) => p.gapBefore), [false, false, false, true, false]);
  assert.deepEqual(t.points[1], { time: T0 + 20, timeEnd: T0 + 20, cycles: 1, flows: 5, bytesIn: 100, bytesOut: 200, drops: 3, messageBytes: 150, outcome: 'sent', gapBefore: false });
  assert.equal(t.points[3].outcome, 'lost-unsent');
  assert.deepEqual(t.gaps, [{ from: T0 + 40, to: T0 + 1000, cycles: 96, messages: 16 }]);
  assert.deepEqual(t.idle, { stretches: 1, cycles: 96, messages: 16, seconds: 960 });
  assert.deepEqual(t.marks.map((m) => [m.id, m.firstTime - T0, m.lastTime - T0, m.severity]), [['m1', 20, 30, 'High'], ['m2', 1500, 1500, 'Medium']]);
  assert.deepEqual(t.extent, { start: T0 + 10, end: T0 + 1500 }, 'the axis holds the marks too');
  assert.deepEqual(t.peaks, { flows: 5, drops: 3, bytesIn: 100, bytesOut: 200, messageBytes: 150 });
  assert.equal(t.bucketSeconds, 0);
  assert.equal(t.cycles, 5);
  assert.equal(t.maxMessageSize, 4096);
  assert.deepEqual(JSON.parse(JSON.stringify(t)), t, 'plain data: it can be posted to the webview');

  const empty = deviceTimeline(device('dev-9', []), fs);
  assert.equal(empty.extent, null);
  assert.deepEqual(empty.points, []);
});

test('timeline downsampling: at most N points, keeping spikes of flows, drops and bytes and every bad outcome', () => {
  // A day of 10 s cycles, quiet but for one spike of each kind and two lost messages.
  const cycles: CycleReport[] = [];
  for (let i = 0; i < 8640; i++) cycles.push(cycle(T0 + i * 10, { flows: 1 + (i % 3), bytesOut: 200 + (i % 7) }));
  cycles[1234] = cycle(cycles[1234].time, { flows: 400 });
  cycles[4321] = cycle(cycles[4321].time, { drops: 77 });
  cycles[5000] = cycle(cycles[5000].time, { bytesIn: 99999, messageBytes: 4000 });
  cycles[6001] = cycle(cycles[6001].time, { outcome: 'dropped-too-big' });
  cycles[7002] = cycle(cycles[7002].time, { outcome: 'hung' });
  const d = device('dev-1', cycles);
  const t = deviceTimeline(d, [], { maxPoints: 100 });
  assert.ok(t.points.length <= 100 && t.points.length >= 90, `${t.points.length} points`);
  assert.equal(t.points.reduce((s, p) => s + p.cycles, 0), 8640, 'every cycle is in some point');
  assert.ok(t.bucketSeconds > 0);
  assert.deepEqual(t.peaks, { flows: 400, drops: 77, bytesIn: 99999, bytesOut: 206, messageBytes: 4000 });
  const at = (time: number) => t.points.find((p) => p.time <= time && time <= p.timeEnd)!;
  assert.equal(at(cycles[1234].time).flows, 400);
  assert.equal(at(cycles[4321].time).drops, 77);
  assert.equal(at(cycles[5000].time).bytesIn, 99999);
  assert.equal(at(cycles[6001].time).outcome, 'dropped-too-big');
  assert.equal(at(cycles[7002].time).outcome, 'hung');
  assert.deepEqual(t.points.filter((p) => isBadOutcome(p.outcome)).map((p) => p.outcome), ['dropped-too-big', 'hung']);
  for (let i = 1; i < t.points.length; i++) assert.ok(t.points[i].time > t.points[i - 1].timeEnd, 'points in time order, no overlap');
  assert.equal(deviceTimeline(d, []).points.length <= 600, true, 'default cap');
  assert.ok(isBadOutcome('lost-unsent') && isBadOutcome('builder-stack-failure') && !isBadOutcome('held') && !isBadOutcome('empty') && !isBadOutcome('sent'));
});

test('downsampled gaps: wide idle stretches stay gaps between points; ones narrower than a bucket are left out but counted', () => {
  const cycles: CycleReport[] = [];
  const idle: DeviceResult['agent']['idleSkipped'] = [];
  let time = T0;
  for (let burst = 0; burst < 20; burst++) {
    for (let i = 0; i < 100; i++) cycles.push(cycle((time += 10)));
    const span = burst === 7 ? 20_000 : 30; // one long idle stretch, the rest shorter than a bucket
    idle.push({ from: time + 10, to: time + 10 + span, cycles: span / 10, messages: 1 });
    time += span;
  }
  const t = deviceTimeline(device('dev-1', cycles, idle), [], { maxPoints: 200 });
  assert.ok(t.points.length <= 200);
  assert.ok(t.bucketSeconds > 30 && t.bucketSeconds < 20_000);
  assert.deepEqual(t.gaps, [idle[7]], 'only the stretch wider than a bucket is drawn');
  assert.equal(t.idle.stretches, 20);
  assert.equal(t.idle.seconds, 19 * 30 + 20_000);
  assert.equal(t.points.filter((p) => p.gapBefore).length, 1);
  const after = t.points.findIndex((p) => p.gapBefore);
  assert.ok(t.points[after - 1].timeEnd <= idle[7].from && t.points[after].time >= idle[7].to);
});

test('timelines of a real run: a shared axis, cycles as the agent listed them, the idle stretch a gap', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-view-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const line = (o: object) => JSON.stringify(o);
  const udp = (s: number, src: string) => line({ t: s, type: 'packet', src, dst: '8.8.8.8', proto: 'udp', sport: 40000, dport: 53, bytes: 40 });
  const events = join(dir, 'idle.ndjson');
  writeFileSync(events, [line({ start: T0 }), udp(0, '192.168.1.10'), udp(1, '192.168.1.10'), udp(300, '192.168.1.11'), udp(7200, '192.168.1.10')].join('\n'));
  const r = runSimulation({ events, config: { ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10 }, devices: [['192.168.1.10'], ['192.168.1.11']], seed: 1 });
  const [a, b] = runTimelines(r);
  assert.deepEqual(a.extent, b.extent, 'one axis for every device');
  const agent = r.devices[0].agent;
  assert.equal(a.points.length, agent.cycles.length);
  assert.ok(agent.idleSkipped.length >= 1, 'the run has an idle stretch');
  assert.equal(a.gaps.length, agent.idleSkipped.length);
  assert.equal(a.points.filter((p) => p.gapBefore).length, agent.idleSkipped.length);
  assert.ok(a.extent!.start <= agent.cycles[0].time && a.extent!.end >= agent.cycles[agent.cycles.length - 1].time);
});

test('the view model bundles for a browser: no Node module in its imports', async () => {
  const out = await build({ entryPoints: [join(__dirname, '../../../src-core/findings/view-model.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  assert.equal(out.errors.length, 0);
  const code = out.outputFiles[0].text;
  assert.doesNotMatch(code, /\brequire\(|from ["']node:|process\.|Buffer\b/);
  assert.match(code, /applyViewState/);
});
