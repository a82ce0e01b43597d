// A set of numbers (integers up to 2^53) in one Float64Array: open addressing, linear probing, load at most
// 1/2. Off the JavaScript heap and without an object a member, so a set of a hundred thousand keys costs
// 2 MiB and nothing for the garbage collector to walk.

const EMPTY = NaN;

export class NumberSet {
  private slots = new Float64Array(1024).fill(EMPTY);
  private mask = 1023;
  size = 0;

  private slotOf(key: number): number {
    // Mix both 32-bit halves (keys are often a small number times 2^32 plus an address).
    const lo = key | 0;
    const hi = Math.floor(key / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let s = h & this.mask;
    const slots = this.slots;
    while (!Number.isNaN(slots[s]) && slots[s] !== key) s = (s + 1) & this.mask;
    return s;
  }

  has(key: number): boolean {
    return this.slots[this.slotOf(key)] === key;
  }

  add(key: number): void {
    const s = this.slotOf(key);
    if (this.slots[s] === key) return;
    this.slots[s] = key;
    if (++this.size * 2 > this.slots.length) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(EMPTY);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < old.length; i++) if (!Number.isNaN(old[i])) this.slots[this.slotOf(old[i])] = old[i];
  }
}
