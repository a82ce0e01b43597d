// Where a command writes what it made (`check -o`, `simulate -o`, `gen --out`, `demo --out`): never over an
// existing file unless --force says so, never over one of the run's own inputs even then, and never half-written
// (a temporary file beside the target is renamed into place only once it is complete). A pipe or a device is
// written into directly.
import { existsSync, mkdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { RefusedError, UsageError } from './args';

export interface OutputTarget {
  /** Absolute path of the file to write. */
  path: string;
  /** The option that named it, for messages ("-o", "--out"). */
  flag: string;
  force: boolean;
  /** Files this run reads: writing over one of them is refused even with --force. */
  inputs?: readonly (string | RunInput | undefined)[];
}

/** A file a run reads, with what it is to the run ("the profile's baseline"), for the refusal. */
export interface RunInput {
  path: string | undefined;
  what: string;
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Checks the target before any work is done, so a refusal costs nothing: throws a UsageError or RefusedError (exit 2)
 * naming the file and what to do. An existing file is the user's: replacing it takes --force.
 */
export function checkOutputTarget(t: OutputTarget): void {
  if (!existsSync(t.path)) return;
  if (statSync(t.path).isDirectory()) throw new UsageError(`${t.flag} ${t.path} is a folder, not a file`);
  const input = inputAt(t.path, t.inputs ?? []);
  if (input) throw new RefusedError(inputRefusal(t.flag, t.path, input));
  // A pipe or a device (/dev/stdout, /dev/null, a FIFO) keeps nothing to overwrite: it is written into.
  if (!t.force && !isStreamTarget(t.path)) throw new RefusedError(`${t.flag} ${t.path} exists; not overwritten (give --force to replace it)`);
}

/**
 * True when `target` exists and is no regular file (a FIFO, a character device, a socket; links followed).
 * Such a target is opened and written into: a temporary file renamed over it would replace the pipe or the
 * device node itself (as root, /dev/null or /dev/stdout), and its reader would wait for ever.
 */
export function isStreamTarget(target: string): boolean {
  try {
    const st = statSync(target);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/** The input of `inputs` that is the file at `target` (the same path, or the same file through a link). */
export function inputAt(target: string, inputs: readonly (string | RunInput | undefined)[]): RunInput | undefined {
  for (const i of inputs) {
    const input = typeof i === 'string' ? { path: i, what: '' } : i;
    if (input?.path !== undefined && sameFile(input.path, target)) return input;
  }
  return undefined;
}

/** "-o FILE is one of this run's inputs (the profile's baseline); refusing to write over it (even with --force)". */
export function inputRefusal(flag: string, target: string, input: RunInput): string {
  return `${flag} ${target} is one of this run's inputs${input.what ? ` (${input.what})` : ''}; refusing to write over it (even with --force)`;
}

/** A temporary name beside `target` (same folder, so the final rename stays on one file system). */
export function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `body` to `target` whole or not at all (creating its folder); the temporary file is removed on failure. */
export function writeOutputFile(target: string, body: string | Uint8Array): void {
  if (isStreamTarget(target)) {
    writeFileSync(target, body);
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  const temp = temporaryBeside(target);
  try {
    writeFileSync(temp, body, { flag: 'wx' });
    renameSync(temp, target);
  } catch (err) {
    removeQuietly(temp);
    throw err;
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never written, or renamed already.
  }
}
