// The indicator set: IPv4/IPv6 longest-prefix lookups and domain lookups (with parent domains), each answer
// naming the feed and line it came from. Prefixes are flattened into sorted, disjoint intervals that carry
// the most specific prefix; both families add a 16-bit first-level index so a lookup is one short binary search.
import { formatIPv4, mask6 } from './ip';
import { EntryLabels, type EntryLabelsSnapshot } from './entry-labels';
import { formatIpv6Groups } from '../net/ip-text';

export interface IndicatorMatch {
  kind: 'ipv4' | 'ipv6' | 'domain';
  /** The indicator as written canonically: `a.b.c.d/len`, an IPv6 prefix, or the domain. */
  value: string;
  feed: string;
  /** One-based line of the indicator in its feed. */
  line: number;
  /** Free text the feed gave (a trailing comment, malware name, STIX indicator name). */
  label?: string;
}

export interface IndicatorStats { ipv4: number; ipv6: number; domains: number; duplicates: number; feeds: number }

class Growable {
  net = new Uint32Array(1024);
  prefix = new Uint8Array(1024);
  feed = new Uint16Array(1024);
  line = new Uint32Array(1024);
  count = 0;
  push(net: number, prefix: number, feed: number, line: number): number {
    if (this.count === this.net.length) {
      const n = this.count * 2;
      const grow = <T extends Uint32Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => { const b = make(n); b.set(a); return b; };
      this.net = grow(this.net, (k) => new Uint32Array(k));
      this.prefix = grow(this.prefix, (k) => new Uint8Array(k));
      this.feed = grow(this.feed, (k) => new Uint16Array(k));
      this.line = grow(this.line, (k) => new Uint32Array(k));
    }
    const i = this.count++;
    this.net[i] = net;
    this.prefix[i] = prefix;
    this.feed[i] = feed;
    this.line[i] = line;
    return i;
  }
}

interface Entry6 { net: bigint; prefix: number; feed: number; line: number; label?: string }
interface EntryDomain { feed: number; line: number; label?: string }

export class IndicatorSetBuilder {
  private feeds: string[] = [];
  private feedIndex = new Map<string, number>();
  private v4 = new Growable();
  private labels4 = new Map<number, string>();
  private v6: Entry6[] = [];
  private domains = new Map<string, EntryDomain>();
  private domainDuplicates = 0;

  private feedId(feed: string): number {
    let id = this.feedIndex.get(feed);
    if (id === undefined) {
      id = this.feeds.length;
      if (id > 0xffff) throw new Error('more than 65535 feeds');
      this.feeds.push(feed);
      this.feedIndex.set(feed, id);
    }
    return id;
  }

  /** `network` must already have its host bits cleared. */
  addIPv4(network: number, prefix: number, feed: string, line: number, label?: string): void {
    const i = this.v4.push(network >>> 0, prefix, this.feedId(feed), line);
    if (label) this.labels4.set(i, label);
  }

  addIPv6(network: bigint, prefix: number, feed: string, line: number, label?: string): void {
    this.v6.push({ net: network & mask6(prefix), prefix, feed: this.feedId(feed), line, label });
  }

  addDomain(domain: string, feed: string, line: number, label?: string): void {
    const d = normaliseDomain(domain);
    if (this.domains.has(d)) { this.domainDuplicates++; return; }
    this.domains.set(d, { feed: this.feedId(feed), line, label });
  }

  build(): IndicatorSet {
    return new IndicatorSet(this.feeds, buildV4(this.v4, this.labels4), buildV6(this.v6), this.domains, this.domainDuplicates);
  }
}

/** Whether the 128-bit bound at words[k..k+3] is <= the address (or, with `strict`, < it). */
function notAfter(words: Uint32Array, k: number, a0: number, a1: number, a2: number, a3: number, strict = false): boolean {
  if (words[k] !== a0) return words[k] < a0;
  if (words[k + 1] !== a1) return words[k + 1] < a1;
  if (words[k + 2] !== a2) return words[k + 2] < a2;
  return strict ? words[k + 3] < a3 : words[k + 3] <= a3;
}

export function normaliseDomain(d: string): string {
  const l = d.trim().toLowerCase();
  return l.endsWith('.') ? l.slice(0, -1) : l;
}

