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

/** The packet fields the ground truth reads besides the key (DecodedPacket has them). */
export interface PacketTime {
  time: number;
  tcpFlags: number;
}

const KEY_WORDS = 11; // version, local[4], remote[4], ports, protocol
const REASONS = NOT_SEEN_REASONS.length;

/** A 32-bit mix of the key words (murmur3's finaliser steps); numeric, no allocation. */
function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Open addressing (linear probing) over typed arrays, keyed on the flow's words; the hash is computed
 * from the packet's fields directly (no scratch key, no strings, no closures), and kept per flow so
 * that growing re-slots without re-hashing. Load factor at most 1/2.
 */
export class GroundTruth {
  private cap = 1024;
  private count = 0;
  private keys = new Int32Array(this.cap * KEY_WORDS);
  private hashes = new Int32Array(this.cap);
  /** Slot -> flow number, -1 when the slot is empty. */
  private slotOf = new Int32Array(this.cap).fill(-1);
  // Per-flow data, indexed by flow number (insertion order).
  private nums = new Float64Array(this.cap * 8);
  private flags = new Uint8Array(this.cap);
  private missed = new Float64Array(this.cap * REASONS);
  /** Per flow, for the agent model: its flow-cache entry and the cache generation that entry belongs to.
   *  A recorded packet's truth flow and its cache entry are one to one, so the one lookup serves both. */
  cacheEntry = new Int32Array(this.cap).fill(-1);
  cacheGeneration = new Int32Array(this.cap).fill(-1);

  get flowCount(): number {
    return this.count;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.keys = widen(this.keys, cap * KEY_WORDS);
    this.hashes = widen(this.hashes, cap);
    this.nums = widen(this.nums, cap * 8);
    this.flags = widen(this.flags, cap);
    this.missed = widen(this.missed, cap * REASONS);
    const entry = new Int32Array(cap).fill(-1);
    entry.set(this.cacheEntry);
    this.cacheEntry = entry;
    const gen = new Int32Array(cap).fill(-1);
    gen.set(this.cacheGeneration);
    this.cacheGeneration = gen;
    this.slotOf = new Int32Array(cap).fill(-1);
    this.cap = cap;
    const mask = cap - 1;
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
    if (version === 4) return this.flowOf4(local[at], remote[at], (localPort << 16) | remotePort, ipProtocol, outbound, packet);
    const tcpFlags = packet.tcpFlags;
    // Int32 throughout: uint32 values above 2^31 would leave V8's small-integer path on every packet.
    const ports = (localPort << 16) | remotePort;
    const l0 = local[at] | 0;
    const r0 = remote[at] | 0;
    // (IPv4 has its own lookup above; this is the IPv6 path.)
    let h = Math.imul(0x9747b28c ^ (version << 8) ^ ipProtocol ^ ports, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h ^ l0, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h ^ r0, 0x85ebca6b);
    h ^= h >>> 13;
    h = mix(mix(mix(h, local[at + 1] | 0), local[at + 2] | 0), local[at + 3] | 0);
    h = mix(mix(mix(h, remote[at + 1] | 0), remote[at + 2] | 0), remote[at + 3] | 0);
    h = h ^ (h >>> 16);
    const keys = this.keys;
    const mask = this.cap - 1;
    let s = h & mask;
    let f = -1;
    for (;;) {
      const g = this.slotOf[s];
      if (g < 0) break;
      const o = g * KEY_WORDS;
      if (
        this.hashes[g] === h && keys[o + 9] === ports && keys[o + 1] === l0 && keys[o + 5] === r0 && keys[o + 10] === ipProtocol && keys[o] === version &&
        keys[o + 2] === (local[at + 1] | 0) && keys[o + 3] === (local[at + 2] | 0) && keys[o + 4] === (local[at + 3] | 0) &&
        keys[o + 6] === (remote[at + 1] | 0) && keys[o + 7] === (remote[at + 2] | 0) && keys[o + 8] === (remote[at + 3] | 0)
      ) {
        f = g;
        break;
      }
      s = (s + 1) & mask;
    }
    if (f < 0) f = this.insert(version, local, remote, at, ports, ipProtocol, h, outbound, packet.time, tcpFlags);
    else if (ipProtocol === 6 && !(this.flags[f] & 2) && (tcpFlags & 0x12) === 0x02) {
      // A SYN after mid-stream packets: the handshake decides.
      this.flags[f] = (outbound ? 1 : 0) | 2;
    }
    return f;
  }

