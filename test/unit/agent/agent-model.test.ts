// The agent model's behaviour: capture points, switches, the flow cache's pool, scheduling, the state
// machine, oversize messages, and the real collector's golden vector from ../shared/data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentModel } from '../../../src-core/agent/agent';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import { decodeMessage } from '../../../src-core/agent/schema/decode';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import { formatIpv4, formatIpv6 } from '../../../src-core/traffic/ip-address';

const DEV = 0xc0a8010a; // 192.168.1.10
const device = { ipv4: [DEV], ipv6: [] as Uint32Array[] };
const cfg = (over: Partial<AgentConfig> = {}): AgentConfig => ({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, ...over });

function pkt(time: number, out: boolean, remote: number, proto: number, lport: number, rport: number, bytes: number, extra: Partial<DecodedPacket> = {}): DecodedPacket {
  const p = new DecodedPacket();
  p.time = time;
  p.ipVersion = 4;
  p.src4 = out ? DEV : remote;
  p.dst4 = out ? remote : DEV;
  p.protocol = proto;
  p.srcPort = out ? lport : rport;
  p.dstPort = out ? rport : lport;
  p.transportBytes = bytes;
  return Object.assign(p, extra);
}

test('the IPv4 pool of 64 fills at the 65th flow: that packet and every later one of the cycle are dropped, known flows included', () => {
  const a = new AgentModel(cfg(), device, { keepMessages: true });
  a.enable(1000);
  for (let i = 0; i < 65; i++) a.onPacket(pkt(1001, true, 0x08080800 + i, 17, 40000 + i, 53, 30));
  a.onPacket(pkt(1002, true, 0x08080800, 17, 40000, 53, 30)); // a known flow, still dropped
  const r = a.finish(1005);
  const c = r.cycles[0];
  assert.equal(c.flows, 64);
  assert.equal(c.drops, 2);
  assert.equal(c.bytesOut, 64 * 30);
  assert.equal(r.packetsDropped, 2);
  // The next cycle starts with an empty pool again.
  const b = new AgentModel(cfg(), device);
  b.enable(1000);
  for (let i = 0; i < 64; i++) b.onPacket(pkt(1001, true, 0x08080800 + i, 17, 40000 + i, 53, 30));
  assert.equal(b.finish(1005).packetsDropped, 0);
});

test('a packet of another protocol takes a pool object and gives it back, and counts as a failure when the pool is full', () => {
  const a = new AgentModel(cfg({ maxIpv4ObjectsInCache: 1 }), device);
  a.enable(1000);
  a.onPacket(pkt(1001, true, 0xe0000016, 2, 0, 0, 16)); // IGMP out, pool empty: no failure
  a.onPacket(pkt(1001, true, 0x08080808, 6, 5000, 80, 40)); // takes the only object
  a.onPacket(pkt(1002, true, 0xe0000016, 2, 0, 0, 16)); // pool full: a failure
  const r = a.finish(1005);
  assert.equal(r.cycles[0].flows, 1);
  assert.equal(r.cycles[0].drops, 1);
  assert.equal(r.packetsNotSeen['other-protocol'], 1);
});

test('with the ICMP switch off, ICMP is not recorded; with it on, all ICMP to one host is one record with ports 0', () => {
  const feed = (a: AgentModel) => {
    a.enable(1000);
    a.onPacket(pkt(1001, true, 0x08080808, 1, 0, 0, 64, { icmpType: 8 }));
    a.onPacket(pkt(1002, false, 0x08080808, 1, 0, 0, 64, { icmpType: 0 }));
    a.onPacket(pkt(1003, true, 0x08080808, 6, 5000, 443, 40));
    return a.finish(1005);
  };
  const off = feed(new AgentModel(cfg({ icmpDisabled: true }), device));
  assert.equal(off.cycles[0].flows, 1);
  assert.equal(off.packetsNotSeen['protocol-disabled'], 2);
  const on = new AgentModel(cfg(), device, { keepMessages: true });
  const r = feed(on);
  assert.equal(r.cycles[0].flows, 2);
  const m = decodeMessage(r.cycles[0].message!);
  const ev = m.events[0].payload as { ipv4: { protocol: number; localPort: number; bytesIn: number; bytesOut: number }[] };
  const icmp = ev.ipv4.find((x) => x.protocol === 2)!;
  assert.deepEqual([icmp.localPort, icmp.bytesIn, icmp.bytesOut], [0, 64, 64]);
});

test('unicast-only capture does not see an inbound broadcast; with it off the broadcast is recorded', () => {
  const bcast = (a: AgentModel) => {
    a.enable(1000);
    const p = pkt(1001, false, 0xc0a80101, 17, 67, 68, 300);
    p.dst4 = 0xffffffff;
    p.linkBroadcastOrMulticast = true;
    a.onPacket(p);
    return a;
  };
  const uni = bcast(new AgentModel(cfg(), device));
  const r1 = uni.finish(1005);
  assert.equal(r1.cycles[0].flows, 0);
  assert.equal(r1.packetsNotSeen['broadcast-or-multicast'], 1);
  assert.equal(uni.truth.flow(0).bytesIn, 300, 'the ground truth still has it');
  const all = bcast(new AgentModel(cfg({ captureUnicastOnly: false }), device)).finish(1005);
  assert.equal(all.cycles[0].flows, 1);
});

