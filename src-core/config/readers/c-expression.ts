// Evaluates C preprocessor integer constant expressions (for #if and for #define values) the way the
// compiler does: 64-bit integers, unsigned when a U operand takes part, short-circuit && || ?:.
import type { Tok } from './c-lexer';

export interface MacroDef {
  name: string;
  /** Parameter names for a function-like macro (which is recorded, never expanded). */
  params?: string[];
  body: Tok[];
}

export interface MacroTable {
  lookup(name: string): MacroDef | undefined;
  /** Called for every macro name the expression looks at (defined(X), #ifdef, expansion). */
  touched?(name: string): void;
}

/** `if`: #if semantics (unknown identifiers are 0, `defined` allowed). `value`: a #define body, where an
 *  unknown identifier makes the value unknown rather than 0, and casts such as `(uint32_t)5` are skipped. */
export type EvalMode = 'if' | 'value';

export interface IntValue {
  v: bigint;
  unsigned: boolean;
}

/** An identifier no macro defines, where it stands in the file being read (a name that came out of a macro's
 *  body stands at that macro's name). */
export interface UnresolvedName {
  name: string;
  start: number;
  end: number;
}

/** A macro met again inside its own expansion (`A` -> `B` -> `A`): the preprocessor leaves the name in place,
 *  so what the compiler sees is an identifier no macro defines. `chain` runs from the macro to itself. */
export interface RecursiveMacro {
  name: string;
  chain: string[];
  start: number;
  end: number;
}

export type EvalResult =
  | { ok: true; value: IntValue; unresolved?: string[]; unresolvedAt?: UnresolvedName[]; recursive?: RecursiveMacro[] }
  | { ok: false; error: string; start: number; end: number; kind: 'syntax' | 'div0' | 'function-macro' | 'too-large' };

class EvalError extends Error {
  constructor(message: string, readonly tok: { start: number; end: number }, readonly kind: 'syntax' | 'div0' | 'function-macro' | 'too-large') {
    super(message);
  }
}

/** How large one expression may grow (the project's limits, content-limits.ts): past them it is refused
 *  ('too-large') instead of costing memory or stack in proportion to a hostile line. */
export interface ExpressionLimits {
  expressionTokens: number;
  expressionDepth: number;
}

const DEFAULT_EXPRESSION_LIMITS: ExpressionLimits = { expressionTokens: 4096, expressionDepth: 256 };

const fmt = (n: number) => n.toLocaleString('en-US');

/** Replaces object-like macros by their bodies (recursively, never re-expanding a macro inside itself) and,
 *  in `if` mode, `defined X` / `defined(X)` by 1 or 0. Expanded tokens keep the place of the name they
 *  replace, so errors point into the file being read. */
