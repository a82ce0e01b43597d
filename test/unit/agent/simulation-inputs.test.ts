// The simulator's inputs besides a single capture: the NDJSON event script (hub state machine, hand-written
// packets, cloud events), Zeek conn.logs (synthetic packets, approximate), profiles with several devices,
// input recognition by content, bad inputs, and determinism with a seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import { kindOfText, detectInputKind } from '../../../src-core/agent/input-kind';
import { feedConnLog } from '../../../src-core/agent/conn-log-packets';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import { T0, capture, cli, file, tempDir } from './fixtures';

const cfg = (over: Partial<AgentConfig> = {}): AgentConfig => ({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, ...over });
const line = (o: object) => JSON.stringify(o);
const udp = (t: number, extra: object = {}) => line({ t, type: 'packet', src: '192.168.1.10', dst: '8.8.8.8', proto: 'udp', sport: 40000, dport: 53, bytes: 40, ...extra });

test('event script: hub down -> pending -> suspended after the pending time -> active again when the hub is back', (t) => {
  const dir = tempDir(t);
  const lines = [line({ start: T0 }), line({ t: 0, type: 'hubConnected', protocol: 'mqtt' }), line({ t: 50, type: 'hubDisconnected', reason: 'network' }), line({ t: 500, type: 'hubConnected' })];
  const packets: string[] = [];
  for (let s = 1; s <= 600; s += 20) packets.push(udp(s));
  // Events must be in time order: merge the packets in.
  const script = [lines[0], lines[1], ...packets.filter((p) => JSON.parse(p).t < 50), lines[2], ...packets.filter((p) => JSON.parse(p).t >= 50 && JSON.parse(p).t < 500), lines[3], ...packets.filter((p) => JSON.parse(p).t >= 500)];
  const events = file(dir, 'hub.ndjson', script.join('\n'));
  const r = runSimulation({ events, config: cfg({ pendingTimeSeconds: 100 }), devices: [['192.168.1.10']], seed: 1 });
  const a = r.devices[0].agent;
  assert.deepEqual(a.state.map((s) => s.state), ['pending', 'active', 'pending', 'suspended', 'active']);
  const [, active, pending, suspended, again] = a.state;
  assert.equal(active.time, T0);
  assert.ok(pending.time >= T0 + 50 && pending.time <= T0 + 60, `pending at ${pending.time - T0}`);
  assert.ok(suspended.time - pending.time > 100 && suspended.time - pending.time <= 103, `suspended ${suspended.time - pending.time} s after pending`);
  assert.ok(again.time >= T0 + 500 && again.time <= T0 + 503, `active again at ${again.time - T0}`);
  assert.ok(a.packetsNotSeen['not-collecting']! > 0, 'packets while suspended are not collected');
  assert.ok(a.messagesLostUnsent >= 1, 'messages built while pending are lost');
  assert.ok(a.cycles.some((c) => c.time > T0 + 500 && c.outcome === 'sent'), 'sending resumes');
  assert.ok(!a.cycles.some((c) => c.time > suspended.time && c.time < again.time), 'no collection while suspended');
});

test('without hub events the hub is up from the start; the profile can say it is down (then pending -> suspended)', (t) => {
  const dir = tempDir(t);
  const events = file(dir, 'p.ndjson', [line({ start: T0 }), udp(0), udp(400)].join('\n'));
  const up = runSimulation({ events, config: cfg({ pendingTimeSeconds: 100 }), devices: [['192.168.1.10']], seed: 1 });
  assert.deepEqual(up.devices[0].agent.state.map((s) => s.state), ['pending', 'active']);
  const down = runSimulation({ events, config: cfg({ pendingTimeSeconds: 100 }), devices: [['192.168.1.10']], seed: 1, hubConnected: false });
  assert.deepEqual(down.devices[0].agent.state.map((s) => s.state), ['pending', 'suspended']);
  assert.equal(down.devices[0].agent.messagesSent, 0);
});

