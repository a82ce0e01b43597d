// Lists the files below a folder that a check should look at, skipping dependency, VCS and build output folders.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readInputPrefix } from '../util/input-file';
import { placeInWorkspace } from '../util/workspace-bounds';

/** Folder names never descended into. Hidden folders (`.git`, `.vscode`, `.microagent`) are skipped too. */
export const skippedFolders = new Set(['node_modules', 'dist', 'build', 'out', 'bin', 'obj', '__pycache__']);

export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || skippedFolders.has(name) || name.startsWith('cmake-build-');
}

export interface WalkProblem {
  path: string;
  message: string;
}

export interface WalkOptions {
  /** Leave out (and report) symbolic links to files outside `root`: the editor's server reads nothing a
   *  workspace's links lead to outside it. */
  stayInside?: boolean;
}

/** Every regular file below `root`, sorted for stable output. Symbolic links to folders are not followed
 *  (no cycles); unreadable folders are reported and skipped. */
export function walkFiles(root: string, problems: WalkProblem[] = [], shouldStop: () => boolean = () => false, options: WalkOptions = {}): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0 && !shouldStop()) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: dir, message: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!isSkippedFolder(e.name)) stack.push(p);
      } else if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink()) {
        try {
          const place = options.stayInside ? placeInWorkspace(p, [root]) : { inside: true };
          if (!place.inside) problems.push({ path: p, message: `a symbolic link out of the workspace${'through' in place && place.through ? ` (to ${place.through})` : ''}: not read` });
          else if (fs.statSync(p).isFile()) out.push(p);
        } catch {
          // A dangling link is not a file the user asked about.
        }
      }
    }
  }
  return out.sort();
}

/** Reads at most `max` bytes: enough for a service to recognise a file without loading a large capture.
 *  Throws InputFileError for anything but a regular file (a FIFO would block, a device never end). */
export function readPrefix(file: string, max: number): string {
  return readInputPrefix(file, max);
}
