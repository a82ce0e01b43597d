// A small, bounded reader of STIX 2.1 patterning: it finds the comparisons (`object-path op value`) of a
// pattern, with their offsets, and whether AND joins them. It does not evaluate the pattern.

export interface Comparison {
  path: string;
  op: string;
  negated: boolean;
  /** String values (one, or several for IN); non-string literals are kept as their text. */
  values: { text: string; start: number; end: number }[];
  start: number;
}

export interface PatternReadResult {
  comparisons: Comparison[];
  hasAnd: boolean;
  error?: { message: string; offset: number };
}

type Tok = { t: 'path' | 'str' | 'lit' | 'word' | 'op' | 'punct'; v: string; start: number; end: number };

const OPS = ['!=', '<=', '>=', '=', '<', '>'];
const WORDS = new Set(['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'WITHIN', 'START', 'STOP', 'REPEATS', 'TIMES', 'SECONDS',
  'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'IN', 'EXISTS', 'true', 'false']);

function tokenize(p: string, maxTokens: number): { toks: Tok[]; error?: { message: string; offset: number } } {
  const toks: Tok[] = [];
  let i = 0;
  while (i < p.length) {
    if (toks.length > maxTokens) return { toks, error: { message: `more than ${maxTokens} tokens`, offset: i } };
    const c = p[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '[' || c === ']' || c === '(' || c === ')' || c === ',') { toks.push({ t: 'punct', v: c, start: i, end: i + 1 }); i++; continue; }
    const op = OPS.find((o) => p.startsWith(o, i));
    if (op) { toks.push({ t: 'op', v: op, start: i, end: i + op.length }); i += op.length; continue; }
    if (c === "'" || ((c === 't' || c === 'h' || c === 'b') && p[i + 1] === "'")) {
      const prefixed = c !== "'";
      let j = i + (prefixed ? 2 : 1);
      let out = '';
      while (j < p.length && p[j] !== "'") {
        if (p[j] === '\\' && j + 1 < p.length) { out += p[j + 1]; j += 2; continue; }
        out += p[j++];
      }
      if (j >= p.length) return { toks, error: { message: 'unterminated string', offset: i } };
      toks.push({ t: prefixed ? 'lit' : 'str', v: out, start: i + (prefixed ? 2 : 1), end: j });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < p.length && /[A-Za-z0-9_\-.:*]/.test(p[j])) j++;
    if (j === i) return { toks, error: { message: `unexpected character "${c}"`, offset: i } };
    let word = p.slice(i, j);
    if (word.includes(':')) {
      // An object path: may go on with quoted keys ('SHA-256') and list indexes ([0], [*]).
      while (j < p.length) {
        if (p[j] === "'") {
          const k = p.indexOf("'", j + 1);
          if (k < 0) return { toks, error: { message: 'unterminated quoted path key', offset: j } };
          j = k + 1;
        } else if (p[j] === '[' && /^\[(\d+|\*)\]/.test(p.slice(j, j + 12))) {
          j = p.indexOf(']', j) + 1;
        } else if (/[A-Za-z0-9_\-.]/.test(p[j])) j++;
        else break;
      }
      word = p.slice(i, j);
      toks.push({ t: 'path', v: word, start: i, end: j });
    } else if (WORDS.has(word)) toks.push({ t: 'word', v: word, start: i, end: j });
    else toks.push({ t: 'lit', v: word, start: i, end: j });
    i = j;
  }
  return { toks };
}

export function readPattern(pattern: string, maxComparisons: number): PatternReadResult {
  const { toks, error } = tokenize(pattern, maxComparisons * 8 + 64);
  const comparisons: Comparison[] = [];
  let hasAnd = false;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.t === 'word' && t.v === 'AND') hasAnd = true;
    if (t.t !== 'path') continue;
    let m = k + 1;
    let negated = false;
    if (toks[m]?.t === 'word' && toks[m].v === 'NOT') { negated = true; m++; }
    const opTok = toks[m];
    if (!opTok || (opTok.t !== 'op' && opTok.t !== 'word')) continue;
    const values: Comparison['values'] = [];
    if (opTok.v === 'IN' && toks[m + 1]?.v === '(') {
      let q = m + 2;
      // The list is values and commas up to its `)`: one left open must not take the rest of the pattern's
      // values (every later IN would take them again, and a pattern's values would count quadratically).
      while (q < toks.length && toks[q].v !== ')') {
        const tk = toks[q];
        if (tk.t === 'str' || tk.t === 'lit') values.push({ text: tk.v, start: tk.start, end: tk.end });
        else if (tk.v !== ',') break;
        q++;
      }
    } else if (toks[m + 1] && (toks[m + 1].t === 'str' || toks[m + 1].t === 'lit')) {
      const v = toks[m + 1];
      values.push({ text: v.v, start: v.start, end: v.end });
    }
    comparisons.push({ path: t.v, op: opTok.v, negated, values, start: t.start });
    if (comparisons.length >= maxComparisons) {
      return { comparisons, hasAnd, error: { message: `more than ${maxComparisons} comparisons; the rest is ignored`, offset: t.start } };
    }
  }
  return { comparisons, hasAnd, error };
}
