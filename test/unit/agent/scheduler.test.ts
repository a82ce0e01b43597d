// The agent's scheduler and state machine as the real agent runs them (agent facts §3.13): the order of a
// 60 s message's events, outages while ACTIVE and from the start, the pool leak after a suspension, sends
// that fail with the hub connected, quiet devices, and where a run ends. Each test is built from the
// scenario it names: a generated capture and an event script.
//
// The first collection is forced to 49 s after the start (ASC_FIRST_FORCE_COLLECTION_INTERVAL 49): the
// collections then fall at 49, 59, ..., 299, the grid the measured runs of docs/agent-facts.md §3.13 had (SUSPENDED at 302
// after an outage from the start, ACTIVE at 602 when the hub is back at 600, all collectors at 603).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentModel } from '../../../src-core/agent/agent';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import { simulationText } from '../../../src-core/simulator/report-text';
import { decodeMessage } from '../../../src-core/agent/schema/decode';
import { encodeMessage } from '../../../src-core/agent/schema/encode';
import { EventIdSource } from '../../../src-core/agent/event-id';
import { SeededRandom } from '../../../src-core/agent/prng';
import { readEventScript } from '../../../src-core/traffic/event-script';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import type { ScenarioFlow } from '../../../src-core/traffic/scenario';
import { T0, cli, file, tempDir } from './fixtures';
import { DEVICE, DEVICE_ID, GROUP, detect, one, scenario, withCode, writeScenario } from '../cloud/detection-fixtures';

const cfg = (over: Partial<AgentConfig> = {}): AgentConfig => ({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 49, ...over });
const line = (o: object) => JSON.stringify(o);
const script = (...events: object[]) => [line({ start: T0 }), ...events.map(line)].join('\n') + '\n';
const at = (s: number) => T0 + s;

/** One packet a second from the device to a server (outbound only), from `start` for `seconds`. */
const outbound = (seconds: number, start = 0): ScenarioFlow => ({ protocol: 'udp', peer: '52.1.2.3', port: 8883, start, packets: seconds, interval: 1, oneWay: true, size: 40 });
/** One packet a second from a server to the device (inbound only). */
const inbound = (seconds: number, start = 0): ScenarioFlow => ({ protocol: 'udp', peer: '52.1.2.3', port: 5683, start, packets: seconds, interval: 1, oneWay: true, initiator: 'peer', size: 40 });

function run(t: { after: (fn: () => void) => void }, flows: ScenarioFlow[], events: string | undefined, config = cfg()) {
  const dir = tempDir(t);
  const capture = flows.length ? writeScenario(dir, 'c.pcap', scenario(flows)) : undefined;
  const eventsFile = events === undefined ? undefined : file(dir, 'e.ndjson', events);
  const r = runSimulation({ capture, events: eventsFile, config, devices: [{ id: DEVICE_ID, securityGroup: GROUP, addresses: [DEVICE.ipv4] }], seed: 1 });
  return r.devices[0];
}

const states = (a: { state: { time: number; state: string }[] }) => a.state.map((s) => `${s.state}@${s.time - T0}`);

const DEV = 0xc0a80132; // 192.168.1.50
function udpOut(time: number, remote = 0x34010203): DecodedPacket {
  const p = new DecodedPacket();
  p.time = time;
  p.ipVersion = 4;
  p.protocol = 17;
  p.src4 = DEV;
  p.dst4 = remote;
  p.srcPort = 40000;
  p.dstPort = 8883;
  p.transportBytes = 48;
  return p;
}

