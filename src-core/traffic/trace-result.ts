// What a trace reader reports besides the packets: the format, the link types met, and the error
// (with its byte offset) that ended the read early, if any. Packets before the error are kept.
import type { DecodedPacket } from './packet';

export interface TraceError {
  /** Names the file, the place and what was wrong. */
  message: string;
  /** Byte offset of the record or block at fault. */
  offset: number;
}

export interface TraceResult {
  file: string;
  format: 'pcap' | 'pcapng' | 'unknown';
  /** Packets handed to the callback. */
  packets: number;
  /** Link types of the interfaces met, in order of first appearance. */
  linkTypes: number[];
  /** Things worth saying that did not stop the read (unsupported link type, skipped blocks). */
  notes: string[];
  error?: TraceError;
  /** True when the callback asked to stop (returned false) before the end. */
  stopped?: boolean;
}

/** Return false to stop reading (cancellation); the packet object is reused for the next record. */
export type PacketCallback = (packet: DecodedPacket) => void | boolean;

export interface ReadOptions {
  /** Read size in bytes (default 1 MiB). */
  chunkSize?: number;
  /** Largest record accepted before it is called absurd (default 256 KiB, or the snaplen when larger, up to 64 MiB). */
  maxRecord?: number;
}
