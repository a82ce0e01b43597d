// The per-packet structures (typed-array flow cache, open-addressing ground truth, the per-flow entry memo)
// checked against a plain Map-of-strings reference on random traffic over many cycles and flows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentModel } from '../../../src-core/agent/agent';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import { SeededRandom } from '../../../src-core/agent/prng';
import { Fast, FastClassifier } from '../../../src-core/agent/fast-path';

const DEV4 = 0xc0a8010a;
const DEV6 = new Uint32Array([0xfd000000, 0, 0, 0x10]);
const T0 = 1700000000;

test('random traffic over 400 flows and about 30 cycles: the model\'s per-cycle bytes and the ground truth match a Map-based reference', () => {
  const rnd = new SeededRandom(42);
  const cfg = { ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, maxIpv4ObjectsInCache: 1000, maxIpv6ObjectsInCache: 1000, assertsDisabled: true };
  const a = new AgentModel(cfg, { ipv4: [DEV4], ipv6: [DEV6] });
  a.enable(T0);
  const flows = Array.from({ length: 400 }, (_, i) => ({
    v6: i % 5 === 0, proto: [6, 17, 1][i % 3], remote: (0x14000000 + i * 7919) >>> 0, lport: 30000 + (i % 97), rport: 1000 + i,
  }));
  const perCycle = new Map<number, { in: number; out: number; keys: Set<string> }>();
  const truth = new Map<string, { pin: number; pout: number; bin: number; bout: number }>();
  const p = new DecodedPacket();
  let time = T0;
  for (let n = 0; n < 20000; n++) {
    time += (rnd.nextInt() % 30) / 1000;
    const f = flows[rnd.nextInt() % flows.length];
    const out = rnd.nextInt() % 2 === 0;
    const bytes = 20 + (rnd.nextInt() % 1400);
    p.time = time;
    p.ipVersion = f.v6 ? 6 : 4;
    p.protocol = f.v6 && f.proto === 1 ? 58 : f.proto;
    if (f.v6) {
      const r = new Uint32Array([0x20010db8, 0, f.remote, 1]);
      p.src6.set(out ? DEV6 : r);
      p.dst6.set(out ? r : DEV6);
    } else {
      p.src4 = out ? DEV4 : f.remote;
      p.dst4 = out ? f.remote : DEV4;
    }
    const ports = f.proto !== 1;
    p.srcPort = ports ? (out ? f.lport : f.rport) : 0;
    p.dstPort = ports ? (out ? f.rport : f.lport) : 0;
    p.transportBytes = bytes;
    a.onPacket(p);
    const key = `${f.v6}|${f.remote}|${f.proto}|${ports ? f.lport : 0}|${ports ? f.rport : 0}`;
    // Inbound ICMPv6 is never seen by the agent (§3.12): the reference leaves it out of the agent's view.
    if (!(f.v6 && f.proto === 1 && !out)) {
      const cycle = Math.floor((time - T0) / 10);
      const c = perCycle.get(cycle) ?? { in: 0, out: 0, keys: new Set<string>() };
      perCycle.set(cycle, c);
      if (out) c.out += bytes;
      else c.in += bytes;
      c.keys.add(key);
    }
    const t = truth.get(key) ?? { pin: 0, pout: 0, bin: 0, bout: 0 };
    truth.set(key, t);
    if (out) (t.pout++, (t.bout += bytes));
    else (t.pin++, (t.bin += bytes));
  }
  const r = a.finish(time);
  assert.ok(perCycle.size >= 25, `${perCycle.size} cycles`);
  for (const [cycle, c] of perCycle) {
    const got = r.cycles.find((x) => x.time === T0 + 10 * (cycle + 1));
    assert.ok(got, `cycle ${cycle}`);
    assert.deepEqual([got.flows, got.bytesIn, got.bytesOut, got.drops], [c.keys.size, c.in, c.out, 0], `cycle ${cycle}`);
  }
  assert.equal(a.truth.flowCount, truth.size);
  let checked = 0;
  for (const f of a.truth.flows()) {
    const remote = f.ipVersion === 4 ? f.remote[0] : f.remote[2];
    const proto = f.ipProtocol === 58 ? 1 : f.ipProtocol;
    const t = truth.get(`${f.ipVersion === 6}|${remote}|${proto}|${f.localPort}|${f.remotePort}`);
    assert.ok(t, 'a flow the reference has');
    assert.deepEqual([f.packetsIn, f.packetsOut, f.bytesIn, f.bytesOut], [t.pin, t.pout, t.bin, t.bout]);
    checked++;
  }
  assert.equal(checked, 400);
});