test('steady state: a 60 s message is network activity, system information, heartbeat; same size as the other order, different bytes', () => {
  const a = new AgentModel(cfg({ firstForceCollectionIntervalSeconds: 10 }), { ipv4: [DEV], ipv6: [] }, { seed: 5, keepMessages: true });
  for (let s = 0; s < 130; s++) a.onPacket(udpOut(T0 + s));
  const r = a.finish(T0 + 129);
  const sixty = r.cycles.filter((c) => c.events.length === 3);
  assert.deepEqual(sixty.map((c) => c.time - T0), [10, 70, 130]);
  for (const c of sixty) {
    assert.deepEqual(c.events, ['NetworkActivity', 'SystemInformation', 'Heartbeat']);
    assert.equal(c.sentAt, c.time, 'sent at the collection');
  }
  const m = decodeMessage(sixty[1].message!);
  assert.deepEqual(m.events.map((e) => e.payload.type), ['NetworkActivity', 'SystemInformation', 'Heartbeat']);
  // The bytes are the encoder's for that order, byte for byte; the golden vectors' order (heartbeat first)
  // gives the same size and other bytes.
  assert.deepEqual(encodeMessage(m), sixty[1].message);
  const [net, si, hb] = m.events;
  const other = encodeMessage({ ...m, events: [net, hb, si] });
  assert.equal(other.length, sixty[1].message!.length);
  assert.notDeepEqual(other, sixty[1].message);
  // With ASC_FIRST_FORCE_COLLECTION_INTERVAL no random number is drawn for the offset (§3.13.1): the first
  // event ids are the seed's first draws.
  const ids = new EventIdSource(new SeededRandom(5));
  assert.deepEqual(decodeMessage(sixty[0].message!).events.map((e) => Buffer.from(e.id).toString('hex')), [ids.next(), ids.next(), ids.next()].map((id) => Buffer.from(id).toString('hex')));
  // Without it, the offset is drawn first (30..89 s) and the ids come after it.
  const random = new AgentModel(rtosBaseAgentConfig, { ipv4: [DEV], ipv6: [] }, { seed: 5, keepMessages: true });
  random.onPacket(udpOut(T0));
  const rr = random.finish(T0);
  const offset = rr.firstCollectionTime! - T0;
  const prng = new SeededRandom(5);
  assert.equal(offset, (prng.nextInt() % 60) + 30);
  assert.deepEqual(decodeMessage(rr.cycles[0].message!).events[0].id, new EventIdSource(prng).next());
});

test('hub down at 300 s for 120 s: PENDING at the next collection, messages built meanwhile lost, the held one sent a second after the reconnection is seen', (t) => {
  const d = run(t, [outbound(600)], script({ t: 300, type: 'hubDisconnected' }, { t: 420, type: 'hubConnected' }));
  const a = d.agent;
  // The module notices at its next send (the collection at 309); PENDING polls every 3 s from the last
  // collection (419 -> 422), sees the hub at 422, and sends the message built at 419 one second later.
  assert.deepEqual(states(a), ['pending@0', 'active@0', 'pending@309', 'active@422']);
  const byTime = new Map(a.cycles.map((c) => [c.time - T0, c]));
  assert.equal(byTime.get(299)!.sentAt, at(299));
  const lost = a.cycles.filter((c) => c.outcome === 'lost-unsent').map((c) => c.time - T0);
  assert.deepEqual(lost, [309, 319, 329, 339, 349, 359, 369, 379, 389, 399, 409]);
  assert.equal(a.messagesLostUnsent, 11);
  assert.equal(a.messagesLostSendsFailing, 0);
  assert.deepEqual([byTime.get(419)!.outcome, byTime.get(419)!.sentAt], ['sent', at(423)]);
  assert.equal(byTime.get(429)!.sentAt, at(429), 'then at each collection again');
  assert.equal(a.poolLeak.ipv4.leaked, 0, 'PENDING keeps collecting: nothing leaks');
});

