// Small helpers the traffic tests share: build a frame from a partial spec, write a capture, make a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFrame, FrameSpec } from '../../../src-core/traffic/frame-builder';
import { parseIpBytes } from '../../../src-core/traffic/ip-address';
import { PcapWriter, WriterOptions } from '../../../src-core/traffic/pcap-writer';
import { readTrace } from '../../../src-core/traffic/trace-reader';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import { decodeFrame } from '../../../src-core/traffic/link-layer';

export function ip(text: string): Uint8Array {
  const b = parseIpBytes(text);
  if (!b) throw new Error(`bad address ${text}`);
  return b;
}

export function frame(spec: Partial<FrameSpec> & { src?: Uint8Array; dst?: Uint8Array }): Uint8Array {
  const out = new Uint8Array(4096);
  const len = buildFrame({ link: 'ethernet', src: ip('10.0.0.1'), dst: ip('10.0.0.2'), protocol: 17, sport: 1234, dport: 53, payloadLength: 10, ...spec }, out);
  return out.slice(0, len);
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ma-traffic-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeCapture(path: string, frames: { time: number; bytes: Uint8Array; iface?: number }[], options: WriterOptions = {}): void {
  const w = new PcapWriter(path, options);
  for (const f of frames) w.write(f.time, f.bytes, f.bytes.length, f.bytes.length, f.iface ?? 0);
  w.close();
}

/** A plain snapshot of the decoded fields worth comparing (the packet object itself is reused). */
export interface Seen {
  time: number;
  frame: number;
  iface: number;
  ipVersion: number;
  protocol: number;
  srcPort: number;
  dstPort: number;
  transportBytes: number;
  recordOffset: number;
  bcast: boolean;
  truncated: boolean;
}

export function snapshot(p: DecodedPacket): Seen {
  return {
    time: p.time, frame: p.frame, iface: p.interfaceId, ipVersion: p.ipVersion, protocol: p.protocol,
    srcPort: p.srcPort, dstPort: p.dstPort, transportBytes: p.transportBytes, recordOffset: p.recordOffset,
    bcast: p.linkBroadcastOrMulticast, truncated: p.truncatedHeader,
  };
}

export function readAll(path: string): { seen: Seen[]; result: ReturnType<typeof readTrace> } {
  const seen: Seen[] = [];
  const result = readTrace(path, (p) => {
    seen.push(snapshot(p));
  });
  return { seen, result };
}

/** Decodes one frame of the given link type into a fresh packet. */
export function decode(linkType: number, bytes: Uint8Array): DecodedPacket {
  const p = new DecodedPacket();
  p.frameBytes = bytes;
  decodeFrame(p, linkType, bytes, 0, bytes.length);
  return p;
}
