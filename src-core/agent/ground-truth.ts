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

const KEY_WORDS = 11; // version, local[4], remote[4], ports, protocol

export class GroundTruth {
  private cap = 1024;
  private count = 0;
  private keys = new Uint32Array(this.cap * KEY_WORDS);
  private used = new Uint8Array(this.cap);
  private slotOf = new Int32Array(this.cap);
  // Per-flow data, indexed by flow number (insertion order).
  private nums = new Float64Array(this.cap * 8);
  private flags = new Uint8Array(this.cap);
  private missed = new Float64Array(this.cap * NOT_SEEN_REASONS.length);
  private readonly key = new Uint32Array(KEY_WORDS);

  get flowCount(): number {
    return this.count;
  }

  private hash(k: Uint32Array): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < KEY_WORDS; i++) h = Math.imul(h ^ k[i], 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
  }

  private find(k: Uint32Array): number {
    const mask = this.cap - 1;
    for (let s = this.hash(k) & mask; ; s = (s + 1) & mask) {
      if (!this.used[s]) return -1 - s;
      const f = this.slotOf[s];
      let same = true;
      for (let i = 0; i < KEY_WORDS && same; i++) same = this.keys[f * KEY_WORDS + i] === k[i];
      if (same) return f;
    }
  }

  private grow(): void {
    const oldCap = this.cap;
    const oldKeys = this.keys;
    this.cap *= 2;
    this.keys = new Uint32Array(this.cap * KEY_WORDS);
    this.keys.set(oldKeys);
    this.used = new Uint8Array(this.cap);
    this.slotOf = new Int32Array(this.cap);
    const nums = new Float64Array(this.cap * 8);
    nums.set(this.nums);
    this.nums = nums;
    const flags = new Uint8Array(this.cap);
    flags.set(this.flags);
    this.flags = flags;
    const missed = new Float64Array(this.cap * NOT_SEEN_REASONS.length);
    missed.set(this.missed);
    this.missed = missed;
    const mask = this.cap - 1;
    for (let f = 0; f < this.count; f++) {
      let s = this.hash(this.keys.subarray(f * KEY_WORDS, f * KEY_WORDS + KEY_WORDS)) & mask;
      while (this.used[s]) s = (s + 1) & mask;
      this.used[s] = 1;
      this.slotOf[s] = f;
    }
    void oldCap;
  }

  /**
   * Counts one packet. `local`/`remote` hold 1 (IPv4) or 4 (IPv6) words from `at`. `agent` is -1 when the
   * agent recorded it, else the index of the reason in NOT_SEEN_REASONS. Returns the flow number.
   */
  add(
    version: 4 | 6, local: ArrayLike<number>, remote: ArrayLike<number>, at: number, localPort: number, remotePort: number,
    ipProtocol: number, outbound: boolean, bytes: number, time: number, tcpFlags: number, agent: number,
  ): number {
    const k = this.key;
    k.fill(0);
    k[0] = version;
    const w = version === 4 ? 1 : 4;
    for (let i = 0; i < w; i++) {
      k[1 + i] = local[at + i];
      k[5 + i] = remote[at + i];
    }
    k[9] = ((localPort << 16) | remotePort) >>> 0;
    k[10] = ipProtocol;
    let f = this.find(k);
    if (f < 0) {
      if ((this.count + 1) * 2 > this.cap) {
        this.grow();
        f = this.find(k);
      }
      const s = -1 - f;
      f = this.count++;
      this.used[s] = 1;
      this.slotOf[s] = f;
      this.keys.set(k, f * KEY_WORDS);
      const n = f * 8;
      this.nums[n + 4] = time;
      this.nums[n + 5] = time;
      // flags bit0: initiator is local; bit1: decided by handshake.
      const syn = ipProtocol === 6 && (tcpFlags & 0x12) === 0x02;
      const synAck = ipProtocol === 6 && (tcpFlags & 0x12) === 0x12;
      const localStarted = synAck ? !outbound : outbound;
      this.flags[f] = (localStarted ? 1 : 0) | (syn || synAck ? 2 : 0);
    } else if (ipProtocol === 6 && !(this.flags[f] & 2) && (tcpFlags & 0x12) === 0x02) {
      // A SYN after mid-stream packets: the handshake decides.
      this.flags[f] = (outbound ? 1 : 0) | 2;
    }
    const n = f * 8;
    if (outbound) {
      this.nums[n + 1]++;
      this.nums[n + 3] += bytes;
    } else {
      this.nums[n]++;
      this.nums[n + 2] += bytes;
    }
    if (time < this.nums[n + 4]) this.nums[n + 4] = time;
    if (time > this.nums[n + 5]) this.nums[n + 5] = time;
    if (agent < 0) this.nums[n + 6]++;
    else this.missed[f * NOT_SEEN_REASONS.length + agent]++;
    return f;
  }

  flow(f: number): TruthFlow {
    const k = this.keys.subarray(f * KEY_WORDS, f * KEY_WORDS + KEY_WORDS);
    const version = k[0] as 4 | 6;
    const w = version === 4 ? 1 : 4;
    const n = f * 8;
    const missed: Partial<Record<NotSeenReason, number>> = {};
    NOT_SEEN_REASONS.forEach((r, i) => {
      const c = this.missed[f * NOT_SEEN_REASONS.length + i];
      if (c) missed[r] = c;
    });
    return {
      ipVersion: version,
      local: Array.from(k.subarray(1, 1 + w)),
      remote: Array.from(k.subarray(5, 5 + w)),
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