test('hub down from the start for 600 s with outbound traffic: SUSPENDED at 302, ACTIVE at 602, all collectors at 603, the held message discarded, the IPv4 collector blind from the 64th outbound packet in suspension', (t) => {
  const dir = tempDir(t);
  const events = file(dir, 'hub.ndjson', script({ t: 0, type: 'hubDisconnected' }, { t: 600, type: 'hubConnected' }));
  const det = detect(dir, { flows: [outbound(900)], events, config: cfg(), devices: [{ id: DEVICE_ID, securityGroup: GROUP, addresses: [DEVICE.ipv4] }] });
  const d = det.result.devices[0];
  const a = d.agent;
  assert.deepEqual(states(a), ['pending@0', 'suspended@302', 'active@602']);
  const times = a.cycles.map((c) => c.time - T0);
  assert.ok(!times.some((x) => x > 299 && x < 603), 'no collection while SUSPENDED');
  // Every collector is overdue when the module is ACTIVE again: all are collected at the next tick, and
  // the grid restarts there (network activity at 613, 623, ...; the low-priority pair at 663).
  const c603 = a.cycles.find((c) => c.time === at(603))!;
  assert.deepEqual(c603.events, ['SystemInformation', 'Heartbeat'], 'the network collector ran too, with nothing to report (its pool is gone)');
  assert.equal(c603.sentAt, at(603));
  assert.deepEqual(times.filter((x) => x > 603 && x < 700), [613, 623, 633, 643, 653, 663, 673, 683, 693]);
  assert.deepEqual(a.cycles.find((c) => c.time === at(663))!.events, ['SystemInformation', 'Heartbeat']);
  // The message built at 299 (PENDING) was held through the suspension and discarded at 603, not sent.
  const held = a.cycles.find((c) => c.time === at(299))!;
  assert.deepEqual([held.outcome, held.sentAt, held.flows], ['lost-unsent', undefined, 1]);
  assert.equal(a.messagesSent, a.cycles.filter((c) => c.time >= at(603) && c.outcome === 'sent').length);
  assert.ok(!a.cycles.some((c) => c.time < at(603) && c.outcome === 'sent'), 'nothing sent before the hub came back');
  // The leak: packets at 302..365 took the pool's 64 objects; from the 64th on the collector is blind.
  const leak = a.poolLeak.ipv4;
  assert.deepEqual([leak.leaked, leak.poolSize, leak.firstLeak, leak.blindFrom, leak.outageFrom], [64, 64, at(302), at(365), at(0)]);
  assert.equal(leak.failedWhileSuspended, 601 - 366 + 1, 'every later packet while SUSPENDED found the pool empty');
  assert.equal(a.poolLeak.ipv6.leaked, 0);
  // After the reconnection every packet is an allocation failure: nothing is recorded until a reboot.
  assert.ok(a.cycles.filter((c) => c.time >= at(603)).every((c) => c.flows === 0));
  assert.equal(a.cycles.find((c) => c.time === at(613))!.drops, 10);
  assert.equal(a.packetsNotSeen['pool-full'], 900 - 602);
  // The ground truth still shows what the device did.
  assert.equal(d.truth.packets, 900);
  assert.equal(d.truth.flowsListed[0].packetsOut, 900);
  // The finding names it.
  const f = one(det.findings, 'MA438');
  assert.deepEqual([f.id, f.severity, f.kind, f.firstTime, f.lastTime, f.count], [`MA438:${DEVICE_ID}:ipv4`, 'High', 'hint', at(302), at(365), 64]);
  assert.match(f.message, /^IPv4 network monitoring lost after the hub outage at .*; reboot or avoid outbound traffic while suspended\./);
  assert.deepEqual(f.evidence.facts, { leaked: 64, poolSize: 64, failedWhileSuspended: 236, blindFrom: at(365), outageFrom: at(0) });
});

test('hub down from the start for 600 s with inbound traffic only: no leak, network activity collected again at 603, no MA438', (t) => {
  const dir = tempDir(t);
  const events = file(dir, 'hub.ndjson', script({ t: 0, type: 'hubDisconnected' }, { t: 600, type: 'hubConnected' }));
  const det = detect(dir, { flows: [inbound(900)], events, config: cfg(), devices: [{ id: DEVICE_ID, securityGroup: GROUP, addresses: [DEVICE.ipv4] }] });
  const a = det.result.devices[0].agent;
  assert.deepEqual(states(a), ['pending@0', 'suspended@302', 'active@602']);
  assert.deepEqual(a.poolLeak.ipv4, { leaked: 0, poolSize: 64, failedWhileSuspended: 0, firstLeak: null, blindFrom: null, outageFrom: null });
  const c603 = a.cycles.find((c) => c.time === at(603))!;
  assert.deepEqual([c603.events, c603.flows, c603.bytesIn], [['NetworkActivity', 'SystemInformation', 'Heartbeat'], 1, 40 + 8]);
  assert.equal(a.cycles.find((c) => c.time === at(613))!.flows, 1);
  assert.equal(a.packetsNotSeen['pool-full'], undefined);
  assert.deepEqual(withCode(det.findings, 'MA438'), []);
  assert.ok(withCode(det.findings, 'MA436').length === 1, 'the time without a hub is still a hint');
});