export function expandMacros(tokens: Tok[], table: MacroTable, mode: EvalMode, recursive?: RecursiveMacro[],
  limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS): Tok[] {
  const out: Tok[] = [];
  const hidden = new Set<string>();
  /** The macros being expanded, outermost first (for the chain of a recursion). */
  const expanding: string[] = [];
  const walk = (toks: Tok[], at: { start: number; end: number } | undefined, depth: number): void => {
    if (depth > limits.expressionDepth) {
      throw new EvalError(`macros expand into macros more than ${fmt(limits.expressionDepth)} levels deep (\`limits.expressionDepth\` in .microagent/config.json)`, at ?? toks[0], 'too-large');
    }
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      const place = at ?? t;
      if (out.length > limits.expressionTokens) {
        throw new EvalError(`the expression expands to more than ${fmt(limits.expressionTokens)} tokens (\`limits.expressionTokens\` in .microagent/config.json)`, place, 'too-large');
      }
      if (t.kind !== 'id') {
        out.push(at ? { ...t, start: at.start, end: at.end } : t);
        continue;
      }
      if (mode === 'if' && t.text === 'defined') {
        let k2 = k + 1;
        let paren = false;
        if (toks[k2]?.text === '(') {
          paren = true;
          k2++;
        }
        const nameTok = toks[k2];
        if (!nameTok || nameTok.kind !== 'id') throw new EvalError('`defined` needs a macro name', place, 'syntax');
        if (paren) {
          if (toks[k2 + 1]?.text !== ')') throw new EvalError('`defined(` is missing its `)`', place, 'syntax');
          k2++;
        }
        table.touched?.(nameTok.text);
        const isDef = table.lookup(nameTok.text) !== undefined;
        out.push({ kind: 'num', text: isDef ? '1' : '0', start: place.start, end: at ? at.end : toks[k2].end, spaceBefore: true });
        k = k2;
        continue;
      }
      if (hidden.has(t.text)) {
        if (recursive && !recursive.some((r) => r.name === t.text)) {
          recursive.push({ name: t.text, chain: [...expanding.slice(expanding.indexOf(t.text)), t.text], start: place.start, end: place.end });
        }
      }
      const m = hidden.has(t.text) ? undefined : table.lookup(t.text);
      if (m) table.touched?.(t.text);
      if (!m) {
        out.push(at ? { ...t, start: at.start, end: at.end } : t);
        continue;
      }
      if (m.params) {
        if (toks[k + 1]?.text === '(') {
          throw new EvalError(`function-like macro ${t.text}() is not evaluated by the reader`, place, 'function-macro');
        }
        out.push(at ? { ...t, start: at.start, end: at.end } : t);
        continue;
      }
      hidden.add(t.text);
      expanding.push(t.text);
      walk(m.body, place, depth + 1);
      expanding.pop();
      hidden.delete(t.text);
    }
  };
  walk(tokens, undefined, 0);
  return out;
}

/** Expands and evaluates. `tokens` must not be empty. */
export function evaluate(tokens: Tok[], table: MacroTable, mode: EvalMode, limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS): EvalResult {
  try {
    const recursive: RecursiveMacro[] = [];
    const expanded = expandMacros(tokens, table, mode, recursive, limits);
    const r = evaluateExpanded(expanded, mode, limits);
    return r.ok && recursive.length ? { ...r, recursive } : r;
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, error: e.message, start: e.tok.start, end: e.tok.end, kind: e.kind };
    throw e;
  }
}

export function evaluateExpanded(tokens: Tok[], mode: EvalMode, limits: ExpressionLimits = DEFAULT_EXPRESSION_LIMITS): EvalResult {
  try {
    const p = new Parser(tokens, mode, limits.expressionDepth);
    const value = p.parseComma(true);
    if (p.pos < tokens.length) {
      const t = tokens[p.pos];
      throw new EvalError(`unexpected \`${t.text}\` in expression`, t, 'syntax');
    }
    return p.unresolved.length ? { ok: true, value, unresolved: p.unresolved.map((u) => u.name), unresolvedAt: p.unresolved } : { ok: true, value };
  } catch (e) {
    if (e instanceof EvalError) return { ok: false, error: e.message, start: e.tok.start, end: e.tok.end, kind: e.kind };
    throw e;
  }
}

const BINARY: Record<string, number> = {
  '*': 10, '/': 10, '%': 10,
  '+': 9, '-': 9,
  '<<': 8, '>>': 8,
  '<': 7, '<=': 7, '>': 7, '>=': 7,
  '==': 6, '!=': 6,
  '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
};

function norm(v: bigint, unsigned: boolean): IntValue {
  return { v: unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), unsigned };
}
const ZERO: IntValue = { v: 0n, unsigned: false };
const ONE: IntValue = { v: 1n, unsigned: false };
const bool = (b: boolean): IntValue => (b ? ONE : ZERO);

class Parser {
  pos = 0;
  unresolved: UnresolvedName[] = [];
  /** Nesting so far (parentheses, unary operators, `?:`): each level is a few frames of recursion. */
  private depth = 0;
  constructor(private readonly toks: Tok[], private readonly mode: EvalMode, private readonly maxDepth: number) {}

  private deeper(): void {
    if (++this.depth > this.maxDepth) {
      const t = this.peek() ?? this.toks[this.toks.length - 1] ?? { start: 0, end: 0 };
      throw new EvalError(`the expression nests more than ${fmt(this.maxDepth)} levels deep (\`limits.expressionDepth\` in .microagent/config.json)`, t, 'too-large');
    }
  }