interface V4Table {
  starts: Uint32Array; ends: Uint32Array; entry: Int32Array; segments: number;
  first: Uint32Array; src: Growable; labels: EntryLabels; unique: number; duplicates: number;
}

/** LSD radix sort of entry indices by (network, prefix): three counting passes, no comparator calls
 *  (each pass written out: a key closure per element cost a third of the build). */
function sortV4(src: Growable): Uint32Array {
  const n = src.count;
  const net = src.net;
  const prefix = src.prefix;
  let order = new Uint32Array(n);
  let tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(65537);
  // Pass 1: by prefix.
  counts.fill(0, 0, 34);
  for (let i = 0; i < n; i++) counts[prefix[order[i]] + 1]++;
  for (let b = 0; b < 33; b++) counts[b + 1] += counts[b];
  for (let i = 0; i < n; i++) tmp[counts[prefix[order[i]]]++] = order[i];
  [order, tmp] = [tmp, order];
  // Pass 2: by the low 16 bits; pass 3: by the high 16 bits.
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((net[order[i]] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) counts[b + 1] += counts[b];
    for (let i = 0; i < n; i++) {
      const id = order[i];
      tmp[counts[(net[id] >>> shift) & 0xffff]++] = id;
    }
    [order, tmp] = [tmp, order];
  }
  return order;
}

/** Addresses a prefix spans, minus one, by prefix length. */
const SPAN4 = Array.from({ length: 33 }, (_, p) => 2 ** (32 - p) - 1);

function buildV4(src: Growable, labels: Map<number, string>): V4Table {
  const order = sortV4(src);
  const n = src.count;
  const starts = new Uint32Array(2 * n + 1);
  const ends = new Uint32Array(2 * n + 1);
  const entry = new Int32Array(2 * n + 1);
  let segments = 0;
  const emit = (s: number, e: number, id: number) => { starts[segments] = s; ends[segments] = e; entry[segments] = id; segments++; };
  const stack: number[] = [];
  const endOf = (id: number) => src.net[id] + SPAN4[src.prefix[id]];
  let cursor = 0;
  let duplicates = 0;
  for (let k = 0; k < n; k++) {
    const id = order[k];
    const s = src.net[id];
    while (stack.length && endOf(stack[stack.length - 1]) < s) {
      const top = stack.pop() as number;
      const e = endOf(top);
      if (cursor <= e) emit(cursor, e, top);
      cursor = e + 1;
    }
    if (stack.length) {
      const top = stack[stack.length - 1];
      if (src.net[top] === s && src.prefix[top] === src.prefix[id]) { duplicates++; continue; }
      if (cursor < s) emit(cursor, s - 1, top);
    }
    cursor = s;
    stack.push(id);
  }
  while (stack.length) {
    const top = stack.pop() as number;
    const e = endOf(top);
    if (cursor <= e) emit(cursor, e, top);
    cursor = e + 1;
  }
  // first[b] = first segment whose end reaches block b (addresses b<<16 .. b<<16|0xffff).
  const first = new Uint32Array(65537);
  let seg = 0;
  for (let b = 0; b <= 65536; b++) {
    const lo = b * 65536;
    while (seg < segments && ends[seg] < lo) seg++;
    first[b] = seg;
  }
  return { starts, ends, entry, segments, first, src, labels: EntryLabels.fromMap(labels), unique: n - duplicates, duplicates };
}

/** IPv6 intervals as 32-bit words, four per bound (big-endian, word 0 the most significant): a lookup compares
 *  numbers, never bigints, and a 16-bit first-level index on the top of word 0 narrows the search first. */
/** The distinct IPv6 prefixes as typed arrays (network as 4 words), and each segment's prefix: a match is
 *  answered from these, so neither a lookup nor a cache load makes a bigint or an object per prefix. */
interface V6Entries { net: Uint32Array; prefix: Uint8Array; feed: Uint16Array; line: Uint32Array; labels: EntryLabels; segmentEntry: Int32Array }
interface V6Table { starts: Uint32Array; ends: Uint32Array; entries: V6Entries; segments: number; first: Uint32Array; unique: number; duplicates: number }

