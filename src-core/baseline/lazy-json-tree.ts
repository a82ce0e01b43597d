// A positioned tree, like jsonc-parser's, for text JSON.parse has already accepted, built lazily: a container
// lists its children only when asked. Placing a few findings in a large document then costs a scan of the
// containers on their paths instead of a node for every value (parseTree costs about ten times JSON.parse).
import type { Node, NodeType } from 'jsonc-parser';

/** The root of `text`, which must be strict JSON (JSON.parse succeeded on it); undefined for blank text.
 *  `maxKeys`: an object lists at most this many properties (those past the key limit are not checked, and
 *  listing a million would cost a node each). `keepChildren` false: a container lists its children anew each
 *  time it is asked and keeps none, so a reader that walks the whole document once (the simulator's baseline)
 *  holds only the nodes it still refers to, not a node for every value it passed. */
export function lazyTree(text: string, maxKeys = Infinity, keepChildren = true): Node | undefined {
  const start = skipSpace(text, 0);
  return start < text.length ? makeNode({ text, ends: new Map(), maxKeys, keepChildren }, start, undefined) : undefined;
}

interface Source {
  text: string;
  maxKeys: number;
  keepChildren: boolean;
  /** Where containers end, by start offset: a scan for one container's end notes its direct children's, so
   *  expanding it later needs no second scan (a large document is then read about once). */
  ends: Map<number, number>;
}

class LazyNode implements Node {
  value?: unknown;
  colonOffset?: number;
  /** Children once known: a property's key and value at creation, a container's on first access. */
  kids: Node[] | undefined;

  /** `size` < 0: a container whose end is found when first needed. */
  constructor(private readonly src: Source, readonly type: NodeType, readonly offset: number, private size: number,
    readonly parent: Node | undefined) {}

  get length(): number {
    if (this.size < 0) this.size = (this.src.ends.get(this.offset) ?? containerEnd(this.src, this.offset)) - this.offset;
    return this.size;
  }

  set length(n: number) {
    this.size = n;
  }

  get children(): Node[] | undefined {
    if (this.kids || (this.type !== 'object' && this.type !== 'array')) return this.kids;
    const kids = expand(this.src, this);
    if (this.src.keepChildren) this.kids = kids;
    return kids;
  }
}

function makeNode(src: Source, at: number, parent: Node | undefined): LazyNode {
  const text = src.text;
  const c = text.charCodeAt(at);
  if (c === 123 || c === 91) return new LazyNode(src, c === 123 ? 'object' : 'array', at, -1, parent);
  if (c === 34) {
    const end = stringEnd(text, at);
    const n = new LazyNode(src, 'string', at, end - at, parent);
    const raw = text.slice(at + 1, end - 1);
    n.value = raw.indexOf('\\') < 0 ? raw : JSON.parse(text.slice(at, end));
    return n;
  }
  if (c === 116 || c === 102) {
    const n = new LazyNode(src, 'boolean', at, c === 116 ? 4 : 5, parent);
    n.value = c === 116;
    return n;
  }
  if (c === 110) {
    const n = new LazyNode(src, 'null', at, 4, parent);
    n.value = null;
    return n;
  }
  let end = at + 1;
  for (; end < text.length; end++) {
    const d = text.charCodeAt(end);
    // Digits, '.', '+', '-', 'e', 'E': everything a JSON number is made of.
    if (!((d >= 48 && d <= 57) || d === 46 || d === 43 || d === 45 || d === 101 || d === 69)) break;
  }
  const n = new LazyNode(src, 'number', at, end - at, parent);
  n.value = Number(text.slice(at, end));
  return n;
}

function expand(src: Source, node: LazyNode): Node[] {
  const text = src.text;
  const kids: Node[] = [];
  const isObject = node.type === 'object';
  let i = skipSpace(text, node.offset + 1);
  if (text.charCodeAt(i) === (isObject ? 125 : 93)) return kids;
  for (;;) {
    let item: LazyNode;
    if (isObject) {
      item = new LazyNode(src, 'property', i, 0, node);
      const key = makeNode(src, i, item);
      const colon = skipSpace(text, key.offset + key.length);
      const value = makeNode(src, skipSpace(text, colon + 1), item);
      item.colonOffset = colon;
      item.length = value.offset + value.length - i;
      item.kids = [key, value];
    } else item = makeNode(src, i, node);
    kids.push(item);
    if (isObject && kids.length >= src.maxKeys) return kids;
    i = skipSpace(text, item.offset + item.length);
    if (text.charCodeAt(i) !== 44) return kids;
    i = skipSpace(text, i + 1);
  }
}

function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
  return i;
}

/** Offset just past the closing quote of the string starting at `at`. */
function stringEnd(text: string, at: number): number {
  let q = text.indexOf('"', at + 1);
  while (q > 0 && text.charCodeAt(q - 1) === 92) {
    let slashes = 1;
    while (text.charCodeAt(q - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) break;
    q = text.indexOf('"', q + 1);
  }
  return q < 0 ? text.length : q + 1;
}

/** Offset just past the bracket closing the object or array opening at `at`; notes its children's ends. */
function containerEnd(src: Source, at: number): number {
  const text = src.text;
  let depth = 0;
  let childStart = -1;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 123 || c === 91) { if (++depth === 2) childStart = i; }
    else if (c === 125 || c === 93) {
      if (--depth === 0) { src.ends.set(at, i + 1); return i + 1; }
      if (depth === 1) src.ends.set(childStart, i + 1);
    }
  }
  return text.length;
}
