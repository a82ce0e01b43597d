// Streams a text file line by line through one reused 1 MiB buffer (for conn.log and event scripts):
// memory stays bounded by the longest line, and an overlong line is reported, not loaded.
import { fstatSync, readSync } from 'node:fs';
import { cannotOpenMessage, openInputFile, type InputFileKind, type OpenedInput } from '../util/input-file';

export interface LineReadResult {
  lines: number;
  /** Lines longer than the limit (their 1-based numbers); they are not handed to the callback. */
  overlong: number[];
  error?: string;
  /** Bytes the file gained while it was read: it is read up to the size it had when opened. */
  grewBy?: number;
}

/** Calls `onLine` with each line (without its CR/LF) and its 1-based number; return false to stop. */
export function readLines(
  path: string,
  onLine: (line: string, lineNo: number) => void | boolean,
  maxLine = 1 << 20,
  chunkSize = 1 << 20,
  kind: InputFileKind = 'events',
): LineReadResult {
  const result: LineReadResult = { lines: 0, overlong: [] };
  let file: OpenedInput;
  try {
    file = openInputFile(path, kind);
  } catch (err) {
    result.error = cannotOpenMessage(path, err);
    return result;
  }
  const fd = file.fd;
  // Read up to the size it had when opened: a file that keeps growing cannot keep the reader going.
  const size = file.size;
  // Room for a held partial line of up to maxLine bytes plus one full read.
  const buf = Buffer.allocUnsafe(maxLine + chunkSize);
  let start = 0;
  let end = 0;
  let lineNo = 0;
  let skipping = false;
  let filePos = 0;
  const emit = (s: number, e: number): boolean => {
    lineNo++;
    if (e > s && buf[e - 1] === 0x0d) e--;
    if (lineNo === 1 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
    return onLine(buf.toString('utf8', s, e), lineNo) !== false;
  };
  try {
    reading: for (;;) {
      if (start > 0) {
        buf.copy(buf, 0, start, end);
        end -= start;
        start = 0;
      }
      const room = Math.min(buf.length - end, size - filePos);
      const got = room > 0 ? readSync(fd, buf, end, room, filePos) : 0;
      if (got <= 0) {
        if (skipping) lineNo++;
        else if (end > start) emit(start, end);
        break;
      }
      filePos += got;
      let scan = end;
      end += got;
      for (;;) {
        const nl = buf.indexOf(0x0a, scan);
        if (nl < 0 || nl >= end) break;
        if (skipping) {
          // The end of an overlong line: counted, never handed out.
          skipping = false;
          lineNo++;
        } else if (!emit(start, nl)) {
          break reading;
        }
        start = scan = nl + 1;
      }
      if (skipping) start = end;
      else if (end - start > maxLine) {
        result.overlong.push(lineNo + 1);
        skipping = true;
        start = end;
      }
    }
  } catch (err) {
    result.error = `${path}: read failed after line ${lineNo}: ${(err as Error).message}`;
  } finally {
    if (filePos >= size) {
      try {
        const now = fstatSync(fd).size;
        if (now > size) result.grewBy = now - size;
      } catch {
        // A file that cannot be stat'ed now was read as far as it could be.
      }
    }
    file.close();
  }
  result.lines = lineNo;
  return result;
}
