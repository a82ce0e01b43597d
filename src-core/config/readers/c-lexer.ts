// One pass over a C header that yields its preprocessor directives (as tokens with offsets) and the
// comment lines CMake writes for OFF options; ordinary C code is skipped without being tokenized.

export type TokKind = 'id' | 'num' | 'str' | 'chr' | 'punct' | 'other';

export interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
  /** Whitespace (or a comment) precedes the token: tells `#define F(x)` from `#define F (x)`. */
  spaceBefore: boolean;
  /** A string or character literal that reaches the end of the line without its closing quote. */
  unterminated?: boolean;
}

export interface DirectiveItem {
  type: 'directive';
  /** Offset of the `#`. */
  hash: number;
  /** End of the logical line (continuations joined), trailing blanks excluded. */
  end: number;
  /** The directive name (`define`, `if`, ...); undefined for the null directive `#`. */
  name?: Tok;
  /** Tokens after the name. */
  tokens: Tok[];
  /** Set when the directive passes a limit (its line, or its tokens): `tokens` is then empty, nothing of it read. */
  overLimit?: 'lineLength' | 'expressionTokens';
}

/** A block comment alone at the start of a line holding `#undef NAME` (CMake's OFF) or `#define NAME ...`
 *  (a commented-out definition, which is not a definition). */
export interface CommentedItem {
  type: 'cmake-undef' | 'commented-define';
  start: number;
  end: number;
  name: string;
  nameStart: number;
  nameEnd: number;
}

export interface ScanProblem {
  start: number;
  end: number;
  message: string;
}

/** Yielded by the scan every so many characters without a directive, so a reader can pause there too. */
export interface PauseItem {
  type: 'pause';
}

export type ScanItem = DirectiveItem | CommentedItem;

const PAUSE: PauseItem = { type: 'pause' };
/** Characters scanned between two pauses when no directive comes (a 50 MB header of plain code). */
const PAUSE_EVERY = 1 << 20;

const NL = 10, CR = 13, SP = 32, TAB = 9, VT = 11, FF = 12, BSL = 92, SLASH = 47, STAR = 42, HASH = 35;
const DQ = 34, SQ = 39;

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isBlank(c: number): boolean {
  return c === SP || c === TAB || c === VT || c === FF;
}

const PUNCT3 = new Set(['<<=', '>>=', '...']);
const PUNCT2 = new Set(['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '##', '->', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=']);

/** Length of a line break at `i` (0 when there is none). */
function newlineAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === NL) return 1;
  if (c === CR) return text.charCodeAt(i + 1) === NL ? 2 : 1;
  return 0;
}

/** Where the block comment opened at `i` ends (just after the closing star-slash), or -1 when it never closes. */
function blockCommentEnd(text: string, i: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 ? -1 : close + 2;
}

export interface ScanResult {
  items: ScanItem[];
  problems: ScanProblem[];
}

/** What one directive may hold before it is refused unread (the project's limits, content-limits.ts). */
export interface DirectiveLimits {
  lineLength: number;
  expressionTokens: number;
}

const UNLIMITED: DirectiveLimits = { lineLength: Infinity, expressionTokens: Infinity };

/** The whole scan at once (tests, small files); the reader takes the items one by one from scanItems. */
export function scanHeader(text: string, limits: DirectiveLimits = UNLIMITED): ScanResult {
  const problems: ScanProblem[] = [];
  const items: ScanItem[] = [];
  for (const item of scanItems(text, problems, limits)) if (item.type !== 'pause') items.push(item);
  return { items, problems };
}

/**
 * The directives and commented directives of a header, in order, as they are found: a reader that handles each
 * and drops it keeps only what it needs (a 50 MB header is never held as tokens). Scan problems go to `problems`.
 */
