// What really happened on the wire, per flow of one device, beside the agent's view: who started it,
// packets and bytes each way, first and last time, and how many packets the agent recorded or missed
// (and why). Open-addressing table over typed arrays so it keeps up with the flow cache.
import { NOT_SEEN_REASONS, type NotSeenReason } from './capture';

export interface TruthFlow {
  ipVersion: 4 | 6;
  /** IPv4: one word; IPv6: four big-endian words. */
  local: number[];
  remote: number[];
  localPort: number;
  remotePort: number;
  /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, others as they come). */
  ipProtocol: number;
  initiator: 'local' | 'remote';
  /** True when a TCP handshake (SYN without ACK) decided the initiator, not just the first packet. */
  initiatorFromHandshake: boolean;
  packetsIn: number;
  packetsOut: number;
  bytesIn: number;
  bytesOut: number;
  firstTime: number;
  lastTime: number;
  /** Packets the agent put in its cache. */
  agentPackets: number;
  /** Packets the agent did not record, by reason. */
  missed: Partial<Record<NotSeenReason, number>>;
}

/** One flow's share of one high-priority period (what a perfect agent would have recorded for it). */
export interface TruthPeriodFlow {
  /** The flow's number in the table (stable for the run). */
  flow: number;
  ipVersion: 4 | 6;
  local: number[];
  remote: number[];
  localPort: number;
  remotePort: number;
  ipProtocol: number;
  initiator: 'local' | 'remote';
  bytesIn: number;
  bytesOut: number;
  /** Packets the agent recorded this period, or lost only to a full pool (the cache would have held them). */
  recordable: boolean;
}

/** The packet fields the ground truth reads besides the key (DecodedPacket has them). */
export interface PacketTime {
  time: number;
  tcpFlags: number;
}

const REASONS = NOT_SEEN_REASONS.length;

/** A 32-bit mix of the key words (murmur3's finaliser steps); numeric, no allocation. */
function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number, fill?: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  if (fill !== undefined) b.fill(fill);
  b.set(a);
  return b;
}

/**
 * Open addressing (linear probing, load at most 1/2) over typed arrays; the hash is computed from the
 * packet's fields directly (no scratch key, no strings, no closures) and kept per flow so that growing
 * re-slots without re-hashing. The words a packet touches sit together: the IPv4 key in one stride-4
 * array, the counters and times in one stride-8 array (measured faster than one array per field: one
 * base pointer and bounds check for V8, one cache line per flow).
 */
export class GroundTruth {
  private cap = 1024;
  private mask = this.cap - 1;
  private count = 0;
  /** Slot -> flow number, -1 when the slot is empty. */
  private slotOf = new Int32Array(this.cap).fill(-1);
  // Per flow, indexed by flow number (insertion order). Key: the first address words, the ports
  // (local << 16 | remote), IP version << 8 | protocol, and IPv6's other three words per address.
  private hashes = new Int32Array(this.cap);
  /** Per flow, 4 words: local0, remote0, ports, kind. */
  private key = new Int32Array(this.cap * 4);
  private local6 = new Int32Array(this.cap * 3);
  private remote6 = new Int32Array(this.cap * 3);
  /** bit0: the initiator is local; bit1: a TCP handshake decided it. */
  private flags = new Uint8Array(this.cap);
  /** Per flow, 8 numbers: packets in, packets out, bytes in, bytes out, first time, last time. */
  private nums = new Float64Array(this.cap * 8);
  /** Packets the agent did not record, in total and per reason (recorded = packets - missed, so the
   *  usual packet, recorded, writes no counter for it). */
  private missedAll = new Float64Array(this.cap);
  private missed = new Float64Array(this.cap * REASONS);
  /** Per flow, for the agent model: its flow-cache entry and the cache generation that entry belongs to.
   *  A recorded packet's truth flow and its cache entry are one to one, so the one lookup serves both. */
  cacheEntry = new Int32Array(this.cap).fill(-1);
  cacheGeneration = new Int32Array(this.cap).fill(-1);
  /** Per flow: the cache generation in which a packet of it last found the pool full (counts each flow the
   *  pool turned away once per cycle). */
  dropGeneration = new Int32Array(this.cap).fill(-1);
  // Periods (for the cloud's view of what really happened): the current period's number, or -1 while
  // nobody asked for them, so `periodMark[f] !== period` is false for every flow and costs one compare.
  private period = -1;
  private periodMark = new Int32Array(this.cap).fill(-1);
  /** Per flow, bytes in and out when the period first touched it (the period's share is the difference). */
  private periodStart = new Float64Array(this.cap * 2);
  /** Per flow, 1 when a packet of it this period was recorded or lost only to a full pool. */
  private periodRecordable = new Uint8Array(this.cap);
  private touched = new Int32Array(256);
  private touchedCount = 0;

