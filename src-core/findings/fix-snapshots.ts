// The text of the files a run's quick fixes would edit, as the run read them. A finding's fix is a range and
// a text computed from the file the simulator read: once the file is edited (a line added above the rule, a
// value changed), the same range lands elsewhere and the edit would break the file. The editor offers a
// finding's fix only while the file's text is still the text the run read.
import { readFileSync, statSync } from 'node:fs';
import type { Finding } from './finding';

/** Larger files are not kept: a baseline or a configuration header the fixes edit is far smaller. */
const MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

/** The files a finding's edits touch: its suggested fix's, and its rule's (turning the rule off edits it). */
export function fixFilesOf(findings: readonly Finding[]): Set<string> {
  const files = new Set<string>();
  for (const f of findings) {
    if (f.suggestedFix) files.add(f.suggestedFix.file);
    // The rule is the finding's first location (the editor turns it off where that diagnostic stands).
    if (f.evidence.rule && f.locations[0]) files.add(f.locations[0].file);
  }
  return files;
}

export class FixSnapshots {
  /** Per file: its text when the run read it, or undefined when that is not known (changed since, unreadable). */
  private readonly texts = new Map<string, string | undefined>();

  /**
   * Takes the texts of the files `findings` would edit, for a run that finished at `finishedAt` (epoch ms).
   * A file modified on disk after that (an edit saved since, or a run restored after a reload) has no known
   * text: its fixes are not offered until the next run.
   */
  constructor(findings: readonly Finding[], finishedAt: number) {
    for (const file of fixFilesOf(findings)) {
      try {
        const s = statSync(file);
        this.texts.set(file, s.isFile() && s.size <= MAX_SNAPSHOT_BYTES && s.mtimeMs <= finishedAt ? readFileSync(file, 'utf8') : undefined);
      } catch {
        this.texts.set(file, undefined);
      }
    }
  }

  /**
   * Whether `file` now reads `current` (an open editor's text, saved or not: one with unsaved changes when the
   * run read the disk differs too), the text the run's ranges point into.
   */
  unchanged(file: string, current: string): boolean {
    const then = this.texts.get(file);
    return then !== undefined && withoutBom(then) === withoutBom(current);
  }
}

/** Editors drop a UTF-8 byte order mark from a document's text; the file on disk keeps it. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
