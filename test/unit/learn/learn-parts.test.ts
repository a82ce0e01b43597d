// The learner's parts, one job each: time bounds, the threshold arithmetic, the allowlist's ranges, the
// learned profile's file (name, text, loading with its schema check), the atomic writes, the span.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SourceDocument } from '../../../src-core/language/document';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { parseTimeBound, resolveRange } from '../../../src-core/learn/time-range';
import { observeWindows, thresholdsFor } from '../../../src-core/learn/window-thresholds';
import { allowlistRanges } from '../../../src-core/learn/allowlist-ranges';
import { baselineText } from '../../../src-core/learn/baseline-text';
import { compareServices, learnedPathFor, learnedProfileText, serviceOf } from '../../../src-core/learn/learned-profile';
import { loadLearnedProfile } from '../../../src-core/learn/learned-profile-loader';
import { existingOutputs, writeOutputsAtomically } from '../../../src-core/learn/output-files';
import { deviceSpan } from '../../../src-core/learn/device-span';
import { scriptFrom } from '../../../src-core/learn/script-cut';
import { readEventScript } from '../../../src-core/traffic/event-script';
import { tempDir } from '../agent/fixtures';

const host = (text: string) => {
  if (text.includes(':')) {
    const { parseIpv6, ipv6BytesToWords } = require('../../../src-core/traffic/ip-address') as typeof import('../../../src-core/traffic/ip-address');
    return { version: 6 as const, words: [...ipv6BytesToWords(parseIpv6(text)!)], text };
  }
  const words = [text.split('.').reduce((n, o) => n * 256 + Number(o), 0)];
  return { version: 4 as const, words, text };
};

describe('time bounds', () => {
  test('seconds from the first record, or ISO-8601 (UTC without a zone)', () => {
    assert.deepEqual(parseTimeBound('300'), { kind: 'offset', seconds: 300, text: '300' });
    assert.deepEqual(parseTimeBound('90.5'), { kind: 'offset', seconds: 90.5, text: '90.5' });
    assert.deepEqual(parseTimeBound('2023-11-14T22:15:00Z'), { kind: 'absolute', epoch: 1700000100, text: '2023-11-14T22:15:00Z' });
    assert.deepEqual(parseTimeBound('2023-11-14T22:15:00'), { kind: 'absolute', epoch: 1700000100, text: '2023-11-14T22:15:00' });
    assert.deepEqual(parseTimeBound('2023-11-14T23:15:00+01:00'), { kind: 'absolute', epoch: 1700000100, text: '2023-11-14T23:15:00+01:00' });
    assert.deepEqual(parseTimeBound('2023-11-14T22:15:00.5Z'), { kind: 'absolute', epoch: 1700000100.5, text: '2023-11-14T22:15:00.5Z' });
    for (const bad of ['-5', '5m', 'PT5M', '2023-02-30T00:00:00Z', '2023-11-14T25:00:00Z', 'yesterday']) assert.ok('error' in parseTimeBound(bad), bad);
  });

  test('resolved against the first record; --to alone starts at the first record; --to after --from', () => {
    const first = () => 1000;
    const b = (t: string) => parseTimeBound(t) as Exclude<ReturnType<typeof parseTimeBound>, { error: string }>;
    assert.deepEqual(resolveRange(b('60'), b('120'), first), { start: 1060, end: 1120 });
    assert.deepEqual(resolveRange(undefined, b('120'), first), { start: 1000, end: 1120 });
    assert.deepEqual(resolveRange(b('60'), undefined, first), { start: 1060, end: undefined });
    assert.deepEqual(resolveRange(undefined, undefined, () => assert.fail('not read')), { start: undefined, end: undefined });
    assert.match((resolveRange(b('120'), b('60'), first) as { error: string }).error, /must come after/);
    assert.match((resolveRange(b('60'), undefined, () => undefined) as { error: string }).error, /no record/);
  });
});

