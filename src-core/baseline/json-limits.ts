// The content limits of a JSON document (keys per object, nesting, values in all), measured in one linear pass:
// over a parsed value (the fast path), or over the text when it is not strict JSON. A document past a limit is
// cut there rather than refused whole: an object keeps its first keys, deeper containers are emptied, and past
// the value budget the rest is left out, so what comes before is still checked.
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import { LIMIT_CODE, limitNote, type ContentLimits } from '../project-config/content-limits';

export type JsonLimits = Pick<ContentLimits, 'jsonKeys' | 'jsonDepth' | 'jsonNodes'>;

export type JsonPath = (string | number)[];

/** Where a document passes a limit: `path` on the value walk, `offset` on the text scan. */
export interface JsonCut {
  kind: 'keys' | 'depth' | 'nodes';
  path?: JsonPath;
  offset?: number;
  /** Keys the object has (kind 'keys'). */
  count?: number;
  /** On the text scan, for 'depth': where the too-deep container ends (the text's end when it never closes). */
  end?: number;
  /** On the text scan: the text pruneJson drops for this cut, and what it puts there instead. */
  drop?: { from: number; to: number; insert?: string };
}

/** Few documents pass a limit more than a handful of times; past this many, the rest are not listed. */
export const MAX_CUTS = 100;

/**
 * Measures a parsed value against the limits; returns it unchanged when within them, else a copy cut at each
 * place it passes one (the containers on the way copied, nothing else). Recursion is bounded by `jsonDepth`.
 */
export function limitValue(value: unknown, limits: JsonLimits): { value: unknown; cuts: JsonCut[] } {
  const cuts: JsonCut[] = [];
  let nodes = 0;
  let stopped = false;
  const path: JsonPath = [];
  const cut = (c: JsonCut) => { if (cuts.length < MAX_CUTS) cuts.push(c); };

  const walk = (v: unknown, level: number): unknown => {
    if (++nodes > limits.jsonNodes) {
      stopped = true;
      cut({ kind: 'nodes', path: [...path] });
      return undefined;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (level > limits.jsonDepth) {
      cut({ kind: 'depth', path: [...path] });
      return Array.isArray(v) ? [] : {};
    }
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const x = walk(v[i], level + 1);
        path.pop();
        if (stopped) {
          // The element the budget ran out in keeps what it got; the one that overflowed it is left out.
          const part = (out ?? v).slice(0, i);
          if (x !== undefined) part.push(x);
          return part;
        }
        if (x !== v[i]) (out ??= v.slice())[i] = x;
      }
      return out ?? v;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    let out: Record<string, unknown> | undefined;
    let n = keys.length;
    if (n > limits.jsonKeys) {
      cut({ kind: 'keys', path: [...path], count: n });
      n = limits.jsonKeys;
      out = {};
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      path.push(k);
      const x = walk(obj[k], level + 1);
      path.pop();
      if (stopped) {
        const part: Record<string, unknown> = {};
        for (let j = 0; j < i; j++) part[keys[j]] = out ? out[keys[j]] : obj[keys[j]];
        if (x !== undefined) part[k] = x;
        return part;
      }
      if (out) out[k] = x;
      else if (x !== obj[k]) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
        out[k] = x;
      }
    }
    return out ?? v;
  };
  const limited = walk(value, 1);
  return { value: cuts.length ? limited : value, cuts };
}

interface Frame {
  open: number;
  isObject: boolean;
  elements: number;
  /** No content yet, or a comma seen since the last element: the next content starts an element. */
  expecting: boolean;
  /** The last comma at this level (where a cut after the last kept key begins). */
  lastComma: number;
  keysCut?: JsonCut;
}

/**
 * Measures JSON(C) text against the limits without building anything: strings and comments skipped, an element
 * counted where it starts (after the bracket or a comma). Each cut also says which text to drop (`drop`), so
 * pruneJson can make the text JSON.parse then reads: a 1,000,000-key object is never parsed whole. What lies in
 * a dropped part (the keys past the limit) is not counted further.
 */
