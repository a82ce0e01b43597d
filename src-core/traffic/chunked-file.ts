// Reads a file through one reused buffer (1 MiB by default) with carry-over, so trace readers stream
// files of any size in constant memory and never hold more than the largest record plus one chunk.
import { readSync, fstatSync } from 'node:fs';
import { openInputFile, type InputFileKind, type OpenedInput } from '../util/input-file';

export class ChunkedFile {
  buf: Uint8Array;
  view: DataView;
  /** Index in `buf` of the next unread byte. */
  pos = 0;
  /** Index in `buf` one past the last valid byte. */
  end = 0;
  /** File offset of `buf[0]`. */
  base = 0;
  /** The size when opened: reading stops there, so a file that keeps growing cannot keep a reader going. */
  readonly size: number;
  private readonly file: OpenedInput;
  private fd: number;
  private eof = false;

  /** Throws InputFileError for a file that is not a regular file or is over the limit for `kind`. */
  constructor(readonly path: string, chunkSize = 1 << 20, private readonly maxBuffer = 64 << 20, kind: InputFileKind = 'capture') {
    this.file = openInputFile(path, kind);
    this.fd = this.file.fd;
    this.size = this.file.size;
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
      const room = Math.min(this.buf.length - this.end, this.size - (this.base + this.end));
      const got = room > 0 ? readSync(this.fd, this.buf, this.end, room, this.base + this.end) : 0;
      if (got <= 0) {
        this.eof = true;
        return false;
      }
      this.end += got;
    }
    return true;
  }

  /** Bytes the file has gained since it was opened (read up to its size then; 0 when it did not grow). */
  grownBy(): number {
    try {
      return this.fd >= 0 ? Math.max(0, fstatSync(this.fd).size - this.size) : 0;
    } catch {
      return 0;
    }
  }

  close(): void {
    if (this.fd >= 0) {
      this.file.close();
      this.fd = -1;
    }
  }
}