  private peek(): Tok | undefined {
    return this.toks[this.pos];
  }

  private fail(message: string): never {
    const t = this.peek() ?? this.toks[this.toks.length - 1] ?? { start: 0, end: 0 };
    throw new EvalError(message, t, 'syntax');
  }

  parseComma(live: boolean): IntValue {
    let v = this.parseTernary(live);
    while (this.peek()?.text === ',') {
      this.pos++;
      v = this.parseTernary(live);
    }
    return v;
  }

  private parseTernary(live: boolean): IntValue {
    const cond = this.parseBinary(1, live);
    if (this.peek()?.text !== '?') return cond;
    this.pos++;
    this.deeper();
    const takeFirst = cond.v !== 0n;
    const a = this.parseComma(live && takeFirst);
    if (this.peek()?.text !== ':') this.fail('`?` without its `:`');
    this.pos++;
    const b = this.parseTernary(live && !takeFirst);
    this.depth--;
    const unsigned = a.unsigned || b.unsigned;
    return norm(takeFirst ? a.v : b.v, unsigned);
  }

  private parseBinary(minPrec: number, live: boolean): IntValue {
    let left = this.parseUnary(live);
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'punct') return left;
      const prec = BINARY[t.text];
      if (prec === undefined || prec < minPrec) return left;
      this.pos++;
      if (t.text === '&&' || t.text === '||') {
        const shortCut = t.text === '&&' ? left.v === 0n : left.v !== 0n;
        const right = this.parseBinary(prec + 1, live && !shortCut);
        left = t.text === '&&' ? bool(left.v !== 0n && right.v !== 0n) : bool(left.v !== 0n || right.v !== 0n);
        continue;
      }
      const right = this.parseBinary(prec + 1, live);
      left = this.apply(t, left, right, live);
    }
  }

  private apply(t: Tok, a: IntValue, b: IntValue, live: boolean): IntValue {
    const u = a.unsigned || b.unsigned;
    const x = u ? BigInt.asUintN(64, a.v) : a.v;
    const y = u ? BigInt.asUintN(64, b.v) : b.v;
    switch (t.text) {
      case '*': return norm(x * y, u);
      case '/':
      case '%':
        if (y === 0n) {
          if (live) throw new EvalError('division by zero', t, 'div0');
          return norm(0n, u);
        }
        return norm(t.text === '/' ? x / y : x % y, u);
      case '+': return norm(x + y, u);
      case '-': return norm(x - y, u);
      case '<<': return norm(a.v << (b.v & 63n), a.unsigned);
      case '>>': return norm((a.unsigned ? BigInt.asUintN(64, a.v) : a.v) >> (b.v & 63n), a.unsigned);
      case '<': return bool(x < y);
      case '<=': return bool(x <= y);
      case '>': return bool(x > y);
      case '>=': return bool(x >= y);
      case '==': return bool(x === y);
      case '!=': return bool(x !== y);
      case '&': return norm(x & y, u);
      case '^': return norm(x ^ y, u);
      case '|': return norm(x | y, u);
    }
    throw new EvalError(`unexpected \`${t.text}\``, t, 'syntax');
  }

  private parseUnary(live: boolean): IntValue {
    this.deeper();
    try {
      return this.parseUnaryAt(live);
    } finally {
      this.depth--;
    }
  }

  private parseUnaryAt(live: boolean): IntValue {
    const t = this.peek();
    if (!t) this.fail('expression ends too early');
    if (t.kind === 'punct') {
      switch (t.text) {
        case '+': this.pos++; return this.parseUnary(live);
        case '-': { this.pos++; const v = this.parseUnary(live); return norm(-v.v, v.unsigned); }
        case '!': { this.pos++; const v = this.parseUnary(live); return bool(v.v === 0n); }
        case '~': { this.pos++; const v = this.parseUnary(live); return norm(~v.v, v.unsigned); }
        case '(': {
          if (this.mode === 'value' && this.isCast()) return this.parseUnary(live);
          this.pos++;
          const v = this.parseComma(live);
          // Named at the `(` left open, which is where the fix goes.
          if (this.peek()?.text !== ')') throw new EvalError('`(` without its `)`', t, 'syntax');
          this.pos++;
          return v;
        }
      }
      this.fail(`unexpected \`${t.text}\` in expression`);
    }
    this.pos++;
    if (t.kind === 'num') return parseNumber(t);
    if (t.kind === 'chr') return parseChar(t);
    if (t.kind === 'id') {
      if (this.mode === 'value') this.unresolved.push({ name: t.text, start: t.start, end: t.end });
      return ZERO;
    }
    if (t.kind === 'str') throw new EvalError('a string cannot be used in an integer expression', t, 'syntax');
    throw new EvalError(`unexpected \`${t.text}\` in expression`, t, 'syntax');
  }

  /** `( ident [ident...] [*...] )` followed by an operand: a cast, skipped (identifiers left here are not macros). */
  private isCast(): boolean {
    let k = this.pos + 1;
    let ids = 0;
    while (this.toks[k]?.kind === 'id') {
      k++;
      ids++;
    }
    while (this.toks[k]?.text === '*') k++;
    if (ids === 0 || this.toks[k]?.text !== ')') return false;
    const next = this.toks[k + 1];
    if (!next || !(next.kind === 'num' || next.kind === 'id' || next.kind === 'chr' || next.text === '(' || next.text === '~' || next.text === '!')) return false;
    this.pos = k + 1;
    return true;
  }
}

