// Parses a JSON(C) document once for every baseline, profile and JSON-feed check: the tree with offsets,
// syntax diagnostics, and the trailing commas strict JSON would reject (reported, with a fix, where asked).
// Text past a content limit (keys, nesting, values) never gets the full tree: see parseOverLimit.
import { parseTree, printParseErrorCode, visit, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import { defaultContentLimits } from '../project-config/content-limits';
import { blankJsonc, cutDiagnostic, flattenTooDeep, pruneJson, scanJsonText, type JsonCut, type JsonLimits } from './json-limits';
import { lazyTree } from './lazy-json-tree';

export interface ParsedJson {
  root: Node | undefined;
  /** Syntax errors, and the content limits the text passes (MA005). */
  syntax: Diagnostic[];
  /** Offsets of trailing commas (tolerated by the parse). */
  trailingCommas: number[];
  /** Set when the text passes a content limit: where (`cuts`), and the text with comments and trailing commas
   *  blanked when that is strict JSON once cut (the checks then read it the bounded way); no `strictText` when it
   *  also has syntax errors. */
  overLimit?: { cuts: JsonCut[]; strictText?: string };
}

const cache = new WeakMap<SourceDocument, ParsedJson>();

/** `syntaxCode` is the rule code a syntax error gets in this kind of file (MA200 baseline, MA300 profile/feed). */
export function parseJson(doc: SourceDocument, syntaxCode: string, limits: JsonLimits = defaultContentLimits): ParsedJson {
  const hit = cache.get(doc);
  if (hit) return hit;
  const cuts = scanJsonText(doc.text, limits);
  if (cuts.length) {
    const parsed = parseOverLimit(doc, syntaxCode, limits, cuts);
    cache.set(doc, parsed);
    return parsed;
  }
  const errors: ParseError[] = [];
  const root = parseTree(doc.text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntax = syntaxDiagnostics(doc, errors, syntaxCode);
  const strictErrors: ParseError[] = [];
  // The strict second parse only runs when a comma is followed (through space or comments) by a bracket.
  if (mayHaveTrailingComma(doc.text)) {
    parseTree(doc.text, strictErrors, { allowTrailingComma: false, disallowComments: false });
  }
  const tolerated = new Set(errors.map((e) => e.offset));
  const commas = new Set<number>();
  for (const e of strictErrors) {
    if (tolerated.has(e.offset)) continue;
    const comma = commaBefore(doc.text, e.offset);
    if (comma >= 0) commas.add(comma);
  }
  const trailingCommas = [...commas].sort((a, b) => a - b);
  const parsed = { root, syntax, trailingCommas };
  cache.set(doc, parsed);
  return parsed;
}

/**
 * Whether a comma is followed, through space and comments, by `]` or `}`: one linear pass (a regular expression
 * for this backtracks exponentially on a line of repeated `//`). Strings are skipped, so a `//` in a URL does not
 * hide the rest of its line.
 */
function mayHaveTrailingComma(text: string): boolean {
  let comma = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const e = text.indexOf('\n', i);
      if (e < 0) return false;
      i = e;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return false;
      i = e + 1;
    } else if (c === 34) {
      // To its closing quote or the line break that ends it unclosed, as the parser reads it.
      for (i++; i < text.length && text.charCodeAt(i) !== 34 && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13; i++) if (text.charCodeAt(i) === 92) i++;
      comma = false;
    } else if (c === 44) comma = true;
    else if (comma && (c === 93 || c === 125)) return true;
    else comma = false;
  }
  return false;
}

/** Syntax errors listed at most, for text past a limit (a hostile file can have one per character). */
const MAX_SYNTAX_ERRORS = 1000;

/**
 * Text past a content limit, read in bounded memory: with comments and trailing commas blanked it is usually
 * strict JSON, whose tree is built lazily (only along the paths asked for); else only its syntax errors are
 * collected (jsonc-parser's visitor builds nothing) and nothing else is read.
 */