test('hand-written packet events go through the same agent model, with their count', (t) => {
  const dir = tempDir(t);
  const events = file(dir, 'pk.ndjson', [line({ start: T0 }), udp(1, { count: 5 }), udp(2, { direction: 'in', src: '8.8.8.8', dst: '192.168.1.10', sport: 53, dport: 40000, bytes: 100 }), line({ t: 3, type: 'packet', src: '192.168.1.10', dst: '8.8.4.4', proto: 'tcp', sport: 41000, dport: 23, bytes: 20 })].join('\n'));
  const r = runSimulation({ events, config: cfg(), devices: [['192.168.1.10']], seed: 1 });
  const d = r.devices[0];
  assert.equal(r.summary.packetsRead, 7);
  assert.equal(d.truth.flows, 2);
  assert.equal(d.agent.packetsRecorded, 7);
  const c = d.agent.cycles[0];
  assert.equal(c.flows, 2);
  assert.equal(c.bytesOut, 5 * 40 + 20);
  assert.equal(c.bytesIn, 100);
  // Given as the capture, the script is recognised by its content and runs the same.
  const asCapture = runSimulation({ capture: events, config: cfg(), devices: [['192.168.1.10']], seed: 1 });
  assert.deepEqual(asCapture.devices[0].agent, d.agent);
  // With the TCP switch off, the same script's TCP packet is not recorded.
  const off = runSimulation({ events, config: cfg({ tcpDisabled: true }), devices: [['192.168.1.10']], seed: 1 });
  assert.equal(off.devices[0].agent.packetsNotSeen['protocol-disabled'], 1);
});

test('script packets merge in time order with a capture; cloud events are kept per device with counts and times; unknown devices are noted', (t) => {
  const dir = tempDir(t);
  const pcap = capture(dir, 'c.pcap', '192.168.1.10', ['20.1.1.1'], 6);
  const events = file(dir, 'e.ndjson', [
    line({ start: T0 }),
    udp(2.5),
    line({ t: 3, type: 'd2cMessage', protocol: 'mqtt', bytes: 300, count: 3 }),
    line({ t: 4, type: 'failedLocalLogin', user: 'root', src: '10.0.0.9', count: 2, device: 'door-1' }),
    line({ t: 5, type: 'twinUpdate', part: 'desired', device: 'nope' }),
    line({ t: 9, type: 'failedLocalLogin', user: 'admin', src: '10.0.0.9', device: 'door-1' }),
  ].join('\n'));
  const r = runSimulation({ capture: pcap, events, config: cfg(), devices: [{ id: 'door-1', addresses: ['192.168.1.10'] }], seed: 1 });
  const d = r.devices[0];
  assert.equal(d.truth.flows, 2, 'the capture flow and the script flow');
  assert.equal(r.summary.packetsRead, 6 + 1);
  assert.deepEqual(d.cloudEvents.summary.d2cMessage, { count: 3, first: T0 + 3, last: T0 + 3 });
  assert.deepEqual(d.cloudEvents.summary.failedLocalLogin, { count: 3, first: T0 + 4, last: T0 + 9 });
  assert.equal(d.cloudEvents.events.find((e) => e.type === 'failedLocalLogin')!.user, 'root');
  assert.equal(d.cloudEvents.summary.twinUpdate, undefined);
  assert.ok(r.summary.notes.some((n) => n.includes("e.ndjson:5: device 'nope'")), r.summary.notes.join('\n'));
});