describe('thresholds', () => {
  const w = (observed: number, full: boolean) => ({ start: 0, end: 300, observed, full });

  test('max over every window, min over full windows only; zero-count full windows count', () => {
    assert.deepEqual(observeWindows([[w(3, false), w(10, true), w(7, true)], [w(12, false)]]), { windows: 4, fullWindows: 2, max: 12, minFull: 7 });
    assert.deepEqual(observeWindows([[w(0, true), w(5, true)]]), { windows: 2, fullWindows: 2, max: 5, minFull: 0 });
    assert.deepEqual(observeWindows([]), { windows: 0, fullWindows: 0, max: 0 });
  });

  test('ceil(max x (1 + m)), floor(min x (1 - m)), no full window: min 0', () => {
    const seen = { windows: 3, fullWindows: 2, max: 17, minFull: 9 };
    assert.deepEqual([thresholdsFor(seen, 50).min, thresholdsFor(seen, 50).max], [4, 26]);
    assert.deepEqual([thresholdsFor(seen, 0).min, thresholdsFor(seen, 0).max], [9, 17]);
    assert.deepEqual([thresholdsFor(seen, 10).min, thresholdsFor(seen, 10).max], [8, 19]);
    // 10 x 1.1 is 11.000000000000002 in floating point: still 11.
    assert.equal(thresholdsFor({ windows: 1, fullWindows: 0, max: 10 }, 10).max, 11);
    assert.equal(thresholdsFor({ windows: 1, fullWindows: 0, max: 10 }, 10).min, 0);
    assert.equal(thresholdsFor(seen, 200).min, 0, 'never below 0');
    assert.deepEqual([thresholdsFor(seen, 0, 'exclusive').min, thresholdsFor(seen, 0, 'exclusive').max], [8, 18]);
  });
});

describe('allowlist ranges', () => {
  test('host prefixes, IPv4 then IPv6, in address order', () => {
    assert.deepEqual(allowlistRanges(['10.0.0.20', '10.0.0.3', '2001:db8::1', '9.9.9.9'].map(host)), ['9.9.9.9/32', '10.0.0.3/32', '10.0.0.20/32', '2001:db8::1/128']);
    assert.deepEqual(allowlistRanges([]), []);
  });

  test('aggregation: shared networks become the network, lone hosts stay hosts; validates without MA207', () => {
    const hosts = ['52.169.10.8', '52.169.10.15', '52.169.11.1', '20.49.110.5', '2603:1030:20e:3::23c', '2603:1030:20e:3::1', '2001:db8::1'].map(host);
    const ranges = allowlistRanges(hosts, { v4: 24, v6: 64 });
    assert.deepEqual(ranges, ['20.49.110.5/32', '52.169.10.0/24', '52.169.11.1/32', '2001:db8::1/128', '2603:1030:20e:3::/64']);
    const text = baselineText({ group: 'g', windowText: 'PT5M', min: 0, max: 3, allowlist: ranges });
    assert.deepEqual(validateBaseline(new SourceDocument('/x/g.baseline.json', text)), []);
  });

  test('an empty allowlist validates (enabled, no value): the schema sets no minimum, no MA2xx rule fires', () => {
    const text = baselineText({ group: 'default', windowText: 'PT5M', min: 0, max: 0, allowlist: [] });
    assert.deepEqual(validateBaseline(new SourceDocument('/x/e.baseline.json', text)), []);
  });
});

