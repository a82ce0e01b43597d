// A small glob matcher for suppression `file` patterns (gitignore-like), so src-core needs no glob package.

/** Compiles `pattern` (relative to the project root, `/`-separated) into a test on root-relative paths.
 *  A pattern without a slash matches the file name in any folder; one with a slash is anchored at the root.
 *  Supports `**`, `*`, `?` and `{a,b}`. */
export function compileGlob(pattern: string): (relativePath: string) => boolean {
  let p = pattern.replace(/\\/g, '/').trim();
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        // `**/` spans zero or more folders; a trailing `**` matches everything below.
        if (p[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + p.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else re += escape(c);
  }
  // A pattern naming a folder covers everything under it.
  const rx = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}(?:/.*)?$`);
  return (relativePath) => rx.test(relativePath.replace(/\\/g, '/'));
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\{}*?]/g, '\\$&');
}