const CONN_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'];
function connLog(rows: (string | number)[][]): string {
  return ['#separator \\x09', `#fields\t${CONN_FIELDS.join('\t')}`, ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
}

test('a conn.log feeds the model: each flow\'s packets and bytes per direction spread evenly over its duration, marked approximate', async (t) => {
  const dir = tempDir(t);
  const log = file(dir, 'conn.log', connLog([
    // Zeek writes a flow when it ends: the longer flow comes first although it started later.
    [T0 + 1, 'C1', '192.168.1.10', 40000, '20.1.1.1', 8883, 'tcp', '-', 20, 1000, 2000, 'SF', '-', '-', 0, 'ShADadFf', 10, 1400, 10, 2400, '-'],
    [T0 + 0.5, 'C2', '192.168.1.10', 40001, '8.8.8.8', 53, 'udp', 'dns', 0.1, 40, 80, 'SF', '-', '-', 0, 'Dd', 1, 68, 1, 108, '-'],
    [T0 + 2, 'C3', '192.168.1.10', 0, '192.168.1.1', 0, 'sctp', '-', 1, 10, 10, 'SF', '-', '-', 0, '-', 1, 30, 1, 30, '-'],
    ['bad line'],
  ]));
  const times: number[] = [];
  const fed = feedConnLog(log, (p) => void times.push(p.time));
  assert.equal(fed.packets, 22);
  assert.deepEqual([...times].sort((a, b) => a - b), times, 'packets come in time order');
  assert.equal(times[0], T0 + 0.5);
  assert.equal(times[times.length - 1], T0 + 21);
  assert.ok(fed.notes.some((n) => n.includes(':5:') && n.includes('sctp')), fed.notes.join('\n'));
  assert.ok(fed.notes.some((n) => n.includes(':6:')), 'the bad line is named');

  const r = runSimulation({ connLog: log, config: cfg(), devices: [['192.168.1.10']], seed: 1 });
  const d = r.devices[0];
  assert.equal(r.summary.approximate, true);
  assert.equal(d.approximate, true);
  const mqtt = d.truth.flowsListed.find((f) => f.remotePort === 8883)!;
  // IP bytes minus 20 bytes of IPv4 header per packet: what the agent counts.
  assert.deepEqual([mqtt.packetsOut, mqtt.packetsIn, mqtt.bytesOut, mqtt.bytesIn], [10, 10, 1200, 2200]);
  assert.equal(mqtt.initiator, 'local');
  assert.equal(mqtt.initiatorFromHandshake, true);
  assert.deepEqual([mqtt.firstTime, mqtt.lastTime], [T0 + 1, T0 + 21]);
  const sent = d.agent.cycles.reduce((n, c) => n + c.bytesOut, 0);
  const received = d.agent.cycles.reduce((n, c) => n + c.bytesIn, 0);
  assert.deepEqual([sent, received], [1200 + 48, 2200 + 88]);
  // Given as --capture, the conn.log is recognised by its content.
  const same = runSimulation({ capture: log, config: cfg(), devices: [['192.168.1.10']], seed: 1 });
  assert.deepEqual(same.devices[0].agent, d.agent);
  // The CLI says so in both formats.
  const json = await cli(['simulate', '--conn-log', 'conn.log', '--device-ip', '192.168.1.10', '--force-first-collection', '10', '--format', 'json'], dir);
  assert.equal(json.status, 0, json.stderr);
  const out = JSON.parse(json.stdout);
  assert.equal(out.summary.approximate, true);
  assert.equal(out.summary.packetsRead, 22);
  assert.equal(out.devices[0].agent.flowsRecorded, d.agent.flowsRecorded);
  const text = await cli(['simulate', '--conn-log', 'conn.log', '--device-ip', '192.168.1.10'], dir);
  assert.match(text.stdout, /APPROXIMATE: conn\.log flows were spread into synthetic packets/);
});

test('input kinds are told by content: pcap magic, Zeek TSV or JSON, event scripts (also with # comments)', (t) => {
  const dir = tempDir(t);
  assert.equal(kindOfText('#separator \\x09\n#fields\tts\n'), 'conn-log');
  assert.equal(kindOfText('{"ts":1700000000.1,"uid":"C1","id.orig_h":"10.0.0.1"}\n'), 'conn-log');
  assert.equal(kindOfText('# my script\n{"start":"2024-01-01T00:00:00Z"}\n'), 'event-script');
  assert.equal(kindOfText('{"t":0,"type":"hubConnected"}'), 'event-script');
  assert.equal(kindOfText('1700000000.1\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\n'), 'conn-log');
  assert.equal(kindOfText('hello world\n'), undefined);
  assert.deepEqual(detectInputKind(capture(dir, 'k.pcap', '192.168.1.10', ['20.1.1.1'], 2)), { kind: 'pcap' });
  const bad = detectInputKind(file(dir, 'notes.txt', 'hello world\n'));
  assert.ok('error' in bad && bad.error.includes('notes.txt'));
  const missing = detectInputKind(`${dir}/absent.pcap`);
  assert.ok('error' in missing && missing.error.includes('ENOENT'));
});

test('a profile with two devices: each its own capture, addresses and security group; the agent configuration from the profile', async (t) => {
  const dir = tempDir(t);
  capture(dir, 'door1.pcap', '192.168.1.10', ['20.1.1.1', '20.1.1.2', '20.1.1.3'], 4);
  capture(dir, 'door2.pcap', '192.168.1.11', ['20.1.1.9'], 4);
  file(dir, 'asc_config.h', '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 2\n#define ASC_FIRST_FORCE_COLLECTION_INTERVAL 10\n');
  file(dir, 'site.microagent.json', JSON.stringify({
    agentConfig: 'asc_config.h',
    devices: [
      { id: 'door-1', securityGroup: 'door-locks', addresses: ['192.168.1.10'], capture: 'door1.pcap' },
      { id: 'door-2', addresses: ['192.168.1.11'], capture: 'door2.pcap' },
    ],
    simulation: { seed: 7 },
  }));
  // Run from another folder: the profile's paths are relative to the profile.
  const r = await cli(['simulate', '--profile', `${dir}/site.microagent.json`, '--format', 'json'], '/');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.summary.seed, 7);
  assert.deepEqual(out.devices.map((d: any) => [d.id, d.securityGroup, d.truth.flows]), [['door-1', 'door-locks', 3], ['door-2', 'default', 1]]);
  assert.ok(out.devices[0].agent.packetsDropped > 0, 'door-1 overflows the 2-entry cache from the profile\'s asc_config.h');
  assert.equal(out.devices[1].agent.packetsDropped, 0);
  assert.ok(out.devices[0].agent.messagesSent > 0 && out.devices[1].agent.messagesSent > 0);
  assert.ok(out.devices.every((d: any) => d.agent.cycles.every((c: any) => 'time' in c && 'flows' in c && 'bytesIn' in c && 'drops' in c && 'messageBytes' in c)));
  // Text output names both devices.
  const text = await cli(['simulate', '--profile', `${dir}/site.microagent.json`], '/');
  assert.match(text.stdout, /device door-1 \(192\.168\.1\.10\), security group door-locks/);
  assert.match(text.stdout, /device door-2/);
});

