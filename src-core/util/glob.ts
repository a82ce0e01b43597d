// The one glob matcher: glob text to a regular expression. Suppression `file` patterns (project-config/glob.ts)
// and VS Code's jsonValidation fileMatch (baseline/schemas/json-validation-files.ts) anchor it their own way.

/** The regular-expression source of a `/`-separated glob: `**` spans folders (`**\/` zero or more of them),
 *  `*` and `?` stay inside one name, `{a,b}` is either; everything else is literal. */
export function globSource(pattern: string): string {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` spans zero or more folders; a `**` elsewhere matches everything, slashes included.
        if (pattern[i + 2] === '/') {
          re += '(?:.*/)?';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + pattern.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else re += escape(c);
  }
  return re;
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\{}*?]/g, '\\$&');
}