test('the same outage without CAPTURE_UNICAST_ONLY: inbound packets reach the IP filter too and leak (inferred from the source)', (t) => {
  const a = run(t, [inbound(900)], script({ t: 0, type: 'hubDisconnected' }, { t: 600, type: 'hubConnected' }), cfg({ captureUnicastOnly: false })).agent;
  assert.deepEqual([a.poolLeak.ipv4.leaked, a.poolLeak.ipv4.blindFrom], [64, at(365)]);
});

test('a short outbound burst while SUSPENDED shrinks the pool: each cycle afterwards holds at most the objects left (MA438, Medium)', (t) => {
  const dir = tempDir(t);
  const events = file(dir, 'hub.ndjson', script({ t: 0, type: 'hubDisconnected' }, { t: 600, type: 'hubConnected' }));
  // 40 packets to 40 servers at 400 s (SUSPENDED), then 30 flows in one cycle after the reconnection.
  const flows: ScenarioFlow[] = [
    ...Array.from({ length: 40 }, (_, i) => ({ protocol: 'udp' as const, peer: `52.3.0.${i + 1}`, port: 53, start: 400 + i * 0.01, packets: 1, oneWay: true })),
    ...Array.from({ length: 30 }, (_, i) => ({ protocol: 'udp' as const, peer: `52.4.0.${i + 1}`, port: 53, start: 700 + i * 0.01, packets: 1, oneWay: true })),
  ];
  const det = detect(dir, { flows, events, config: cfg(), devices: [{ id: DEVICE_ID, securityGroup: GROUP, addresses: [DEVICE.ipv4] }] });
  const a = det.result.devices[0].agent;
  assert.deepEqual([a.poolLeak.ipv4.leaked, a.poolLeak.ipv4.blindFrom], [40, null]);
  const c = a.cycles.find((x) => x.time === at(703))!;
  assert.deepEqual([c.flows, c.drops], [24, 6]);
  const f = one(det.findings, 'MA438');
  assert.equal(f.severity, 'Medium');
  assert.match(f.message, /40 of 64 objects are gone, so each cycle now records at most 24 IPv4 flows/);
  assert.deepEqual(withCode(det.findings, 'MA432'), [], 'a leaked pool is not a cache too small');
});

test('sends failing for 180 s with the hub connected: ACTIVE throughout, retries every 3 s until the next collection, lost messages counted', (t) => {
  const d = run(t, [outbound(600)], script({ t: 300, type: 'sendsFailing', reason: 'packet pool exhausted' }, { t: 480, type: 'sendsRecovered' }));
  const a = d.agent;
  assert.deepEqual(states(a), ['pending@0', 'active@0']);
  const failed = a.cycles.filter((c) => c.time >= at(300) && c.time < at(480));
  assert.deepEqual(failed.map((c) => c.time - T0), [309, 319, 329, 339, 349, 359, 369, 379, 389, 399, 409, 419, 429, 439, 449, 459, 469, 479].slice(0, failed.length));
  // Tries at 309, 312, 315 and 318; the collection at 319 discards the message.
  for (const c of failed.slice(0, -1)) assert.deepEqual([c.outcome, c.sendAttempts, c.sentAt], ['lost-unsent', 4, undefined], `cycle ${c.time - T0}`);
  const last = a.cycles.find((c) => c.time === at(479))!;
  assert.deepEqual([last.outcome, last.sendAttempts, last.sentAt], ['sent', 2, at(482)], 'tried at 479, sent at the retry after the recovery');
  assert.equal(a.messagesLostSendsFailing, 17);
  assert.equal(a.messagesLostUnsent, 0);
  assert.equal(a.sendsFailed, 17 * 4 + 1);
  assert.equal(a.sendAttempts, a.messagesSent + a.sendsFailed);
  assert.equal(a.cycles.find((c) => c.time === at(489))!.sentAt, at(489));
});