  get flowCount(): number {
    return this.count;
  }

  private grow(): void {
    const cap = this.cap * 2;
    this.hashes = grown(this.hashes, cap);
    this.key = grown(this.key, cap * 4);
    this.local6 = grown(this.local6, cap * 3);
    this.remote6 = grown(this.remote6, cap * 3);
    this.flags = grown(this.flags, cap);
    this.nums = grown(this.nums, cap * 8);
    this.missedAll = grown(this.missedAll, cap);
    this.missed = grown(this.missed, cap * REASONS);
    this.cacheEntry = grown(this.cacheEntry, cap, -1);
    this.cacheGeneration = grown(this.cacheGeneration, cap, -1);
    this.dropGeneration = grown(this.dropGeneration, cap, -1);
    this.periodMark = grown(this.periodMark, cap, -1);
    this.periodStart = grown(this.periodStart, cap * 2);
    this.periodRecordable = grown(this.periodRecordable, cap);
    this.slotOf = new Int32Array(cap).fill(-1);
    this.cap = cap;
    const mask = (this.mask = cap - 1);
    for (let f = 0; f < this.count; f++) {
      let s = this.hashes[f] & mask;
      while (this.slotOf[s] >= 0) s = (s + 1) & mask;
      this.slotOf[s] = f;
    }
  }

  /**
   * Counts one packet. `local`/`remote` hold 1 (IPv4) or 4 (IPv6) words from `at`. `agent` is -1 when the
   * agent recorded it, else the index of the reason in NOT_SEEN_REASONS. Returns the flow number.
   */
  add(
    version: 4 | 6, local: ArrayLike<number>, remote: ArrayLike<number>, at: number, localPort: number, remotePort: number,
    ipProtocol: number, outbound: boolean, bytes: number, packet: PacketTime, agent: number,
  ): number {
    const f = this.flowOf(version, local, remote, at, localPort, remotePort, ipProtocol, outbound, packet);
    this.countPacket(f, outbound, bytes, packet, agent);
    return f;
  }

