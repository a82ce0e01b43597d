// Reads CMake distribution files (RTOS_BASE.dist, base_dist.cmake): set()/unset()/option() become
// OptionSettings, if()/elseif()/else()/endif() are evaluated over the variables set so far.
import type { SourceDocument } from '../../language/document';
import type { Diagnostic, Range } from '../../language/types';
import type { ConfigDirective, Distribution, EffectiveConfig, OptionSetting, OptionValue, ValueIssue } from '../model';
import { BranchStack, type BranchStep } from './branches';
import { evaluate, type MacroTable } from './c-expression';
import { tokenizeLine, type ScanProblem, type Tok } from './c-lexer';
import { ConditionError, cmakeConstant, evaluateCondition } from './cmake-condition';
import { cmakeCommands, expandVariables, type CmArg, type CmCommand } from './cmake-lexer';
import { defaultContentLimits, LIMIT_CODE, limitNote, overLimit, type ContentLimits } from '../../project-config/content-limits';
import { ProblemBudget, omittedNote } from '../../language/problem-cap';
import { readProblem } from './problems';
import { expressionError, notAnExpression, unknownIdentifiers } from './value-issues';

export interface DistReadOptions {
  distribution: Distribution;
  /** Values of the distribution a CONF_DEFINE_BASE starts from, so if() over inherited options is right. */
  baseDefaults?: (base: Distribution) => ReadonlyMap<string, OptionValue> | undefined;
  /** The project's content limits (statements, line length, expression size); the defaults when absent. */
  limits?: ContentLimits;
}

/** Commands read between two pauses of `readDistSteps`. */
const COMMANDS_PER_STEP = 1024;

const fmt = (n: number) => n.toLocaleString('en-US');

/** The distribution a CONF_DEFINE_BASE file argument names. */
export function baseDistribution(file: string): Distribution | undefined {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  if (name === 'base_dist.cmake') return 'core';
  if (name === 'RTOS_BASE.dist') return 'RTOS_BASE';
  if (name === 'L4_BASE.dist') return 'L4_BASE';
  if (name === 'RTOS_BASE_UT.dist') return 'RTOS_BASE_UT';
  return undefined;
}

export function cmakeText(v: OptionValue): string {
  return v === true ? 'ON' : v === false ? 'OFF' : String(v);
}

const BRANCH_STEPS: Record<string, BranchStep> = { if: 'if', elseif: 'elif', else: 'else', endif: 'endif' };

const EXPR_PUNCT = new Set(['(', ')', '+', '-', '*', '/', '%', '<<', '>>', '<', '<=', '>', '>=', '==', '!=', '&', '^', '|', '&&', '||', '!', '~', '?', ':']);

