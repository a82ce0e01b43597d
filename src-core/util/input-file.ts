// The one way the tools open a file on the user's behalf: only regular files (a device, FIFO, socket or folder
// is refused by name, before it is opened, so /dev/zero cannot fill memory and a FIFO cannot block), and no
// file larger than the limit for its kind (each refusal names the file, the limit and how to raise it). Text
// is read whole; streaming readers get the open descriptor and the size they may read up to.
import * as fs from 'node:fs';
import { formatByteSize } from './byte-size';
import { INPUT_KIND_TITLES, processInputLimits, type InputFileKind, type InputLimits } from './input-limits';

export type { InputFileKind, InputLimits } from './input-limits';

export type InputRefusalReason = 'missing' | 'folder' | 'not-regular' | 'too-large' | 'grew' | 'io';

/** A file the tools will not (or cannot) read, and why. `problem` is the reason without the path. */
export class InputFileError extends Error {
  constructor(readonly path: string, readonly reason: InputRefusalReason, readonly problem: string, readonly code?: string) {
    super(`${path}: ${problem}`);
    this.name = 'InputFileError';
  }
}

/** A streaming reader's one-line error for a file it could not open: the refusal as it is, or, for a missing or
 *  unreadable file, `cannot open: ENOENT` as the readers have always said it. */
export function cannotOpenMessage(path: string, err: unknown): string {
  if (err instanceof InputFileError && err.reason !== 'missing' && err.reason !== 'io') return err.message;
  const code = err instanceof InputFileError ? err.code : (err as NodeJS.ErrnoException).code;
  return `${path}: cannot open: ${code ?? (err as Error).message}`;
}

/** "a character device", "a FIFO"... for a stat that is not a regular file or folder. */
export function fileTypeName(st: fs.Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a plain file';
}

const NOT_REGULAR = (st: fs.Stats) => `not a regular file (${fileTypeName(st)}); microagent reads only regular files`;

function tooLarge(size: number, kind: InputFileKind, limits: InputLimits): string {
  return `${formatByteSize(size)} is over the ${formatByteSize(limits.maxFileSize[kind])} limit for ${INPUT_KIND_TITLES[kind]}; ${limits.howToRaise(kind)}`;
}

function ioProblem(err: unknown): { reason: InputRefusalReason; problem: string; code?: string } {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'missing', problem: 'not found', code };
  return { reason: 'io', problem: `cannot read: ${code ?? (err as Error).message}`, code };
}

/**
 * Why `path` would be refused, from its metadata alone (nothing is opened): missing, a folder, not a regular
 * file, or over the limit for `kind` (no kind: any size). Undefined when it may be read.
 */
export function inputFileRefusal(path: string, kind?: InputFileKind, limits: InputLimits = processInputLimits()): InputFileError | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch (err) {
    const p = ioProblem(err);
    return new InputFileError(path, p.reason, p.problem, p.code);
  }
  if (st.isDirectory()) return new InputFileError(path, 'folder', 'is a folder, not a file');
  if (!st.isFile()) return new InputFileError(path, 'not-regular', NOT_REGULAR(st));
  if (kind && st.size > limits.maxFileSize[kind]) return new InputFileError(path, 'too-large', tooLarge(st.size, kind, limits));
  return undefined;
}

export interface OpenedInput {
  fd: number;
  /** The size when opened: streaming readers read up to here, so a file that grows cannot keep them going. */
  size: number;
  close(): void;
}

// O_NONBLOCK: should a FIFO replace the file between the check and the open, opening it must not wait for a
// writer (it is then refused by the fstat below). No effect on regular files; absent on Windows.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Opens a regular file within the limit for `kind` (no kind: any size). Throws InputFileError. */
export function openInputFile(path: string, kind?: InputFileKind, limits: InputLimits = processInputLimits()): OpenedInput {
  const refused = inputFileRefusal(path, kind, limits);
  if (refused) throw refused;
  let fd: number;
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (err) {
    const p = ioProblem(err);
    throw new InputFileError(path, p.reason, p.problem, p.code);
  }
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    throw new InputFileError(path, 'io', ioProblem(err).problem);
  }
  if (!st.isFile()) {
    fs.closeSync(fd);
    throw new InputFileError(path, 'not-regular', NOT_REGULAR(st));
  }
  if (kind && st.size > limits.maxFileSize[kind]) {
    fs.closeSync(fd);
    throw new InputFileError(path, 'too-large', tooLarge(st.size, kind, limits));
  }
  let open = true;
  return {
    fd,
    size: st.size,
    close: () => {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}

/**
 * The whole file as bytes. Read to its end, not only to the size stat gave (files under /proc say 0), but never
 * past the limit: a file still growing at the limit is refused, not cut.
 */
export function readInputBytes(path: string, kind: InputFileKind, limits: InputLimits = processInputLimits()): Buffer {
  const file = openInputFile(path, kind, limits);
  const max = limits.maxFileSize[kind];
  try {
    let buf = Buffer.allocUnsafe(Math.min(Math.max(file.size, 64 * 1024), max) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) throw new InputFileError(path, 'grew', `grew past the ${formatByteSize(max)} limit for ${INPUT_KIND_TITLES[kind]} while it was read; ${limits.howToRaise(kind)}`);
        const next = Buffer.allocUnsafe(Math.min(buf.length * 2, max + 1));
        buf.copy(next, 0, 0, n);
        buf = next;
      }
      let got: number;
      try {
        got = fs.readSync(file.fd, buf, n, buf.length - n, n);
      } catch (err) {
        // EAGAIN cannot happen on a regular file; anything else is an I/O fault worth naming.
        throw new InputFileError(path, 'io', `read failed after ${n} bytes: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      if (got === 0) break;
      n += got;
    }
    if (n > max) throw new InputFileError(path, 'grew', `grew past the ${formatByteSize(max)} limit for ${INPUT_KIND_TITLES[kind]} while it was read; ${limits.howToRaise(kind)}`);
    return buf.subarray(0, n);
  } finally {
    file.close();
  }
}

/** The whole file as UTF-8 text (see readInputBytes). Throws InputFileError. */
export function readInputText(path: string, kind: InputFileKind, limits: InputLimits = processInputLimits()): string {
  return readInputBytes(path, kind, limits).toString('utf8');
}

/** At most `max` bytes from the start of a regular file, as text (recognising a file's kind by its head). */
export function readInputPrefix(path: string, max: number, encoding: BufferEncoding = 'utf8'): string {
  const file = openInputFile(path);
  try {
    const buf = Buffer.alloc(max);
    const n = fs.readSync(file.fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString(encoding);
  } finally {
    file.close();
  }
}

/** The kind a file's name suggests, for readers that are not told (FileAccess.readText). */
export function inputKindOfPath(path: string): InputFileKind {
  const lower = path.toLowerCase();
  if (/\.(h|h\.in|dist|cmake)$/.test(lower)) return 'configuration';
  if (/\.(pcap|pcapng|cap)$/.test(lower)) return 'capture';
  if (/(^|[\\/])conn[^\\/]*\.log$/.test(lower)) return 'connLog';
  if (/\.(ndjson|jsonl)$/.test(lower)) return 'events';
  if (/\.jsonc?$/.test(lower)) return 'json';
  return 'feed';
}
