// Which files VS Code's own JSON support completes from our contributed schemas (package.json jsonValidation),
// so the client can leave completion there to it instead of listing every value twice. Pure: no vscode import.
import { globSource } from '../../util/glob';

/** The fileMatch patterns of a package.json's contributes.jsonValidation (URL-style ones are left out). */
export function jsonValidationPatterns(packageJson: unknown): string[] {
  const entries = (packageJson as { contributes?: { jsonValidation?: { fileMatch?: string | string[] }[] } })?.contributes?.jsonValidation;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e) => (typeof e?.fileMatch === 'string' ? [e.fileMatch] : Array.isArray(e?.fileMatch) ? e.fileMatch : []))
    .filter((p): p is string => typeof p === 'string' && p.length > 0 && !/^\w[\w\d+.-]*:/.test(p) && !p.startsWith('!'));
}

/**
 * Whether `filePath` matches one of `patterns` as VS Code matches fileMatch: a pattern without '/' is matched
 * against the file name, one with '/' against the end of the path ('**' spans folders, `{a,b}` either). Case-sensitive, as
 * VS Code's matcher is: a name VS Code might not match keeps our completion (a double list is the lesser harm).
 */
export function matchesFileMatch(filePath: string, patterns: readonly string[]): boolean {
  const path = filePath.replace(/\\/g, '/');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return patterns.some((p) => (p.includes('/') ? globToRegExp(p.replace(/^\/+/, ''), true).test(path) : globToRegExp(p, false).test(name)));
}

function globToRegExp(glob: string, anchoredAtEnd: boolean): RegExp {
  const re = globSource(glob);
  return new RegExp(anchoredAtEnd ? `(?:^|/)${re}$` : `^${re}$`);
}
