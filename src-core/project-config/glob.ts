// Suppression `file` patterns (gitignore-like) on top of the one glob matcher (util/glob.ts), so src-core
// needs no glob package.
import { globSource } from '../util/glob';

/** Compiles `pattern` (relative to the project root, `/`-separated) into a test on root-relative paths.
 *  A pattern without a slash matches the file name in any folder; one with a slash is anchored at the root.
 *  Supports `**`, `*`, `?` and `{a,b}`. */
export function compileGlob(pattern: string): (relativePath: string) => boolean {
  let p = pattern.replace(/\\/g, '/').trim();
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  // A pattern naming a folder covers everything under it.
  const rx = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globSource(p)}(?:/.*)?$`);
  return (relativePath) => rx.test(relativePath.replace(/\\/g, '/'));
}