export function scanJsonText(text: string, limits: JsonLimits): JsonCut[] {
  const cuts: JsonCut[] = [];
  const stack: Frame[] = [];
  let nodes = 0;
  let nodesCut = false;
  let rootStarted = false;
  /** Inside an object past its key limit (stack depth of that object), or 0: nothing there is counted. */
  let droppingAt = 0;
  const cut = (c: JsonCut) => { if (cuts.length < MAX_CUTS) cuts.push(c); return c; };
  const element = (at: number, top: Frame | undefined) => {
    if (++nodes > limits.jsonNodes && !nodesCut) {
      nodesCut = true;
      // Everything from this element on is dropped; what is still open is closed where it was cut.
      const closers = stack.map((f) => (f.isObject ? '}' : ']')).reverse().join('');
      const from = top && top.elements > 1 ? top.lastComma : at;
      cut({ kind: 'nodes', offset: at, drop: { from, to: text.length, insert: closers } });
    }
  };
  // Content where an element may start: the first one of the innermost container (or the root), or one after a comma.
  const content = (at: number) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!rootStarted) { rootStarted = true; element(at, undefined); }
      return;
    }
    if (!top.expecting) return;
    top.expecting = false;
    top.elements++;
    if (droppingAt || nodesCut) return;
    if (top.isObject && top.elements > limits.jsonKeys) {
      // The keys from here to the object's end are dropped (to is set where it closes).
      top.keysCut = cut({ kind: 'keys', offset: top.open, drop: { from: top.lastComma, to: text.length } });
      droppingAt = stack.length;
      return;
    }
    element(at, top);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === 47 && text.charCodeAt(i + 1) === 47) { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; continue; }
    if (c === 47 && text.charCodeAt(i + 1) === 42) { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 1; continue; }
    if (c === 93 || c === 125) {
      if (droppingAt === stack.length) droppingAt = 0;
      const f = stack.pop();
      if (f?.keysCut) {
        f.keysCut.count = f.elements;
        f.keysCut.drop!.to = i;
      }
      continue;
    }
    if (c === 44) {
      const top = stack[stack.length - 1];
      if (top) {
        top.expecting = true;
        top.lastComma = i;
      }
      continue;
    }
    content(i);
    if (c === 34) {
      i++;
      i = stringEnd(text, i);
    } else if (c === 91 || c === 123) {
      stack.push({ open: i, isObject: c === 123, elements: 0, expecting: true, lastComma: -1 });
      if (stack.length > limits.jsonDepth) {
        // Nothing deeper is measured or read: skip to where this container closes.
        const end = closeOf(text, i);
        if (!droppingAt && !nodesCut) cut({ kind: 'depth', offset: i, end, drop: { from: i, to: end, insert: c === 123 ? '{}' : '[]' } });
        i = end - 1;
        stack.pop();
      }
    }
  }
  // A container the text never closes still reports how many keys it got.
  for (const f of stack) if (f.keysCut) f.keysCut.count = f.elements;
  return cuts;
}

/** The text without what the cuts drop (same JSON otherwise): what JSON.parse reads for a document past a limit. */
export function pruneJson(text: string, cuts: readonly JsonCut[]): string {
  const drops = cuts.map((c) => c.drop).filter((d): d is NonNullable<JsonCut['drop']> => d !== undefined).sort((a, b) => a.from - b.from);
  if (drops.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const d of drops) {
    if (d.from < at) continue; // inside a part already dropped
    parts.push(text.slice(at, d.from), d.insert ?? '');
    at = d.to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Where a string that starts at `i` (after its quote) ends: its closing quote, or the line break that ends it
 * unclosed, as jsonc-parser's scanner ends it. Read past the line break, the scan and the parser would disagree
 * on what is string, and nesting the parser sees could go unmeasured (and overflow its stack).
 */
function stringEnd(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 10 || c === 13) return i;
    if (c === 92) i++;
  }
  return i;
}