/** Integer literal: decimal, 0x hex, 0 octal, 0b binary, with u/l suffixes. */
export function parseNumber(t: Tok): IntValue {
  let s = t.text.replace(/'/g, '');
  let end = s.length;
  let unsigned = false;
  while (end > 0) {
    const ch = s[end - 1];
    if (ch === 'u' || ch === 'U') unsigned = true;
    else if (ch !== 'l' && ch !== 'L') break;
    end--;
  }
  s = s.slice(0, end);
  let v: bigint | undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(s) || /^0[bB][01]+$/.test(s)) v = BigInt(s);
  else if (/^0[0-7]*$/.test(s)) v = s.length > 1 ? BigInt('0o' + s.slice(1)) : 0n;
  else if (/^[1-9][0-9]*$/.test(s)) v = BigInt(s);
  if (v === undefined) throw new EvalError(`\`${t.text}\` is not an integer constant`, t, 'syntax');
  // Wrapping it to 64 bits would give a value the compiler never sees: it rejects the literal.
  if (v > 0xffffffffffffffffn) throw new EvalError(`\`${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}\` does not fit in 64 bits: the compiler rejects this integer literal`, t, 'syntax');
  // A decimal literal too large for long long is unsigned, as compilers treat it.
  if (!unsigned && v > 0x7fffffffffffffffn) unsigned = true;
  return norm(v, unsigned);
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };

function parseChar(t: Tok): IntValue {
  const q = t.text.indexOf("'");
  const body = t.text.slice(q + 1, -1);
  if (body.length === 1) return { v: BigInt(body.charCodeAt(0)), unsigned: false };
  if (body[0] === '\\') {
    if (body[1] === 'x') return { v: BigInt('0x' + (body.slice(2) || '0')), unsigned: false };
    if (/^[0-7]{1,3}$/.test(body.slice(1))) return { v: BigInt('0o' + body.slice(1)), unsigned: false };
    const e = ESCAPES[body[1]];
    if (e !== undefined && body.length === 2) return { v: BigInt(e), unsigned: false };
  }
  throw new EvalError(`character constant ${t.text} is not understood`, t, 'syntax');
}

/** The text of adjacent string literals, escapes resolved (used for `#define X "a" "b"`). */
export function stringValue(tokens: Tok[]): string {
  let out = '';
  for (const t of tokens) {
    const q = t.text.indexOf('"');
    const body = t.text.slice(q + 1, t.unterminated ? undefined : -1);
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch !== '\\' || i + 1 >= body.length) {
        out += ch;
        continue;
      }
      const e = ESCAPES[body[i + 1]];
      out += e !== undefined ? String.fromCharCode(e) : body[i + 1];
      i++;
    }
  }
  return out;
}