test('inbound IPv4 options are over-counted by the agent (fault 6) while the ground truth keeps the real bytes', () => {
  const a = new AgentModel(cfg(), device);
  a.enable(1000);
  a.onPacket(pkt(1001, false, 0x08080808, 17, 5000, 53, 20, { ipv4OptionsLength: 4 }));
  const r = a.finish(1005);
  assert.equal(r.cycles[0].bytesIn, 24);
  assert.equal(a.truth.flow(0).bytesIn, 20);
});

test('the first collection falls at a seeded random offset in [30, 90): same seed, same offset and same bytes', () => {
  const first = (seed: number) => {
    const a = new AgentModel(rtosBaseAgentConfig, device, { seed, keepMessages: true });
    a.enable(1000);
    a.onPacket(pkt(1001, true, 0x08080808, 6, 5000, 443, 40));
    return a.finish(1200);
  };
  const offsets = [1, 2, 3, 4, 5, 6].map((s) => first(s).firstCollectionTime! - 1000);
  for (const o of offsets) assert.ok(o >= 30 && o < 90, `offset ${o}`);
  assert.ok(new Set(offsets).size > 1, 'different seeds give different offsets');
  const a = first(42), b = first(42);
  assert.equal(a.firstCollectionTime, b.firstCollectionTime);
  assert.deepEqual(a.cycles[0].message, b.cycles[0].message);
});

test('one message per cycle: network activity, then system information and heartbeat every low-priority interval', () => {
  const a = new AgentModel(cfg(), device);
  a.enable(1000);
  for (let t = 1001; t < 1075; t += 5) a.onPacket(pkt(t, true, 0x08080808, 6, 5000, 443, 40));
  const r = a.finish(1075);
  // The agent's order (agent facts §3.13.2): network activity, system information, heartbeat.
  assert.deepEqual(r.cycles[0].events, ['NetworkActivity', 'SystemInformation', 'Heartbeat']);
  assert.deepEqual(r.cycles[1].events, ['NetworkActivity']);
  assert.deepEqual(r.cycles.map((c) => c.time).slice(0, 7), [1010, 1020, 1030, 1040, 1050, 1060, 1070]);
  assert.deepEqual(r.cycles[6].events, ['NetworkActivity', 'SystemInformation', 'Heartbeat']);
  assert.equal(r.messagesSent, r.cycles.filter((c) => c.events.length).length);
});

test('PENDING goes to SUSPENDED once the pending time has passed without a hub, and back to ACTIVE when one connects', () => {
  const a = new AgentModel(cfg({ pendingTimeSeconds: 30 }), device, { hubEvents: [{ time: 1100, connected: true }] });
  a.enable(1000);
  a.onPacket(pkt(1005, true, 0x08080808, 6, 5000, 443, 40));
  a.onPacket(pkt(1050, true, 0x08080808, 6, 5000, 443, 40)); // suspended: not collected
  const r = a.finish(1200);
  assert.deepEqual(r.state.map((s) => s.state), ['pending', 'suspended', 'active']);
  const suspendedAt = r.state[1].time;
  assert.ok(suspendedAt > 1030 && suspendedAt <= 1033, `suspended at ${suspendedAt}`);
  assert.equal(r.packetsNotSeen['not-collecting'], 1);
  assert.ok(!r.cycles.some((c) => c.time < 1100 && c.outcome === 'sent'), 'nothing is sent without a hub');
  assert.ok(r.messagesLostUnsent >= 1, 'messages built while pending are lost');
  assert.ok(r.cycles.some((c) => c.time > 1100 && c.outcome === 'sent'), 'sending resumes after the hub connects');
  // Every collector is collected at the tick after ACTIVE again (§3.13.4), not after a new offset.
  const back = r.state[2].time;
  assert.ok(back >= 1100 && back < 1103, `active again at ${back}`);
  assert.deepEqual(r.cycles.find((c) => c.time > 1100)?.time, back + 1);
  assert.deepEqual(r.cycles.find((c) => c.time > 1100)?.events, ['SystemInformation', 'Heartbeat']);
});

test('a cache above 115 flows makes the agent silent once a cycle has 116 flows (builder stack)', () => {
  const a = new AgentModel(cfg({ maxIpv4ObjectsInCache: 128 }), device);
  a.enable(1000);
  for (let i = 0; i < 116; i++) a.onPacket(pkt(1001, true, 0x08080000 + i, 6, 40000 + i, 443, 40));
  a.onPacket(pkt(1012, true, 0x08080808, 6, 5000, 443, 40));
  const r = a.finish(1015);
  assert.equal(r.cycles[0].outcome, 'builder-stack-failure');
  assert.equal(r.silentFrom, 1010);
  assert.equal(r.cycles[1].outcome, 'builder-stack-failure', 'the next, small message fails too');
  assert.equal(r.messagesSent, 0);
});

