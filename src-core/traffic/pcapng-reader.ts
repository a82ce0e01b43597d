// Streams a pcapng file: sections in either byte order, interfaces with their link type and timestamp
// resolution, enhanced / simple / obsolete packet blocks; other blocks are skipped. A bad block ends
// the read with an error naming its byte offset; the packets before it are kept.
import { ChunkedFile } from './chunked-file';
import { DecodedPacket } from './packet';
import { frameDecoderFor, isSupportedLinkType, linkTypeName, type FrameDecoder } from './link-layer';
import type { PacketCallback, ReadOptions, TraceResult } from './trace-result';

export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const TWO_32 = 4294967296;

interface Interfaces {
  count: number;
  linkType: number[];
  /** The link type's decoder, chosen when the interface is described (one call a packet, no switch). */
  decoder: FrameDecoder[];
  snaplen: number[];
  /** Timestamp units per second (10^6 unless if_tsresol says otherwise). */
  unitsPerSecond: number[];
  /** if_tsoffset, seconds added to every timestamp. */
  offsetSeconds: number[];
}

export function readPcapng(f: ChunkedFile, p: DecodedPacket, onPacket: PacketCallback, result: TraceResult, options: ReadOptions): void {
  result.format = 'pcapng';
  const maxBlock = options.maxRecord ? options.maxRecord + 64 : 64 << 20;
  const ifs: Interfaces = { count: 0, linkType: [], decoder: [], snaplen: [], unitsPerSecond: [], offsetSeconds: [] };
  const unsupportedNoted = new Set<number>();
  let le = true;
  let inSection = false;
  let frame = 0;
  const fail = (offset: number, what: string): void => {
    result.error = { message: `${f.path}: ${what} at byte ${offset}`, offset };
  };
  for (;;) {
    if (!f.ensure(12)) {
      if (f.available > 0) fail(f.offset, `truncated pcapng block header (${f.available} of 12 bytes)`);
      return;
    }
    const at = f.pos;
    const blockOffset = f.offset;
    let type = f.view.getUint32(at, le);
    if (type === PCAPNG_SHB || f.view.getUint32(at, true) === PCAPNG_SHB) {
      type = PCAPNG_SHB;
      const bom = f.view.getUint32(at + 8, true);
      if (bom === BYTE_ORDER_MAGIC) le = true;
      else if (bom === 0x4d3c2b1a) le = false;
      else return fail(blockOffset, `corrupt section header block (byte-order magic 0x${bom.toString(16)})`);
      inSection = true;
      ifs.count = 0;
    } else if (!inSection) {
      return fail(blockOffset, 'pcapng file does not start with a section header block');
    }
    const total = f.view.getUint32(at + 4, le);
    if (total < 12 || total % 4 !== 0 || total > maxBlock) {
      return fail(blockOffset, `corrupt pcapng block (type 0x${type.toString(16)}, length ${total})`);
    }
    if (!f.ensure(total)) {
      return fail(blockOffset, `truncated pcapng block (type 0x${type.toString(16)}) claims ${total} bytes but the file ends after ${f.available}`);
    }
    const b = f.pos;
    const view = f.view;
    if (view.getUint32(b + total - 4, le) !== total) {
      return fail(blockOffset, `corrupt pcapng block (type 0x${type.toString(16)}): trailing length ${view.getUint32(b + total - 4, le)} differs from ${total}`);
    }
    let dataStart = -1;
    let captured = 0;
    let original = 0;
    let ifId = 0;
    let tsHigh = 0;
    let tsLow = 0;
    switch (type) {
      case PCAPNG_SHB: {
        if (total < 28) return fail(blockOffset, 'corrupt section header block (shorter than 28 bytes)');
        const major = view.getUint16(b + 12, le);
        if (major !== 1) return fail(blockOffset, `unsupported pcapng version ${major}.${view.getUint16(b + 14, le)}`);
        break;
      }
      case 1: {
        if (total < 20) return fail(blockOffset, 'corrupt interface description block (shorter than 20 bytes)');
        const linkType = view.getUint16(b + 8, le);
        const i = ifs.count++;
        ifs.linkType[i] = linkType;
        ifs.decoder[i] = frameDecoderFor(linkType);
        ifs.snaplen[i] = view.getUint32(b + 12, le);
        ifs.unitsPerSecond[i] = 1e6;
        ifs.offsetSeconds[i] = 0;
        if (!readIdbOptions(view, b + 16, b + total - 4, le, ifs, i)) {
          return fail(blockOffset, 'corrupt interface description block options');
        }
        if (!result.linkTypes.includes(linkType)) result.linkTypes.push(linkType);
        if (!isSupportedLinkType(linkType) && !unsupportedNoted.has(linkType)) {
          unsupportedNoted.add(linkType);
          result.notes.push(`${f.path}: ${linkTypeName(linkType)} is not decoded; its frames count as non-IP packets`);
        }
        break;
      }
      case 6: {
        if (total < 32) return fail(blockOffset, 'corrupt enhanced packet block (shorter than 32 bytes)');
        ifId = view.getUint32(b + 8, le);
        tsHigh = view.getUint32(b + 12, le);
        tsLow = view.getUint32(b + 16, le);
        captured = view.getUint32(b + 20, le);
        original = view.getUint32(b + 24, le);
        dataStart = b + 28;
        if (28 + captured > total - 4) return fail(blockOffset, `corrupt enhanced packet block: captured length ${captured} exceeds the block`);
        break;
      }
      case 2: {
        if (total < 32) return fail(blockOffset, 'corrupt packet block (shorter than 32 bytes)');
        ifId = view.getUint16(b + 8, le);
        tsHigh = view.getUint32(b + 12, le);
        tsLow = view.getUint32(b + 16, le);
        captured = view.getUint32(b + 20, le);
        original = view.getUint32(b + 24, le);
        dataStart = b + 28;
        if (28 + captured > total - 4) return fail(blockOffset, `corrupt packet block: captured length ${captured} exceeds the block`);
        break;
      }
      case 3: {
        if (total < 16) return fail(blockOffset, 'corrupt simple packet block (shorter than 16 bytes)');
        if (ifs.count === 0) return fail(blockOffset, 'simple packet block before any interface description block');
        original = view.getUint32(b + 8, le);
        const snap = ifs.snaplen[0];
        captured = Math.min(original, total - 16, snap > 0 ? snap : original);
        dataStart = b + 12;
        ifId = 0;
        break;
      }
      default:
        // Name resolution, statistics, decryption secrets, custom and unknown blocks: not needed here.
        break;
    }
    f.pos = b + total;
    if (dataStart < 0) continue;
    if (ifId >= ifs.count) return fail(blockOffset, `packet block names interface ${ifId}, but the section defines ${ifs.count}`);
    p.frameBytes = f.buf;
    ifs.decoder[ifId](p, f.buf, dataStart, dataStart + captured);
    p.frameStart = dataStart;
    const units = ifs.unitsPerSecond[ifId];
    // type 3 blocks carry no timestamp: they keep time 0 plus the interface offset.
    p.time = type === 3 ? ifs.offsetSeconds[ifId] : tsHigh * (TWO_32 / units) + tsLow / units + ifs.offsetSeconds[ifId];
    p.frame = frame++;
    p.recordOffset = blockOffset;
    p.interfaceId = ifId;
    p.capturedLength = captured;
    p.originalLength = original;
    result.packets++;
    if (onPacket(p) === false) {
      result.stopped = true;
      return;
    }
  }
}

/** Reads if_tsresol (9) and if_tsoffset (14); returns false when an option runs past the block. */
function readIdbOptions(view: DataView, at: number, end: number, le: boolean, ifs: Interfaces, i: number): boolean {
  while (at + 4 <= end) {
    const code = view.getUint16(at, le);
    const len = view.getUint16(at + 2, le);
    if (code === 0) return true;
    if (at + 4 + len > end) return false;
    if (code === 9 && len >= 1) {
      const v = view.getUint8(at + 4);
      const exp = v & 0x7f;
      ifs.unitsPerSecond[i] = v & 0x80 ? Math.pow(2, exp) : Math.pow(10, exp);
    } else if (code === 14 && len >= 8) {
      ifs.offsetSeconds[i] = Number(view.getBigInt64(at + 4, le));
    }
    at += 4 + ((len + 3) & ~3);
  }
  return true;
}
