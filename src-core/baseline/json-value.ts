// A JSON(C) document's value for the checks, read the fast way when it can be: JSON.parse on strict JSON, with
// a lazy positioned tree (lazy-json-tree.ts) expanded only along the paths of what is reported; jsonc-parser's
// full tree (about ten times JSON.parse) only when the text is not strict JSON (comments, trailing commas,
// syntax errors, nesting past the limit).
import { getNodeValue, type Node } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic, Range } from '../language/types';
import { MAX_DEPTH, nodeAt, parseJson } from './json-document';
import { lazyTree } from './lazy-json-tree';

export type JsonPath = (string | number)[];

export interface JsonSource {
  doc: SourceDocument;
  /** False when nothing could be read (empty text, nesting too deep). */
  present: boolean;
  value: unknown;
  syntax: Diagnostic[];
  trailingCommas: number[];
  /** True when JSON.parse read the text (the lazy tree is made only if something asks for a place). */
  strict: boolean;
  /** The positioned tree; built on the first call on the fast path. */
  tree(): Node | undefined;
  /** The node at a path (a key given twice: its last value, as in `value`). */
  node(path: JsonPath): Node | undefined;
  /** Whether the tree exists yet (tests prove a clean strict document never builds it). */
  hasTree(): boolean;
}

export interface ReadOptions {
  /** False reads through the tree even for strict JSON (tests and the bench compare the two paths). */
  fastPath?: boolean;
}

export function readJson(doc: SourceDocument, syntaxCode: string, options: ReadOptions = {}): JsonSource {
  if (options.fastPath !== false) {
    const fast = readStrict(doc);
    if (fast) return fast;
  }
  const parsed = parseJson(doc, syntaxCode);
  const root = parsed.root;
  return {
    doc, present: !!root, value: root ? getNodeValue(root) : undefined, syntax: parsed.syntax,
    trailingCommas: parsed.trailingCommas, strict: false, tree: () => root,
    node: (path) => (root ? nodeAt(root, path) : undefined), hasTree: () => true,
  };
}

function readStrict(doc: SourceDocument): JsonSource | undefined {
  // Cheap refusals first: JSON.parse throws at the first comment, so a JSONC file costs little here.
  let value: unknown;
  try { value = JSON.parse(doc.text); } catch { return undefined; }
  // The tree path reports nesting past the limit as a syntax error; leave such text to it.
  if (deeperThan(value, 1)) return undefined;
  let root: Node | undefined;
  let built = false;
  const tree = () => {
    if (!built) { root = lazyTree(doc.text); built = true; }
    return root;
  };
  return {
    doc, present: true, value, syntax: [], trailingCommas: [], strict: true, tree,
    node: (path) => { const r = tree(); return r ? nodeAt(r, path) : undefined; }, hasTree: () => built,
  };
}

/** Whether a container in the value sits deeper than MAX_DEPTH (the root container is level 1). Walks the
 *  parsed value, about a fifth of the cost of scanning the text. A container hidden by a repeated key is not in
 *  the value and so not measured; nothing reads it either. */
function deeperThan(v: unknown, level: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (level > MAX_DEPTH) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null && deeperThan(v[i], level + 1)) return true;
    return false;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'object' && x !== null && deeperThan(x, level + 1)) return true;
  }
  return false;
}

/** The range of the node at a path, or of its nearest ancestor that exists (never expected; kept safe). */
export function spanAt(src: JsonSource, path: JsonPath): Range {
  for (let n = path.length; n >= 0; n--) {
    const node = src.node(path.slice(0, n));
    if (node) return src.doc.rangeOf(node.offset, node.offset + node.length);
  }
  return src.doc.rangeOf(0, 0);
}

/** The source text of the node at a path (a number as written: `3e1` stays `3e1`). */
export function textAt(src: JsonSource, path: JsonPath): string {
  const node = src.node(path);
  return node ? src.doc.text.slice(node.offset, node.offset + node.length) : '';
}