function v6Entries(entry: readonly Entry6[]): V6Entries {
  const distinct = [...new Set(entry)];
  const index = new Map(distinct.map((e, i) => [e, i]));
  const m = distinct.length;
  const net = new Uint32Array(4 * m);
  const labels = new Map<number, string>();
  distinct.forEach((e, i) => {
    putWords(net, 4 * i, e.net);
    if (e.label) labels.set(i, e.label);
  });
  return {
    net, prefix: Uint8Array.from(distinct, (e) => e.prefix), feed: Uint16Array.from(distinct, (e) => e.feed), line: Uint32Array.from(distinct, (e) => e.line),
    labels: EntryLabels.fromMap(labels), segmentEntry: Int32Array.from(entry, (e) => index.get(e)!),
  };
}

const MASK32 = 0xffffffffn;

function putWords(into: Uint32Array, at: number, v: bigint): void {
  into[at] = Number((v >> 96n) & MASK32);
  into[at + 1] = Number((v >> 64n) & MASK32);
  into[at + 2] = Number((v >> 32n) & MASK32);
  into[at + 3] = Number(v & MASK32);
}

function buildV6(list: Entry6[]): V6Table {
  // Building still uses bigints (once per prefix); only the lookups must avoid them.
  const sorted = [...list].sort((a, b) => (a.net < b.net ? -1 : a.net > b.net ? 1 : a.prefix - b.prefix));
  const starts: bigint[] = [];
  const ends: bigint[] = [];
  const entry: Entry6[] = [];
  const endOf = (e: Entry6) => e.net | ((1n << BigInt(128 - e.prefix)) - 1n);
  const emit = (s: bigint, e: bigint, x: Entry6) => { starts.push(s); ends.push(e); entry.push(x); };
  const stack: Entry6[] = [];
  let cursor = 0n;
  let duplicates = 0;
  for (const x of sorted) {
    while (stack.length && endOf(stack[stack.length - 1]) < x.net) {
      const top = stack.pop() as Entry6;
      if (cursor <= endOf(top)) emit(cursor, endOf(top), top);
      cursor = endOf(top) + 1n;
    }
    if (stack.length) {
      const top = stack[stack.length - 1];
      if (top.net === x.net && top.prefix === x.prefix) { duplicates++; continue; }
      if (cursor < x.net) emit(cursor, x.net - 1n, top);
    }
    cursor = x.net;
    stack.push(x);
  }
  while (stack.length) {
    const top = stack.pop() as Entry6;
    if (cursor <= endOf(top)) emit(cursor, endOf(top), top);
    cursor = endOf(top) + 1n;
  }
  const n = starts.length;
  const s32 = new Uint32Array(4 * n);
  const e32 = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) { putWords(s32, 4 * i, starts[i]); putWords(e32, 4 * i, ends[i]); }
  // first[b] = first segment whose end reaches block b (addresses whose top 16 bits are b).
  const first = new Uint32Array(65537);
  let seg = 0;
  for (let b = 0; b <= 65536; b++) {
    while (seg < n && e32[4 * seg] >>> 16 < b) seg++;
    first[b] = seg;
  }
  return { starts: s32, ends: e32, entries: v6Entries(entry), segments: n, first, unique: list.length - duplicates, duplicates };
}

/** Everything an IndicatorSet holds, as typed arrays and plain values: what the feed cache writes and reads. */
export interface IndicatorSnapshot {
  feeds: string[];
  v4: {
    starts: Uint32Array; ends: Uint32Array; entry: Int32Array; first: Uint32Array; segments: number;
    net: Uint32Array; prefix: Uint8Array; feed: Uint16Array; line: Uint32Array; unique: number; duplicates: number;
  } & EntryLabelsSnapshot;
  v6: {
    starts: Uint32Array; ends: Uint32Array; first: Uint32Array; segments: number; unique: number; duplicates: number;
    /** The distinct entries (4 words each), and for each segment the entry it belongs to. */
    net: Uint32Array; prefix: Uint8Array; feed: Uint16Array; line: Uint32Array; segmentEntry: Int32Array;
  } & EntryLabelsSnapshot;
  domains: [string, number, number, string | undefined][];
  domainDuplicates: number;
}

