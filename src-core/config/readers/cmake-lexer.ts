// Splits a CMake script (*.dist, *.cmake) into command invocations with their arguments and offsets:
// `#` and `#[[ ]]` comments, quoted and bracket arguments, arguments over several lines.
import type { ScanProblem } from './c-lexer';

export interface CmArg {
  /** The argument as CMake sees it before variable references are expanded (quotes removed, escapes resolved). */
  value: string;
  start: number;
  end: number;
  quoted: boolean;
  bracket: boolean;
  /** A bare `(` or `)` inside the argument list (meaningful to if()). */
  paren?: boolean;
}

export interface CmCommand {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Just after the closing `)`. */
  end: number;
  args: CmArg[];
  /** Set when the command passes a limit (its length, or its arguments): `args` is then empty, nothing read. */
  overLimit?: 'lineLength' | 'expressionTokens';
}

/** What one command may hold before it is refused unread (the project's limits, content-limits.ts). */
export interface CommandLimits {
  lineLength: number;
  expressionTokens: number;
}

const UNLIMITED: CommandLimits = { lineLength: Infinity, expressionTokens: Infinity };

const NL = 10, CR = 13, SP = 32, TAB = 9, HASH = 35, LP = 40, RP = 41, DQ = 34, BSL = 92, LB = 91, RB = 93, EQ = 61;

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}
function isSpace(c: number): boolean {
  return c === SP || c === TAB || c === NL || c === CR;
}

/** `[=*[` at i: the number of `=` signs, or -1. */
function bracketOpen(text: string, i: number): number {
  if (text.charCodeAt(i) !== LB) return -1;
  let k = i + 1;
  while (text.charCodeAt(k) === EQ) k++;
  return text.charCodeAt(k) === LB ? k - i - 1 : -1;
}

/** Offset just after the `]=*]` that closes a bracket of `level`, or -1. */
function bracketClose(text: string, from: number, level: number): number {
  const close = ']' + '='.repeat(level) + ']';
  const k = text.indexOf(close, from);
  return k < 0 ? -1 : k + close.length;
}

function lineEndAt(text: string, i: number): number {
  const a = text.indexOf('\n', i);
  const b = text.indexOf('\r', i);
  if (a < 0) return b < 0 ? text.length : b;
  return b < 0 ? a : Math.min(a, b);
}

/** Skips a comment starting at `#` (offset i); returns the offset after it, or -1 for an unclosed bracket comment. */
function skipComment(text: string, i: number): number {
  const level = bracketOpen(text, i + 1);
  if (level >= 0) return bracketClose(text, i + 3 + level, level);
  return lineEndAt(text, i);
}

/** skipComment, reporting an unclosed bracket comment; -1 when the file ends inside it. */
function skipCommentReporting(text: string, i: number, problems: ScanProblem[]): number {
  const next = skipComment(text, i);
  if (next < 0) problems.push({ start: i, end: i + 3, message: 'bracket comment #[[ is not closed' });
  return next;
}

export function scanCmake(text: string, limits: CommandLimits = UNLIMITED): { commands: CmCommand[]; problems: ScanProblem[] } {
  const problems: ScanProblem[] = [];
  const commands: CmCommand[] = [];
  for (const c of cmakeCommands(text, problems, limits)) if (c) commands.push(c);
  return { commands, problems };
}

/** Characters scanned between two pauses when no command comes. */
const PAUSE_EVERY = 1 << 20;

/** The commands of a CMake script in order, as they are found (a reader handles each and drops it); `undefined`
 *  every so many characters without one, where the reader may pause and take the problems found so far. */
export function* cmakeCommands(text: string, problems: ScanProblem[], limits: CommandLimits = UNLIMITED): Generator<CmCommand | undefined> {
  const n = text.length;
  let i = 0;
  let nextPause = PAUSE_EVERY;
  while (i < n) {
    if (i >= nextPause) {
      nextPause = i + PAUSE_EVERY;
      yield undefined;
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === HASH) {
      const next = skipCommentReporting(text, i, problems);
      if (next < 0) break;
      i = next;
      continue;
    }
    if (!isIdStart(c)) {
      const eol = lineEndAt(text, i);
      problems.push({ start: i, end: eol, message: `expected a CMake command, found \`${text.slice(i, Math.min(eol, i + 20))}\`` });
      i = eol;
      continue;
    }
    const nameStart = i;
    while (i < n && isIdPart(text.charCodeAt(i))) i++;
    const nameEnd = i;
    const name = text.slice(nameStart, nameEnd);
    while (i < n && (text.charCodeAt(i) === SP || text.charCodeAt(i) === TAB)) i++;
    if (text.charCodeAt(i) !== LP) {
      const eol = lineEndAt(text, i);
      problems.push({ start: nameStart, end: nameEnd, message: `command ${name} needs its arguments in parentheses` });
      i = eol;
      continue;
    }
    i++;
    const before = problems.length;
    const r = scanArgs(text, i, problems, limits.expressionTokens);
    if (r.end < 0) {
      // An unclosed quote or bracket inside already said why the command never ends.
      if (problems.length === before) problems.push({ start: nameStart, end: nameEnd, message: `${name}( is not closed with \`)\`` });
      break;
    }
    const command: CmCommand = { name, nameStart, nameEnd, end: r.end, args: r.args };
    if (r.end - nameStart > limits.lineLength) command.overLimit = 'lineLength';
    else if (r.tooMany) command.overLimit = 'expressionTokens';
    if (command.overLimit) command.args = [];
    yield command;
    i = r.end;
  }
}

