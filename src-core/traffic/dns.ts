// Decodes DNS messages (questions and A / AAAA / CNAME answers) from UDP port 53 payloads on demand.
// Names follow compression pointers only backwards and at most 255 bytes, so hostile input never loops;
// bytes outside printable ASCII come back as \DDD escapes (HTML is left for the displayer to escape).
import { formatIpv4, formatIpv6 } from './ip-address';

export interface DnsQuestion {
  name: string;
  type: number;
  class: number;
}

export interface DnsAnswer {
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** A or AAAA: the address as text. */
  address?: string;
  /** CNAME: the canonical name. */
  target?: string;
}

export interface DnsMessage {
  id: number;
  isResponse: boolean;
  opcode: number;
  rcode: number;
  questions: DnsQuestion[];
  answers: DnsAnswer[];
  /** Set when the message could not be read to its end; what was read before is kept. */
  error?: string;
}

/** Records read per section at most: a bound on work for hostile counts. */
const MAX_RECORDS = 64;
const MAX_NAME = 255;

/** Decodes the DNS message in `bytes[offset, offset + length)`; undefined when shorter than a header. */
export function decodeDns(bytes: Uint8Array, offset: number, length: number): DnsMessage | undefined {
  const end = Math.min(bytes.length, offset + length);
  if (offset < 0 || end - offset < 12) return undefined;
  const u16 = (at: number): number => (bytes[at] << 8) | bytes[at + 1];
  const flags = u16(offset + 2);
  const msg: DnsMessage = {
    id: u16(offset),
    isResponse: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 15,
    rcode: flags & 15,
    questions: [],
    answers: [],
  };
  const qd = u16(offset + 4);
  const an = u16(offset + 6);
  let at = offset + 12;
  for (let i = 0; i < qd; i++) {
    if (i >= MAX_RECORDS) return fail(msg, `more than ${MAX_RECORDS} questions; the rest are not read`);
    const n = readName(bytes, at, offset, end);
    if (n.error) return fail(msg, n.error);
    if (n.next + 4 > end) return fail(msg, 'question runs past the end of the message');
    msg.questions.push({ name: n.name, type: u16(n.next), class: u16(n.next + 2) });
    at = n.next + 4;
  }
  for (let i = 0; i < an; i++) {
    if (i >= MAX_RECORDS) return fail(msg, `more than ${MAX_RECORDS} answers; the rest are not read`);
    const n = readName(bytes, at, offset, end);
    if (n.error) return fail(msg, n.error);
    if (n.next + 10 > end) return fail(msg, 'answer runs past the end of the message');
    const type = u16(n.next);
    const rdlength = u16(n.next + 8);
    const rdata = n.next + 10;
    if (rdata + rdlength > end) return fail(msg, 'answer data runs past the end of the message');
    const answer: DnsAnswer = {
      name: n.name,
      type,
      class: u16(n.next + 2),
      ttl: ((bytes[n.next + 4] << 24) | (bytes[n.next + 5] << 16) | (bytes[n.next + 6] << 8) | bytes[n.next + 7]) >>> 0,
    };
    if (type === 1 && rdlength === 4) {
      answer.address = formatIpv4(((bytes[rdata] << 24) | (bytes[rdata + 1] << 16) | (bytes[rdata + 2] << 8) | bytes[rdata + 3]) >>> 0);
    } else if (type === 28 && rdlength === 16) {
      const w = new Uint32Array(4);
      for (let k = 0; k < 4; k++) {
        const o = rdata + k * 4;
        w[k] = ((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0;
      }
      answer.address = formatIpv6(w);
    } else if (type === 5) {
      const t = readName(bytes, rdata, offset, rdata + rdlength);
      if (!t.error) answer.target = t.name;
    }
    msg.answers.push(answer);
    at = rdata + rdlength;
  }
  return msg;
}

function fail(msg: DnsMessage, error: string): DnsMessage {
  msg.error = error;
  return msg;
}

interface NameResult {
  name: string;
  /** Where the record continues after the name (after the first pointer, if any). */
  next: number;
  error?: string;
}

/** Reads a possibly compressed name; `base` is the message start that pointers count from. */
export function readName(b: Uint8Array, at: number, base: number, end: number): NameResult {
  let name = '';
  let wire = 0;
  let next = -1;
  let pos = at;
  for (;;) {
    if (pos >= end) return { name, next: next >= 0 ? next : pos, error: 'name runs past the end of the message' };
    const len = b[pos];
    if (len === 0) {
      if (next < 0) next = pos + 1;
      return { name: name === '' ? '.' : name, next };
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= end) return { name, next: pos, error: 'name pointer runs past the end of the message' };
      const target = base + (((len & 0x3f) << 8) | b[pos + 1]);
      if (next < 0) next = pos + 2;
      // Only backwards: every jump lands strictly earlier, so a chain of pointers cannot loop.
      if (target >= pos) return { name, next, error: `name pointer at byte ${pos - base} does not point backwards (loop or forward reference)` };
      pos = target;
      continue;
    }
    if ((len & 0xc0) !== 0) return { name, next: pos, error: `unsupported label type 0x${len.toString(16)}` };
    if (pos + 1 + len > end) return { name, next: pos, error: 'label runs past the end of the message' };
    wire += len + 1;
    if (wire > MAX_NAME) return { name, next: next >= 0 ? next : pos, error: `name longer than ${MAX_NAME} bytes` };
    if (name !== '') name += '.';
    name += label(b, pos + 1, len);
    pos += 1 + len;
  }
}

function label(b: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) {
    const c = b[at + i];
    if (c === 0x2e) s += '\\.';
    else if (c === 0x5c) s += '\\\\';
    else if (c > 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += `\\${c.toString().padStart(3, '0')}`;
  }
  return s;
}
