// `microagent-ignore CODE reason` comments in C headers, CMake files and any other text file a service checks.
import type { SourceDocument } from '../language/document';
import type { Diagnostic, Fix, Range } from '../language/types';

export const IGNORE_MARKER = 'microagent-ignore';

export interface InlineSuppression {
  codes: string[];
  reason?: string;
  /** The line whose diagnostics are suppressed (zero-based). */
  targetLine: number;
  /** The comment itself. */
  range: Range;
}

// `//`, `#` or `/*` then the marker; the marker must be the comment's first word.
const markerRx = /(\/\/|#|\/\*)\s*microagent-ignore\b(.*)$/;

/** Finds the suppression comments of a document. A comment alone on its line covers the next line that is not
 *  itself a suppression comment (so several may be stacked); one after code covers its own line. */
export function readInlineSuppressions(doc: SourceDocument): { suppressions: InlineSuppression[]; problems: Diagnostic[] } {
  const suppressions: InlineSuppression[] = [];
  const problems: Diagnostic[] = [];
  if (!doc.text.includes(IGNORE_MARKER)) return { suppressions, problems };
  const pending: InlineSuppression[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineText(line);
    const m = markerRx.exec(text);
    if (!m) {
      if (text.trim() !== '') for (const p of pending.splice(0)) p.targetLine = line;
      continue;
    }
    const start = m.index;
    const range: Range = { start: { line, character: start }, end: { line, character: text.length } };
    let rest = m[2].replace(/\*\/\s*$/, '').trim();
    const codes: string[] = [];
    for (;;) {
      const c = /^([A-Za-z]{2}\d{3})\s*,?\s*/.exec(rest);
      if (!c) break;
      codes.push(c[1].toUpperCase());
      rest = rest.slice(c[0].length);
    }
    if (codes.length === 0) {
      problems.push({ code: 'MA003', severity: 'warning', message: `${IGNORE_MARKER} names no rule code (write e.g. "${IGNORE_MARKER} MA105 why it is safe"); it suppresses nothing`, range, file: doc.path });
      continue;
    }
    const reason = rest.replace(/^(?:reason\s*:|[-:—–])\s*/i, '').trim() || undefined;
    const sup: InlineSuppression = { codes, reason, targetLine: line, range };
    suppressions.push(sup);
    if (text.slice(0, start).trim() === '') pending.push(sup);
  }
  return { suppressions, problems };
}

/** Drops the diagnostics the comments cover; adds MA001 for a comment without reason, MA002 for one that matched nothing. */
export function applyInlineSuppressions(doc: SourceDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const { suppressions, problems } = readInlineSuppressions(doc);
  if (suppressions.length === 0 && problems.length === 0) return diagnostics;
  const used = new Set<InlineSuppression>();
  const kept = diagnostics.filter((d) => {
    const hit = suppressions.find((s) => s.targetLine === d.range.start.line && s.codes.includes(d.code.toUpperCase()));
    if (hit) used.add(hit);
    return !hit;
  });
  for (const s of suppressions) {
    if (!s.reason) {
      kept.push({ code: 'MA001', severity: 'warning', message: `suppression of ${s.codes.join(', ')} gives no reason: say why it is safe to ignore`, range: s.range, file: doc.path });
    }
    if (!used.has(s)) {
      kept.push({ code: 'MA002', severity: 'hint', message: `suppression of ${s.codes.join(', ')} matches no diagnostic on line ${s.targetLine + 1}`, range: s.range, file: doc.path, unnecessary: true });
    }
  }
  return kept.concat(problems);
}

/** The reason a suppression fix writes until the user writes theirs: not empty, so it raises no MA001 of its own,
 *  and a TODO a search finds. */
export const placeholderReason = (code: string) => `TODO say why ${code} is safe to ignore here`;

/**
 * The quick fix that inserts a suppression comment above the diagnostic's line, in the file's comment style.
 * Its snippet leaves the cursor on the reason, selected, so typing replaces it; an editor without snippet
 * edits inserts the placeholder reason as text.
 */
export function suppressionFix(doc: SourceDocument, d: Diagnostic): Fix | undefined {
  const style = commentStyle(doc.path);
  if (!style) return undefined;
  const line = d.range.start.line;
  const indent = /^\s*/.exec(doc.lineText(line))?.[0] ?? '';
  const pos = { line, character: 0 };
  const head = `${indent}${style} ${IGNORE_MARKER} ${d.code} reason: `;
  const reason = placeholderReason(d.code);
  return {
    title: `Suppress ${d.code} on this line`,
    edits: [{ range: { start: pos, end: pos }, newText: `${head}${reason}\n`, snippet: `${escapeSnippet(head)}\${1:${escapeSnippet(reason)}}\n` }],
  };
}

/** Text taken literally inside a snippet: `$`, `}` and `\` escaped. */
export const escapeSnippet = (text: string) => text.replace(/[$}\\]/g, '\\$&');

function commentStyle(file: string): string | undefined {
  const lower = file.toLowerCase();
  if (/\.(h|hh|hpp|hxx|c|cc|cpp|cxx|inc)$/.test(lower)) return '//';
  if (/\.(dist|cmake)$/.test(lower) || lower.endsWith('cmakelists.txt') || /\.(netset|ipset|txt|conf)$/.test(lower)) return '#';
  return undefined;
}
