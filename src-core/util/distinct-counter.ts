// Counts distinct values (flow keys, addresses, names) in bounded memory: exactly, in a Set, up to a limit;
// past it, as an estimate (HyperLogLog, 4,096 one-byte registers: about 1.6% standard error), so a window
// of millions of flows costs 4 KiB instead of a Set of millions. Many counters can share a budget of exact
// values: the one that would go past it switches to the estimate (and gives its values back). Whoever shows
// the count says when it is an estimate (`estimated`).

const REGISTER_BITS = 12;
const REGISTERS = 1 << REGISTER_BITS;
/** HyperLogLog's bias correction for m >= 128 (Flajolet et al. 2007). */
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** FNV-1a over the string's UTF-16 units, then a murmur3 finaliser so that the high bits mix too. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return finalise(h);
}

function hashNumber(n: number): number {
  // Integers up to 2^53 (flow serials, IPv4 addresses) as two 32-bit halves.
  const lo = n | 0;
  const hi = Math.floor(n / 4294967296) | 0;
  return finalise(Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi, 0xc2b2ae35));
}

function finalise(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Exact values left to the counters that share it. When it runs out, the counter holding the most exact
 * values switches to its estimate and gives them back: small counts stay exact, the largest is estimated.
 */
export class DistinctBudget {
  private readonly counters = new Set<DistinctCounter>();

  constructor(public left: number) {}

  join(c: DistinctCounter): void {
    this.counters.add(c);
  }

  leave(c: DistinctCounter): void {
    this.counters.delete(c);
  }

  /** Frees room by switching the largest exact counter to its estimate; false when none holds any value. */
  makeRoom(): boolean {
    let largest: DistinctCounter | undefined;
    for (const c of this.counters) if (c.exactCount > (largest?.exactCount ?? 0)) largest = c;
    if (!largest) return false;
    largest.switchToEstimate();
    return true;
  }
}

export class DistinctCounter {
  private exact: Set<string | number> | undefined = new Set();
  private registers: Uint8Array | undefined;
  /** Distinct values counted exactly before the switch (the estimate never goes below it). */
  private exactBefore = 0;

  /** `exactUpTo`: distinct values counted exactly before switching to the estimate; `budget`: shared with other counters. */
  constructor(private readonly exactUpTo = 10_000, private readonly budget?: DistinctBudget) {
    budget?.join(this);
  }

  /** Values held exactly (0 once estimated). */
  get exactCount(): number {
    return this.exact?.size ?? 0;
  }

  add(value: string | number): void {
    if (this.exact) {
      if (this.exact.has(value)) return;
      if (this.budget && this.budget.left <= 0) this.budget.makeRoom();
      // makeRoom may have switched this very counter.
      if (this.exact && this.exact.size < this.exactUpTo) {
        this.exact.add(value);
        if (this.budget) this.budget.left--;
        return;
      }
      if (this.exact) this.switchToEstimate();
    }
    this.addHash(typeof value === 'number' ? hashNumber(value) : hashString(value));
  }

  /** Whether `size` is an estimate (more distinct values than the exact limit were added). */
  get estimated(): boolean {
    return this.exact === undefined;
  }

  /** The number of distinct values added (exact, or the estimate rounded to a whole number). */
  get size(): number {
    if (this.exact) return this.exact.size;
    const r = this.registers!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i++) {
      sum += 2 ** -r[i];
      if (r[i] === 0) zeros++;
    }
    let e = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small ranges: linear counting is the better estimate while registers are still empty.
    if (e <= 2.5 * REGISTERS && zeros > 0) e = REGISTERS * Math.log(REGISTERS / zeros);
    // Never below what was counted exactly before the switch (the estimate can dip under it).
    return Math.max(this.exactBefore + 1, Math.round(e));
  }

  /** Leaves exact counting for the estimate (the budget's, or its own limit's, call). */
  switchToEstimate(): void {
    if (!this.exact) return;
    this.registers = new Uint8Array(REGISTERS);
    const values = this.exact!;
    this.exact = undefined;
    this.exactBefore = values.size;
    if (this.budget) (this.budget.left += values.size), this.budget.leave(this);
    for (const v of values) this.addHash(typeof v === 'number' ? hashNumber(v) : hashString(v));
  }

  private addHash(h: number): void {
    const index = h >>> (32 - REGISTER_BITS);
    const rest = (h << REGISTER_BITS) >>> 0;
    // The position of the first 1 bit in the remaining 20 bits (21 when they are all zero).
    const rank = rest === 0 ? 32 - REGISTER_BITS + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers![index]) this.registers![index] = rank;
  }
}

/** A count for messages: "12,345", or "about 1,234,000" when estimated (three significant digits). */
export function countText(n: number, estimated: boolean): string {
  if (!estimated) return String(n);
  const digits = Math.max(0, String(Math.round(n)).length - 3);
  const rounded = Math.round(n / 10 ** digits) * 10 ** digits;
  return `about ${rounded.toLocaleString('en-US')}`;
}
