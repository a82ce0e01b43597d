// A JSON(C) document's value for the checks, read the fast way when it can be: JSON.parse on strict JSON, with
// a lazy positioned tree (lazy-json-tree.ts) expanded only along the paths of what is reported; jsonc-parser's
// full tree (about ten times JSON.parse) only when the text is not strict JSON (comments, trailing commas,
// syntax errors). Past a content limit (keys, nesting, values: json-limits.ts) the value is cut there and
// the cut reported (MA005); the full tree is never built for such text.
import { getNodeValue, type Node } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic, Range } from '../language/types';
import { defaultContentLimits } from '../project-config/content-limits';
import { nodeAt, parseJson } from './json-document';
import { cutDiagnostic, limitValue, pruneJson, scanJsonText, type JsonCut, type JsonLimits } from './json-limits';
import { lazyTree } from './lazy-json-tree';

export type JsonPath = (string | number)[];

export interface JsonSource {
  doc: SourceDocument;
  /** False when nothing could be read (empty text; past a limit and with syntax errors). */
  present: boolean;
  /** The value, cut where the document passes a content limit. */
  value: unknown;
  /** Syntax errors, and the content limits the document passes (MA005). */
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
  /** The content limits (the project's, from .microagent/config.json); the defaults when not given. */
  limits?: JsonLimits;
}

/** A text this long is measured (scanJsonText) before JSON.parse reads it: parsing a hostile one whole (a
 *  million keys in one object) costs seconds; below this, parsing first and walking the value is cheaper. */
const MEASURE_FROM = 1 << 20;

export function readJson(doc: SourceDocument, syntaxCode: string, options: ReadOptions = {}): JsonSource {
  const limits = options.limits ?? defaultContentLimits;
  if (options.fastPath !== false) {
    const cuts = doc.text.length >= MEASURE_FROM ? scanJsonText(doc.text, limits) : [];
    const fast = cuts.length ? readMeasured(doc, doc.text, limits, cuts) : readStrict(doc, doc.text, limits);
    if (fast) return fast;
  }
  const parsed = parseJson(doc, syntaxCode, limits);
  if (parsed.overLimit) {
    // Past a limit: read the way strict JSON is (bounded), else report the limit and the syntax errors alone.
    const { strictText, cuts } = parsed.overLimit;
    const strict = strictText !== undefined ? readMeasured(doc, strictText, limits, cuts) : undefined;
    if (strict) return strict;
    return { doc, present: false, value: undefined, syntax: parsed.syntax, trailingCommas: [], strict: false,
      tree: () => undefined, node: () => undefined, hasTree: () => true };
  }
  const root = parsed.root;
  return {
    doc, present: !!root, value: root ? getNodeValue(root) : undefined, syntax: parsed.syntax,
    trailingCommas: parsed.trailingCommas, strict: false, tree: () => root,
    node: (path) => (root ? nodeAt(root, path) : undefined), hasTree: () => true,
  };
}

/** `text` is the document's, or the same with comments and trailing commas blanked (same offsets). */
function readStrict(doc: SourceDocument, text: string, limits: JsonLimits): JsonSource | undefined {
  // Cheap refusals first: JSON.parse throws at the first comment, so a JSONC file costs little here.
  let parsedValue: unknown;
  try { parsedValue = JSON.parse(text); } catch { return undefined; }
  const places = lazyPlaces(text, limits);
  const { value, cuts } = limitValue(parsedValue, limits);
  const syntax = cuts.map((c) => cutDiagnostic(doc, c, places.node(c.path ?? [])?.offset ?? 0, limits, true));
  return { doc, present: true, value, syntax, trailingCommas: [], strict: true, ...places };
}

/** The positions of strict JSON text, built only when a place is first asked for (most checks of a valid file
 *  need none); an object lists at most `jsonKeys` properties. */
function lazyPlaces(text: string, limits: JsonLimits): Pick<JsonSource, 'tree' | 'node' | 'hasTree'> {
  let root: Node | undefined;
  let built = false;
  const tree = () => {
    if (!built) { root = lazyTree(text, limits.jsonKeys); built = true; }
    return root;
  };
  return { tree, node: (path: JsonPath) => { const r = tree(); return r ? nodeAt(r, path) : undefined; }, hasTree: () => built };
}

/** Text past a limit, measured already: JSON.parse reads it without what the cuts drop; the tree (built for
 *  places only) lists at most `jsonKeys` properties of an object. */
function readMeasured(doc: SourceDocument, text: string, limits: JsonLimits, cuts: JsonCut[]): JsonSource | undefined {
  let value: unknown;
  try { value = JSON.parse(pruneJson(text, cuts)); } catch { return undefined; }
  const syntax = cuts.map((c) => cutDiagnostic(doc, c, c.offset ?? 0, limits, true));
  return { doc, present: true, value, syntax, trailingCommas: [], strict: true, ...lazyPlaces(text, limits) };
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