/** Offset just past the bracket that closes the container opening at `at` (strings and comments skipped). */
function closeOf(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { i = stringEnd(text, i + 1); }
    else if (c === 47 && text.charCodeAt(i + 1) === 47) { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; }
    else if (c === 47 && text.charCodeAt(i + 1) === 42) { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 1; }
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) { if (--depth === 0) return i + 1; }
  }
  return text.length;
}

/**
 * The text with comments and trailing commas blanked (same length, same offsets), which JSON.parse then reads
 * when the JSONC has no other fault: lets an over-limit JSONC document take the bounded strict path.
 */
export function blankJsonc(text: string): string {
  const blank: [number, number][] = [];
  let lastComma = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === 47 && text.charCodeAt(i + 1) === 47) { const e = text.indexOf('\n', i); const end = e < 0 ? text.length : e; blank.push([i, end]); i = end; continue; }
    if (c === 47 && text.charCodeAt(i + 1) === 42) { const e = text.indexOf('*/', i + 2); const end = e < 0 ? text.length : e + 2; blank.push([i, end]); i = end - 1; continue; }
    if ((c === 93 || c === 125) && lastComma >= 0) blank.push([lastComma, lastComma + 1]);
    lastComma = c === 44 ? i : -1;
    if (c === 34) { i = stringEnd(text, i + 1); }
  }
  if (blank.length === 0) return text;
  blank.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of blank) {
    parts.push(text.slice(at, a), ' '.repeat(b - a));
    at = b;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** What a cut passes, in the words of every MA005 refusal: "This object has 20,000 keys, over the limit of
 *  10,000 (`limits.jsonKeys` in .microagent/config.json)". The checker and the simulator's readers share it. */
export function cutText(cut: JsonCut, limits: JsonLimits): string {
  switch (cut.kind) {
    case 'keys':
      return `This object has ${fmt(cut.count ?? limits.jsonKeys + 1)} keys, over the limit of ${fmt(limits.jsonKeys)} (${limitNote('jsonKeys')})`;
    case 'depth':
      return `JSON nested deeper than the limit of ${fmt(limits.jsonDepth)} levels (${limitNote('jsonDepth')})`;
    case 'nodes':
      return `The document holds more than the limit of ${fmt(limits.jsonNodes)} values (${limitNote('jsonNodes')})`;
  }
}

/**
 * The MA005 diagnostic for a cut, at `offset` (the object's `{` for too many keys, the container for nesting, the
 * value where the budget ran out). `checked`: whether the rest of the document is still checked (false when the
 * text also has syntax errors, and so is read no further than its syntax).
 */
export function cutDiagnostic(doc: SourceDocument, cut: JsonCut, offset: number, limits: JsonLimits, checked: boolean): Diagnostic {
  const rest = checked ? '' : '; with its syntax errors, the file is not checked beyond its syntax';
  const tail = !checked ? `${rest}.`
    : cut.kind === 'keys' ? `: only its first ${fmt(limits.jsonKeys)} are checked.`
    : cut.kind === 'depth' ? ': what lies deeper is not checked.'
    : ': checking stops here; what follows is not checked.';
  return { code: LIMIT_CODE, severity: 'error', file: doc.path, range: doc.rangeOf(offset, offset + 1), message: cutText(cut, limits) + tail };
}

/** The text with each too-deep container (a depth cut of the text scan) replaced by `0` and blanks, same
 *  offsets: the recursive parsers can then read it without running out of stack. */
export function flattenTooDeep(text: string, cuts: readonly JsonCut[]): string {
  const deep = cuts.filter((c) => c.kind === 'depth' && c.offset !== undefined && c.end !== undefined);
  if (deep.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const c of deep) {
    parts.push(text.slice(at, c.offset), '0', ' '.repeat(c.end! - c.offset! - 1));
    at = c.end!;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
