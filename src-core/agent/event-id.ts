// Event ids as the agent makes them (CORE src/utils/uuid.c): two random 64-bit words drawn at first
// use, both incremented before each event, written little-endian. Not RFC 4122 v4.
import type { SeededRandom } from './prng';

const MASK = (1n << 64n) - 1n;

export class EventIdSource {
  private a = 0n;
  private b = 0n;
  private seeded = false;
  constructor(private readonly random: SeededRandom | { words: [bigint, bigint] }) {}

  /** Advances past `n` events without making their ids (an idle stretch the model skips). */
  skip(n: number): void {
    this.seed();
    this.a = (this.a + BigInt(n)) & MASK;
    this.b = (this.b + BigInt(n)) & MASK;
  }

  private seed(): void {
    if (!this.seeded) {
      if ('words' in this.random) [this.a, this.b] = this.random.words;
      else {
        const r = this.random;
        this.a = (BigInt(r.nextU32()) << 32n) | BigInt(r.nextU32());
        this.b = (BigInt(r.nextU32()) << 32n) | BigInt(r.nextU32());
      }
      this.seeded = true;
    }
  }

  next(): Uint8Array {
    this.seed();
    this.a = (this.a + 1n) & MASK;
    this.b = (this.b + 1n) & MASK;
    const out = new Uint8Array(16);
    const v = new DataView(out.buffer);
    v.setBigUint64(0, this.a, true);
    v.setBigUint64(8, this.b, true);
    return out;
  }
}
