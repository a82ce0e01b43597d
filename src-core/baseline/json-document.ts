// Parses a JSON(C) document once for every baseline, profile and JSON-feed check: the tree with offsets,
// syntax diagnostics, and the trailing commas strict JSON would reject (reported, with a fix, where asked).
import { parseTree, printParseErrorCode, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';

export interface ParsedJson {
  root: Node | undefined;
  syntax: Diagnostic[];
  /** Offsets of trailing commas (tolerated by the parse). */
  trailingCommas: number[];
}

const cache = new WeakMap<SourceDocument, ParsedJson>();

/** `syntaxCode` is the rule code a syntax error gets in this kind of file (MA200 baseline, MA300 profile/feed). */
export function parseJson(doc: SourceDocument, syntaxCode: string): ParsedJson {
  const hit = cache.get(doc);
  if (hit) return hit;
  const deep = tooDeepAt(doc.text);
  if (deep >= 0) {
    // The parser and the validator recurse per level: refuse hostile nesting instead of overflowing the stack.
    const parsed = { root: undefined, trailingCommas: [], syntax: [{ code: syntaxCode, severity: 'error' as const, file: doc.path,
      range: doc.rangeOf(deep, deep + 1), message: `JSON nested deeper than ${MAX_DEPTH} levels; not read.` }] };
    cache.set(doc, parsed);
    return parsed;
  }
  const errors: ParseError[] = [];
  const root = parseTree(doc.text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntax = syntaxDiagnostics(doc, errors, syntaxCode);
  const strictErrors: ParseError[] = [];
  // The strict second parse only runs when a comma is followed (through space or comments) by a bracket.
  if (/,(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*[\]}]/.test(doc.text)) {
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

export const MAX_DEPTH = 200;

/** Offset where nesting passes MAX_DEPTH (strings and comments skipped), or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { i++; while (i < text.length && text.charCodeAt(i) !== 34) { if (text.charCodeAt(i) === 92) i++; i++; } }
    else if (c === 47 && text.charCodeAt(i + 1) === 47) { const e = text.indexOf('\n', i); i = e < 0 ? text.length : e; }
    else if (c === 47 && text.charCodeAt(i + 1) === 42) { const e = text.indexOf('*/', i + 2); i = e < 0 ? text.length : e + 1; }
    else if (c === 91 || c === 123) { if (++depth > MAX_DEPTH) return i; }
    else if (c === 93 || c === 125) depth--;
  }
  return -1;
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

/** The value of a key; the last one when the key is given twice (what JSON.parse and the REST API keep). */
export function child(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  for (let i = obj.children.length - 1; i >= 0; i--) {
    const p = obj.children[i];
    if (p.children?.[0]?.value === key && p.children.length === 2) return p.children[1];
  }
  return undefined;
}

export function keyNodes(obj: Node | undefined): Node[] {
  if (!obj || obj.type !== 'object') return [];
  return (obj.children ?? []).map((p) => p.children?.[0]).filter((k): k is Node => !!k);
}