/** Arguments from just after `(` to the matching `)`; `end` is -1 when the file ends first. */
function scanArgs(text: string, i: number, problems: ScanProblem[], maxArgs = Infinity): { args: CmArg[]; end: number; tooMany?: boolean } {
  const args: CmArg[] = [];
  // Past `maxArgs` the list is still scanned to its `)`, but no more arguments are kept.
  let tooMany = false;
  const push = (a: CmArg) => {
    if (args.length < maxArgs) args.push(a);
    else tooMany = true;
  };
  const n = text.length;
  let depth = 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === HASH) {
      const next = skipCommentReporting(text, i, problems);
      if (next < 0) return { args, end: -1 };
      i = next;
      continue;
    }
    if (c === LP || c === RP) {
      if (c === RP && --depth === 0) return { args, end: i + 1, tooMany };
      if (c === LP) depth++;
      push({ value: c === LP ? '(' : ')', start: i, end: i + 1, quoted: false, bracket: false, paren: true });
      i++;
      continue;
    }
    if (c === DQ) {
      const start = i;
      let value = '';
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BSL) {
          const e = text[i + 1];
          if (e === '\n') value += '';
          else if (e === '\r') i += text[i + 2] === '\n' ? 1 : 0;
          else value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e ?? '';
          i += 2;
          continue;
        }
        if (d === DQ) {
          closed = true;
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (!closed) {
        problems.push({ start, end: start + 1, message: 'quoted argument is not closed with `"`' });
        return { args, end: -1 };
      }
      push({ value, start, end: i, quoted: true, bracket: false });
      continue;
    }
    const level = bracketOpen(text, i);
    if (level >= 0) {
      const start = i;
      const bodyStart = i + level + 2;
      const end = bracketClose(text, bodyStart, level);
      if (end < 0) {
        problems.push({ start, end: bodyStart, message: 'bracket argument [[ is not closed' });
        return { args, end: -1 };
      }
      let body = text.slice(bodyStart, end - level - 2);
      if (body.startsWith('\n')) body = body.slice(1);
      push({ value: body, start, end, quoted: false, bracket: true });
      i = end;
      continue;
    }
    // Unquoted argument: up to a blank, a parenthesis, a quote or a comment; `\x` escapes one character.
    const start = i;
    let value = '';
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isSpace(d) || d === LP || d === RP || d === DQ || d === HASH) break;
      if (d === BSL && i + 1 < n) {
        const e = text[i + 1];
        value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        i += 2;
        continue;
      }
      value += text[i];
      i++;
    }
    push({ value, start, end: i, quoted: false, bracket: false });
  }
  return { args, end: -1 };
}

/** Expands `${NAME}` references (nested ones inside out); unknown variables expand to nothing, as in CMake. */
export function expandVariables(s: string, vars: ReadonlyMap<string, string>, depth = 0, maxLength = Infinity): string {
  if (s.indexOf('${') < 0) return s;
  // `${${${...}}}` recurses once per level: past this, the reference is left as written (no stack overflow).
  if (depth > 64) return s;
  let out = '';
  let i = 0;
  // Past `maxLength` the caller refuses the value anyway: stop building it.
  while (i < s.length && out.length <= maxLength) {
    const k = s.indexOf('${', i);
    if (k < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, k);
    // Find the matching `}` counting nested `${`.
    let depth = 1;
    let j = k + 2;
    while (j < s.length && depth > 0) {
      if (s[j] === '$' && s[j + 1] === '{') {
        depth++;
        j += 2;
        continue;
      }
      if (s[j] === '}') depth--;
      j++;
    }
    if (depth > 0) {
      out += s.slice(k);
      break;
    }
    const inner = expandVariables(s.slice(k + 2, j - 1), vars, depth + 1);
    out += vars.get(inner) ?? '';
    i = j;
  }
  return out;
}