describe('the learned profile file', () => {
  test('X.baseline.json -> X.learned.json (also .jsonc and plain .json)', () => {
    assert.equal(learnedPathFor('/a/door-locks.baseline.json'), '/a/door-locks.learned.json');
    assert.equal(learnedPathFor('/a/door-locks.baseline.jsonc'), '/a/door-locks.learned.json');
    assert.equal(learnedPathFor('/a/Door.BASELINE.JSON'), '/a/Door.learned.json');
    assert.equal(learnedPathFor('/a/groups.json'), '/a/groups.learned.json');
    assert.equal(learnedPathFor('/a/groups'), '/a/groups.learned.json');
  });

  test('services: the remote port outbound, the device port inbound, no port for ICMP', () => {
    assert.equal(serviceOf({ protocol: 'TCP', direction: 'outbound', localPort: 50000, remotePort: 8883 }), 'TCP 8883');
    assert.equal(serviceOf({ protocol: 'UDP', direction: 'inbound', localPort: 5683, remotePort: 40000 }), 'UDP 5683');
    assert.equal(serviceOf({ protocol: 'ICMP', direction: 'outbound', localPort: 0, remotePort: 0 }), 'ICMP');
    assert.deepEqual(['ICMP', 'UDP 53', 'TCP 8883', 'other', 'TCP 443'].sort(compareServices), ['TCP 443', 'TCP 8883', 'UDP 53', 'ICMP', 'other']);
  });

  test('written sorted and read back; IPv6 keys compare in canonical form', () => {
    const text = learnedProfileText({ learnedProfile: 1, generatedBy: 'test', groups: { g: { remotes: {
      '2001:db8::1': { services: ['UDP 5683'] }, '10.0.0.20': { services: ['TCP 443', 'ICMP', 'TCP 443'] }, '10.0.0.3': { services: ['UDP 53'] } } } } });
    assert.deepEqual(Object.keys(JSON.parse(text).groups.g.remotes), ['10.0.0.3', '10.0.0.20', '2001:db8::1']);
    assert.deepEqual(JSON.parse(text).groups.g.remotes['10.0.0.20'].services, ['TCP 443', 'ICMP']);
    const l = loadLearnedProfile('/x/g.learned.json', text.replace('2001:db8::1', '2001:DB8:0:0::1'));
    assert.ok(l.profile, l.note);
    const g = l.profile!.groups.get('g')!;
    assert.equal(g.remotes.size, 3);
    const v6 = [...g.remotes.values()].find((r) => r.text === '2001:db8::1');
    assert.deepEqual([...v6!.services], ['UDP 5683']);
    assert.equal(v6!.location.file, '/x/g.learned.json');
    assert.ok(l.profile!.groups.has('g'));
  });

  test('comments and trailing commas are read; group names compare case-insensitively', () => {
    const l = loadLearnedProfile('/x/c.learned.json', '// learned\n{ "learnedProfile": 1, "groups": { "Door-Locks": { "remotes": { "10.0.0.1": { "services": ["TCP 1",], }, }, }, }, }\n');
    assert.ok(l.profile, l.note);
    assert.ok(l.profile!.groups.has('door-locks'));
  });

  test('a bad file gives one note with the file, line:column and JSON pointer', () => {
    const cases: [string, RegExp][] = [
      ['{ "learnedProfile": 1, "groups": { "g": { "remotes": { "10.0.0.1": { "services": ["TCP 99999"] } } } } }', /^\/x\/b\.learned\.json:1:\d+: "TCP 99999" for 10\.0\.0\.1 in group g: a port is 0-65535/],
      ['{ "learnedProfile": 1, "groups": { "g": { "remotes": { "10.0.0.256": { "services": [] } } } } }', /^\/x\/b\.learned\.json:1:\d+: "10\.0\.0\.256" in group g is not an IPv4 or IPv6 address/],
      ['{ "learnedProfile": 2, "groups": {} }', /^\/x\/b\.learned\.json:1:21: must be 1 .*\(at \/learnedProfile\)/],
      ['{\n  "learnedProfile": 1,\n  "groups": { "g": { "remotes": {}, "ports": [] } }\n}', /^\/x\/b\.learned\.json:3:37: unknown property "ports" \(at \/groups\/g\)/],
      ['{ "learnedProfile": 1 }', /^\/x\/b\.learned\.json:1:1: missing property "groups" \(at \/\)/],
      ['{ "learnedProfile": 1, "groups": { "g": { "remotes": { "10.0.0.1": { "services": ["SCTP 9"] } } } } }', /"TCP <port>", "UDP <port>", "ICMP" or "other" \(at \/groups\/g\/remotes\/10\.0\.0\.1\/services\/0\)/],
      ['{ "learnedProfile": 1, "groups": ', /^\/x\/b\.learned\.json:1:\d+: .*; the learned profile is not used/],
      ['', /^\/x\/b\.learned\.json(:1:1)?: .*the learned profile is not used/],
    ];
    for (const [text, re] of cases) {
      const l = loadLearnedProfile('/x/b.learned.json', text);
      assert.equal(l.profile, undefined, text);
      assert.match(l.note!, re);
      assert.match(l.note!, /the learned profile is not used \(MA402 not evaluated\)$/);
    }
  });
});

