// A FlatBuffers builder that lays bytes out exactly as flatcc 0.6.1's builder and default emitter do
// (back to front, vtables clustered after the data, deduplicated, unaligned), with the agent's fixed
// builder buffers and emitter page modelled so that oversize messages fail where the real one fails.

import { BuildFailure, UNLIMITED, type BuilderLimits } from './builder-limits';

export { BuildFailure, UNLIMITED } from './builder-limits';
export type { BuildFailureKind, BuilderLimits } from './builder-limits';

interface TableFrame {
  kind: 'table';
  data: Uint8Array;
  view: DataView;
  dsOffset: number;
  align: number;
  /** voffset (offset + 4) per field id, 0 when absent; valid up to `idEnd`, zero beyond. */
  vs: Int32Array;
  idEnd: number;
  /** ds offsets of uoffset fields and their target refs: the first `offsets` entries. (Counts, not
   *  `length = 0`: setting an array's length is a runtime call, and a message opens hundreds of tables.) */
  offsetFields: number[];
  offsetTargets: number[];
  offsets: number;
  savedDsFirst: number;
  /** Where the last field added sits in `data`. */
  at: number;
}

interface VectorFrame {
  kind: 'vector';
  refs: number[];
  dsOffset: number;
  savedDsFirst: number;
}

type Frame = TableFrame | VectorFrame;

const align8 = (x: number) => (x + 7) & ~7;
const alignUp = (x: number, a: number) => (x + a - 1) & ~(a - 1);

/**
 * Refs are emitter positions as flatcc uses them: negative for objects in front of the zero point,
 * non-negative for vtables behind it. Builders are reusable: `reset()` between messages.
 */
export class FlatccBuilder {
  private front = new Uint8Array(1024);
  private frontLen = 0;
  private back = new Uint8Array(256);
  private backLen = 0;
  private frames: Frame[] = [];
  /** Table frames are reused (a message has hundreds of tables): `tablesInUse` of them are open. */
  private readonly tablePool: TableFrame[] = [];
  private tablesInUse = 0;
  /** The message's distinct vtables (at most 15) and where each sits in the back half: a linear scan, no key strings. */
  private readonly vtableWords: number[][] = [];
  private readonly vtablePos: number[] = [];
  /** A hash of each cached vtable's words: most candidates are told apart without comparing words. */
  private readonly vtableKeys: number[] = [];
  private vtScratch = new Int32Array(32);
  private frontView = new DataView(this.front.buffer);
  private vtableBytes = 0;
  private minAlign = 1;
  /** flatcc's `ds_first`: survives `reset()` like the real builder's (which is why a stack overflow sticks). */
  private dsFirst = 0;
  private bufferSavedDsFirst = 0;

  constructor(readonly limits: BuilderLimits = UNLIMITED) {}

  /** flatcc_builder_reset: empties the buffer but, as in flatcc, keeps the data-stack position. */
  reset(): void {
    this.frontLen = 0;
    this.backLen = 0;
    this.frames.length = 0;
    this.tablesInUse = 0;
    this.vtableWords.length = 0;
    this.vtablePos.length = 0;
    this.vtableKeys.length = 0;
    this.vtableBytes = 0;
    this.minAlign = 1;
  }

  /** Where the data stack stands between messages (0 unless a build failed mid-way). */
  get staleStackPosition(): number {
    return this.dsFirst;
  }

  /** Bytes emitted to the emitter page's front half so far (tables, vectors, strings: what its limit applies to). */
  get frontSize(): number {
    return this.frontLen;
  }

  /** Bytes emitted so far (front data plus vtables). */
  get size(): number {
    return this.frontLen + this.backLen;
  }

  private get emitStart(): number {
    return -this.frontLen;
  }

  private currentDsOffset(): number {
    const top = this.frames[this.frames.length - 1];
    return top ? top.dsOffset : 0;
  }