  /**
   * `flowOf` for IPv4 from the addresses as numbers (no array in between); `ports` is local << 16 | remote
   * (0 for ICMP and other protocols). The hot path: one multiply-xor hash over the three key words.
   */
  flowOf4(local: number, remote: number, ports: number, ipProtocol: number, outbound: boolean, packet: PacketTime): number {
    const l0 = local | 0;
    const r0 = remote | 0;
    let h = Math.imul(l0 ^ Math.imul(r0, 0x9e3779b1) ^ ports ^ (ipProtocol << 8), 0x85ebca6b);
    h ^= h >>> 15;
    const mask = this.cap - 1;
    const keys = this.keys;
    const slotOf = this.slotOf;
    const hashes = this.hashes;
    let s = h & mask;
    for (;;) {
      const g = slotOf[s];
      if (g < 0) break;
      const o = g * KEY_WORDS;
      if (hashes[g] === h && keys[o + 1] === l0 && keys[o + 5] === r0 && keys[o + 9] === ports && keys[o + 10] === ipProtocol && keys[o] === 4) {
        if (ipProtocol === 6 && (packet.tcpFlags & 0x12) === 0x02 && !(this.flags[g] & 2)) this.flags[g] = (outbound ? 1 : 0) | 2;
        return g;
      }
      s = (s + 1) & mask;
    }
    this.words4[0] = l0;
    this.words4[1] = r0;
    return this.insert(4, this.words4, this.words4, 0, ports, ipProtocol, h, outbound, packet.time, packet.tcpFlags, 1);
  }

  private readonly words4 = new Int32Array(2);

  /** Adds one packet to flow `f`. The time is read from the packet: a fractional number argument would be boxed per call. */
  countPacket(f: number, outbound: boolean, bytes: number, packet: PacketTime, agent: number): void {
    const time = packet.time;
    const nums = this.nums;
    const n = f * 8;
    if (outbound) {
      nums[n + 1]++;
      nums[n + 3] += bytes;
    } else {
      nums[n]++;
      nums[n + 2] += bytes;
    }
    if (time < nums[n + 4]) nums[n + 4] = time;
    if (time > nums[n + 5]) nums[n + 5] = time;
    if (agent < 0) nums[n + 6]++;
    else this.missed[f * REASONS + agent]++;
  }

  private insert(
    version: 4 | 6, local: ArrayLike<number>, remote: ArrayLike<number>, at: number, ports: number, ipProtocol: number, h: number,
    outbound: boolean, time: number, tcpFlags: number, remoteAt = at,
  ): number {
    if ((this.count + 1) * 2 > this.cap) this.grow();
    const mask = this.cap - 1;
    let s = h & mask;
    while (this.slotOf[s] >= 0) s = (s + 1) & mask;
    const f = this.count++;
    this.slotOf[s] = f;
    this.hashes[f] = h;
    const o = f * KEY_WORDS;
    const k = this.keys;
    k[o] = version;
    const w = version === 4 ? 1 : 4;
    for (let i = 0; i < 4; i++) {
      k[o + 1 + i] = i < w ? local[at + i] : 0;
      k[o + 5 + i] = i < w ? remote[remoteAt + i] : 0;
    }
    k[o + 9] = ports;
    k[o + 10] = ipProtocol;
    const n = f * 8;
    this.nums[n + 4] = time;
    this.nums[n + 5] = time;
    // flags bit0: initiator is local; bit1: decided by handshake.
    const syn = ipProtocol === 6 && (tcpFlags & 0x12) === 0x02;
    const synAck = ipProtocol === 6 && (tcpFlags & 0x12) === 0x12;
    const localStarted = synAck ? !outbound : outbound;
    this.flags[f] = (localStarted ? 1 : 0) | (syn || synAck ? 2 : 0);
    return f;
  }

  flow(f: number): TruthFlow {
    const k = this.keys.subarray(f * KEY_WORDS, f * KEY_WORDS + KEY_WORDS);
    const version = k[0] as 4 | 6;
    const w = version === 4 ? 1 : 4;
    const n = f * 8;
    const missed: Partial<Record<NotSeenReason, number>> = {};
    NOT_SEEN_REASONS.forEach((r, i) => {
      const c = this.missed[f * REASONS + i];
      if (c) missed[r] = c;
    });
    return {
      ipVersion: version,
      local: Array.from(k.subarray(1, 1 + w), (x) => x >>> 0),
      remote: Array.from(k.subarray(5, 5 + w), (x) => x >>> 0),
      localPort: k[9] >>> 16,
      remotePort: k[9] & 0xffff,
      ipProtocol: k[10],
      initiator: this.flags[f] & 1 ? 'local' : 'remote',
      initiatorFromHandshake: (this.flags[f] & 2) !== 0,
      packetsIn: this.nums[n],
      packetsOut: this.nums[n + 1],
      bytesIn: this.nums[n + 2],
      bytesOut: this.nums[n + 3],
      firstTime: this.nums[n + 4],
      lastTime: this.nums[n + 5],
      agentPackets: this.nums[n + 6],
      missed,
    };
  }

  *flows(): IterableIterator<TruthFlow> {
    for (let f = 0; f < this.count; f++) yield this.flow(f);
  }
}