test('an oversize message hangs the agent while asserts are on, and is dropped alone with NX_DISABLE_ASSERT', () => {
  // 64 IPv4 + 64 IPv6 UDP flows with traffic both ways outgrow the RTOS_BASE half page (the sizing assumes TCP).
  const run = (assertsDisabled: boolean) => {
    const dev6 = new Uint32Array([0x20010db8, 0, 0, 0x10]);
    const a = new AgentModel(cfg({ assertsDisabled }), { ipv4: [DEV], ipv6: [dev6] });
    a.enable(1000);
    for (let i = 0; i < 64; i++) {
      a.onPacket(pkt(1001, true, 0x08080000 + i, 17, 40000 + i, 53, 40));
      a.onPacket(pkt(1001, false, 0x08080000 + i, 17, 40000 + i, 53, 40));
      for (const out of [true, false]) {
        const p = new DecodedPacket();
        p.time = 1002;
        p.ipVersion = 6;
        p.protocol = 17;
        const remote = new Uint32Array([0x20010db8, 1, 0, i + 1]);
        (out ? p.src6 : p.dst6).set(dev6);
        (out ? p.dst6 : p.src6).set(remote);
        p.srcPort = out ? 40000 + i : 53;
        p.dstPort = out ? 53 : 40000 + i;
        p.transportBytes = 40;
        a.onPacket(p);
      }
    }
    a.onPacket(pkt(1015, true, 0x08080808, 6, 5000, 443, 40));
    return a.finish(1025);
  };
  const hung = run(false);
  assert.equal(hung.hung?.reason, 'page-overflow');
  assert.equal(hung.cycles[0].outcome, 'hung');
  assert.equal(hung.cycles.length, 1, 'nothing is collected after the hang');
  const dropped = run(true);
  assert.equal(dropped.cycles[0].outcome, 'dropped-too-big');
  assert.equal(dropped.messagesDropped, 1);
  assert.equal(dropped.cycles[1].outcome, 'sent');
});

const GOLDEN = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'golden');

test('the golden collector vector from ../shared/data/golden is reproduced cycle by cycle', (t) => {
  if (!existsSync(join(GOLDEN, 'collector-synthetic.expected.json'))) {
    t.skip('../shared/data/golden is absent (it sits beside the repository); nothing to compare with');
    return;
  }
  const expected = JSON.parse(readFileSync(join(GOLDEN, 'collector-synthetic.expected.json'), 'utf8'));
  const result = runSimulation({
    capture: join(GOLDEN, expected.capture),
    // Only the network collector was replayed: heartbeat and system information off, so a message is the network event.
    config: cfg({ heartbeatEnabled: false, systemInformationEnabled: false }),
    devices: [[expected.device.ipv4, expected.device.ipv6]],
    seed: 1,
  });
  const a = result.devices[0].agent;
  for (const exp of expected.cycles) {
    const got = a.cycles.find((c) => c.time === exp.window[1]);
    assert.ok(got, `a collection at ${exp.window[1]}`);
    assert.equal(got.flows, exp.records.length, `cycle ${exp.cycle} records`);
    if (exp.records.length) {
      assert.equal(got.ipv4Records, exp.ipv4Records);
      assert.equal(got.ipv6Records, exp.ipv6Records);
      assert.equal(got.bytesIn, exp.bytesIn);
      assert.equal(got.bytesOut, exp.bytesOut);
      assert.equal(got.drops, exp.poolFailures);
    }
    assert.equal(got.messageBytes, exp.networkEventMessageBytes, `cycle ${exp.cycle} message bytes`);
  }
  // Record by record, through the message the model built.
  const agent = new AgentModel(cfg({ heartbeatEnabled: false, systemInformationEnabled: false }), {
    ipv4: [DEV], ipv6: [new Uint32Array([0x20010db8, 0, 0, 0x10])],
  }, { keepMessages: true });
  const { readTrace } = require('../../../src-core/traffic/trace-reader') as typeof import('../../../src-core/traffic/trace-reader');
  let last = 0;
  readTrace(join(GOLDEN, expected.capture), (p) => {
    agent.onPacket(p);
    last = p.time;
  });
  const msg = decodeMessage(agent.finish(last).cycles[0].message!);
  const payload = msg.events[0].payload as { ipv4: any[]; ipv6: any[] };
  const key = (r: any) => `${r.local}|${r.localPort}|${r.remote}|${r.remotePort}|${r.protocol}|${r.bytesIn}|${r.bytesOut}`;
  const got = [
    ...payload.ipv4.map((r) => ({ ...r, local: formatIpv4(r.local), remote: formatIpv4(r.remote), protocol: ['TCP', 'UDP', 'ICMP'][r.protocol] })),
    ...payload.ipv6.map((r) => ({ ...r, local: formatIpv6(r.local), remote: formatIpv6(r.remote), protocol: ['TCP', 'UDP', 'ICMP'][r.protocol] })),
  ].map(key).sort();
  assert.deepEqual(got, expected.cycles[0].records.map(key).sort());
});
