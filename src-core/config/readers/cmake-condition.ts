// Evaluates a CMake if() / elseif() condition over the variables a dist file has set, with CMake's
// precedence: parentheses, unary tests (DEFINED), comparisons, NOT, AND, OR.
import type { CmArg } from './cmake-lexer';

const TRUE_CONSTANTS = new Set(['1', 'ON', 'YES', 'TRUE', 'Y']);
const FALSE_CONSTANTS = new Set(['0', 'OFF', 'NO', 'FALSE', 'N', 'IGNORE', 'NOTFOUND', '']);

/** CMake's truth of a constant: true, false, or undefined when the text is not a boolean constant. */
export function cmakeConstant(s: string): boolean | undefined {
  const u = s.toUpperCase();
  if (TRUE_CONSTANTS.has(u)) return true;
  if (FALSE_CONSTANTS.has(u) || u.endsWith('-NOTFOUND')) return false;
  if (/^[+-]?[0-9]+(\.[0-9]*)?$/.test(s)) return Number(s) !== 0;
  return undefined;
}

/** Whether a variable's value counts as true (defined to something that is not a false constant). */
export function cmakeTruthy(value: string): boolean {
  const u = value.toUpperCase();
  if (FALSE_CONSTANTS.has(u) || u.endsWith('-NOTFOUND')) return false;
  const num = /^[+-]?[0-9]+(\.[0-9]*)?$/.test(value) ? Number(value) : undefined;
  return num === undefined ? true : num !== 0;
}

const UNARY = new Set(['DEFINED', 'EXISTS', 'COMMAND', 'TARGET', 'POLICY', 'TEST', 'IS_DIRECTORY', 'IS_SYMLINK', 'IS_ABSOLUTE']);
const NUMERIC = new Set(['EQUAL', 'LESS', 'GREATER', 'LESS_EQUAL', 'GREATER_EQUAL']);
const STRINGS = new Set(['STREQUAL', 'STRLESS', 'STRGREATER', 'STRLESS_EQUAL', 'STRGREATER_EQUAL']);
const UNSUPPORTED = new Set(['MATCHES', 'VERSION_EQUAL', 'VERSION_LESS', 'VERSION_GREATER', 'VERSION_LESS_EQUAL', 'VERSION_GREATER_EQUAL', 'IN_LIST', 'IS_NEWER_THAN', 'PATH_EQUAL']);

export class ConditionError extends Error {
  constructor(message: string, readonly arg: { start: number; end: number } | undefined) {
    super(message);
  }
}

/** `args` have had `${}` references expanded already; `vars` holds the variables set so far. */
export function evaluateCondition(args: CmArg[], vars: ReadonlyMap<string, string>, maxDepth = 256): boolean {
  let pos = 0;
  // Parentheses and NOTs recurse: a hostile condition could nest them past the stack (limits.expressionDepth).
  let depth = 0;
  const deeper = (a: CmArg | undefined) => {
    if (++depth > maxDepth) throw new ConditionError(`the condition nests more than ${maxDepth} levels deep (\`limits.expressionDepth\` in .microagent/config.json)`, a);
  };
  const peekWord = (): string | undefined => {
    const a = args[pos];
    return a && !a.quoted && !a.bracket && !a.paren ? a.value : undefined;
  };
  const value = (a: CmArg): string => (!a.quoted && !a.bracket && vars.has(a.value) ? vars.get(a.value)! : a.value);
  const truth = (a: CmArg): boolean => {
    if (a.quoted || a.bracket) return cmakeConstant(a.value) ?? false;
    const k = cmakeConstant(a.value);
    if (k !== undefined) return k;
    const v = vars.get(a.value);
    return v !== undefined && cmakeTruthy(v);
  };

  const parseOr = (): boolean => {
    let v = parseAnd();
    while (peekWord() === 'OR') {
      pos++;
      const r = parseAnd();
      v = v || r;
    }
    return v;
  };
  const parseAnd = (): boolean => {
    let v = parseNot();
    while (peekWord() === 'AND') {
      pos++;
      const r = parseNot();
      v = v && r;
    }
    return v;
  };
  const parseNot = (): boolean => {
    if (peekWord() === 'NOT') {
      deeper(args[pos]);
      pos++;
      const v = !parseNot();
      depth--;
      return v;
    }
    return parseComparison();
  };
  const parseComparison = (): boolean => {
    const a = args[pos];
    if (!a) throw new ConditionError('condition ends too early', args[args.length - 1]);
    if (a.paren && a.value === '(') {
      deeper(a);
      pos++;
      const v = parseOr();
      depth--;
      const close = args[pos];
      if (!close || !close.paren || close.value !== ')') throw new ConditionError('`(` without its `)` in the condition', a);
      pos++;
      return v;
    }
    if (a.paren) throw new ConditionError('unexpected `)` in the condition', a);
    const word = peekWord();
    if (word && UNARY.has(word)) {
      pos++;
      const operand = args[pos++];
      if (!operand) throw new ConditionError(`${word} needs an operand`, a);
      // Only DEFINED can be known from the file; the others ask about the build machine: false.
      return word === 'DEFINED' ? vars.has(operand.value) : false;
    }
    pos++;
    const op = peekWord();
    if (op && (NUMERIC.has(op) || STRINGS.has(op) || UNSUPPORTED.has(op))) {
      pos++;
      const b = args[pos++];
      if (!b) throw new ConditionError(`${op} needs a right-hand operand`, args[pos - 2]);
      if (UNSUPPORTED.has(op)) throw new ConditionError(`the reader does not evaluate ${op}`, args[pos - 2]);
      const x = value(a);
      const y = value(b);
      if (NUMERIC.has(op)) {
        const nx = Number(x);
        const ny = Number(y);
        if (Number.isNaN(nx) || Number.isNaN(ny)) return false;
        return op === 'EQUAL' ? nx === ny : op === 'LESS' ? nx < ny : op === 'GREATER' ? nx > ny : op === 'LESS_EQUAL' ? nx <= ny : nx >= ny;
      }
      return op === 'STREQUAL' ? x === y : op === 'STRLESS' ? x < y : op === 'STRGREATER' ? x > y : op === 'STRLESS_EQUAL' ? x <= y : x >= y;
    }
    return truth(a);
  };

  if (args.length === 0) throw new ConditionError('empty condition', undefined);
  const v = parseOr();
  if (pos < args.length) throw new ConditionError(`unexpected \`${args[pos].value}\` in the condition`, args[pos]);
  return v;
}
