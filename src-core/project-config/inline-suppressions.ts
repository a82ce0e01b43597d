// `microagent-ignore CODE reason` comments in C headers, CMake files and any other text file a service checks.
import type { SourceDocument } from '../language/document';
import type { Diagnostic, Fix, Range } from '../language/types';
import { defaultContentLimits, LIMIT_CODE, limitNote } from './content-limits';
import { MAX_DIAGNOSTICS_PER_FILE, omittedNote } from '../language/problem-cap';

export const IGNORE_MARKER = 'microagent-ignore';

export interface InlineSuppression {
  codes: string[];
  reason?: string;
  /** The line whose diagnostics are suppressed (zero-based). */
  targetLine: number;
  /** The comment itself. */
  range: Range;
}

/** Codes one comment may name: a real one names one or two; past this, a 10 MB comment of codes would cost a
 *  map entry each. The codes after it are reported (MA003) and suppress nothing. */
export const MAX_CODES_PER_COMMENT = 64;

// `//`, `#` or `/*` then the marker; the marker must be the comment's first word.
const markerRx = /(\/\/|#|\/\*)\s*microagent-ignore\b(.*)$/;
// Sticky: each code is read where the last one ended, so a comment of a million codes is read in one pass.
const codeRx = /([A-Za-z]{2}\d{3})\s*,?\s*/y;
const nonBlank = /\S/g;
const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Finds the suppression comments of a document. A comment alone on its line covers the next line that is not
 * itself a suppression comment (so several may be stacked); one after code covers its own line.
 *
 * Only lines holding the marker are looked at (found with indexOf), so the cost is one pass over the text plus
 * the comment lines, and at most `maxComments` comments are kept (`limits.suppressionComments`): the ones after
 * are counted, suppress nothing, and one MA005 at the first of them says so.
 */
export function readInlineSuppressions(doc: SourceDocument, maxComments: number = defaultContentLimits.suppressionComments): { suppressions: InlineSuppression[]; problems: Diagnostic[] } {
  const suppressions: InlineSuppression[] = [];
  const problems: Diagnostic[] = [];
  const text = doc.text;
  let at = text.indexOf(IGNORE_MARKER);
  if (at < 0) return { suppressions, problems };
  let pending: InlineSuppression[] = [];
  // The end of the last comment line: the line pending comments cover is the first non-blank one after it.
  let afterComment = 0;
  let comments = 0;
  let omitted = 0;
  let firstOmitted: Range | undefined;
  const cover = (before: number) => {
    nonBlank.lastIndex = afterComment;
    const hit = nonBlank.exec(text);
    if (!hit || hit.index >= before) return;
    const line = doc.positionAt(hit.index).line;
    for (const p of pending) p.targetLine = line;
    pending = [];
  };
  while (at >= 0) {
    const line = doc.positionAt(at).line;
    const lineStart = doc.offsetAt({ line, character: 0 });
    const nextLine = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
    at = nextLine < text.length ? text.indexOf(IGNORE_MARKER, nextLine) : -1;
    const lineText = doc.lineText(line);
    const m = markerRx.exec(lineText);
    // The word outside a comment: an ordinary line, which the pending comments may cover.
    if (!m) continue;
    if (pending.length) cover(lineStart);
    afterComment = nextLine;
    const range: Range = { start: { line, character: m.index }, end: { line, character: lineText.length } };
    if (++comments > maxComments) {
      omitted++;
      firstOmitted ??= range;
      continue;
    }
    const rest = m[2].replace(/\*\/\s*$/, '').trim();
    const codes: string[] = [];
    let named = 0;
    let end = 0;
    codeRx.lastIndex = 0;
    for (let c = codeRx.exec(rest); c; c = codeRx.exec(rest)) {
      if (++named <= MAX_CODES_PER_COMMENT) codes.push(c[1].toUpperCase());
      end = codeRx.lastIndex;
    }
    if (codes.length === 0) {
      problems.push({ code: 'MA003', severity: 'warning', message: `${IGNORE_MARKER} names no rule code (write e.g. "${IGNORE_MARKER} MA105 why it is safe"); it suppresses nothing`, range, file: doc.path });
      continue;
    }
    if (named > MAX_CODES_PER_COMMENT) {
      problems.push({ code: 'MA003', severity: 'warning', range, file: doc.path,
        message: `${IGNORE_MARKER} names ${fmt(named)} codes; one comment applies at most ${MAX_CODES_PER_COMMENT} (the first ones): the ${fmt(named - MAX_CODES_PER_COMMENT)} after them suppress nothing` });
    }
    const reason = rest.slice(end).replace(/^(?:reason\s*:|[-:—–])\s*/i, '').trim() || undefined;
    const sup: InlineSuppression = { codes, reason, targetLine: line, range };
    suppressions.push(sup);
    if (lineText.slice(0, m.index).trim() === '') pending.push(sup);
  }
  if (pending.length) cover(text.length);
  if (omitted > 0) {
    problems.push({ code: LIMIT_CODE, severity: 'error', range: firstOmitted!, file: doc.path,
      message: `more than ${fmt(maxComments)} suppression comments in this file (${limitNote('suppressionComments')}): ` +
        `this one and the ${fmt(omitted - 1)} after it are not read and suppress nothing` });
  }
  return { suppressions, problems };
}

/**
 * Drops the diagnostics the comments cover; adds MA001 for a comment without reason, MA002 for one that matched
 * nothing. Linear: the comments are indexed once by line and code (the first comment naming a code on a line
 * takes its diagnostics, as a search in file order would), so a million comments and a million diagnostics cost
 * two passes, not their product.
 */
export function applyInlineSuppressions(doc: SourceDocument, diagnostics: Diagnostic[], maxComments?: number): Diagnostic[] {
  const { suppressions, problems } = readInlineSuppressions(doc, maxComments);
  if (suppressions.length === 0 && problems.length === 0) return diagnostics;
  const byLineAndCode = new Map<string, InlineSuppression>();
  for (const s of suppressions) {
    for (const code of s.codes) {
      const key = `${s.targetLine} ${code}`;
      if (!byLineAndCode.has(key)) byLineAndCode.set(key, s);
    }
  }
  const used = new Set<InlineSuppression>();
  const kept = byLineAndCode.size === 0 ? diagnostics.slice() : diagnostics.filter((d) => {
    const hit = byLineAndCode.get(`${d.range.start.line} ${d.code.toUpperCase()}`);
    if (hit) used.add(hit);
    return !hit;
  });
  // The notes come in file order (one comment a line): past the per-file cap, the ones after are only counted
  // (the pipeline's cap would drop them anyway, check-document.ts).
  let notes = 0;
  let omitted = 0;
  let lastNoted: Range | undefined;
  for (const s of suppressions) {
    const noReason = !s.reason;
    const unused = !used.has(s);
    if (notes >= MAX_DIAGNOSTICS_PER_FILE) {
      omitted += Number(noReason) + Number(unused);
      continue;
    }
    if (noReason) {
      kept.push({ code: 'MA001', severity: 'warning', message: `suppression of ${s.codes.join(', ')} gives no reason: say why it is safe to ignore`, range: s.range, file: doc.path });
    }
    if (unused) {
      kept.push({ code: 'MA002', severity: 'hint', message: `suppression of ${s.codes.join(', ')} matches no diagnostic on line ${s.targetLine + 1}`, range: s.range, file: doc.path, unnecessary: true });
    }
    notes += Number(noReason) + Number(unused);
    lastNoted = s.range;
  }
  if (omitted > 0) kept.push(omittedNote(doc.path, lastNoted!, omitted));
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
