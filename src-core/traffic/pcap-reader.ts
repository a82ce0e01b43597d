// Streams a classic pcap file (both byte orders, micro- and nanosecond timestamps) into the reused
// DecodedPacket; a truncated or absurd record ends the read with an error naming its byte offset.
import { ChunkedFile } from './chunked-file';
import { DecodedPacket } from './packet';
import { decodeFrame, isSupportedLinkType, linkTypeName } from './link-layer';
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
  let frame = 0;
  for (;;) {
    if (!f.ensure(16)) {
      if (f.available > 0) {
        result.error = {
          message: `${f.path}: truncated pcap record header at byte ${f.offset} (${f.available} of 16 bytes)`,
          offset: f.offset,
        };
      }
      return;
    }
    const at = f.pos;
    const recordOffset = f.offset;
    const view = f.view;
    const sec = view.getUint32(at, le);
    const frac = view.getUint32(at + 4, le);
    const incl = view.getUint32(at + 8, le);
    const orig = view.getUint32(at + 12, le);
    if (incl > maxRecord) {
      result.error = {
        message: `${f.path}: corrupt pcap record at byte ${recordOffset}: captured length ${incl} exceeds the limit of ${maxRecord}`,
        offset: recordOffset,
      };
      return;
    }
    if (!f.ensure(16 + incl)) {
      result.error = {
        message: `${f.path}: truncated pcap record at byte ${recordOffset}: it claims ${incl} bytes but the file ends after ${Math.max(0, f.available - 16)}`,
        offset: recordOffset,
      };
      return;
    }
    const start = f.pos + 16;
    p.frameBytes = f.buf;
    decodeFrame(p, linkType, f.buf, start, start + incl);
    p.frameStart = start;
    p.time = sec + frac * fracScale;
    p.frame = frame++;
    p.recordOffset = recordOffset;
    p.interfaceId = 0;
    p.capturedLength = incl;
    p.originalLength = orig;
    f.pos = start + incl;
    result.packets++;
    if (onPacket(p) === false) {
      result.stopped = true;
      return;
    }
  }
}