function parseOverLimit(doc: SourceDocument, syntaxCode: string, limits: JsonLimits, cuts: JsonCut[]): ParsedJson {
  const strictText = blankJsonc(doc.text);
  let strict = true;
  // What is cut is not read: only the rest has to parse (a 1,000,000-key object is never parsed whole).
  try { JSON.parse(pruneJson(strictText, cuts)); } catch { strict = false; }
  const limitProblems = cuts.map((c) => cutDiagnostic(doc, c, c.offset ?? 0, limits, strict));
  if (strict) return { root: lazyTree(strictText, limits.jsonKeys), syntax: limitProblems, trailingCommas: [], overLimit: { cuts, strictText } };
  const errors: ParseError[] = [];
  // The visitor recurses per level too: too-deep containers are flattened first (what they hold is not read).
  visit(flattenTooDeep(doc.text, cuts), {
    onError: (error, offset, length) => { if (errors.length < MAX_SYNTAX_ERRORS) errors.push({ error, offset, length }); },
  }, { allowTrailingComma: true, disallowComments: false });
  return { root: undefined, syntax: [...limitProblems, ...syntaxDiagnostics(doc, errors, syntaxCode)], trailingCommas: [], overLimit: { cuts } };
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const CLOSERS: Partial<Record<number, string>> = { [ParseErrorCode.CloseBraceExpected]: '}', [ParseErrorCode.CloseBracketExpected]: ']' };

/** One diagnostic per place: the parser reports a truncated file as "value expected" plus one "close brace
 *  expected" per open level, all at the same offset; they become one message saying what is missing there. */
function syntaxDiagnostics(doc: SourceDocument, errors: ParseError[], code: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const textEnd = doc.text.trimEnd().length;
  for (let i = 0; i < errors.length; ) {
    const at = errors[i].offset;
    let j = i;
    while (j < errors.length && errors[j].offset === at) j++;
    const group = errors.slice(i, j);
    i = j;
    const closing = group.map((e) => CLOSERS[e.error] ?? '').join('');
    const main = group.find((e) => CLOSERS[e.error] === undefined);
    let what = main ? describe(printParseErrorCode(main.error)) : '';
    if (main?.error === ParseErrorCode.ValueExpected) {
      const key = /"((?:[^"\\\n]|\\.){1,80})"\s*:\s*$/.exec(doc.text.slice(Math.max(0, at - 200), at));
      if (key) what = `the value of \`${key[1]}\` expected`;
    }
    const closeText = closing.length === 1 && !main ? describe(printParseErrorCode(group[0].error))
      : closing ? `\`${closing}\`${main ? '' : ' expected'} to close what is still open` : '';
    const body = [what, closeText].filter(Boolean).join(', then ');
    const ends = at >= textEnd && group.some((e) => e.length === 0);
    const prev = errors[errors.indexOf(group[0]) - 1];
    if (ends && prev && prev.length > 0 && doc.text.slice(prev.offset + prev.length, at).trim() === '' && out.length) {
      // Cut off inside a word (`"isEnabled": tr`): the broken word and the end are one fault.
      out.pop();
      const word = doc.text.slice(prev.offset, prev.offset + prev.length);
      out.push({ code, severity: 'error', file: doc.path, range: doc.rangeOf(prev.offset, at),
        message: `JSON syntax error: the text ends early, in \`${word.slice(0, 40)}\`${closing ? `; \`${closing}\` expected to close what is still open` : ''}.` });
      continue;
    }
    out.push({ code, severity: 'error', file: doc.path,
      range: doc.rangeOf(at, at + Math.max(1, Math.max(...group.map((e) => e.length)))),
      message: `JSON syntax error: ${ends ? `the text ends early: ${body}` : body}.` });
  }
  return out;
}

/** An object or array the text does not close (cut off by truncation): its missing parts are not schema faults. */
export function isUnclosed(node: Node, text: string): boolean {
  if (node.type !== 'object' && node.type !== 'array') return false;
  const end = node.offset + node.length;
  const last = node.children?.[node.children.length - 1];
  const close = node.type === 'object' ? '}' : ']';
  return !(end - 1 > node.offset && text[end - 1] === close && (!last || last.offset + last.length < end));
}

/** The comma before a closing bracket at `offset`, skipping white space and comments. */
function commaBefore(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i--; continue; }
    if (c === '/' && text[i - 1] === '*') { const s = text.lastIndexOf('/*', i - 2); if (s < 0) return -1; i = s - 1; continue; }
    break;
  }
  // A line comment between the comma and the bracket: step back over the line.
  if (i >= 0 && text[i] !== ',') {
    const lineStart = text.lastIndexOf('\n', i) + 1;
    const sl = text.indexOf('//', lineStart);
    if (sl >= 0 && sl <= i) return commaBefore(text, sl);
  }
  return i >= 0 && text[i] === ',' ? i : -1;
}

/** JSON pointer (ajv instancePath) to path segments; numeric segments become array indexes. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => {
    const u = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(u) ? Number(u) : u;
  });
}

/** The node at a path. A key given twice resolves to its last value, as in JSON.parse and the value ajv checks. */
export function nodeAt(root: Node, path: (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (typeof segment === 'string') node = child(node, segment);
    else node = node?.type === 'array' && segment >= 0 ? node.children?.[segment] : undefined;
    if (!node) return undefined;
  }
  return node;
}

/** The key node of a property value, when the value sits in an object. */
export function keyOf(node: Node): Node | undefined {
  const p = node.parent;
  return p && p.type === 'property' && p.children && p.children[1] === node ? p.children[0] : undefined;
}

/** Objects with more properties than this get an index on their first lookup (a scan is cheaper below it). */
const INDEX_FROM = 32;
const childIndex = new WeakMap<Node, Map<unknown, Node>>();

/** The value of a key; the last one when the key is given twice (what JSON.parse and the REST API keep).
 *  Large objects are indexed once, so looking up every key of one stays linear. */
export function child(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  const props = obj.children;
  if (props.length > INDEX_FROM) {
    let index = childIndex.get(obj);
    if (!index) {
      index = new Map();
      for (const p of props) if (p.children?.length === 2) index.set(p.children[0].value, p.children[1]);
      childIndex.set(obj, index);
    }
    return index.get(key);
  }
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i];
    if (p.children?.[0]?.value === key && p.children.length === 2) return p.children[1];
  }
  return undefined;
}

export function keyNodes(obj: Node | undefined): Node[] {
  if (!obj || obj.type !== 'object') return [];
  return (obj.children ?? []).map((p) => p.children?.[0]).filter((k): k is Node => !!k);
}