test('missing or unknown files stop with a clear message and exit 2', async (t) => {
  const dir = tempDir(t);
  file(dir, 'broken.microagent.json', JSON.stringify({ devices: [{ id: 'd', addresses: ['192.168.1.10'], capture: 'nowhere.pcap' }] }));
  const p = await cli(['simulate', '--profile', 'broken.microagent.json'], dir);
  assert.equal(p.status, 2);
  assert.match(p.stderr, /broken\.microagent\.json:1:\d+: MA302 Capture "nowhere\.pcap" not found/);
  const absent = await cli(['simulate', '--profile', 'absent.microagent.json'], dir);
  assert.equal(absent.status, 2);
  assert.match(absent.stderr, /absent\.microagent\.json: cannot read the profile: ENOENT/);
  const noCapture = await cli(['simulate', '--capture', 'gone.pcap'], dir);
  assert.equal(noCapture.status, 2);
  assert.match(noCapture.stderr, /capture .*gone\.pcap not found/);
  file(dir, 'notes.txt', 'hello\n');
  const unknown = await cli(['simulate', '--capture', 'notes.txt', '--device-ip', '192.168.1.10'], dir);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /notes\.txt: not a pcap\/pcapng capture, a Zeek conn\.log or an NDJSON event script/);
  const nothing = await cli(['simulate'], dir);
  assert.equal(nothing.status, 2);
});

test('determinism: the same inputs and seed give identical output; another seed moves the first collection', async (t) => {
  const dir = tempDir(t);
  capture(dir, 'd.pcap', '192.168.1.10', ['20.1.1.1', '20.1.1.2'], 120);
  file(dir, 'e.ndjson', [line({ start: T0 }), line({ t: 30, type: 'hubDisconnected' }), line({ t: 40, type: 'd2cMessage', bytes: 10 }), line({ t: 70, type: 'hubConnected' })].join('\n'));
  const args = (seed: number) => ['simulate', '--capture', 'd.pcap', '--events', 'e.ndjson', '--seed', String(seed), '--format', 'json'];
  const a = await cli(args(5), dir);
  const b = await cli(args(5), dir);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const first = (s: string) => JSON.parse(s).devices[0].agent.firstCollectionTime;
  const other = await cli(args(6), dir);
  assert.notEqual(first(other.stdout), first(a.stdout));
  const t0 = first(a.stdout) - T0;
  assert.ok(t0 >= 30 && t0 < 90, `first collection ${t0} s in`);
});