function formatIpv6Words(words: Uint32Array, at: number): string {
  const g: number[] = [];
  for (let k = 0; k < 4; k++) g.push(words[at + k] >>> 16, words[at + k] & 0xffff);
  return formatIpv6Groups(g);
}

export class IndicatorSet {
  // The hot path's arrays as own fields: one load each instead of going through the table object.
  private readonly s4: Uint32Array;
  private readonly e4: Uint32Array;
  private readonly id4: Int32Array;
  private readonly first4: Uint32Array;
  private readonly n4: number;
  private readonly s6: Uint32Array;
  private readonly e6: Uint32Array;
  private readonly first6: Uint32Array;
  private readonly n6: number;

  constructor(
    private readonly feeds: string[],
    private readonly v4: V4Table,
    private readonly v6: V6Table,
    private readonly domains: Map<string, EntryDomain>,
    private readonly domainDuplicates: number,
  ) {
    this.s4 = v4.starts;
    this.e4 = v4.ends;
    this.id4 = v4.entry;
    this.first4 = v4.first;
    this.n4 = v4.segments;
    this.s6 = v6.starts;
    this.e6 = v6.ends;
    this.first6 = v6.first;
    this.n6 = v6.segments;
  }

  static empty(): IndicatorSet {
    return new IndicatorSetBuilder().build();
  }

  snapshot(): IndicatorSnapshot {
    const v4 = this.v4;
    const n = v4.src.count;
    const e6 = this.v6.entries;
    return {
      feeds: this.feeds,
      v4: {
        starts: v4.starts.subarray(0, v4.segments), ends: v4.ends.subarray(0, v4.segments), entry: v4.entry.subarray(0, v4.segments), first: v4.first, segments: v4.segments,
        net: v4.src.net.subarray(0, n), prefix: v4.src.prefix.subarray(0, n), feed: v4.src.feed.subarray(0, n), line: v4.src.line.subarray(0, n),
        ...v4.labels.snapshot(), unique: v4.unique, duplicates: v4.duplicates,
      },
      v6: {
        starts: this.v6.starts, ends: this.v6.ends, first: this.v6.first, segments: this.v6.segments, unique: this.v6.unique, duplicates: this.v6.duplicates,
        net: e6.net, prefix: e6.prefix, feed: e6.feed, line: e6.line, ...e6.labels.snapshot(), segmentEntry: e6.segmentEntry,
      },
      domains: [...this.domains].map(([d, e]) => [d, e.feed, e.line, e.label]),
      domainDuplicates: this.domainDuplicates,
    };
  }

  /** Throws when the snapshot does not hold together (the feed cache then reads the feeds again). */
  static fromSnapshot(s: IndicatorSnapshot): IndicatorSet {
    const labels4 = EntryLabels.fromSnapshot(s.v4);
    const labels6 = EntryLabels.fromSnapshot(s.v6);
    if (!labels4 || !labels6) throw new Error('indicator snapshot: labels do not hold together');
    const src = new Growable();
    // Read-only from here on: the builder's growable arrays are never grown again.
    src.net = s.v4.net as Growable['net']; src.prefix = s.v4.prefix as Growable['prefix'];
    src.feed = s.v4.feed as Growable['feed']; src.line = s.v4.line as Growable['line']; src.count = s.v4.net.length;
    const v4: V4Table = {
      starts: s.v4.starts, ends: s.v4.ends, entry: s.v4.entry, segments: s.v4.segments, first: s.v4.first, src,
      labels: labels4, unique: s.v4.unique, duplicates: s.v4.duplicates,
    };
    const v6: V6Table = {
      starts: s.v6.starts, ends: s.v6.ends, segments: s.v6.segments, first: s.v6.first, unique: s.v6.unique, duplicates: s.v6.duplicates,
      entries: { net: s.v6.net, prefix: s.v6.prefix, feed: s.v6.feed, line: s.v6.line, labels: labels6, segmentEntry: s.v6.segmentEntry },
    };
    const domains = new Map(s.domains.map(([d, feed, line, label]) => [d, { feed, line, label }]));
    return new IndicatorSet(s.feeds, v4, v6, domains, s.domainDuplicates);
  }

