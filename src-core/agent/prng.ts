// The seeded random source behind the agent's irand_int() and NX_RAND: same seed, same run.

/** mulberry32: small, fast, and good enough for jitter and event-id seeds. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** irand_int() is a C int: non-negative 31 bits. */
  nextInt(): number {
    return this.nextU32() >>> 1;
  }
}