  private enterFrame(): number {
    const saved = this.dsFirst;
    this.dsFirst = align8(this.dsFirst + this.currentDsOffset());
    return saved;
  }

  /** push_ds / push_ds_field: the allocator is asked for ds_first + ds_offset + 1 bytes. */
  private checkStack(dsOffset: number, extra: number): void {
    if (this.dsFirst + dsOffset + extra > this.limits.dataStackSize) {
      throw new BuildFailure(
        'builder-stack',
        `builder data stack exhausted: needs ${this.dsFirst + dsOffset + extra} of ${this.limits.dataStackSize} bytes`,
      );
    }
  }

  /** Takes `len` zeroed bytes at the front; returns their index in `front` (`frontView` covers it). */
  private reserveFront(len: number): number {
    // flatcc's emitter: front_left = FLATCC_EMITTER_PAGE_SIZE / 2 (integer division), the back gets the rest.
    const half = Math.floor(this.limits.pageSize / 2);
    if (this.frontLen + len > half) {
      throw new BuildFailure('page-overflow', `message front ${this.frontLen + len} bytes exceeds the emitter half page of ${half}`);
    }
    while (this.front.length < this.frontLen + len) {
      const grown = new Uint8Array(this.front.length * 2);
      grown.set(this.front.subarray(this.front.length - this.frontLen), grown.length - this.frontLen);
      this.front = grown;
      this.frontView = new DataView(grown.buffer);
    }
    this.frontLen += len;
    const at = this.front.length - this.frontLen;
    // The front is reused between messages; a loop beats the fill builtin on the few bytes of a table.
    const front = this.front;
    for (let i = at; i < at + len; i++) front[i] = 0;
    return at;
  }

  private emitFront(bytes: Uint8Array | ((dst: Uint8Array, at: number) => void), len: number): number {
    const at = this.reserveFront(len);
    if (typeof bytes === 'function') bytes(this.front, at);
    else this.front.set(bytes, at);
    return -this.frontLen;
  }

  private frontPad(size: number, align: number): number {
    return (this.emitStart - size) & (align - 1);
  }

  startBuffer(): void {
    this.bufferSavedDsFirst = this.enterFrame();
    this.minAlign = 1;
  }

  createString(text: string): number {
    const bytes = new TextEncoder().encode(text);
    const pad = this.frontPad(bytes.length + 1, 4) + 1;
    const len = 4 + bytes.length + pad;
    this.minAlign = Math.max(this.minAlign, 4);
    const ref = this.emitFront((dst, at) => {
      new DataView(dst.buffer, dst.byteOffset + at).setUint32(0, bytes.length, true);
      dst.set(bytes, at + 4);
    }, len);
    return ref;
  }

  startTable(): void {
    const savedDsFirst = this.enterFrame();
    let t = this.tablePool[this.tablesInUse];
    if (!t) {
      const data = new Uint8Array(64);
      t = {
        kind: 'table', data, view: new DataView(data.buffer), dsOffset: 0, align: 4, vs: new Int32Array(8), idEnd: 0,
        offsetFields: [], offsetTargets: [], offsets: 0, savedDsFirst, at: 0,
      };
      this.tablePool.push(t);
    } else {
      // Padding between fields must read as zero, as in a fresh buffer: only the bytes the last table used
      // were written.
      const data = t.data;
      for (let i = 0; i < t.dsOffset; i++) data[i] = 0;
      const vs = t.vs;
      for (let i = 0; i < t.idEnd; i++) vs[i] = 0;
      t.dsOffset = 0;
      t.align = 4;
      t.idEnd = 0;
      t.offsets = 0;
      t.savedDsFirst = savedDsFirst;
    }
    this.tablesInUse++;
    this.frames.push(t);
  }

  private table(): TableFrame {
    const f = this.frames[this.frames.length - 1];
    if (!f || f.kind !== 'table') throw new Error('flatcc builder: expected a table frame');
    return f;
  }

