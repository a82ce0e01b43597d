// Lists the files below a folder that a check should look at, skipping dependency, VCS and build output folders.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folder names never descended into. Hidden folders (`.git`, `.vscode`, `.microagent`) are skipped too. */
export const skippedFolders = new Set(['node_modules', 'dist', 'build', 'out', 'bin', 'obj', '__pycache__']);

export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || skippedFolders.has(name) || name.startsWith('cmake-build-');
}

export interface WalkProblem {
  path: string;
  message: string;
}

/** Every regular file below `root`, sorted for stable output. Symbolic links to folders are not followed
 *  (no cycles); unreadable folders are reported and skipped. */
export function walkFiles(root: string, problems: WalkProblem[] = [], shouldStop: () => boolean = () => false): string[] {
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
          if (fs.statSync(p).isFile()) out.push(p);
        } catch {
          // A dangling link is not a file the user asked about.
        }
      }
    }
  }
  return out.sort();
}

/** Reads at most `max` bytes: enough for a service to recognise a file without loading a large capture. */
export function readPrefix(file: string, max: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(max);
    const n = fs.readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}