function udpPacket(time: number, out: boolean, remote: number): DecodedPacket {
  const p = new DecodedPacket();
  p.time = time;
  p.ipVersion = 4;
  p.protocol = 17;
  p.src4 = out ? DEV4 : remote;
  p.dst4 = out ? remote : DEV4;
  p.srcPort = out ? 40000 : 53;
  p.dstPort = out ? 53 : 40000;
  p.transportBytes = 40;
  return p;
}

test('an idle gap is skipped in one step with the same counts, states and event ids as stepping through it', () => {
  const cfg = { ...rtosBaseAgentConfig, pendingTimeSeconds: 100 };
  const hubEvents = [{ time: T0 + 3000, connected: false }, { time: T0 + 9000, connected: true }];
  const times = [T0, T0 + 5, T0 + 2500, T0 + 8000, T0 + 20000];
  const run = (stepped: boolean) => {
    const a = new AgentModel(cfg, { ipv4: [DEV4], ipv6: [] }, { seed: 3, hubEvents, hubInitiallyConnected: true, keepMessages: true });
    const foreign = udpPacket(0, true, 0x08080808);
    foreign.src4 = 0x0a000001; // neither end is the device: it only moves the clock
    for (let i = 0; i < times.length; i++) {
      if (stepped && i > 0) for (let t = times[i - 1] + 50; t < times[i]; t += 50) (foreign.time = t), a.onPacket(foreign);
      a.onPacket(udpPacket(times[i], true, 0x08080808));
    }
    return a.finish(times[times.length - 1]);
  };
  const skipped = run(false);
  const stepped = run(true);
  assert.ok(skipped.idleSkipped.length > 0, 'something was skipped');
  assert.equal(stepped.idleSkipped.length, 0, 'small steps never skip');
  assert.deepEqual(skipped.state, stepped.state);
  assert.equal(skipped.cycles.length + skipped.idleSkipped.reduce((n, s) => n + s.cycles, 0), stepped.cycles.length);
  assert.deepEqual(
    [skipped.messagesSent, skipped.messagesLostUnsent, skipped.flowsRecorded, skipped.packetsRecorded],
    [stepped.messagesSent, stepped.messagesLostUnsent, stepped.flowsRecorded, stepped.packetsRecorded],
  );
  // The last message is byte for byte the same: event ids advanced by the skipped events.
  const last = (r: typeof skipped) => r.cycles.filter((c) => c.message).pop()!.message;
  assert.deepEqual(last(skipped), last(stepped));
});

test('a capture spanning twelve years finishes at once with a handful of cycles (no cycle per 10 s of silence)', () => {
  const a = new AgentModel(rtosBaseAgentConfig, { ipv4: [DEV4], ipv6: [] }, { seed: 1 });
  const start = Date.now();
  a.onPacket(udpPacket(1224804548.7, true, 0x08080808));
  a.onPacket(udpPacket(1594737341.5, true, 0x08080808));
  const r = a.finish(1594737341.5);
  assert.ok(Date.now() - start < 2000, `${Date.now() - start} ms`);
  assert.ok(r.cycles.length < 50, `${r.cycles.length} cycles listed`);
  assert.equal(r.flowsRecorded, 2);
  const idle = r.idleSkipped.reduce((n, s) => n + s.cycles, 0);
  assert.ok(idle > 30_000_000, `${idle} idle cycles counted`);
  assert.equal(r.messagesSent, r.cycles.filter((c) => c.outcome === 'sent').length + r.idleSkipped.reduce((n, s) => n + s.messages, 0));
});