  /** flatcc_builder_table_add: reserves an aligned field and returns its ds offset. */
  private addField(id: number, size: number, align: number): TableFrame {
    const t = this.table();
    if (align > t.align) t.align = align;
    const offset = alignUp(t.dsOffset, align);
    this.checkStack(offset + size, 1);
    t.dsOffset = offset + size;
    growData(t);
    this.setVoffset(t, id, offset + 4);
    t.at = offset;
    return t;
  }

  addU8(id: number, value: number): void {
    const t = this.addField(id, 1, 1);
    t.view.setUint8(t.at, value);
  }
  addU16(id: number, value: number): void {
    const t = this.addField(id, 2, 2);
    t.view.setUint16(t.at, value, true);
  }
  addU32(id: number, value: number): void {
    const t = this.addField(id, 4, 4);
    t.view.setUint32(t.at, value >>> 0, true);
  }
  addStruct(id: number, bytes: Uint8Array, align: number): void {
    const t = this.addField(id, bytes.length, align);
    t.data.set(bytes, t.at);
  }

  /** push_ds_offset_field: the allocator is asked for ds_first + ds_offset bytes. */
  addOffset(id: number, ref: number): void {
    const t = this.table();
    const offset = alignUp(t.dsOffset, 4);
    this.checkStack(offset + 4, 0);
    t.dsOffset = offset + 4;
    growData(t);
    this.setVoffset(t, id, offset + 4);
    t.offsetFields[t.offsets] = offset;
    t.offsetTargets[t.offsets] = ref;
    t.offsets++;
  }

  private setVoffset(t: TableFrame, id: number, voffset: number): void {
    if (id >= t.vs.length) {
      const grown = new Int32Array(Math.max(2 * t.vs.length, id + 1));
      grown.set(t.vs);
      t.vs = grown;
    }
    t.vs[id] = voffset;
    if (id >= t.idEnd) t.idEnd = id + 1;
  }

  endTable(): number {
    const t = this.table();
    // A message has thousands of tables: the vtable, the copy and the offsets go without allocation.
    const n = t.idEnd + 2;
    if (this.vtScratch.length < n) this.vtScratch = new Int32Array(2 * n);
    const vt = this.vtScratch;
    vt[0] = 2 * n;
    vt[1] = t.dsOffset + 4;
    for (let i = 0; i < t.idEnd; i++) vt[i + 2] = t.vs[i];
    const vtPos = this.cachedVtable(vt, n);
    const size = t.dsOffset;
    const align = Math.max(t.align, 4);
    this.minAlign = Math.max(this.minAlign, align);
    const pad = this.frontPad(size, align);
    const base = this.emitStart - (pad + size + 4);
    const data = t.data;
    const at = this.reserveFront(4 + size + pad);
    const ref = -this.frontLen;
    const front = this.front;
    const v = this.frontView;
    v.setInt32(at, base - vtPos, true);
    for (let i = 0; i < size; i++) front[at + 4 + i] = data[i];
    for (let i = 0; i < t.offsets; i++) {
      const field = t.offsetFields[i];
      v.setUint32(at + 4 + field, (t.offsetTargets[i] - (base + 4 + field)) >>> 0, true);
    }
    this.exitFrame(t.savedDsFirst);
    this.tablesInUse--;
    return ref;
  }

