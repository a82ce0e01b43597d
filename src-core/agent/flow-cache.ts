// The network collector's flow cache (agent facts §3.5, §3.12): one fixed object pool per IP version,
// chained hash tables of 10*N/7 buckets keyed on the 5-tuple, and the pool taken *before* the lookup,
// so a full pool drops every later packet of the cycle, known flows included. Typed arrays, no strings.
import type { NetworkRecordV4, NetworkRecordV6 } from './schema/message';

/** A drained record with the packets the model counted into it each way. The device counts none: the
 *  message carries bytes only; the counts are for `simulate --records` and the tests. */
export interface CountedRecordV4 extends NetworkRecordV4 {
  packetsIn: number;
  packetsOut: number;
}
export interface CountedRecordV6 extends NetworkRecordV6 {
  packetsIn: number;
  packetsOut: number;
}

// Kept in int32 arithmetic: uint32 values above 2^31 would leave V8's small-integer path on every packet.
const bswap = (x: number) => ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);

/** `x` as uint32, modulo `m` (< 65536), with integer operations only (a float modulo costs tens of ns). */
const umod = (x: number, m: number) => (((x >>> 16) % m) * 65536 + (x & 0xffff)) % m;

/**
 * One IP version's cache. Addresses are big-endian words (1 for IPv4, 4 for IPv6); bucket choice
 * follows the agent's hash on a little-endian MCU (address words as stored in network order, read as
 * host integers), so records drain in the device's own order.
 */
export class FlowCache {
  readonly words: 1 | 4;
  readonly capacity: number;
  readonly buckets: number;
  private readonly local: Int32Array;
  private readonly remote: Int32Array;
  private readonly ports: Int32Array;
  private readonly proto: Uint8Array;
  private readonly bytesIn: Uint32Array;
  private readonly bytesOut: Uint32Array;
  private readonly packetsIn: Uint32Array;
  private readonly packetsOut: Uint32Array;
  private readonly next: Int32Array;
  private readonly heads: Int32Array;
  private readonly free: Int32Array;
  private freeTop: number;
  /** Scratch for the drain order (no array per collection). */
  private readonly order: Int32Array;
  /** Packets that found the pool empty since the last drain (silent drops, §3.12 point 2). */
  failures = 0;
  /** Bumped whenever the entries are released (drain, clear): an entry index from before is stale. */
  generation = 0;
  /** Pool objects taken and never given back (the stopped collector's leak, agent facts §3.13.5). */
  leaked = 0;

  constructor(version: 4 | 6, capacity: number) {
    this.words = version === 4 ? 1 : 4;
    this.capacity = Math.max(0, capacity | 0);
    this.buckets = Math.floor((10 * this.capacity) / 7);
    const n = this.capacity;
    this.local = new Int32Array(n * this.words);
    this.remote = new Int32Array(n * this.words);
    this.ports = new Int32Array(n);
    this.proto = new Uint8Array(n);
    this.bytesIn = new Uint32Array(n);
    this.bytesOut = new Uint32Array(n);
    this.packetsIn = new Uint32Array(n);
    this.packetsOut = new Uint32Array(n);
    this.next = new Int32Array(n);
    this.heads = new Int32Array(Math.max(1, this.buckets)).fill(-1);
    this.free = new Int32Array(n);
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.free[i] = n - 1 - i;
    this.freeTop = n;
  }

  /** Entries in use (flows of the current cycle). */
  get used(): number {
    return this.capacity - this.leaked - this.freeTop;
  }

  /**
   * A packet at the IP filter while the collector is stopped: it takes a pool object and the stopped
   * table never stores or frees it (`add_or_update` returns on a NULL table). False when the pool is empty.
   */
  leak(): boolean {
    if (this.freeTop === 0) return false;
    this.freeTop--;
    this.leaked++;
    return true;
  }

  /** Whether the pool has no object left (a leaked-out pool stays so until the device reboots). */
  get empty(): boolean {
    return this.freeTop === 0;
  }

  /** A packet that reaches the hook but is not recorded still takes a pool object and gives it back. */
  touch(): boolean {
    if (this.freeTop === 0) {
      this.failures++;
      return false;
    }
    return true;
  }

