// Every message the agent builds reaches an observer once its fate is settled (sent, lost unsent, dropped
// for size, hung, held at the end), with the bytes the model encoded; a message the builder gave up on comes
// rebuilt without its limits. Each cycle can list its records, with the packets counted into each way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentModel } from '../../../src-core/agent/agent';
import type { CycleReport } from '../../../src-core/agent/agent-report';
import { decodeMessage } from '../../../src-core/agent/schema/decode';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import { DecodedPacket } from '../../../src-core/traffic/packet';

const DEV = 0xc0a8010a; // 192.168.1.10
const DEV6 = new Uint32Array([0x20010db8, 0, 0, 0x10]);
const cfg = (over: Partial<AgentConfig> = {}): AgentConfig => ({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, ...over });

function udp4(time: number, out: boolean, remote: number, lport: number, bytes = 40): DecodedPacket {
  const p = new DecodedPacket();
  p.time = time;
  p.ipVersion = 4;
  p.protocol = 17;
  p.src4 = out ? DEV : remote;
  p.dst4 = out ? remote : DEV;
  p.srcPort = out ? lport : 53;
  p.dstPort = out ? 53 : lport;
  p.transportBytes = bytes;
  return p;
}

function udp6(time: number, out: boolean, i: number): DecodedPacket {
  const p = new DecodedPacket();
  p.time = time;
  p.ipVersion = 6;
  p.protocol = 17;
  const remote = new Uint32Array([0x20010db8, 1, 0, i + 1]);
  (out ? p.src6 : p.dst6).set(DEV6);
  (out ? p.dst6 : p.src6).set(remote);
  p.srcPort = out ? 40000 + i : 53;
  p.dstPort = out ? 53 : 40000 + i;
  p.transportBytes = 40;
  return p;
}

/** An agent whose observer keeps every settled message, in the order heard. */
function listening(config: AgentConfig, options: ConstructorParameters<typeof AgentModel>[2] = {}) {
  const heard: { cycle: CycleReport; outcome: string; bytes: Uint8Array }[] = [];
  const agent = new AgentModel(config, { ipv4: [DEV], ipv6: [DEV6] }, {
    ...options,
    observer: { messageDone: (cycle, bytes) => heard.push({ cycle, outcome: cycle.outcome, bytes }) },
  });
  return { agent, heard };
}

/** 64 UDP IPv4 and 64 UDP IPv6 flows with traffic both ways: more than the shipped 64/64 page holds. */
function overflow(a: AgentModel): void {
  for (let i = 0; i < 64; i++) {
    a.onPacket(udp4(1001, true, 0x08080000 + i, 40000 + i));
    a.onPacket(udp4(1001, false, 0x08080000 + i, 40000 + i));
    a.onPacket(udp6(1002, true, i));
    a.onPacket(udp6(1002, false, i));
  }
}

test('a message dropped for size reaches the observer rebuilt without the page limit: every record of the cycle, its size in messageBytesNeeded', () => {
  const { agent, heard } = listening(cfg({ assertsDisabled: true }), { keepMessages: true });
  agent.enable(1000);
  overflow(agent);
  agent.onPacket(udp4(1015, true, 0x08080808, 5000));
  const r = agent.finish(1025);
  assert.deepEqual(r.cycles.slice(0, 2).map((c) => c.outcome), ['dropped-too-big', 'sent']);
  const dropped = heard.find((h) => h.outcome === 'dropped-too-big')!;
  assert.ok(dropped, 'the dropped message was heard');
  assert.equal(dropped.cycle.messageBytes, 0, 'the agent built nothing');
  assert.equal(dropped.bytes.length, dropped.cycle.messageBytesNeeded);
  const net = decodeMessage(dropped.bytes).events.find((e) => e.payload.type === 'NetworkActivity')!.payload;
  assert.ok(net.type === 'NetworkActivity');
  assert.deepEqual([net.ipv4.length, net.ipv6.length], [64, 64]);
  assert.ok(dropped.bytes.length > r.emitterPageSize! / 2, 'larger than the half page it had to fit in');
  // The next cycle's message is the one the device sent, byte for byte.
  const sent = heard.find((h) => h.outcome === 'sent')!;
  assert.deepEqual(sent.bytes, r.cycles[1].message);
});