  /** The vtable `vt[0, n)`: its position in the back half, emitted there on first use. */
  private cachedVtable(vt: ArrayLike<number>, n: number = vt.length): number {
    const words = this.vtableWords;
    let key = n;
    for (let i = 0; i < n; i++) key = (Math.imul(key, 31) + vt[i]) | 0;
    const keys = this.vtableKeys;
    for (let k = 0; k < words.length; k++) {
      if (keys[k] !== key) continue;
      const w = words[k];
      if (w.length !== n) continue;
      let same = true;
      for (let i = 0; i < w.length && same; i++) same = w[i] === vt[i];
      if (same) return this.vtablePos[k];
    }
    if (words.length + 1 > this.limits.vtableDescriptors || this.vtableBytes + vt[0] > this.limits.vtableCacheBytes) {
      throw new BuildFailure('vtable-cache', `more distinct vtables than the builder's vtable cache holds (${words.length + 1})`);
    }
    const half = this.limits.pageSize - Math.floor(this.limits.pageSize / 2);
    if (this.backLen + vt[0] > half) {
      throw new BuildFailure('page-overflow', `message vtables ${this.backLen + vt[0]} bytes exceed the emitter half page of ${half}`);
    }
    if (this.back.length < this.backLen + vt[0]) {
      const grown = new Uint8Array(this.back.length * 2 + vt[0]);
      grown.set(this.back.subarray(0, this.backLen));
      this.back = grown;
    }
    const pos = this.backLen;
    const v = new DataView(this.back.buffer, this.back.byteOffset + pos);
    for (let i = 0; i < n; i++) v.setUint16(2 * i, vt[i], true);
    this.backLen += vt[0];
    words.push(Array.from({ length: n }, (_, i) => vt[i]));
    this.vtablePos.push(pos);
    keys.push(key);
    this.vtableBytes += vt[0];
    return pos;
  }

  private exitFrame(savedDsFirst: number): void {
    this.frames.pop();
    this.dsFirst = savedDsFirst;
  }

  startOffsetVector(): void {
    const savedDsFirst = this.enterFrame();
    this.frames.push({ kind: 'vector', refs: [], dsOffset: 0, savedDsFirst });
  }

  offsetVectorPush(ref: number): void {
    const f = this.frames[this.frames.length - 1];
    if (!f || f.kind !== 'vector') throw new Error('flatcc builder: expected an offset vector frame');
    this.checkStack(f.dsOffset + 4, 1);
    f.dsOffset += 4;
    f.refs.push(ref);
  }

  endOffsetVector(): number {
    const f = this.frames[this.frames.length - 1];
    if (!f || f.kind !== 'vector') throw new Error('flatcc builder: expected an offset vector frame');
    const n = f.refs.length;
    this.minAlign = Math.max(this.minAlign, 4);
    const pad = this.frontPad(4 * n, 4);
    const base = this.emitStart - (4 + 4 * n + pad);
    const ref = this.emitFront((dst, at) => {
      const v = new DataView(dst.buffer, dst.byteOffset + at);
      v.setUint32(0, n, true);
      for (let i = 0; i < n; i++) v.setUint32(4 + 4 * i, (f.refs[i] - (base + 4 + 4 * i)) >>> 0, true);
    }, 4 + 4 * n + pad);
    this.exitFrame(f.savedDsFirst);
    return ref;
  }

  /** flatcc_builder_end_buffer without identifier or size prefix; returns the finished bytes. */
  endBuffer(root: number): Uint8Array {
    const align = Math.max(this.minAlign, 4);
    const pad = this.frontPad(4, align);
    const bufferBase = this.emitStart - 4 - pad;
    this.emitFront((dst, at) => {
      new DataView(dst.buffer, dst.byteOffset + at).setUint32(0, (root - bufferBase) >>> 0, true);
    }, 4 + pad);
    const out = new Uint8Array(this.frontLen + this.backLen);
    out.set(this.front.subarray(this.front.length - this.frontLen));
    out.set(this.back.subarray(0, this.backLen), this.frontLen);
    // The buffer frame's exit: back to where the stack stood before the buffer started.
    this.dsFirst = this.bufferSavedDsFirst;
    return out;
  }
}

/** Makes a table frame's data buffer hold `dsOffset` bytes, doubling it so repeated fields stay cheap. */
function growData(t: TableFrame): void {
  if (t.data.length >= t.dsOffset) return;
  const grown = new Uint8Array(Math.max(t.data.length * 2, t.dsOffset));
  grown.set(t.data);
  t.data = grown;
  t.view = new DataView(grown.buffer);
}