  /**
   * Adds a packet's bytes to its flow, as bytes in or out by `outbound`. `local`/`remote` are arrays of
   * `words` big-endian words (at `at`). Returns the flow's entry, or -1 when the pool was full and the
   * packet was dropped.
   */
  record(local: ArrayLike<number>, remote: ArrayLike<number>, at: number, localPort: number, remotePort: number, protocol: number, bytes: number, outbound: boolean): number {
    if (this.freeTop === 0) {
      this.failures++;
      return -1;
    }
    const w = this.words;
    const l0 = local[at] | 0;
    const r0 = remote[at] | 0;
    let addrXor = l0 ^ r0;
    if (w === 4) addrXor ^= local[at + 1] ^ local[at + 2] ^ local[at + 3] ^ remote[at + 1] ^ remote[at + 2] ^ remote[at + 3];
    const portWord = (localPort << 16) | remotePort;
    const bucket = umod(bswap(addrXor) ^ portWord ^ protocol, this.buckets);
    const L = this.local;
    const R = this.remote;
    for (let e = this.heads[bucket]; e >= 0; e = this.next[e]) {
      if (this.ports[e] !== portWord || this.proto[e] !== protocol) continue;
      const o = e * w;
      if (L[o] !== l0 || R[o] !== r0) continue;
      if (w === 4 && (L[o + 1] !== (local[at + 1] | 0) || L[o + 2] !== (local[at + 2] | 0) || L[o + 3] !== (local[at + 3] | 0) ||
        R[o + 1] !== (remote[at + 1] | 0) || R[o + 2] !== (remote[at + 2] | 0) || R[o + 3] !== (remote[at + 3] | 0))) continue;
      this.add(e, bytes, outbound);
      return e;
    }
    const e = this.free[--this.freeTop];
    for (let i = 0; i < w; i++) {
      this.local[e * w + i] = local[at + i];
      this.remote[e * w + i] = remote[at + i];
    }
    this.ports[e] = portWord;
    this.proto[e] = protocol;
    this.bytesIn[e] = this.bytesOut[e] = this.packetsIn[e] = this.packetsOut[e] = 0;
    this.add(e, bytes, outbound);
    this.next[e] = this.heads[bucket];
    this.heads[bucket] = e;
    return e;
  }

  /**
   * `record` for a packet whose entry the caller already knows (same generation): the same outcome
   * without the lookup. The pool is still checked first, as the agent allocates before it looks.
   */
  recordAt(e: number, bytes: number, outbound: boolean): boolean {
    if (this.freeTop === 0) {
      this.failures++;
      return false;
    }
    this.add(e, bytes, outbound);
    return true;
  }

  /** One packet's bytes on entry `e`; uint32 counters wrap as on the device. */
  private add(e: number, bytes: number, outbound: boolean): void {
    if (outbound) {
      this.bytesOut[e] += bytes;
      this.packetsOut[e]++;
    } else {
      this.bytesIn[e] += bytes;
      this.packetsIn[e]++;
    }
  }

  /** Entry indexes in drain order (bucket by bucket, each chain from its head) in `order`; returns how many. */
  private drainOrder(): number {
    const order = this.order;
    let n = 0;
    for (let b = 0; b < this.buckets; b++) for (let e = this.heads[b]; e >= 0; e = this.next[e]) order[n++] = e;
    return n;
  }

  private release(n: number): void {
    this.heads.fill(-1);
    for (let k = 0; k < n; k++) this.free[this.freeTop++] = this.order[k];
    this.failures = 0;
    this.generation++;
  }

  /** Empties the cache as a collection does, giving records in message order (reverse drain order, §3.12 point 9). */
  drainV4(): CountedRecordV4[] {
    const n = this.drainOrder();
    const order = this.order;
    const out: CountedRecordV4[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const e = order[k];
      out.push({
        local: this.local[e] >>> 0, remote: this.remote[e] >>> 0, localPort: this.ports[e] >>> 16, remotePort: this.ports[e] & 0xffff,
        protocol: this.proto[e], bytesIn: this.bytesIn[e], bytesOut: this.bytesOut[e], packetsIn: this.packetsIn[e], packetsOut: this.packetsOut[e],
      });
    }
    this.release(n);
    return out;
  }

  drainV6(): CountedRecordV6[] {
    const n = this.drainOrder();
    const order = this.order;
    const L = this.local;
    const R = this.remote;
    const out: CountedRecordV6[] = [];
    for (let k = n - 1; k >= 0; k--) {
      const e = order[k];
      const o = e * 4;
      out.push({
        local: [L[o] >>> 0, L[o + 1] >>> 0, L[o + 2] >>> 0, L[o + 3] >>> 0], remote: [R[o] >>> 0, R[o + 1] >>> 0, R[o + 2] >>> 0, R[o + 3] >>> 0],
        localPort: this.ports[e] >>> 16, remotePort: this.ports[e] & 0xffff, protocol: this.proto[e], bytesIn: this.bytesIn[e], bytesOut: this.bytesOut[e],
        packetsIn: this.packetsIn[e], packetsOut: this.packetsOut[e],
      });
    }
    this.release(n);
    return out;
  }

  /** Collector stop (SUSPENDED): tables cleared, nothing reported. */
  clear(): void {
    this.release(this.drainOrder());
  }
}
