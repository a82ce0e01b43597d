// Writes pcap or pcapng captures through one buffered file descriptor, so the generator can stream
// millions of packets without holding them; either byte order, micro- or nanosecond timestamps.
import { openSync, writeSync, closeSync } from 'node:fs';

export interface WriterInterface {
  linkType: number;
  /** pcapng if_tsresol byte (6 = microseconds, 9 = nanoseconds, 0x80|n = 2^-n); pcap uses `nanosecond`. */
  tsresol?: number;
  snaplen?: number;
}

export interface WriterOptions {
  format?: 'pcap' | 'pcapng';
  /** Link type of the (first) interface; default 1 (Ethernet). */
  linkType?: number;
  /** pcapng: all interfaces, in order (overrides linkType). */
  interfaces?: WriterInterface[];
  /** pcap: nanosecond magic 0xa1b23c4d instead of microseconds. */
  nanosecond?: boolean;
  bigEndian?: boolean;
  snaplen?: number;
}

const FLUSH_AT = 1 << 20;

export class PcapWriter {
  private fd: number;
  private buf = new Uint8Array(FLUSH_AT + 70000);
  private view = new DataView(this.buf.buffer);
  private at = 0;
  private readonly le: boolean;
  private readonly format: 'pcap' | 'pcapng';
  private readonly nanosecond: boolean;
  private readonly unitsPerSecond: number[] = [];
  packets = 0;
  bytes = 0;

  constructor(readonly path: string, options: WriterOptions = {}) {
    this.le = !options.bigEndian;
    this.format = options.format ?? 'pcap';
    this.nanosecond = Boolean(options.nanosecond);
    this.fd = openSync(path, 'w');
    const snaplen = options.snaplen ?? 262144;
    if (this.format === 'pcap') {
      this.u32(this.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
      this.u16(2);
      this.u16(4);
      this.u32(0);
      this.u32(0);
      this.u32(snaplen);
      this.u32(options.linkType ?? 1);
    } else {
      this.sectionHeader();
      for (const i of options.interfaces ?? [{ linkType: options.linkType ?? 1, tsresol: options.nanosecond ? 9 : 6, snaplen }]) {
        this.interfaceBlock(i.linkType, i.tsresol ?? 6, i.snaplen ?? snaplen);
      }
    }
  }

  /** Starts a new pcapng section (its interfaces are then added again with `interfaceBlock`). */
  sectionHeader(): void {
    this.unitsPerSecond.length = 0;
    this.u32(0x0a0d0d0a);
    this.u32(28);
    this.u32(0x1a2b3c4d);
    this.u16(1);
    this.u16(0);
    this.u32(0xffffffff);
    this.u32(0xffffffff);
    this.u32(28);
  }

  interfaceBlock(linkType: number, tsresol: number, snaplen: number): void {
    const withResol = tsresol !== 6;
    const len = 20 + (withResol ? 12 : 0);
    this.u32(1);
    this.u32(len);
    this.u16(linkType);
    this.u16(0);
    this.u32(snaplen);
    if (withResol) {
      this.u16(9);
      this.u16(1);
      this.buf[this.at] = tsresol;
      this.buf[this.at + 1] = this.buf[this.at + 2] = this.buf[this.at + 3] = 0;
      this.at += 4;
      this.u32(0); // opt_endofopt
    }
    this.u32(len);
    this.unitsPerSecond.push(tsresol & 0x80 ? Math.pow(2, tsresol & 0x7f) : Math.pow(10, tsresol));
  }

  /** Appends one frame `frame[0, length)` captured at `time` seconds. */
  write(time: number, frame: Uint8Array, length: number, originalLength = length, interfaceId = 0): void {
    if (length > 65536) throw new Error(`frame of ${length} bytes is larger than the writer's buffer allows`);
    if (this.format === 'pcap') {
      const sec = Math.floor(time);
      const scale = this.nanosecond ? 1e9 : 1e6;
      let frac = Math.round((time - sec) * scale);
      let s = sec;
      if (frac >= scale) {
        s += 1;
        frac -= scale;
      }
      this.u32(s);
      this.u32(frac);
      this.u32(length);
      this.u32(originalLength);
      this.buf.set(frame.subarray(0, length), this.at);
      this.at += length;
    } else {
      const padded = (length + 3) & ~3;
      const total = 32 + padded;
      const units = this.unitsPerSecond[interfaceId] ?? 1e6;
      const ticks = Math.round(time * units);
      this.u32(6);
      this.u32(total);
      this.u32(interfaceId);
      this.u32(Math.floor(ticks / 4294967296));
      this.u32(ticks % 4294967296);
      this.u32(length);
      this.u32(originalLength);
      this.buf.set(frame.subarray(0, length), this.at);
      this.buf.fill(0, this.at + length, this.at + padded);
      this.at += padded;
      this.u32(total);
    }
    this.packets++;
    if (this.at >= FLUSH_AT) this.flush();
  }

  /** Appends raw bytes (for tests that need a hand-made or broken record). */
  writeRaw(bytes: Uint8Array): void {
    this.flush();
    writeSync(this.fd, bytes);
    this.bytes += bytes.length;
  }

  close(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  private flush(): void {
    let off = 0;
    while (off < this.at) off += writeSync(this.fd, this.buf, off, this.at - off);
    this.bytes += this.at;
    this.at = 0;
  }

  private u16(v: number): void {
    this.view.setUint16(this.at, v, this.le);
    this.at += 2;
  }

  private u32(v: number): void {
    this.view.setUint32(this.at, v >>> 0, this.le);
    this.at += 4;
  }
}
