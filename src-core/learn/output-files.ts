// Writes learn's outputs without ever leaving a half-written file: each text goes to a temporary file in the
// same folder (so the rename stays on one file system), and only when every one is written are they
// renamed into place. Existing files are refused unless overwriting was asked for.
import { existsSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface OutputFile {
  path: string;
  text: string;
}

/** The outputs that already exist (a folder counts: it cannot be replaced). */
export function existingOutputs(files: readonly OutputFile[]): string[] {
  return files.filter((f) => existsSync(f.path)).map((f) => f.path);
}

/** Writes every file, then renames them all into place; throws (after removing its temporary files) on failure. */
export function writeOutputsAtomically(files: readonly OutputFile[]): void {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const temp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      temps.push({ temp, path: f.path });
      writeFileSync(temp, f.text, { flag: 'wx' });
    }
    for (const t of temps) renameSync(t.temp, t.path);
  } catch (err) {
    for (const t of temps) {
      try {
        unlinkSync(t.temp);
      } catch {
        // Renamed already, or never written.
      }
    }
    throw err;
  }
}