test('the fast packet path and classify give the same reports and ground truth on mixed traffic (devices of 1-3 addresses, switches, faults, a small pool)', () => {
  const rnd = new SeededRandom(7);
  const pick = <T>(xs: T[]): T => xs[rnd.nextInt() % xs.length];
  const v4s = [DEV4, 0xc0a8010b, 0x0a000002];
  const v6s = [DEV6, new Uint32Array([0xfd000000, 0, 0, 0x11]), new Uint32Array([0xfe800000, 0, 0, 0x12])];
  let compared = 0;
  for (let round = 0; round < 12; round++) {
    const n4 = round % 4; // 0 to 3 IPv4 addresses
    const n6 = (round >> 1) % 4;
    const device = { ipv4: v4s.slice(0, n4), ipv6: v6s.slice(0, n6) };
    const cfg = {
      ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, maxIpv4ObjectsInCache: 6, maxIpv6ObjectsInCache: 5,
      captureUnicastOnly: round % 3 !== 0, tcpDisabled: round === 5, udpDisabled: round === 7, ipv6Disabled: round === 9, assertsDisabled: true,
    };
    const packets: DecodedPacket[] = [];
    let time = T0;
    for (let n = 0; n < 3000; n++) {
      const p = new DecodedPacket();
      time += (rnd.nextInt() % 40) / 1000;
      p.time = time;
      const v6 = rnd.nextInt() % 3 === 0;
      p.ipVersion = rnd.nextInt() % 50 === 0 ? 0 : v6 ? 6 : 4;
      p.protocol = pick([6, 6, 17, 17, 1, 58, 2, 50]);
      const mine = rnd.nextInt() % 8 !== 0;
      const out = rnd.nextInt() % 2 === 0;
      const peer = rnd.nextInt() % 9;
      if (v6) {
        const own = mine ? v6s[rnd.nextInt() % 3] : new Uint32Array([0x20010db8, 0, 1, 99]);
        const other = rnd.nextInt() % 20 === 0 ? new Uint32Array([0xff020000, 0, 0, 1]) : new Uint32Array([0x20010db8, 0, 0, peer]);
        p.src6.set(out ? own : other);
        p.dst6.set(out ? other : own);
        p.ipv6ExtensionLength = rnd.nextInt() % 10 === 0 ? 8 : 0;
        p.ipv6UnwalkableHeader = rnd.nextInt() % 30 === 0;
      } else {
        const own = mine ? v4s[rnd.nextInt() % 3] : 0x0b000001;
        const other = rnd.nextInt() % 20 === 0 ? 0xffffffff : 0x14000000 + peer;
        p.src4 = out ? own : other;
        p.dst4 = out ? other : own;
        p.ipv4OptionsLength = rnd.nextInt() % 10 === 0 ? 4 : 0;
      }
      p.linkBroadcastOrMulticast = rnd.nextInt() % 25 === 0;
      p.isLaterFragment = rnd.nextInt() % 25 === 0;
      const ports = p.protocol === 6 || p.protocol === 17;
      p.srcPort = ports ? 1000 + (rnd.nextInt() % 4) : 0;
      p.dstPort = ports ? 2000 + (rnd.nextInt() % 3) : 0;
      p.tcpFlags = pick([0x18, 0x10, 0x02, 0x12]);
      p.transportBytes = 20 + (rnd.nextInt() % 1400);
      packets.push(p);
    }
    const run = (classifyEveryPacket: boolean) => {
      const a = new AgentModel(cfg, device, { seed: 1, keepMessages: true, classifyEveryPacket });
      for (const p of packets) a.onPacket(p);
      return { report: a.finish(time), truth: [...a.truth.flows()] };
    };
    const fast = run(false);
    const reference = run(true);
    assert.deepEqual(fast, reference, `round ${round}`);
    assert.ok(fast.report.packetsRecorded > 0 || n4 + n6 === 0, `round ${round}: something was recorded`);
    compared += fast.truth.length;
  }
  assert.ok(compared > 500, `${compared} flows compared`);
});

test('the fast path takes a plain TCP or UDP packet to or from the device and leaves the rest to classify', () => {
  const cfg = { ...rtosBaseAgentConfig };
  const fast = new FastClassifier({ ipv4: [DEV4], ipv6: [DEV6] }, cfg);
  const p = udpPacket(T0, true, 0x08080808);
  assert.equal(fast.direction(p), Fast.Out);
  assert.equal(fast.direction(udpPacket(T0, false, 0x08080808)), Fast.InHook4, 'inbound at the hooks: the options fault applies');
  assert.equal(new FastClassifier({ ipv4: [DEV4], ipv6: [] }, { ...cfg, captureUnicastOnly: false }).direction(udpPacket(T0, false, 0x08080808)), Fast.In);
  p.protocol = 1;
  assert.equal(fast.direction(p), Fast.No, 'ICMP goes to classify');
  p.protocol = 17;
  p.isLaterFragment = true;
  assert.equal(fast.direction(p), Fast.No, 'a later fragment goes to classify');
  const three = new FastClassifier({ ipv4: [DEV4, 1, 2], ipv6: [] }, cfg);
  assert.equal(three.direction(udpPacket(T0, true, 0x08080808)), Fast.No, 'three addresses: classify decides');
  const v6 = new DecodedPacket();
  v6.ipVersion = 6;
  v6.protocol = 6;
  v6.src6.set([0x20010db8, 0, 0, 1]);
  v6.dst6.set(DEV6);
  assert.equal(fast.direction(v6), Fast.In);
  v6.ipv6ExtensionLength = 8;
  assert.equal(fast.direction(v6), Fast.No, 'inbound IPv6 with extension headers at the hooks: classify (fault 7)');
});