export function* scanItems(text: string, problems: ScanProblem[], limits: DirectiveLimits = UNLIMITED): Generator<ScanItem | PauseItem> {
  const n = text.length;
  let i = 0;
  let lineStart = true;
  let nextPause = PAUSE_EVERY;
  while (i < n) {
    const c = text.charCodeAt(i);
    const nl = newlineAt(text, i);
    if (nl) {
      lineStart = true;
      i += nl;
      if (i >= nextPause) {
        nextPause = i + PAUSE_EVERY;
        yield PAUSE;
      }
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === BSL && newlineAt(text, i + 1)) {
      i += 1 + newlineAt(text, i + 1);
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = blockCommentEnd(text, i);
      if (end < 0) {
        problems.push({ start: i, end: i + 2, message: 'comment is not closed (missing */)' });
        break;
      }
      if (lineStart) {
        const item = commentedDirective(text, i, end);
        if (item) yield item;
      }
      if (end >= nextPause) {
        nextPause = end + PAUSE_EVERY;
        yield PAUSE;
      }
      i = end;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === HASH && lineStart) {
      const d = scanDirective(text, i, problems, limits);
      yield d.item;
      i = d.next;
      lineStart = false;
      continue;
    }
    lineStart = false;
    if (c === DQ || c === SQ) {
      i = skipQuoted(text, i, c);
      continue;
    }
    i++;
  }
}

/** End of a physical line (offset of its line break), following backslash continuations. */
function lineEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const nl = newlineAt(text, i);
    if (nl) {
      if (text.charCodeAt(i - 1) === BSL) {
        i += nl;
        continue;
      }
      return i;
    }
    i++;
  }
  return n;
}

function skipQuoted(text: string, i: number, quote: number): number {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BSL) {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    if (c === NL || c === CR) return i;
    i++;
  }
  return n;
}

/** Recognises `/* #undef NAME *\/` and `/* #define NAME ... *\/` without a regular expression. */
function commentedDirective(text: string, start: number, end: number): CommentedItem | undefined {
  let i = start + 2;
  const stop = end - 2;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== HASH) return undefined;
  i++;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  const wordStart = i;
  while (i < stop && isIdPart(text.charCodeAt(i))) i++;
  const word = text.slice(wordStart, i);
  if (word !== 'undef' && word !== 'define') return undefined;
  if (!isBlank(text.charCodeAt(i))) return undefined;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  const nameStart = i;
  if (!isIdStart(text.charCodeAt(i))) return undefined;
  while (i < stop && isIdPart(text.charCodeAt(i))) i++;
  const nameEnd = i;
  if (word === 'undef') {
    // CMake writes exactly `/* #undef NAME */`; anything after the name means it is prose.
    while (i < stop && isBlank(text.charCodeAt(i))) i++;
    if (i !== stop) return undefined;
  } else {
    for (let k = i; k < stop; k++) if (newlineAt(text, k)) return undefined;
  }
  return {
    type: word === 'undef' ? 'cmake-undef' : 'commented-define',
    start,
    end,
    name: text.slice(nameStart, nameEnd),
    nameStart,
    nameEnd,
  };
}

function scanDirective(text: string, hash: number, problems: ScanProblem[], limits: DirectiveLimits): { item: DirectiveItem; next: number } {
  const toks = tokenizeLine(text, hash + 1, problems, { maxEnd: hash + limits.lineLength, maxTokens: limits.expressionTokens + 1 });
  let name: Tok | undefined;
  let tokens = toks.tokens;
  if (tokens.length > 0 && tokens[0].kind === 'id') {
    name = tokens[0];
    tokens = tokens.slice(1);
  } else if (tokens.length > 0 && tokens[0].kind === 'num') {
    // `# 12 "file"` line markers from preprocessed output.
    name = { ...tokens[0], kind: 'id', text: 'line' };
  }
  let end = toks.end;
  while (end > hash && isBlank(text.charCodeAt(end - 1))) end--;
  const item: DirectiveItem = { type: 'directive', hash, end, name, tokens };
  if (toks.overLimit) item.overLimit = toks.overLimit === 'line' ? 'lineLength' : 'expressionTokens';
  return { item, next: toks.end };
}

/** Where tokenizing stops: past `maxEnd` (the line is too long) or `maxTokens` tokens. */
export interface TokenizeLimits {
  maxEnd: number;
  maxTokens: number;
}

/** Tokenizes from `i` to the end of the logical line (backslash continuations and multi-line comments
 *  join lines). Also used on macro bodies taken from another file. */