test('a quiet device: empty cycles re-arm the poll, so the states fall on the agent\'s seconds (SUSPENDED at 302, not 301)', (t) => {
  const d = run(t, [], script({ t: 0, type: 'hubDisconnected' }, { t: 600, type: 'hubConnected' }));
  const a = d.agent;
  // Polls every 3 s from each collection (every 10 s, empty ones included): 299 -> 302. Re-armed only by
  // the 60 s messages the polls would run 289 -> 292 ... 301.
  assert.deepEqual(states(a), ['pending@0', 'suspended@302', 'active@602']);
  // The script's last event is the reconnection: the run goes on one low-priority interval past it (to
  // 660), so the resumption shows.
  const after = a.cycles.filter((c) => c.time > at(600));
  assert.deepEqual(after.map((c) => c.time - T0), [603, 613, 623, 633, 643, 653]);
  assert.deepEqual(after[0].events, ['SystemInformation', 'Heartbeat']);
  assert.equal(after[0].sentAt, at(603));
  assert.equal(after[1].outcome, 'empty');
  // The 60 s messages of 49, 109, 169, 229 and 289 were each discarded by the (empty) collection after
  // them: nothing was held across the suspension.
  assert.equal(a.messagesLostUnsent, 5);
  assert.deepEqual(a.cycles.filter((c) => c.outcome === 'lost-unsent').map((c) => c.time - T0), [49, 109, 169, 229, 289]);
});

test('a quiet device whose hub is up: one message a minute, sent at once; an empty cycle sends nothing and keeps the module ACTIVE', (t) => {
  const a = run(t, [], script({ t: 0, type: 'hubConnected' }, { t: 200, type: 'd2cMessage', bytes: 10 })).agent;
  assert.deepEqual(states(a), ['pending@0', 'active@0']);
  assert.deepEqual(a.cycles.filter((c) => c.outcome === 'sent').map((c) => [c.time - T0, c.sentAt! - T0]), [[49, 49], [109, 109], [169, 169], [229, 229]]);
  assert.ok(a.cycles.filter((c) => c.outcome === 'empty').length >= 15);
});

test('the idle skip gives the same report as stepping through a suspension, a leak and a stretch of failing sends', () => {
  const config = cfg({ pendingTimeSeconds: 100 });
  const hubEvents = [{ time: at(3000), connected: false }, { time: at(9000), connected: true }];
  const sendEvents = [{ time: at(12000), failing: true }, { time: at(15000), failing: false }];
  // Packets: a few before the outage, 100 out while SUSPENDED (the pool leaks out), a few after.
  const times = [0, 5, 2500, ...Array.from({ length: 100 }, (_, i) => 5000 + i), 10000, 13000, 20000];
  const go = (stepped: boolean) => {
    const a = new AgentModel(config, { ipv4: [DEV], ipv6: [] }, { seed: 3, hubEvents, sendEvents, hubInitiallyConnected: true, keepMessages: true });
    const foreign = udpOut(0);
    foreign.src4 = 0x0a000001; // neither end is the device: it only moves the clock
    for (let i = 0; i < times.length; i++) {
      if (stepped && i > 0) for (let s = times[i - 1] + 50; s < times[i]; s += 50) (foreign.time = at(s)), a.onPacket(foreign);
      a.onPacket(udpOut(at(times[i]), 0x34010200 + (i % 50)));
    }
    return a.finish(at(times[times.length - 1]));
  };
  const skipped = go(false);
  const stepped = go(true);
  assert.ok(skipped.idleSkipped.length > 0, 'something was skipped');
  assert.equal(stepped.idleSkipped.length, 0);
  assert.deepEqual(skipped.state, stepped.state);
  assert.deepEqual(skipped.poolLeak, stepped.poolLeak);
  assert.equal(skipped.poolLeak.ipv4.leaked, 64);
  assert.ok(!skipped.idleSkipped.some((s) => s.to > at(12000) && s.from < at(15000)), 'no skip while sends fail');
  const counts = (r: typeof skipped) => [r.messagesSent, r.messagesLostUnsent, r.messagesLostSendsFailing, r.sendAttempts, r.sendsFailed, r.flowsRecorded, r.packetsRecorded, r.packetsDropped];
  assert.deepEqual(counts(skipped), counts(stepped));
  assert.ok(skipped.messagesLostSendsFailing > 0);
  assert.equal(skipped.cycles.length + skipped.idleSkipped.reduce((n, s) => n + s.cycles, 0), stepped.cycles.length);
  const last = (r: typeof skipped) => r.cycles.filter((c) => c.message).pop()!.message;
  assert.deepEqual(last(skipped), last(stepped));
});