describe('output files', () => {
  test('existing outputs are listed; the writes leave no temporary file behind', (t) => {
    const dir = tempDir(t);
    const a = join(dir, 'a.baseline.json');
    const b = join(dir, 'a.learned.json');
    writeFileSync(b, 'old');
    assert.deepEqual(existingOutputs([{ path: a, text: '' }, { path: b, text: '' }]), [b]);
    writeOutputsAtomically([{ path: a, text: 'A' }, { path: b, text: 'B' }]);
    assert.equal(readFileSync(a, 'utf8'), 'A');
    assert.equal(readFileSync(b, 'utf8'), 'B');
    assert.deepEqual(readdirSync(dir).sort(), ['a.baseline.json', 'a.learned.json']);
  });

  test('a failed write leaves the old files and no temporary file', (t) => {
    const dir = tempDir(t);
    const a = join(dir, 'a.baseline.json');
    writeFileSync(a, 'old');
    mkdirSync(join(dir, 'folder.json'));
    assert.throws(() => writeOutputsAtomically([{ path: a, text: 'new' }, { path: join(dir, 'missing', 'x.json'), text: 'B' }]));
    assert.equal(readFileSync(a, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir).sort(), ['a.baseline.json', 'folder.json']);
  });
});

describe('the span the cloud judges', () => {
  test('a capture: its first and last packet, or the cut\'s start', () => {
    assert.deepEqual(deviceSpan({ kind: 'pcap', end: Infinity, firstPacketTime: 10, lastPacketTime: 90 }), { from: 10, to: 90 });
    assert.deepEqual(deviceSpan({ kind: 'pcap', startTime: 5, end: 100, firstPacketTime: 10, lastPacketTime: 90 }), { from: 5, to: 90 });
    assert.deepEqual(deviceSpan({ kind: 'pcap', end: Infinity, firstPacketTime: null, lastPacketTime: null }), { from: -Infinity, to: -Infinity });
  });

  test('an event script: its packets and its other events (hub, cloud) bound the run', () => {
    const script = { hubEvents: [], cloudEvents: [], firstTime: 2, lastTime: 200, packets: [{ time: 10 }, { time: 50 }] as never[] };
    assert.deepEqual(deviceSpan({ kind: 'event-script', end: Infinity, firstPacketTime: 10, lastPacketTime: 50, script }), { from: 2, to: 200 });
    assert.deepEqual(deviceSpan({ kind: 'event-script', end: 100, firstPacketTime: 10, lastPacketTime: 50, script }), { from: 2, to: 100 });
  });
});

describe('an event script cut at --from', () => {
  test('packet events before the start are blanked, other events and line numbers kept; nothing to cut: no copy', (t) => {
    const dir = tempDir(t);
    const path = join(dir, 's.ndjson');
    const pkt = (at: number) => JSON.stringify({ t: at, type: 'packet', src: '192.168.1.50', dst: '52.169.10.1', proto: 'udp', sport: 5000, dport: 443, bytes: 60 });
    writeFileSync(path, [JSON.stringify({ start: 1000 }), pkt(5), JSON.stringify({ t: 6, type: 'hubDisconnected' }), pkt(50), '{ bad', pkt(60)].join('\n'));
    const cut = scriptFrom(path, 1040)!;
    t.after(() => cut.remove());
    assert.equal(cut.dropped, 1);
    const events: string[] = [];
    const r = readEventScript(cut.path, (e) => void events.push(`${e.line} ${e.type} ${e.time}`));
    assert.deepEqual(events, ['3 hubDisconnected 1006', '4 packet 1050', '6 packet 1060']);
    assert.match(r.notes[0].message, /:5: not JSON/);
    assert.equal(scriptFrom(path, 1000), undefined);
  });
});
