// Truncations of a valid capture at every offset class (inside the file header, at a record's start, inside its
// header, inside its data, on its last byte, at the end), with what the reader must then do: keep every
// packet whose record is whole, and stop at the cut record with an error naming that record's first byte.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from '../../../../src-core/traffic/trace-reader';
import type { FuzzCase } from '../harness/mutations';
import type { CaptureSummary } from '../targets/traffic-targets';

const scratch = mkdtempSync(join(tmpdir(), 'microagent-fuzz-cut-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** The packets of an intact capture, read in this process (valid captures are the other properties' job). */
export function intactPackets(c: FuzzCase): CaptureSummary['packets'] {
  const path = join(scratch, c.name);
  writeFileSync(path, c.bytes);
  const out: CaptureSummary['packets'] = [];
  const r = readTrace(path, (p) => { out.push({ offset: p.recordOffset, captured: p.capturedLength, time: p.time }); });
  if (r.error) throw new Error(`the project's own capture does not read: ${r.error.message}`);
  return out;
}

/** A record or block of a capture: where it starts and ends, and whether it carries a packet. */
interface Unit { start: number; end: number; packet: boolean }

/** The records of a well-formed capture the project wrote (pcap records, or pcapng blocks). */
export function captureUnits(bytes: Uint8Array): Unit[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const units: Unit[] = [];
  if (view.getUint32(0, false) === 0x0a0d0d0a) {
    const le = view.getUint32(8, true) === 0x1a2b3c4d;
    for (let at = 0; at < bytes.length; ) {
      const type = view.getUint32(at, le);
      const total = view.getUint32(at + 4, le);
      units.push({ start: at, end: at + total, packet: type === 6 || type === 2 || type === 3 });
      at += total;
    }
    return units;
  }
  const le = view.getUint32(0, true) === 0xa1b2c3d4 || view.getUint32(0, true) === 0xa1b23c4d;
  units.push({ start: 0, end: 24, packet: false });
  for (let at = 24; at < bytes.length; ) {
    const incl = view.getUint32(at + 8, le);
    units.push({ start: at, end: at + 16 + incl, packet: true });
    at += 16 + incl;
  }
  return units;
}

export interface TruncationExpectation {
  cut: number;
  /** Packets (in order) that must be read: those whose record ends at or before the cut. */
  packets: number;
  /** Byte the error must name, or undefined when the cut falls between records (a clean end). */
  errorAt?: number;
  /** The intact file's packets, to compare the kept ones with. */
  intact: CaptureSummary['packets'];
}

type CutClass = 'start' | 'second' | 'middle' | 'last' | 'eof';

export function truncationCase(c: FuzzCase, intact: CaptureSummary['packets'], unitPick: number, cls: CutClass, frac: number): FuzzCase {
  const units = captureUnits(c.bytes);
  const u = units[unitPick % units.length];
  const len = u.end - u.start;
  const cut = cls === 'eof' ? c.bytes.length
    : cls === 'start' ? u.start
    : cls === 'second' ? u.start + Math.min(1, len - 1)
    : cls === 'last' ? u.end - 1
    : u.start + Math.floor(frac * len);
  const packets = units.filter((x) => x.packet && x.end <= cut).length;
  const atBoundary = cut > 0 && units.some((x) => x.end === cut);
  const holder = units.find((x) => x.start <= cut && cut < x.end);
  const expected: TruncationExpectation = { cut, packets, errorAt: atBoundary ? undefined : holder?.start ?? 0, intact };
  return { name: c.name, bytes: c.bytes.slice(0, cut), how: `${c.how}; cut at byte ${cut} (${cls} of the record at ${u.start})`, meta: expected };
}

export const cutClass = fc.constantFrom<CutClass>('start', 'second', 'middle', 'last', 'eof');

/** The reader kept exactly the whole records before the cut and named the cut record's first byte. */
export function checkTruncation(c: FuzzCase, detail: unknown): string[] {
  const e = c.meta as TruncationExpectation;
  const got = detail as CaptureSummary;
  const out: string[] = [];
  if (got.packets.length !== e.packets) out.push(`read ${got.packets.length} packets, expected the ${e.packets} whole records before byte ${e.cut}`);
  for (let i = 0; i < Math.min(got.packets.length, e.packets); i++) {
    const a = got.packets[i];
    const b = e.intact[i];
    if (a.offset !== b.offset || a.captured !== b.captured || a.time !== b.time) {
      out.push(`packet ${i} differs from the intact file's: ${JSON.stringify(a)} against ${JSON.stringify(b)}`);
      break;
    }
  }
  if (e.errorAt === undefined && got.error) out.push(`a cut between records (byte ${e.cut}) is a clean end, but the reader said: ${got.error.message}`);
  if (e.errorAt !== undefined && !got.error) out.push(`cut inside a record (byte ${e.cut}) but no error`);
  if (e.errorAt !== undefined && got.error && got.error.offset !== e.errorAt) out.push(`error names byte ${got.error.offset}, expected the cut record's start ${e.errorAt}: ${got.error.message}`);
  return out;
}
