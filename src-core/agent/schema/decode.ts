// Reads and verifies an AzureIoTSecurity.Message with the flatbuffers package's ByteBuffer. Every
// offset is bounds-checked first, so a corrupt buffer gives a DecodeError naming the byte offset.
import { ByteBuffer } from 'flatbuffers';
import type { EventPayload, NetworkRecordV4, NetworkRecordV6, SecurityEvent, SecurityMessage } from './message';
import { PAYLOAD_NAMES } from './message';

export class DecodeError extends Error {
  constructor(
    readonly offset: number,
    readonly what: string,
  ) {
    super(`at byte ${offset}: ${what}`);
  }
}

/** A bounds-checked table: field lookups return the absolute position of present fields. */
class Table {
  private readonly vtable: number;
  private readonly vtableSize: number;
  private readonly tableSize: number;
  constructor(
    private readonly r: Reader,
    readonly pos: number,
    readonly name: string,
  ) {
    r.need(pos, 4, `${name} table`);
    this.vtable = pos - r.bb.readInt32(pos);
    // Named at the table, where the bad offset is written: the place it points to may be outside the buffer.
    if (this.vtable < 0 || this.vtable + 4 > r.bytes.length) throw new DecodeError(pos, `${name} table's vtable offset points to byte ${this.vtable}, outside the ${r.bytes.length}-byte buffer`);
    this.vtableSize = r.bb.readUint16(this.vtable);
    this.tableSize = r.bb.readUint16(this.vtable + 2);
    if (this.vtableSize < 4 || this.vtableSize & 1) throw new DecodeError(this.vtable, `${name} vtable has a bad size ${this.vtableSize}`);
    r.need(this.vtable, this.vtableSize, `${name} vtable`);
    r.need(pos, this.tableSize, `${name} table`);
    r.spend(Math.max(4, this.tableSize), pos, name);
  }
  /** Absolute position of field `id` with `size` bytes, or 0 when absent. */
  field(id: number, size: number): number {
    const vo = 4 + 2 * id;
    if (vo >= this.vtableSize) return 0;
    const off = this.r.bb.readUint16(this.vtable + vo);
    if (off === 0) return 0;
    // Named at the vtable entry that holds the bad offset (the place it points to may be past the buffer).
    if (off + size > this.tableSize) throw new DecodeError(this.vtable + vo, `${this.name} field ${id} lies outside its table (at offset ${off} of a ${this.tableSize}-byte table)`);
    return this.pos + off;
  }
  u8(id: number, dflt = 0): number {
    const p = this.field(id, 1);
    return p ? this.r.bb.readUint8(p) : dflt;
  }
  i8(id: number, dflt = 0): number {
    const p = this.field(id, 1);
    return p ? this.r.bb.readInt8(p) : dflt;
  }
  u16(id: number, dflt = 0): number {
    const p = this.field(id, 2);
    return p ? this.r.bb.readUint16(p) : dflt;
  }
  u32(id: number, dflt = 0): number {
    const p = this.field(id, 4);
    return p ? this.r.bb.readUint32(p) : dflt;
  }
  /** Target position of a uoffset field, or 0 when absent. */
  ref(id: number): number {
    const p = this.field(id, 4);
    return p ? this.r.deref(p, `${this.name} field ${id}`) : 0;
  }
}

class Reader {
  readonly bb: ByteBuffer;
  /**
   * Bytes of tables, vectors and strings still allowed to be decoded. FlatBuffers references may share a
   * table; the agent never shares one, and a buffer whose references all name one table would decode to
   * (references x references) objects: a 64 KB file to gigabytes. Objects that do not share fit in the
   * buffer side by side, so decoding at most the buffer's size of them refuses only sharing.
   */
  private budget: number;
  constructor(readonly bytes: Uint8Array) {
    this.bb = new ByteBuffer(bytes);
    this.budget = bytes.length;
  }
  spend(size: number, pos: number, what: string): void {
    this.budget -= size;
    if (this.budget < 0) {
      throw new DecodeError(pos, `${what}: the message's references name more tables, vectors and strings than its ${this.bytes.length} bytes hold (some are referenced more than once)`);
    }
  }
  /** `pos` must lie in the buffer (callers check offsets read from it before they follow them). */
  need(pos: number, size: number, what: string): void {
    if (pos < 0 || pos + size > this.bytes.length) {
      throw new DecodeError(Math.min(Math.max(0, pos), this.bytes.length), `${what} (${size} bytes) runs past the end of the ${this.bytes.length}-byte buffer`);
    }
  }
  deref(pos: number, what: string): number {
    this.need(pos, 4, what);
    const target = pos + this.bb.readUint32(pos);
    if (target + 4 > this.bytes.length) throw new DecodeError(pos, `${what} points to byte ${target}, past the end of the ${this.bytes.length}-byte buffer`);
    return target;
  }
  string(pos: number, what: string): string {
    this.need(pos, 4, what);
    const len = this.bb.readUint32(pos);
    this.need(pos + 4, len + 1, what);
    this.spend(4 + len + 1, pos, what);
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes.subarray(pos + 4, pos + 4 + len));
  }
  vector(pos: number, elem: number, what: string): { start: number; length: number } {
    this.need(pos, 4, what);
    const length = this.bb.readUint32(pos);
    if (length > this.bytes.length) throw new DecodeError(pos, `${what} claims ${length} elements`);
    this.need(pos + 4, length * elem, what);
    this.spend(4 + length * elem, pos, what);
    return { start: pos + 4, length };
  }
  tables(pos: number, name: string): Table[] {
    const v = this.vector(pos, 4, `${name} vector`);
    const out: Table[] = [];
    for (let i = 0; i < v.length; i++) out.push(new Table(this, this.deref(v.start + 4 * i, `${name}[${i}]`), `${name}[${i}]`));
    return out;
  }
}

