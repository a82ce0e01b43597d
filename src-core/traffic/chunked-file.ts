// Reads a file through one reused buffer (1 MiB by default) with carry-over, so trace readers stream
// files of any size in constant memory and never hold more than the largest record plus one chunk.
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

export class ChunkedFile {
  buf: Uint8Array;
  view: DataView;
  /** Index in `buf` of the next unread byte. */
  pos = 0;
  /** Index in `buf` one past the last valid byte. */
  end = 0;
  /** File offset of `buf[0]`. */
  base = 0;
  readonly size: number;
  private fd: number;
  private eof = false;

  constructor(readonly path: string, chunkSize = 1 << 20, private readonly maxBuffer = 64 << 20) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
    this.buf = new Uint8Array(chunkSize);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** File offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Bytes available from `pos` without another read. */
  get available(): number {
    return this.end - this.pos;
  }

  /**
   * Makes at least `n` bytes available from `pos`, reading more of the file if needed.
   * Returns false when the file ends first (then `available` says how many there are).
   */
  ensure(n: number): boolean {
    if (this.end - this.pos >= n) return true;
    if (this.eof) return false;
    if (n > this.buf.length) {
      // A record larger than the chunk: grow once (callers bound n, so this stays small).
      const size = Math.min(Math.max(n, this.buf.length * 2), Math.max(n, this.maxBuffer));
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(this.pos, this.end));
      this.base += this.pos;
      this.end -= this.pos;
      this.pos = 0;
      this.buf = next;
      this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
    } else if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.end);
      this.base += this.pos;
      this.end -= this.pos;
      this.pos = 0;
    }
    while (this.end - this.pos < n) {
      const got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      if (got <= 0) {
        this.eof = true;
        return false;
      }
      this.end += got;
    }
    return true;
  }

  close(): void {
    if (this.fd >= 0) {
      closeSync(this.fd);
      this.fd = -1;
    }
  }
}