export function tokenizeLine(text: string, i: number, problems?: ScanProblem[], limits?: TokenizeLimits): { tokens: Tok[]; end: number; overLimit?: 'line' | 'tokens' } {
  const tokens: Tok[] = [];
  const n = text.length;
  let space = false;
  // Past a limit nothing more is tokenized (a 10 MB line would be millions of tokens); the name is kept so the
  // reader can say which directive it refused, and the rest of the logical line is skipped.
  const refuse = (over: 'line' | 'tokens') => {
    tokens.length = Math.min(tokens.length, 1);
    return { tokens, end: lineEnd(text, i), overLimit: over };
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL || c === CR) break;
    if (limits && (i > limits.maxEnd || tokens.length > limits.maxTokens)) return refuse(i > limits.maxEnd ? 'line' : 'tokens');
    if (isBlank(c)) {
      space = true;
      i++;
      continue;
    }
    if (c === BSL) {
      const nl = newlineAt(text, i + 1);
      if (nl) {
        i += 1 + nl;
        continue;
      }
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = blockCommentEnd(text, i);
      if (end < 0) {
        problems?.push({ start: i, end: i + 2, message: 'comment is not closed (missing */)' });
        i = n;
        break;
      }
      i = end;
      space = true;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i = lineEnd(text, i);
      break;
    }
    const start = i;
    let kind: TokKind;
    let unterminated = false;
    if (isIdStart(c)) {
      i++;
      while (i < n && isIdPart(text.charCodeAt(i))) i++;
      kind = 'id';
      // u8"..", L'x' and friends: the prefix belongs to the literal.
      const q = text.charCodeAt(i);
      if ((q === DQ || q === SQ) && isLiteralPrefix(text.slice(start, i))) {
        const r = quoted(text, i, q);
        i = r.end;
        unterminated = r.unterminated;
        kind = q === DQ ? 'str' : 'chr';
      }
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isIdPart(d) || d === 46) {
          i++;
        } else if ((d === 43 || d === 45) && isExponent(text.charCodeAt(i - 1))) {
          i++;
        } else break;
      }
      kind = 'num';
    } else if (c === DQ || c === SQ) {
      const r = quoted(text, i, c);
      i = r.end;
      unterminated = r.unterminated;
      kind = c === DQ ? 'str' : 'chr';
    } else {
      const three = text.substr(i, 3);
      const two = text.substr(i, 2);
      if (PUNCT3.has(three)) i += 3;
      else if (PUNCT2.has(two)) i += 2;
      else i++;
      kind = isPunct(c) ? 'punct' : 'other';
    }
    const tok: Tok = { kind, text: text.slice(start, i), start, end: i, spaceBefore: space };
    if (unterminated) {
      tok.unterminated = true;
      problems?.push({ start, end: i, message: `${kind === 'str' ? 'string' : 'character'} literal is not closed` });
    }
    tokens.push(tok);
    space = false;
  }
  // One long token can reach the end of the line past the limit.
  if (limits && i > limits.maxEnd) return refuse('line');
  return { tokens, end: i };
}

function isLiteralPrefix(s: string): boolean {
  return s === 'L' || s === 'u' || s === 'U' || s === 'u8';
}

function isExponent(c: number): boolean {
  return c === 101 || c === 69 || c === 112 || c === 80;
}

function isPunct(c: number): boolean {
  // ASCII punctuation other than quotes, backslash, backtick and `@`.
  return (c >= 33 && c <= 47 && c !== DQ && c !== SQ) || (c >= 58 && c <= 63) || (c >= 91 && c <= 94 && c !== BSL) || (c >= 123 && c <= 126);
}

function quoted(text: string, i: number, quote: number): { end: number; unterminated: boolean } {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BSL) {
      const nl = newlineAt(text, i + 1);
      i += nl ? 1 + nl : 2;
      continue;
    }
    if (c === quote) return { end: i + 1, unterminated: false };
    if (c === NL || c === CR) return { end: i, unterminated: true };
    i++;
  }
  return { end: n, unterminated: true };
}