function common(t: Table, r: Reader): Omit<NetworkRecordV4, 'local' | 'remote'> {
  const c = t.ref(1);
  if (!c) throw new DecodeError(t.pos, `${t.name} lacks its required common table`);
  const ct = new Table(r, c, `${t.name}.common`);
  return { localPort: ct.u16(0), remotePort: ct.u16(1), bytesIn: ct.u32(2), bytesOut: ct.u32(3), protocol: ct.i8(4) };
}

function networkActivity(t: Table, r: Reader): EventPayload {
  const ipv4: NetworkRecordV4[] = [];
  const ipv6: NetworkRecordV6[] = [];
  const v4 = t.ref(0);
  if (v4) {
    for (const rec of r.tables(v4, 'ipv4_activity')) {
      const a = rec.field(0, 8);
      if (!a) throw new DecodeError(rec.pos, `${rec.name} lacks its required addresses`);
      // Network byte order: read big-endian.
      const dv = new DataView(r.bytes.buffer, r.bytes.byteOffset + a, 8);
      ipv4.push({ local: dv.getUint32(0, false), remote: dv.getUint32(4, false), ...common(rec, r) });
    }
  }
  const v6 = t.ref(1);
  if (v6) {
    for (const rec of r.tables(v6, 'ipv6_activity')) {
      const a = rec.field(0, 32);
      if (!a) throw new DecodeError(rec.pos, `${rec.name} lacks its required addresses`);
      const dv = new DataView(r.bytes.buffer, r.bytes.byteOffset + a, 32);
      const words = (o: number) => [0, 1, 2, 3].map((i) => dv.getUint32(o + 4 * i, false));
      ipv6.push({ local: words(0), remote: words(16), ...common(rec, r) });
    }
  }
  return { type: 'NetworkActivity', ipv4, ipv6 };
}

function payload(type: number, pos: number, r: Reader, name: string): EventPayload {
  const t = new Table(r, pos, `${name}.payload`);
  switch (type) {
    case 1:
      return networkActivity(t, r);
    case 4:
      return { type: 'Heartbeat' };
    case 2: {
      const s = (id: number) => {
        const p = t.ref(id);
        return p ? r.string(p, `${name}.payload field ${id}`) : undefined;
      };
      const out: EventPayload = { type: 'SystemInformation' };
      const os = s(0), kernel = s(1), hw = s(2);
      if (os !== undefined) out.osInfo = os;
      if (kernel !== undefined) out.kernelInfo = kernel;
      if (hw !== undefined) out.hwInfo = hw;
      return out;
    }
    default:
      // Payloads the RTOS agent never sends: named, not interpreted.
      return { type: 'Other', typeCode: type, fields: {} };
  }
}

/** Decodes a whole message; throws DecodeError (with the byte offset) when the buffer is corrupt. */
export function decodeMessage(bytes: Uint8Array): SecurityMessage {
  const r = new Reader(bytes);
  if (bytes.length < 8) throw new DecodeError(0, `a message needs at least 8 bytes, this buffer has ${bytes.length}`);
  const root = r.deref(0, 'root offset');
  const m = new Table(r, root, 'Message');
  const idPos = m.ref(0);
  if (!idPos) throw new DecodeError(root, 'Message lacks its required security_module_id');
  const evPos = m.ref(3);
  if (!evPos) throw new DecodeError(root, 'Message lacks its required events');
  const events: SecurityEvent[] = r.tables(evPos, 'events').map((e) => {
    const idField = e.field(0, 16);
    if (!idField) throw new DecodeError(e.pos, `${e.name} lacks its required id`);
    const type = e.u8(3);
    const value = e.ref(4);
    if (type === 0 || !value) throw new DecodeError(e.pos, `${e.name} lacks its required payload`);
    if (type >= PAYLOAD_NAMES.length) throw new DecodeError(e.field(3, 1), `${e.name} has unknown payload type ${type}`);
    return {
      id: bytes.slice(idField, idField + 16),
      time: e.u32(1),
      collectionInterval: e.u32(2),
      payload: payload(type, value, r, e.name),
    };
  });
  return { securityModuleId: r.string(idPos, 'security_module_id'), securityModuleVersion: m.u32(1), timezone: m.i8(2), events };
}