test('event scripts: sendsFailing takes a reason, sendsRecovered nothing else; both reach the agent, not the cloud events', (t) => {
  const dir = tempDir(t);
  const path = file(dir, 's.ndjson', script({ t: 1, type: 'sendsFailing', reason: 'no packets in the pool' }, { t: 2, type: 'sendsRecovered', reason: 'x' }, { t: 3, type: 'sendsRecovered' }));
  const seen: string[] = [];
  const r = readEventScript(path, (e) => void seen.push(`${e.type}@${e.time - T0}`));
  assert.deepEqual(seen, ['sendsFailing@1', 'sendsRecovered@3']);
  assert.equal(r.notes.length, 1);
  assert.match(r.notes[0].message, /:3: unknown property 'reason' for type sendsRecovered/);
  const d = run(t, [outbound(30)], script({ t: 5, type: 'sendsFailing' }, { t: 20, type: 'sendsRecovered' }), cfg({ firstForceCollectionIntervalSeconds: 10 }));
  assert.deepEqual(d.cloudEvents.events, []);
  // Collections at 10, 20, 30: the message of 10 is tried at 10, 13, 16 and 19; sends work again at 20.
  assert.equal(d.agent.sendsFailed, 4);
  assert.equal(d.agent.messagesLostSendsFailing, 1);
});

test('--until ends each run exactly there (seconds after the start or an ISO-8601 time); without it a run goes one low-priority interval past its last input', async (t) => {
  const dir = tempDir(t);
  writeScenario(dir, 'c.pcap', scenario([outbound(100)]));
  const base = ['simulate', '--capture', 'c.pcap', '--device-ip', DEVICE.ipv4, '--force-first-collection', '10', '--format', 'json'];
  const json = async (extra: string[]) => {
    const r = await cli([...base, ...extra], dir);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout).devices[0];
  };
  const plain = await json([]);
  // The last packet at 99: the run goes to 159.
  assert.equal(plain.agent.cycles[plain.agent.cycles.length - 1].time, at(150));
  const longer = await json(['--until', '300']);
  assert.equal(longer.agent.cycles[longer.agent.cycles.length - 1].time, at(300));
  assert.equal(longer.truth.packets, 100);
  const shorter = await json(['--until', '50']);
  assert.equal(shorter.agent.cycles[shorter.agent.cycles.length - 1].time, at(50));
  assert.equal(shorter.truth.packets, 51, 'packets after the end are not read');
  // T0 is 2023-11-14T22:13:20Z: 22:14:10Z is 50 s after it.
  assert.deepEqual(await json(['--until', '2023-11-14T22:14:10Z']), shorter);
  const bad = await cli([...base, '--until', 'tomorrow'], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--until must be seconds after the start \(a number\) or an ISO-8601 time/);
});

