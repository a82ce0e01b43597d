// Streams a classic pcap file (both byte orders, micro- and nanosecond timestamps) into the reused
// DecodedPacket; a truncated or absurd record ends the read with an error naming its byte offset.
import { ChunkedFile } from './chunked-file';
import { DecodedPacket } from './packet';
import { frameDecoderFor, isSupportedLinkType, linkTypeName, type FrameDecoder } from './link-layer';
import type { PacketCallback, ReadOptions, TraceResult } from './trace-result';

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;
const STANDARD_MAX = 262144;

export function readPcap(f: ChunkedFile, p: DecodedPacket, onPacket: PacketCallback, result: TraceResult, options: ReadOptions): void {
  result.format = 'pcap';
  if (!f.ensure(24)) {
    result.error = { message: `${f.path}: pcap file header truncated (${f.available} of 24 bytes) at byte 0`, offset: 0 };
    return;
  }
  const magicBe = f.view.getUint32(0, false);
  const le = magicBe !== PCAP_MAGIC_US && magicBe !== PCAP_MAGIC_NS;
  const magic = f.view.getUint32(0, le);
  const fracScale = magic === PCAP_MAGIC_NS ? 1e-9 : 1e-6;
  const snaplen = f.view.getUint32(16, le);
  const linkType = f.view.getUint32(20, le) & 0xffff;
  result.linkTypes.push(linkType);
  if (!isSupportedLinkType(linkType)) {
    result.notes.push(`${f.path}: ${linkTypeName(linkType)} is not decoded; its frames count as non-IP packets`);
  }
  const maxRecord = options.maxRecord ?? Math.min(Math.max(STANDARD_MAX, snaplen), 64 << 20);
  f.pos += 24;
  readRecords(f, p, onPacket, result, frameDecoderFor(linkType), le, fracScale, maxRecord);
}

/** Reads a little-endian uint32 at `i`. */
function u32le(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}

/** Reads a big-endian uint32 at `i`. */
function u32be(b: Uint8Array, i: number): number {
  return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}

/**
 * The record loop. Speed (docs/traffic.md): the buffer, its position and end live in locals and the
 * ChunkedFile is asked for more only when a record crosses the end of what was read; the header is read
 * with byte math (the byte-order branch is the same every record, so it is predicted); the link type's
 * decoder is one function for the whole file; fields that never change (interface 0, the buffer) are
 * written once, not every packet.
 */
function readRecords(
  f: ChunkedFile, p: DecodedPacket, onPacket: PacketCallback, result: TraceResult, decode: FrameDecoder, le: boolean, fracScale: number, maxRecord: number,
): void {
  let buf = f.buf;
  let pos = f.pos;
  let end = f.end;
  let base = f.base;
  let frame = 0;
  p.frameBytes = buf;
  p.interfaceId = 0;
  for (;;) {
    if (end - pos < 16) {
      f.pos = pos;
      if (!f.ensure(16)) {
        if (f.available > 0) {
          result.error = {
            message: `${f.path}: truncated pcap record header at byte ${f.offset} (${f.available} of 16 bytes)`,
            offset: f.offset,
          };
        }
        return;
      }
      buf = f.buf;
      pos = f.pos;
      end = f.end;
      base = f.base;
      p.frameBytes = buf;
    }
    const incl = le ? u32le(buf, pos + 8) : u32be(buf, pos + 8);
    if (incl > maxRecord) {
      const recordOffset = base + pos;
      result.error = {
        message: `${f.path}: corrupt pcap record at byte ${recordOffset}: captured length ${incl} exceeds the limit of ${maxRecord}`,
        offset: recordOffset,
      };
      return;
    }
    if (end - pos < 16 + incl) {
      f.pos = pos;
      if (!f.ensure(16 + incl)) {
        const recordOffset = f.offset;
        result.error = {
          message: `${f.path}: truncated pcap record at byte ${recordOffset}: it claims ${incl} bytes but the file ends after ${Math.max(0, f.available - 16)}`,
          offset: recordOffset,
        };
        return;
      }
      buf = f.buf;
      pos = f.pos;
      end = f.end;
      base = f.base;
      p.frameBytes = buf;
    }
    const start = pos + 16;
    decode(p, buf, start, start + incl);
    p.frameStart = start;
    p.time = le ? u32le(buf, pos) + u32le(buf, pos + 4) * fracScale : u32be(buf, pos) + u32be(buf, pos + 4) * fracScale;
    p.frame = frame++;
    p.recordOffset = base + pos;
    p.capturedLength = incl;
    p.originalLength = le ? u32le(buf, pos + 12) : u32be(buf, pos + 12);
    pos = start + incl;
    // Kept current so that an I/O error or a throwing callback is reported at the right byte.
    f.pos = pos;
    result.packets++;
    if (onPacket(p) === false) {
      result.stopped = true;
      return;
    }
  }
}