export function readDist(doc: SourceDocument, options: DistReadOptions): EffectiveConfig {
  const steps = readDistSteps(doc, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same reading, pausing (yield) every few milliseconds of work (see readHeaderSteps). */
export function* readDistSteps(doc: SourceDocument, options: DistReadOptions): Generator<void, EffectiveConfig, void> {
  const limits = options.limits ?? defaultContentLimits;
  const scanProblems: ScanProblem[] = [];
  const problems: Diagnostic[] = [];
  // Problems past the cap are counted, not built; a refusal at a limit is always kept.
  const budget = new ProblemBudget();
  let quiet = false;
  const settings: OptionSetting[] = [];
  const effective = new Map<string, OptionSetting>();
  const directives: ConfigDirective[] = [];
  const vars = new Map<string, string>();
  let base: Distribution | undefined;
  const range = (a: number, b: number) => doc.rangeOf(a, b);
  const problem = (a: number, b: number, message: string) => {
    if (!quiet && budget.take(problems.length)) problems.push(readProblem(doc, a, b, message));
  };
  const limitProblem = (a: number, b: number, message: string) => problems.push({ ...readProblem(doc, a, b, message), code: LIMIT_CODE });
  const branches = new BranchStack({ if: 'if()', elif: 'elseif()', else: 'else()', endif: 'endif()' }, problem);
  /** The variables set so far whose value is a whole number, as macros an integer expression may use. */
  const numericVars: MacroTable = {
    lookup: (id) => {
      const v = numericVar(id);
      return v === undefined ? undefined : { name: id, body: tokenizeLine(v, 0).tokens };
    },
  };

  const condition = (cmd: CmCommand): boolean => {
    const args = cmd.args.map((a) => (a.bracket || a.paren ? a : { ...a, value: expandVariables(a.value, vars) }));
    try {
      return evaluateCondition(args, vars, limits.expressionDepth);
    } catch (e) {
      if (!(e instanceof ConditionError)) throw e;
      const at = e.arg ?? { start: cmd.nameStart, end: cmd.end };
      problem(at.start, at.end, `${cmd.name}() condition: ${e.message}; treated as false`);
      return false;
    }
  };

  const record = (s: OptionSetting, varValue: string | undefined) => {
    settings.push(s);
    if (!s.active) return;
    if (varValue !== undefined && varValue.length > limits.lineLength) {
      // `set(A "${A}${A}")` doubles a value per line: a few dozen lines would take all memory.
      limitProblem(s.statementRange ? doc.offsetAt(s.statementRange.start) : 0, doc.offsetAt(s.nameRange.end),
        `${s.name} grows to ${fmt(varValue.length)} characters, ${overLimit('lineLength', limits.lineLength)}: later references to it expand to nothing`);
      varValue = undefined;
    }
    effective.set(s.name, s);
    if (varValue === undefined) vars.delete(s.name);
    else vars.set(s.name, varValue);
  };

  let statements = 0;
  let stopped = false;
  for (const cmd of cmakeCommands(doc.text, scanProblems, limits)) {
    for (const p of scanProblems) problem(p.start, p.end, p.message);
    scanProblems.length = 0;
    if (!cmd) {
      yield;
      continue;
    }
    if (++statements > limits.statements) {
      limitProblem(cmd.nameStart, cmd.nameEnd, `more than ${fmt(limits.statements)} commands (${limitNote('statements')}): reading stops here and what follows is not read`);
      stopped = true;
      break;
    }
    if (statements % COMMANDS_PER_STEP === 0) yield;
    const lower = cmd.name.toLowerCase();
    const active = branches.active;
    const statementRange = range(cmd.nameStart, cmd.end);
    const step = BRANCH_STEPS[lower];
    if (cmd.overLimit) {
      // Not read; a conditional still opens or switches its group (as not taken), so the structure holds.
      if (step) branches.step(step, cmd.nameStart, cmd.end, step === 'if' || step === 'elif' ? () => false : undefined);
      const what = cmd.overLimit === 'lineLength'
        ? `${cmd.name}() is ${fmt(cmd.end - cmd.nameStart)} characters long, ${overLimit('lineLength', limits.lineLength)}`
        : `${cmd.name}() has more than ${fmt(limits.expressionTokens)} arguments (${limitNote('expressionTokens')})`;
      if (active || step) limitProblem(cmd.nameStart, cmd.nameEnd, `${what}: not read${step === 'if' || step === 'elif' ? '; the group is treated as not taken' : ''}`);
      continue;
    }
    if (step) {
      branches.step(step, cmd.nameStart, cmd.end, step === 'if' || step === 'elif' ? () => condition(cmd) : undefined);
      continue;
    }
    const [first, ...rest] = cmd.args;
    switch (lower) {
      case 'set': {
        if (!first || first.paren) {
          problem(cmd.nameStart, cmd.end, 'set() needs a variable name');
          break;
        }
        const values = valueArgs(rest);
        const s = setting(first, values, 'set', active, statementRange);
        s.value = values.length === 0 ? false : valueOf(values, s);
        record(s, values.length ? listValue(values) : undefined);
        break;
      }
      case 'unset': {
        if (!first) {
          problem(cmd.nameStart, cmd.end, 'unset() needs a variable name');
          break;
        }
        const s = setting(first, [], 'undef', active, statementRange);
        s.value = false;
        record(s, undefined);
        break;
      }
      case 'option': {
        if (!first) {
          problem(cmd.nameStart, cmd.end, 'option() needs a variable name');
          break;
        }
        const init = rest[1] ? [rest[1]] : [];
        const s = setting(first, init, 'set', active, statementRange);
        const on = init.length ? cmakeConstant(expandVariables(init[0].value, vars)) === true : false;
        s.value = on;
        // option() never overrides a variable that is already set.
        if (!active || !vars.has(s.name)) record(s, on ? 'ON' : 'OFF');
        else settings.push(s);
        break;
      }
      case 'conf_define_base': {
        const fileArg = cmd.args[cmd.args.length - 1];
        const file = fileArg ? expandVariables(fileArg.value, vars) : '';
        const dist = baseDistribution(file);
        settings.push({
          name: cmd.name, via: 'base', rawValue: fileArg ? doc.text.slice(fileArg.start, fileArg.end) : undefined,
          value: dist ?? (file || undefined), file: doc.path, nameRange: range(cmd.nameStart, cmd.nameEnd),
          valueRange: fileArg ? range(fileArg.start, fileArg.end) : undefined, statementRange, active,
        });
        if (active && dist) {
          base = dist;
          const defaults = options.baseDefaults?.(dist);
          if (defaults) for (const [k, v] of defaults) if (!vars.has(k)) vars.set(k, cmakeText(v));
        }
        break;
      }
      default:
        // CONF_CREATE_DIST, message(), include(), ...: recorded, not run.
        directives.push({ kind: 'command', name: cmd.name, text: doc.text.slice(cmd.nameEnd, cmd.end).trim(), range: statementRange, active });
    }
  }
  for (const p of scanProblems) problem(p.start, p.end, p.message);
  // When reading stopped, the if()s still open are closed further down, in what was not read: not faults.
  quiet = stopped;
  branches.finish(doc.text.length, (offset) => doc.positionAt(offset).line);
  quiet = false;
  if (budget.omitted) problems.push(omittedNote(doc.path, range(doc.text.length, doc.text.length), budget.omitted));

  const result: EffectiveConfig = {
    kind: 'dist', file: doc.path, distribution: options.distribution, settings, effective,
    externalMacros: new Map(), problems, directives, inactiveRanges: branches.inactive.map(([a, b]) => range(a, b)),
  };
  if (base) result.base = base;
  return result;

  function setting(nameArg: CmArg, values: CmArg[], via: OptionSetting['via'], active: boolean, statementRange: OptionSetting['statementRange']): OptionSetting {
    const s: OptionSetting = {
      name: expandVariables(nameArg.value, vars), via, value: undefined, file: doc.path,
      nameRange: range(nameArg.start, nameArg.end), statementRange, active,
    };
    if (values.length) {
      const a = values[0].start;
      const b = values[values.length - 1].end;
      s.rawValue = doc.text.slice(a, b);
      s.valueRange = range(a, b);
    }
    return s;
  }

  /** ON/OFF-style constants are switches, integer expressions (`60*5`) numbers, anything else a string. CMake
   *  has no types: quotes only group, so `"10"` is the number 10 for the generated header. Whatever is not an
   *  integer constant expression gets a `valueIssue` at its exact place, for the options that need a number. */
  function valueOf(values: CmArg[], s: OptionSetting): OptionValue | undefined {
    if (values.length > 1) {
      const joined = values.map((a) => expandVariables(a.value, vars)).join(';');
      s.valueIssue = { message: `${values.length} arguments make a CMake list, which the generated header writes as \`${joined}\``, range: range(values[1].start, values[values.length - 1].end) };
      return joined;
    }
    const a = values[0];
    const text = a.bracket ? a.value : expandVariables(a.value, vars);
    if (!a.quoted && !a.bracket) {
      const k = cmakeConstant(text);
      if (k !== undefined && !/^[+-]?[0-9]/.test(text)) return k;
    }
    // Offsets of the text map into the file when nothing was expanded or unescaped.
    const from = a.quoted ? a.start + 1 : a.start;
    const exact = !a.bracket && doc.text.slice(from, from + text.length) === text && (a.quoted ? a.end - 1 : a.end) === from + text.length;
    const at = (x: number, y: number) => (exact ? range(from + x, from + y) : range(a.start, a.end));
    const toks = tokenizeLine(text, 0).tokens;
    const exprLike = toks.length > 0 && toks.some((t) => t.kind === 'num') &&
      toks.every((t) => t.kind === 'num' || (t.kind === 'punct' && EXPR_PUNCT.has(t.text)) || (t.kind === 'id' && numericVar(t.text) !== undefined));
    if (!exprLike || a.quoted || a.bracket) {
      // Kept as text (quotes only group in CMake: "60" is still 60 for the generated header; the option's
      // type decides, see normalizeSetting).
      s.valueIssue = valueIssueOf(toks, at) ?? (toks.length ? undefined : { message: 'the value is empty', range: range(a.start, a.end) });
      return text;
    }
    const r = evaluate(toks, numericVars, 'value', limits);
    if (r.ok) return Number(r.value.v);
    if (toks.length === 1) {
      // e.g. 1.5 or 10s: CMake keeps it as a string; where a number is needed it does not compile.
      s.valueIssue = expressionError(r.error, r.start, r.end, at);
      return text;
    }
    problem(exact ? from + r.start : a.start, exact ? from + r.end : a.end, `value of ${s.name} (\`${text}\`): ${r.error}`);
    return undefined;
  }

  /** The variable's value as CMake stores it (a `;` list), built no further than the line limit allows. */
  function listValue(values: CmArg[]): string {
    let out = '';
    for (let i = 0; i < values.length && out.length <= limits.lineLength; i++) {
      out += (i > 0 ? ';' : '') + expandVariables(values[i].value, vars, 0, limits.lineLength);
    }
    return out;
  }

  function numericVar(id: string): string | undefined {
    const v = vars.get(id);
    return v !== undefined && /^[+-]?[0-9]+$/.test(v) ? v : undefined;
  }

  /** Why text that is not an integer expression would not compile as one: the first token that cannot be in
   *  one, a syntax error, or an identifier that neither a CMake variable nor the generated header defines. */
  function valueIssueOf(toks: Tok[], at: (x: number, y: number) => Range): ValueIssue | undefined {
    if (toks.length === 0) return undefined;
    const odd = toks.find((t) => !(t.kind === 'num' || t.kind === 'id' || t.kind === 'chr' || (t.kind === 'punct' && EXPR_PUNCT.has(t.text))));
    if (odd) return odd.kind === 'str' ? { message: `${odd.text} is a string literal`, range: at(odd.start, odd.end) } : notAnExpression(odd, at);
    const r = evaluate(toks, numericVars, 'value', limits);
    if (!r.ok) return expressionError(r.error, r.start, r.end, at);
    return unknownIdentifiers((r.unresolvedAt ?? []).filter((u) => !vars.has(u.name)), 'dist', at);
  }
}

/** The value arguments of set(): everything before CACHE / PARENT_SCOPE. */
function valueArgs(args: CmArg[]): CmArg[] {
  const out: CmArg[] = [];
  for (const a of args) {
    if (!a.quoted && !a.bracket && (a.value === 'CACHE' || a.value === 'PARENT_SCOPE')) break;
    out.push(a);
  }
  return out;
}