test('a profile says sends fail: simulation.sendsFailing windows count from the device\'s start', async (t) => {
  const dir = tempDir(t);
  writeScenario(dir, 'c.pcap', scenario([outbound(600)]));
  file(dir, 'microagent.json', JSON.stringify({
    devices: [{ id: DEVICE_ID, addresses: [DEVICE.ipv4], capture: 'c.pcap' }],
    simulation: { seed: 1, sendsFailing: [{ from: 300, to: 480 }, { from: '2023-11-14T22:21:40Z' }] },
  }));
  const r = await cli(['simulate', '--profile', 'microagent.json', '--force-first-collection', '49', '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const a = JSON.parse(r.stdout).devices[0].agent;
  // 300..480 as in the script test; then from 500 s (22:21:40Z) to the end of the run (659): the messages
  // of 509..609 (the last with the packet of 599), and the 60 s message of 649, discarded by the empty
  // collection at 659.
  assert.equal(a.messagesLostSendsFailing, 17 + 11 + 1);
  assert.equal(a.cycles.filter((c: { time: number; outcome: string }) => c.time >= at(500) && c.outcome === 'sent').length, 0);
  assert.deepEqual(a.state.map((s: { state: string }) => s.state), ['pending', 'active']);
});

test('the text report says what the scheduler did: failing sends, the messages they lost, a late send, the pool leak', (t) => {
  const dir = tempDir(t);
  const devices = [{ id: DEVICE_ID, securityGroup: GROUP, addresses: [DEVICE.ipv4] }];
  const capture = writeScenario(dir, 'c.pcap', scenario([outbound(900)]));
  const failing = runSimulation({ capture, events: file(dir, 'f.ndjson', script({ t: 300, type: 'sendsFailing', reason: 'x' }, { t: 480, type: 'sendsRecovered' })), config: cfg(), devices, seed: 1 });
  const text = simulationText(failing, 'asc_config.h', { maxCycles: 100 });
  assert.match(text, /sends failed with a hub connected: 69 of \d+ tried; 17 messages discarded after every send failed/);
  assert.match(text, /\n  2023-11-14 22:21:19Z .* sent 3 s later\n/, 'the cycle at 479 s, sent after the recovery, says when it left');
  assert.match(text, /state: pending at 2023-11-14 22:13:20Z, active at 2023-11-14 22:13:20Z/);
  const outage = runSimulation({ capture, events: file(dir, 'o.ndjson', script({ t: 0, type: 'hubDisconnected' }, { t: 600, type: 'hubConnected' })), config: cfg(), devices, seed: 1 });
  assert.match(simulationText(outage, 'asc_config.h'), /IPv4 pool leak after a hub outage: 64 of 64 objects taken while SUSPENDED and never given back \(the first at 2023-11-14 22:\d\d:\d\dZ\); the pool is empty from 2023-11-14 22:19:25Z/);
  assert.doesNotMatch(simulationText(runSimulation({ capture, config: cfg(), devices, seed: 1 }), 'asc_config.h'), /pool leak|sends failed/);
});

test('a profile\'s durationSeconds ends the run as --until does, exactly; --until wins over it', async (t) => {
  const dir = tempDir(t);
  writeScenario(dir, 'c.pcap', scenario([outbound(100)]));
  const profile = (simulation: object) => JSON.stringify({ devices: [{ id: DEVICE_ID, addresses: [DEVICE.ipv4], capture: 'c.pcap' }], simulation: { seed: 1, ...simulation } });
  const json = async (args: string[]) => {
    const r = await cli(['simulate', '--force-first-collection', '10', '--format', 'json', ...args], dir);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout).devices[0];
    return { cycles: d.agent.cycles, truth: d.truth };
  };
  file(dir, 'p.microagent.json', profile({ durationSeconds: 50 }));
  const viaProfile = await json(['--profile', 'p.microagent.json']);
  assert.equal(viaProfile.cycles[viaProfile.cycles.length - 1].time, at(50));
  assert.equal(viaProfile.truth.packets, 51, 'packets after the end are not read');
  assert.deepEqual(viaProfile, await json(['--profile', 'p.microagent.json', '--until', '50']));
  const overridden = await json(['--profile', 'p.microagent.json', '--until', '300']);
  assert.equal(overridden.cycles[overridden.cycles.length - 1].time, at(300));
  // With a startTime the duration counts from it (the agent starts there).
  file(dir, 'q.microagent.json', profile({ startTime: '2023-11-14T22:13:20Z', durationSeconds: 30 }));
  const fromStart = await json(['--profile', 'q.microagent.json']);
  assert.equal(fromStart.cycles[fromStart.cycles.length - 1].time, at(30));
});
