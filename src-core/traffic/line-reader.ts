// Streams a text file line by line through one reused 1 MiB buffer (for conn.log and event scripts):
// memory stays bounded by the longest line, and an overlong line is reported, not loaded.
import { openSync, readSync, closeSync } from 'node:fs';

export interface LineReadResult {
  lines: number;
  /** Lines longer than the limit (their 1-based numbers); they are not handed to the callback. */
  overlong: number[];
  error?: string;
}

/** Calls `onLine` with each line (without its CR/LF) and its 1-based number; return false to stop. */
export function readLines(
  path: string,
  onLine: (line: string, lineNo: number) => void | boolean,
  maxLine = 1 << 20,
  chunkSize = 1 << 20,
): LineReadResult {
  const result: LineReadResult = { lines: 0, overlong: [] };
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    result.error = `${path}: cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    return result;
  }
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
      const got = readSync(fd, buf, end, buf.length - end, filePos);
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
    closeSync(fd);
  }
  result.lines = lineNo;
  return result;
}
