// What really happened on the wire, per flow of one device, beside the agent's view: who started it,
// packets and bytes each way, first and last time, and how many packets the agent recorded or missed
// (and why). Open-addressing table over typed arrays so it keeps up with the flow cache; bounded: past
// `maxFlows` live flows, the half idle longest are handed to the retire listeners (who fold them into
// their totals) and let go, so a day of millions of flows holds a fixed table.
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
  /** The flow's serial: its number in the order flows were first seen (stable for the run, never reused). */
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

/** Live flows kept by default: about 8 MiB of typed arrays. */
export const DEFAULT_MAX_TRUTH_FLOWS = 32_768;

/**
 * Hears each flow let go of, as live flow `f` of `truth` just before it goes (its totals are final; a later
 * packet of the same 5-tuple starts a new flow). Read it with the per-flow accessors, or `truth.flow(f)` for
 * the whole record (an object a flow: only for the few a listener keeps).
 */
export type TruthRetireListener = (truth: GroundTruth, f: number) => void;

/** A 32-bit mix of the key words (murmur3's finaliser steps); numeric, no allocation. */
function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Flow f's address words (the first from the key, IPv6's other three from `rest`) into `into`. */
function wordsInto(version: 4 | 6, first: number, rest: Int32Array, f: number, into: number[]): number[] {
  into.length = version === 4 ? 1 : 4;
  into[0] = first >>> 0;
  if (version === 6) (into[1] = rest[f * 3] >>> 0), (into[2] = rest[f * 3 + 1] >>> 0), (into[3] = rest[f * 3 + 2] >>> 0);
  return into;
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
  /** Live flows before the idlest half is let go (at least 2). */
  private readonly maxFlows: number;
  /** The live count that starts the next retirement (above maxFlows when too few flows could go). */
  private retireAt: number;
  private readonly retireListeners: TruthRetireListener[] = [];
  /** Flows let go so far, and the next serial to give. */
  private retiredFlows = 0;
  private nextSerial = 0;
  /** Slots of the index (a power of two) and, at load 1/2, the flows the per-flow arrays hold. */
  private cap = 1024;
  private flowCap = this.cap >> 1;
  private mask = this.cap - 1;
  private count = 0;
  /** Slot -> flow number, -1 when the slot is empty. */
  private slotOf = new Int32Array(this.cap).fill(-1);
  // Per flow, indexed by flow number (insertion order). Key: the first address words, the ports
  // (local << 16 | remote), IP version << 8 | protocol, and IPv6's other three words per address.
  private hashes = new Int32Array(this.flowCap);
  /** Per flow, 4 words: local0, remote0, ports, kind. */
  private key = new Int32Array(this.flowCap * 4);
  private local6 = new Int32Array(this.flowCap * 3);
  private remote6 = new Int32Array(this.flowCap * 3);
  /** bit0: the initiator is local; bit1: a TCP handshake decided it. */
  private flags = new Uint8Array(this.flowCap);
  /** Per flow, 8 numbers: packets in, packets out, bytes in, bytes out, first time, last time. */
  private nums = new Float64Array(this.flowCap * 8);
  /** Packets the agent did not record, in total and per reason (recorded = packets - missed, so the
   *  usual packet, recorded, writes no counter for it). */
  private missedAll = new Float64Array(this.flowCap);
  private missed = new Float64Array(this.flowCap * REASONS);
  /** Per flow, for the agent model: its flow-cache entry and the cache generation that entry belongs to.
   *  A recorded packet's truth flow and its cache entry are one to one, so the one lookup serves both. */
  cacheEntry = new Int32Array(this.flowCap).fill(-1);
  cacheGeneration = new Int32Array(this.flowCap).fill(-1);
  /** Per flow: the cache generation in which a packet of it last found the pool full (counts each flow the
   *  pool turned away once per cycle). */
  dropGeneration = new Int32Array(this.flowCap).fill(-1);
  // Periods (for the cloud's view of what really happened): the current period's number, or -1 while
  // nobody asked for them, so `periodMark[f] !== period` is false for every flow and costs one compare.
  private period = -1;
  private periodMark = new Int32Array(this.flowCap).fill(-1);
  /** Per flow, bytes in and out when the period first touched it (the period's share is the difference). */
  private periodStart = new Float64Array(this.flowCap * 2);
  /** Per flow, 1 when a packet of it this period was recorded or lost only to a full pool. */
  private periodRecordable = new Uint8Array(this.flowCap);
  private touched = new Int32Array(256);
  private touchedCount = 0;
  /** Per flow: its serial (creation order over the whole run). */
  private serials = new Float64Array(this.flowCap);

  constructor(options: { maxFlows?: number } = {}) {
    this.maxFlows = Math.max(2, Math.floor(options.maxFlows ?? DEFAULT_MAX_TRUTH_FLOWS));
    this.retireAt = this.maxFlows;
  }

  /** Every flow seen in the run: those still in the table and those let go. */
  get flowCount(): number {
    return this.count + this.retiredFlows;
  }

  /** Flows still in the table (what `flows()` yields). */
  get liveFlowCount(): number {
    return this.count;
  }

  /** Flows let go of (handed to the retire listeners) so far. */
  get retiredFlowCount(): number {
    return this.retiredFlows;
  }

  /** Adds a listener for the flows let go of; each live flow is not told (read them with `flows()` at the end). */
  onRetire(listener: TruthRetireListener): void {
    this.retireListeners.push(listener);
  }

  /** The serial of live flow `f` (its place in the order flows were first seen). */
  serialOf(f: number): number {
    return this.serials[f];
  }

  // Per-flow accessors of live flow f (no object made): what the totals read of every flow.
  versionOf(f: number): 4 | 6 {
    return (this.key[4 * f + 3] >> 8) as 4 | 6;
  }

  packetsOf(f: number): number {
    return this.nums[8 * f] + this.nums[8 * f + 1];
  }

  bytesOf(f: number): number {
    return this.nums[8 * f + 2] + this.nums[8 * f + 3];
  }

  /** Packets of flow f the agent recorded. */
  agentPacketsOf(f: number): number {
    return this.packetsOf(f) - this.missedAll[f];
  }

  /** Packets of flow f the agent did not record for NOT_SEEN_REASONS[reason]. */
  missedOf(f: number, reason: number): number {
    return this.missed[f * REASONS + reason];
  }

  private grow(): void {
    const cap = this.cap * 2;
    const flows = cap >> 1;
    this.hashes = grown(this.hashes, flows);
    this.key = grown(this.key, flows * 4);
    this.local6 = grown(this.local6, flows * 3);
    this.remote6 = grown(this.remote6, flows * 3);
    this.flags = grown(this.flags, flows);
    this.nums = grown(this.nums, flows * 8);
    this.missedAll = grown(this.missedAll, flows);
    this.missed = grown(this.missed, flows * REASONS);
    this.cacheEntry = grown(this.cacheEntry, flows, -1);
    this.cacheGeneration = grown(this.cacheGeneration, flows, -1);
    this.dropGeneration = grown(this.dropGeneration, flows, -1);
    this.periodMark = grown(this.periodMark, flows, -1);
    this.periodStart = grown(this.periodStart, flows * 2);
    this.periodRecordable = grown(this.periodRecordable, flows);
    this.serials = grown(this.serials, flows);
    this.cap = cap;
    this.flowCap = flows;
    this.reslot();
  }

  /** Rebuilds the slot index from the flows' kept hashes. */
  private reslot(): void {
    this.slotOf = new Int32Array(this.cap).fill(-1);
    const mask = (this.mask = this.cap - 1);
    for (let f = 0; f < this.count; f++) {
      let s = this.hashes[f] & mask;
      while (this.slotOf[s] >= 0) s = (s + 1) & mask;
      this.slotOf[s] = f;
    }
  }

  /**
   * Lets go of the idlest half of the flows not touched in the current period (their totals go to the
   * retire listeners, in creation order) and packs the rest to the front, keeping their order. Amortised
   * O(1) a flow: it runs once per maxFlows / 2 new flows. Flow numbers change; serials do not.
   */
  private retire(): void {
    const n = this.count;
    const nums = this.nums;
    const idle = (f: number) => this.period < 0 || this.periodMark[f] !== this.period;
    const candidates = new Float64Array(n);
    let c = 0;
    for (let f = 0; f < n; f++) if (idle(f)) candidates[c++] = nums[8 * f + 5];
    // Keep at most half the limit: the candidates idle longest go, up to the last time that makes room.
    const go = Math.min(c, n - (this.maxFlows >> 1));
    let cutoff = -Infinity;
    if (go > 0) cutoff = candidates.subarray(0, c).sort()[go - 1];
    const remap = new Int32Array(n).fill(-1);
    let kept = 0;
    for (let f = 0; f < n; f++) {
      if (idle(f) && nums[8 * f + 5] <= cutoff) {
        for (const l of this.retireListeners) l(this, f);
        this.retiredFlows++;
        continue;
      }
      if (kept !== f) this.moveFlow(f, kept);
      remap[f] = kept++;
    }
    this.count = kept;
    for (let i = 0; i < this.touchedCount; i++) this.touched[i] = remap[this.touched[i]];
    this.reslot();
    // Too few could go (most flows are busy this period): let the table grow before trying again.
    this.retireAt = Math.max(this.maxFlows, kept * 2);
  }

  /** Copies flow `from`'s every per-flow value to `to` (to < from; the slot index is rebuilt after). */
  private moveFlow(from: number, to: number): void {
    this.hashes[to] = this.hashes[from];
    this.key.copyWithin(4 * to, 4 * from, 4 * from + 4);
    this.local6.copyWithin(3 * to, 3 * from, 3 * from + 3);
    this.remote6.copyWithin(3 * to, 3 * from, 3 * from + 3);
    this.flags[to] = this.flags[from];
    this.nums.copyWithin(8 * to, 8 * from, 8 * from + 8);
    this.missedAll[to] = this.missedAll[from];
    this.missed.copyWithin(REASONS * to, REASONS * from, REASONS * from + REASONS);
    this.cacheEntry[to] = this.cacheEntry[from];
    this.cacheGeneration[to] = this.cacheGeneration[from];
    this.dropGeneration[to] = this.dropGeneration[from];
    this.periodMark[to] = this.periodMark[from];
    this.periodStart.copyWithin(2 * to, 2 * from, 2 * from + 2);
    this.periodRecordable[to] = this.periodRecordable[from];
    this.serials[to] = this.serials[from];
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
    // Re-read: the insert may have grown or packed the arrays.
    const L2 = this.local6;
    const R2 = this.remote6;
    const o = f * 3;
    L2[o] = l1;
    L2[o + 1] = l2;
    L2[o + 2] = l3;
    R2[o] = r1;
    R2[o + 1] = r2;
    R2[o + 2] = r3;
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
    return this.periodFlowInto(i, { flow: 0, ipVersion: 4, local: [], remote: [], localPort: 0, remotePort: 0, ipProtocol: 0, initiator: 'local', bytesIn: 0, bytesOut: 0, recordable: false });
  }

  /** periodFlow into an object the caller reuses (its address arrays too): a period of a busy device holds
   *  thousands of flows, and a day hundreds of thousands of periods. Returns `out`. */
  periodFlowInto(i: number, out: TruthPeriodFlow): TruthPeriodFlow {
    const f = this.touched[i];
    const k = this.key;
    const o = 4 * f;
    const version = (k[o + 3] >> 8) as 4 | 6;
    out.flow = this.serials[f];
    out.ipVersion = version;
    out.local = wordsInto(version, k[o], this.local6, f, out.local);
    out.remote = wordsInto(version, k[o + 1], this.remote6, f, out.remote);
    out.localPort = k[o + 2] >>> 16;
    out.remotePort = k[o + 2] & 0xffff;
    out.ipProtocol = k[o + 3] & 0xff;
    out.initiator = this.flags[f] & 1 ? 'local' : 'remote';
    out.bytesIn = this.nums[8 * f + 2] - this.periodStart[2 * f];
    out.bytesOut = this.nums[8 * f + 3] - this.periodStart[2 * f + 1];
    out.recordable = this.periodRecordable[f] === 1;
    return out;
  }

  /** Closes the current period: the next packet of any flow starts the next one. */
  endPeriod(): void {
    if (this.period < 0) return;
    this.period++;
    this.touchedCount = 0;
  }

  private insert(kind: number, local0: number, remote0: number, ports: number, h: number, outbound: boolean, packet: PacketTime): number {
    if (this.count >= this.retireAt) this.retire();
    if (this.count + 1 > this.flowCap) this.grow();
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
    this.serials[f] = this.nextSerial++;
    // A slot reused after a retirement: nothing of the flow that held it may remain.
    this.nums.fill(0, 8 * f, 8 * f + 4);
    this.missedAll[f] = 0;
    this.missed.fill(0, REASONS * f, REASONS * f + REASONS);
    this.cacheEntry[f] = -1;
    this.cacheGeneration[f] = -1;
    this.dropGeneration[f] = -1;
    this.periodMark[f] = -1;
    this.periodRecordable[f] = 0;
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

  /** The live flows, in the order they were first seen (those let go went to the retire listeners). */
  *flows(): IterableIterator<TruthFlow> {
    for (let f = 0; f < this.count; f++) yield this.flow(f);
  }
}
