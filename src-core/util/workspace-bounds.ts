// Whether a path a profile names stays inside the workspace: by its text (`../../etc/passwd`, `/proc/...`)
// and by where it really leads (a symbolic link inside the folder that points out of it). A cloned repository
// must not make the editor read files outside it; the CLI reads them and says so.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceBounds {
  /** The workspace's folders (absolute). */
  roots: readonly string[];
  /** The editor's server opens no file outside; the CLI reads it and warns. */
  reader: 'editor' | 'cli';
  /** Editor only: false in an untrusted workspace (Restricted Mode), where the server opens no file a profile
   *  names at all; it only looks (stat) whether one inside the workspace exists. */
  trusted: boolean;
}

export type WorkspacePlace =
  | { inside: true }
  /** `through` is where a symbolic link inside the workspace leads, when that is what takes the path out. */
  | { inside: false; through?: string };

/** Whether `file` is `root` or below it (path text only). */
export function isWithin(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The path with every symbolic link resolved; for a missing file, its folder's real path and its name. */
function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    try {
      return path.join(fs.realpathSync.native(path.dirname(file)), path.basename(file));
    } catch {
      return undefined;
    }
  }
}

/** Where `file` lies: inside one of `roots` by its text and by where its links lead, or outside. Nothing is opened
 *  (links are read, files are not). */
export function placeInWorkspace(file: string, roots: readonly string[]): WorkspacePlace {
  const abs = path.resolve(file);
  if (!roots.some((r) => isWithin(abs, path.resolve(r)))) return { inside: false };
  const real = realPathOf(abs);
  // Not there at all (nor its folder): what it names is only text, inside; "not found" is reported elsewhere.
  if (real === undefined) return { inside: true };
  const realRoots = roots.map((r) => realPathOf(path.resolve(r)) ?? path.resolve(r));
  return realRoots.some((r) => isWithin(real, r)) ? { inside: true } : { inside: false, through: real };
}

/** Markers of a project's root, for the CLI's notion of the workspace. */
const ROOT_MARKERS = ['.microagent', '.git'];

/**
 * The CLI's workspace for a profile: the nearest folder at or above it holding `.microagent/` or `.git` (the
 * project the profile belongs to), else the profile's own folder.
 */
export function cliWorkspaceOf(profilePath: string): string {
  const start = path.dirname(path.resolve(profilePath));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (ROOT_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