  /** The flow number of a packet's flow, created on its first packet (the initiator is decided then). */
  flowOf(
    version: 4 | 6, local: ArrayLike<number>, remote: ArrayLike<number>, at: number, localPort: number, remotePort: number,
    ipProtocol: number, outbound: boolean, packet: PacketTime,
  ): number {
    const ports = (localPort << 16) | remotePort;
    // Int32 throughout (`| 0`): uint32 values above 2^31 would leave V8's small-integer path on every packet.
    if (version === 4) return this.flowOf4(local[at] | 0, remote[at] | 0, ports, ipProtocol, outbound, packet);
    const l0 = local[at] | 0;
    const l1 = local[at + 1] | 0;
    const l2 = local[at + 2] | 0;
    const l3 = local[at + 3] | 0;
    const r0 = remote[at] | 0;
    const r1 = remote[at + 1] | 0;
    const r2 = remote[at + 2] | 0;
    const r3 = remote[at + 3] | 0;
    const kind = 0x600 | ipProtocol;
    let h = Math.imul(0x9747b28c ^ kind ^ ports, 0x85ebca6b);
    h ^= h >>> 13;
    h = mix(mix(mix(mix(h, l0), l1), l2), l3);
    h = mix(mix(mix(mix(h, r0), r1), r2), r3);
    h = h ^ (h >>> 16);
    const mask = this.mask;
    const slotOf = this.slotOf;
    const L = this.local6;
    const R = this.remote6;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const g = slotOf[s];
      if (g < 0) break;
      const o = g * 3;
      if (
        this.hashes[g] === h && this.key[4 * g + 2] === ports && this.key[4 * g + 3] === kind && this.key[4 * g] === l0 && this.key[4 * g + 1] === r0 &&
        L[o] === l1 && L[o + 1] === l2 && L[o + 2] === l3 && R[o] === r1 && R[o + 1] === r2 && R[o + 2] === r3
      ) {
        if (ipProtocol === 6 && (packet.tcpFlags & 0x12) === 0x02 && !(this.flags[g] & 2)) this.flags[g] = (outbound ? 1 : 0) | 2;
        return g;
      }
    }
    const f = this.insert(kind, l0, r0, ports, h, outbound, packet);
    const o = f * 3;
    L[o] = l1;
    L[o + 1] = l2;
    L[o + 2] = l3;
    R[o] = r1;
    R[o + 1] = r2;
    R[o + 2] = r3;
    return f;
  }

  /**
   * `flowOf` for IPv4 from the addresses as int32 (`| 0`; an uint32 above 2^31 passed as it is would be
   * boxed); `ports` is local << 16 | remote (0 for ICMP and other protocols). The hot path: a
   * multiply-xor hash over the key words and, for a known flow, four compares; small enough to inline.
   */
  flowOf4(local: number, remote: number, ports: number, ipProtocol: number, outbound: boolean, packet: PacketTime): number {
    const kind = 0x400 | ipProtocol;
    let h = Math.imul(local ^ Math.imul(remote, 0x9e3779b1) ^ ports ^ (ipProtocol << 8), 0x85ebca6b);
    h ^= h >>> 15;
    const mask = this.mask;
    const slotOf = this.slotOf;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const g = slotOf[s];
      if (g < 0) return this.insert(kind, local, remote, ports, h, outbound, packet);
      const k = this.key;
      const o = 4 * g;
      if (k[o] === local && k[o + 1] === remote && k[o + 2] === ports && k[o + 3] === kind) {
        // A SYN after mid-stream packets: the handshake decides.
        if (ipProtocol === 6 && (packet.tcpFlags & 0x12) === 0x02 && !(this.flags[g] & 2)) this.flags[g] = (outbound ? 1 : 0) | 2;
        return g;
      }
    }
  }

  /** Adds one packet to flow `f`. The time is read from the packet: a fractional number argument would be boxed per call. */
  countPacket(f: number, outbound: boolean, bytes: number, packet: PacketTime, agent: number): void {
    const nums = this.nums;
    const n = 8 * f;
    if (this.periodMark[f] !== this.period) this.touch(f);
    if (agent <= 0 && this.period >= 0) this.periodRecordable[f] = 1;
    if (outbound) {
      nums[n + 1]++;
      nums[n + 3] += bytes;
    } else {
      nums[n]++;
      nums[n + 2] += bytes;
    }
    const time = packet.time;
    // In a capture in time order only the last time moves; the first is set when the flow is made.
    if (time > nums[n + 5]) nums[n + 5] = time;
    else if (time < nums[n + 4]) nums[n + 4] = time;
    if (agent >= 0) {
      this.missedAll[f]++;
      this.missed[f * REASONS + agent]++;
    }
  }

  /** Starts keeping periods (the pipeline asks when a later stage wants the ground truth period by period). */
  trackPeriods(): void {
    if (this.period < 0) this.period = 0;
  }

  private touch(f: number): void {
    this.periodMark[f] = this.period;
    if (this.touchedCount === this.touched.length) {
      const t = new Int32Array(this.touched.length * 2);
      t.set(this.touched);
      this.touched = t;
    }
    this.touched[this.touchedCount++] = f;
    this.periodStart[2 * f] = this.nums[8 * f + 2];
    this.periodStart[2 * f + 1] = this.nums[8 * f + 3];
    this.periodRecordable[f] = 0;
  }

  /** Flows with a packet in the current period. */
  get periodFlowCount(): number {
    return this.touchedCount;
  }

  /** The i-th flow of the current period (i < periodFlowCount), with its bytes in this period. */
  periodFlow(i: number): TruthPeriodFlow {
    const f = this.touched[i];
    const k = this.key;
    const o = 4 * f;
    const version = (k[o + 3] >> 8) as 4 | 6;
    const words = (first: number, rest: Int32Array) =>
      version === 4 ? [first >>> 0] : [first >>> 0, rest[f * 3] >>> 0, rest[f * 3 + 1] >>> 0, rest[f * 3 + 2] >>> 0];
    return {
      flow: f,
      ipVersion: version,
      local: words(k[o], this.local6),
      remote: words(k[o + 1], this.remote6),
      localPort: k[o + 2] >>> 16,
      remotePort: k[o + 2] & 0xffff,
      ipProtocol: k[o + 3] & 0xff,
      initiator: this.flags[f] & 1 ? 'local' : 'remote',
      bytesIn: this.nums[8 * f + 2] - this.periodStart[2 * f],
      bytesOut: this.nums[8 * f + 3] - this.periodStart[2 * f + 1],
      recordable: this.periodRecordable[f] === 1,
    };
  }

  /** Closes the current period: the next packet of any flow starts the next one. */
  endPeriod(): void {
    if (this.period < 0) return;
    this.period++;
    this.touchedCount = 0;
  }

  private insert(kind: number, local0: number, remote0: number, ports: number, h: number, outbound: boolean, packet: PacketTime): number {
    if ((this.count + 1) * 2 > this.cap) this.grow();
    const mask = this.mask;
    let s = h & mask;
    while (this.slotOf[s] >= 0) s = (s + 1) & mask;
    const f = this.count++;
    this.slotOf[s] = f;
    this.hashes[f] = h;
    const o = 4 * f;
    this.key[o] = local0;
    this.key[o + 1] = remote0;
    this.key[o + 2] = ports;
    this.key[o + 3] = kind;
    this.nums[8 * f + 4] = packet.time;
    this.nums[8 * f + 5] = packet.time;
    const tcp = (kind & 0xff) === 6;
    const syn = tcp && (packet.tcpFlags & 0x12) === 0x02;
    const synAck = tcp && (packet.tcpFlags & 0x12) === 0x12;
    const localStarted = synAck ? !outbound : outbound;
    this.flags[f] = (localStarted ? 1 : 0) | (syn || synAck ? 2 : 0);
    return f;
  }

  flow(f: number): TruthFlow {
    const k = this.key;
    const o = 4 * f;
    const version = (k[o + 3] >> 8) as 4 | 6;
    const words = (first: number, rest: Int32Array) =>
      version === 4 ? [first >>> 0] : [first >>> 0, rest[f * 3] >>> 0, rest[f * 3 + 1] >>> 0, rest[f * 3 + 2] >>> 0];
    const nums = this.nums;
    const n = 8 * f;
    const missed: Partial<Record<NotSeenReason, number>> = {};
    NOT_SEEN_REASONS.forEach((r, i) => {
      const c = this.missed[f * REASONS + i];
      if (c) missed[r] = c;
    });
    return {
      ipVersion: version,
      local: words(k[o], this.local6),
      remote: words(k[o + 1], this.remote6),
      localPort: k[o + 2] >>> 16,
      remotePort: k[o + 2] & 0xffff,
      ipProtocol: k[o + 3] & 0xff,
      initiator: this.flags[f] & 1 ? 'local' : 'remote',
      initiatorFromHandshake: (this.flags[f] & 2) !== 0,
      packetsIn: nums[n],
      packetsOut: nums[n + 1],
      bytesIn: nums[n + 2],
      bytesOut: nums[n + 3],
      firstTime: nums[n + 4],
      lastTime: nums[n + 5],
      agentPackets: nums[n] + nums[n + 1] - this.missedAll[f],
      missed,
    };
  }

  *flows(): IterableIterator<TruthFlow> {
    for (let f = 0; f < this.count; f++) yield this.flow(f);
  }
}
