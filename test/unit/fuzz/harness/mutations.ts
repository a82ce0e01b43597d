// Mutations of valid inputs, as fast-check arbitraries: truncations, byte flips, wrong lengths and huge
// counts written over fields, inserted NUL bytes, invalid UTF-8 and control characters, deleted, repeated and
// spliced ranges, and format-specific hostile snippets (deep nesting, many keys, long expressions). Positions
// are fractions of the input's length, so one mutation fits any input and shrinks towards the start.
import fc from 'fast-check';

/** A position as a fraction of the input's length, in 1/65536 steps. */
const place = fc.nat({ max: 0xffff });

/** Values a length or count field should never hold, and some it may. */
const FIELD_VALUES = [0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff];

/** Bytes a text reader must survive: NULs, invalid UTF-8 (overlong, lone continuation, surrogate, past
 *  U+10FFFF, cut sequences), a BOM, control characters and terminal escapes. */
export const HOSTILE_BYTES: readonly number[][] = [
  [0], [0, 0, 0, 0], [0xff], [0xfe, 0xff], [0xc0, 0x80], [0x80], [0xbf, 0xbf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xef, 0xbb, 0xbf], [0x1b, 0x5b, 0x32, 0x4a], [0x0d], [0x0d, 0x0d, 0x0a], [0x0b, 0x0c], [0x7f], [0xc2, 0x85], [0xe2, 0x80, 0xa8],
];

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'field'; at: number; width: 2 | 4; value: number; littleEndian: boolean; aligned: boolean }
  | { kind: 'insert'; at: number; bytes: Uint8Array; atLineStart: boolean }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'move'; from: number; length: number; to: number };

function bytesArb(snippets: fc.Arbitrary<string>[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_BYTES).map((b) => Uint8Array.from(b)) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(0, 0x20, 0x30, 0x7b, 0x5b, 0xff), fc.integer({ min: 1, max: 4096 })).map(([b, n]) => new Uint8Array(n).fill(b)) },
    ...snippets.map((s) => ({ weight: 3, arbitrary: s.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))) })),
  );
}

/** One mutation; `snippets` are the format's own hostile texts, inserted like bytes. */
export function mutationArb(snippets: fc.Arbitrary<string>[] = []): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: place }),
    fc.record({ kind: fc.constant('flip' as const), at: place, xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({
      kind: fc.constant('field' as const), at: place, width: fc.constantFrom(2 as const, 4 as const),
      value: fc.oneof(fc.constantFrom(...FIELD_VALUES), fc.nat()), littleEndian: fc.boolean(), aligned: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('insert' as const), at: place, bytes: bytesArb(snippets), atLineStart: fc.boolean() }),
    fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('repeat' as const), at: place, length: fc.integer({ min: 1, max: 96 }), times: fc.integer({ min: 2, max: 300 }) }),
    fc.record({ kind: fc.constant('move' as const), from: place, length: fc.integer({ min: 1, max: 256 }), to: place }),
  );
}

function index(at: number, length: number): number {
  return Math.floor((at / 0x10000) * (length + 1));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Applies one mutation; the input is not changed. */
export function mutate(input: Uint8Array, m: Mutation): Uint8Array {
  const n = input.length;
  switch (m.kind) {
    case 'truncate':
      return input.slice(0, index(m.at, n));
    case 'flip': {
      if (n === 0) return input;
      const out = input.slice();
      out[Math.min(n - 1, index(m.at, n))] ^= m.xor;
      return out;
    }
    case 'field': {
      if (n < m.width) return input;
      let i = Math.min(n - m.width, index(m.at, n));
      if (m.aligned) i -= i % m.width;
      const out = input.slice();
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      if (m.width === 4) view.setUint32(i, m.value >>> 0, m.littleEndian);
      else view.setUint16(i, m.value & 0xffff, m.littleEndian);
      return out;
    }
    case 'insert': {
      let i = index(m.at, n);
      if (m.atLineStart) {
        const nl = input.lastIndexOf(10, i - 1);
        i = nl < 0 ? 0 : nl + 1;
      }
      return concat(input.subarray(0, i), m.bytes, input.subarray(i));
    }
    case 'delete': {
      const i = index(m.at, n);
      return concat(input.subarray(0, i), input.subarray(Math.min(n, i + m.length)));
    }
    case 'repeat': {
      const i = index(m.at, n);
      const piece = input.subarray(i, Math.min(n, i + m.length));
      return concat(input.subarray(0, i), ...new Array<Uint8Array>(m.times).fill(piece), input.subarray(i + piece.length));
    }
    case 'move': {
      // A range copied elsewhere: records spliced into the middle of others.
      const from = index(m.from, n);
      const piece = input.slice(from, Math.min(n, from + m.length));
      const to = index(m.to, n);
      return concat(input.subarray(0, to), piece, input.subarray(to));
    }
  }
}

export function describeMutation(m: Mutation): string {
  const at = (x: number) => `${((x / 0x10000) * 100).toFixed(1)}%`;
  switch (m.kind) {
    case 'truncate': return `cut at ${at(m.at)}`;
    case 'flip': return `xor 0x${m.xor.toString(16)} at ${at(m.at)}`;
    case 'field': return `u${m.width * 8}${m.littleEndian ? 'le' : 'be'} ${m.value} at ${at(m.at)}${m.aligned ? ' (aligned)' : ''}`;
    case 'insert': return `insert ${m.bytes.length} bytes (${Buffer.from(m.bytes.subarray(0, 12)).toString('hex')}${m.bytes.length > 12 ? '...' : ''}) at ${at(m.at)}${m.atLineStart ? ' (line start)' : ''}`;
    case 'delete': return `delete ${m.length} bytes at ${at(m.at)}`;
    case 'repeat': return `repeat ${m.length} bytes at ${at(m.at)} ${m.times} times`;
    case 'move': return `copy ${m.length} bytes from ${at(m.from)} to ${at(m.to)}`;
  }
}

/** A fuzz case: the bytes, the file name they are read under, and how they were made (for the report). */
export interface FuzzCase {
  name: string;
  bytes: Uint8Array;
  how: string;
  /** What a property expects of this case beyond a clear outcome (set by the property's own generator). */
  meta?: unknown;
}

/** Valid inputs with up to `max` mutations each (sometimes none: valid input must read cleanly too), and one
 *  case in twenty of random bytes or random text under a valid input's name. */
export function mutated(valid: fc.Arbitrary<FuzzCase>, snippets: fc.Arbitrary<string>[] = [], max = 4): fc.Arbitrary<FuzzCase> {
  const changed = fc.tuple(valid, fc.array(mutationArb(snippets), { minLength: 0, maxLength: max })).map(([c, ms]) => {
    let bytes = c.bytes;
    for (const m of ms) bytes = mutate(bytes, m);
    return { name: c.name, bytes, how: [c.how, ...ms.map(describeMutation)].join('; ') };
  });
  const random = fc.tuple(valid.map((c) => c.name), fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => ({ bytes: b, how: `${b.length} random bytes` })),
    fc.string({ unit: 'binary', maxLength: 2048 }).map((t) => ({ bytes: new Uint8Array(Buffer.from(t, 'utf8')), how: `${t.length} random characters` })),
  )).map(([name, r]) => ({ name, bytes: r.bytes, how: r.how }));
  return fc.oneof({ weight: 19, arbitrary: changed }, { weight: 1, arbitrary: random });
}
