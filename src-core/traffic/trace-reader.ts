// Entry point for captures: recognises pcap or pcapng by its magic number and streams the packets,
// returning what was read and, when the file is bad, an error that names the byte offset.
import { ChunkedFile } from './chunked-file';
import { cannotOpenMessage } from '../util/input-file';
import { DecodedPacket } from './packet';
import { readPcap, PCAP_MAGIC_NS, PCAP_MAGIC_US } from './pcap-reader';
import { readPcapng, PCAPNG_SHB } from './pcapng-reader';
import type { PacketCallback, ReadOptions, TraceResult } from './trace-result';

export type { PacketCallback, ReadOptions, TraceResult, TraceError } from './trace-result';

/** The capture format a file's first four bytes announce, or undefined. */
export function captureFormatOf(first4: Uint8Array): 'pcap' | 'pcapng' | undefined {
  if (first4.length < 4) return undefined;
  const be = ((first4[0] << 24) | (first4[1] << 16) | (first4[2] << 8) | first4[3]) >>> 0;
  const le = ((first4[3] << 24) | (first4[2] << 16) | (first4[1] << 8) | first4[0]) >>> 0;
  if (be === PCAP_MAGIC_US || be === PCAP_MAGIC_NS || le === PCAP_MAGIC_US || le === PCAP_MAGIC_NS) return 'pcap';
  if (be === PCAPNG_SHB) return 'pcapng';
  return undefined;
}

/**
 * Reads a pcap or pcapng capture, calling `onPacket` with one reused DecodedPacket per frame.
 * Never throws for bad input: an unreadable or corrupt file comes back as `result.error`.
 */
export function readTrace(path: string, onPacket: PacketCallback, options: ReadOptions = {}, packet = new DecodedPacket()): TraceResult {
  const result: TraceResult = { file: path, format: 'unknown', packets: 0, linkTypes: [], notes: [] };
  let f: ChunkedFile;
  try {
    f = new ChunkedFile(path, options.chunkSize);
  } catch (err) {
    result.error = { message: cannotOpenMessage(path, err), offset: 0 };
    return result;
  }
  try {
    f.ensure(4);
    const format = captureFormatOf(f.buf.subarray(0, Math.min(4, f.end)));
    if (format === 'pcap') readPcap(f, packet, onPacket, result, options);
    else if (format === 'pcapng') readPcapng(f, packet, onPacket, result, options);
    else {
      const magic = Array.from(f.buf.subarray(0, Math.min(4, f.end)), (x) => x.toString(16).padStart(2, '0')).join('');
      result.error = {
        message: f.end === 0 ? `${path}: empty file, not a pcap or pcapng capture` : `${path}: not a pcap or pcapng capture (first bytes 0x${magic}) at byte 0`,
        offset: 0,
      };
    }
  } catch (err) {
    // An I/O failure mid-read (the file shrank, a device error): keep what was read.
    result.error = { message: `${path}: read failed at byte ${f.offset}: ${(err as Error).message}`, offset: f.offset };
  } finally {
    // Only when the read got to the size it had when opened: a read stopped earlier did not miss the growth.
    const grew = f.base + f.end >= f.size ? f.grownBy() : 0;
    if (grew > 0) result.notes.push(`${path}: grew by ${grew} bytes while it was read; the ${f.size} bytes it had when opened were read`);
    f.close();
  }
  return result;
}