test('a message that hangs the agent (asserts on) is heard as hung, with the records it could not hold', () => {
  const { agent, heard } = listening(cfg());
  agent.enable(1000);
  overflow(agent);
  const r = agent.finish(1025);
  assert.equal(r.hung?.reason, 'page-overflow');
  assert.deepEqual(heard.map((h) => h.outcome), ['hung']);
  assert.equal(decodeMessage(heard[0].bytes).events[0].payload.type, 'NetworkActivity');
  assert.equal(heard[0].bytes.length, heard[0].cycle.messageBytesNeeded);
});

test('messages lost unsent while the hub is down, the sent ones and the one still held at the end are each heard once, with the bytes built', () => {
  const { agent, heard } = listening(cfg(), {
    keepMessages: true,
    hubInitiallyConnected: true,
    hubEvents: [{ time: 1025, connected: false }],
  });
  agent.enable(1000);
  for (let t = 1001; t < 1060; t += 5) agent.onPacket(udp4(t, true, 0x34010203, 40000));
  const r = agent.finish(1060, 1075);
  const built = r.cycles.filter((c) => c.messageBytes > 0);
  assert.equal(heard.length, built.length, 'one per message built');
  assert.deepEqual(new Set(heard.map((h) => h.cycle)), new Set(built), 'each cycle once');
  const outcomes = new Set(heard.map((h) => h.outcome));
  for (const o of ['sent', 'lost-unsent', 'held']) assert.ok(outcomes.has(o), `${o} among ${[...outcomes].join(', ')}`);
  for (const h of heard) {
    assert.equal(h.outcome, h.cycle.outcome, 'heard once its fate is final');
    assert.deepEqual(h.bytes, h.cycle.message, `cycle ${h.cycle.time}: the bytes the model built`);
    assert.equal(h.cycle.messageBytesNeeded, undefined);
  }
});

test('the observer changes nothing the agent reports', () => {
  const run = (observe: boolean) => {
    const a = observe ? listening(cfg({ assertsDisabled: true })).agent : new AgentModel(cfg({ assertsDisabled: true }), { ipv4: [DEV], ipv6: [DEV6] });
    a.enable(1000);
    overflow(a);
    a.onPacket(udp4(1015, true, 0x08080808, 5000));
    const r = a.finish(1025);
    for (const c of r.cycles) delete c.messageBytesNeeded;
    return r;
  };
  assert.deepEqual(run(true), run(false));
});

test('keepRecords lists a cycle\'s records in message order with the packets counted into each way', () => {
  const a = new AgentModel(cfg(), { ipv4: [DEV], ipv6: [DEV6] }, { keepRecords: true });
  a.enable(1000);
  a.onPacket(udp6(1001, true, 0));
  a.onPacket(udp4(1001, true, 0x34010203, 40000, 48));
  a.onPacket(udp4(1002, false, 0x34010203, 40000, 100));
  a.onPacket(udp4(1003, false, 0x34010203, 40000, 100));
  const r = a.finish(1005);
  const c = r.cycles[0];
  assert.deepEqual(c.records, [
    { ipVersion: 4, protocol: 'UDP', local: '192.168.1.10', localPort: 40000, remote: '52.1.2.3', remotePort: 53, bytesIn: 200, bytesOut: 48, packetsIn: 2, packetsOut: 1 },
    { ipVersion: 6, protocol: 'UDP', local: '2001:db8::10', localPort: 40000, remote: '2001:db8:0:1::1', remotePort: 53, bytesIn: 0, bytesOut: 40, packetsIn: 0, packetsOut: 1 },
  ]);
  assert.equal(r.cycles.find((x) => x.flows === 0)?.records, undefined, 'a cycle without records lists none');
  const without = new AgentModel(cfg(), { ipv4: [DEV], ipv6: [] });
  without.enable(1000);
  without.onPacket(udp4(1001, true, 0x34010203, 40000));
  assert.equal(without.finish(1005).cycles[0].records, undefined, 'off by default');
});