  get stats(): IndicatorStats {
    return { ipv4: this.v4.unique, ipv6: this.v6.unique, domains: this.domains.size,
      duplicates: this.v4.duplicates + this.v6.duplicates + this.domainDuplicates, feeds: this.feeds.length };
  }

  /** Entry id of the most specific IPv4 prefix holding `addr` (unsigned 32-bit), or -1. The hot path: no allocation. */
  lookupIPv4Id(addr: number): number {
    const ends = this.e4;
    const n = this.n4;
    const b = addr >>> 16;
    let lo = this.first4[b];
    if (lo >= n) return -1;
    let hi = this.first4[b + 1];
    if (hi >= n) hi = n - 1;
    // First segment whose end >= addr.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] < addr) lo = mid + 1;
      else hi = mid;
    }
    return this.s4[lo] <= addr && addr <= ends[lo] ? this.id4[lo] : -1;
  }

  lookupIPv4(addr: number): IndicatorMatch | undefined {
    const id = this.lookupIPv4Id(addr >>> 0);
    if (id < 0) return undefined;
    const s = this.v4.src;
    return { kind: 'ipv4', value: `${formatIPv4(s.net[id])}/${s.prefix[id]}`, feed: this.feeds[s.feed[id]], line: s.line[id], label: this.v4.labels.get(id) };
  }

  /** Entry id of the most specific IPv6 prefix holding the address given as four big-endian 32-bit words
   *  (how DecodedPacket holds it), or -1. The hot path: numbers only, no bigint, no allocation. */
  lookupIPv6Id(w0: number, w1: number, w2: number, w3: number): number {
    const n = this.n6;
    const ends = this.e6;
    const a0 = w0 >>> 0, a1 = w1 >>> 0, a2 = w2 >>> 0, a3 = w3 >>> 0;
    const b = a0 >>> 16;
    let lo = this.first6[b];
    if (lo >= n) return -1;
    let hi = this.first6[b + 1];
    if (hi >= n) hi = n - 1;
    // First segment whose end >= the address, comparing word by word.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = mid << 2;
      const x0 = ends[k];
      let below: boolean;
      if (x0 !== a0) below = x0 < a0;
      else if (ends[k + 1] !== a1) below = ends[k + 1] < a1;
      else if (ends[k + 2] !== a2) below = ends[k + 2] < a2;
      else below = ends[k + 3] < a3;
      if (below) lo = mid + 1;
      else hi = mid;
    }
    const k = lo << 2;
    return notAfter(this.s6, k, a0, a1, a2, a3) && !notAfter(ends, k, a0, a1, a2, a3, true) ? lo : -1;
  }

  /** The match for an address in DecodedPacket's form (`src6`/`dst6`: four big-endian 32-bit words). */
  lookupIPv6Words(words: ArrayLike<number>): IndicatorMatch | undefined {
    return this.match6(this.lookupIPv6Id(words[0], words[1], words[2], words[3]));
  }

  lookupIPv6(addr: bigint): IndicatorMatch | undefined {
    return this.match6(this.lookupIPv6Id(Number((addr >> 96n) & MASK32), Number((addr >> 64n) & MASK32), Number((addr >> 32n) & MASK32), Number(addr & MASK32)));
  }

  private match6(id: number): IndicatorMatch | undefined {
    if (id < 0) return undefined;
    const e = this.v6.entries;
    const i = e.segmentEntry[id];
    return { kind: 'ipv6', value: `${formatIpv6Words(e.net, 4 * i)}/${e.prefix[i]}`, feed: this.feeds[e.feed[i]], line: e.line[i], label: e.labels.get(i) };
  }

  /** The domain or its nearest listed parent (`a.evil.example` matches a listed `evil.example`). */
  lookupDomain(name: string): IndicatorMatch | undefined {
    let d = normaliseDomain(name);
    for (;;) {
      const e = this.domains.get(d);
      if (e) return { kind: 'domain', value: d, feed: this.feeds[e.feed], line: e.line, label: e.label };
      const dot = d.indexOf('.');
      if (dot < 0) return undefined;
      d = d.slice(dot + 1);
    }
  }
}
