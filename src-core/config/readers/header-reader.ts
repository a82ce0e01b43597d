// Reads asc_config.h-style headers and nx_user.h as the C preprocessor would: every #define / #undef /
// CMake `/* #undef X */` becomes an OptionSetting, #if groups are evaluated, problems become MA100.
import type { SourceDocument } from '../../language/document';
import type { Diagnostic } from '../../language/types';
import type { ConfigDirective, ConfigFileKind, Distribution, EffectiveConfig, OptionSetting } from '../model';
import { BranchStack, type BranchStep } from './branches';
import { evaluate, expandMacros, stringValue, type MacroDef, type MacroTable } from './c-expression';
import { scanItems, tokenizeLine, type CommentedItem, type DirectiveItem, type ScanProblem, type Tok } from './c-lexer';
import { defaultContentLimits, LIMIT_CODE, limitNote, overLimit, type ContentLimits } from '../../project-config/content-limits';
import { ProblemBudget, omittedNote } from '../../language/problem-cap';

const fmt = (n: number) => n.toLocaleString('en-US');
import { readProblem } from './problems';
import { expressionError, notAnExpression, recursiveMacro, unknownIdentifiers } from './value-issues';

export interface HeaderReadOptions {
  kind: Extract<ConfigFileKind, 'header' | 'nx_user'>;
  distribution: Distribution;
  /** nx_user.h as already read: its effective #defines are visible from the top of this file. */
  nxUser?: EffectiveConfig;
  /** The project's content limits (statements, line length, expression size); the defaults when absent. */
  limits?: ContentLimits;
}

/** Items read between two pauses of `readHeaderSteps` (a few milliseconds of work). */
const ITEMS_PER_STEP = 1024;

/** Tokens that can appear in an integer expression; a body with anything else is code, not a value. */
const EXPR_PUNCT = new Set(['(', ')', '+', '-', '*', '/', '%', '<<', '>>', '<', '<=', '>', '>=', '==', '!=', '&', '^', '|', '&&', '||', '!', '~', '?', ':', ',']);

const IGNORED_DIRECTIVES = new Set(['line', 'ident', 'sccs', 'assert', 'unassert']);

/** The directives that open, switch or close a group, with their role and whether they test definition. */
const CONDITIONALS: Record<string, { step: BranchStep; test?: 'defined' | 'undefined' | 'expression' }> = {
  if: { step: 'if', test: 'expression' },
  ifdef: { step: 'if', test: 'defined' },
  ifndef: { step: 'if', test: 'undefined' },
  elif: { step: 'elif', test: 'expression' },
  elifdef: { step: 'elif', test: 'defined' },
  elifndef: { step: 'elif', test: 'undefined' },
  else: { step: 'else' },
  endif: { step: 'endif' },
};

/** Directives recorded as they are, with their argument text. */
const RECORDED: Record<string, ConfigDirective['kind']> = {
  include: 'include', include_next: 'include', import: 'include', pragma: 'pragma', warning: 'warning',
};

/** A define whose value names macros defined further down (or nowhere): evaluated at the end of the file. */
interface Pending {
  setting: OptionSetting;
  body: Tok[];
}

export function readHeader(doc: SourceDocument, options: HeaderReadOptions): EffectiveConfig {
  const reader = new HeaderReader(doc, options);
  for (const _ of reader.steps()) { /* run to the end */ }
  return reader.result();
}

/** The same reading, pausing (yield) every few milliseconds of work, so a caller can let other work run between
 *  the pauses or stop (the language server does both: checking a 50 MB header must not hold every request). */
export function* readHeaderSteps(doc: SourceDocument, options: HeaderReadOptions): Generator<void, EffectiveConfig, void> {
  const reader = new HeaderReader(doc, options);
  yield* reader.steps();
  return reader.result();
}

class HeaderReader {
  private readonly problems: Diagnostic[] = [];
  private readonly settings: OptionSetting[] = [];
  private readonly effective = new Map<string, OptionSetting>();
  private readonly externalMacros = new Map<string, OptionSetting>();
  private readonly directives: ConfigDirective[] = [];
  private readonly macros = new Map<string, MacroDef>();
  /** nx_user.h's definitions, by name, while this file has not replaced them. */
  private readonly external = new Map<string, OptionSetting>();
  private readonly pending: Pending[] = [];
  private readonly table: MacroTable;
  private readonly branches: BranchStack;
  private readonly limits: ContentLimits;
  /** Problems past the cap are counted, not built. */
  private readonly budget = new ProblemBudget();
  /** Directives read so far (and commented ones), against `limits.statements`. */
  private statements = 0;
  /** Set when reading stopped at a limit: what follows was not read, so unclosed #ifs are not faults. */
  private stopped = false;
  /** Drops problems (the end of a file whose reading stopped early). */
  private quiet = false;

  constructor(private readonly doc: SourceDocument, private readonly options: HeaderReadOptions) {
    this.limits = options.limits ?? defaultContentLimits;
    if (options.nxUser) {
      for (const [name, s] of options.nxUser.effective) {
        if (s.via !== 'define' || s.functionLike) continue;
        this.macros.set(name, { name, body: tokenizeLine(s.rawValue ?? '', 0).tokens.map((t) => ({ ...t, start: -1, end: -1 })) });
        this.external.set(name, s);
      }
    }
    this.table = {
      lookup: (name) => this.macros.get(name),
      touched: (name) => {
        const ext = this.external.get(name);
        // Only a use that still sees nx_user.h's definition counts (a local #define replaces it).
        if (ext && this.macros.get(name)?.body.every((t) => t.start === -1)) this.externalMacros.set(name, ext);
      },
    };
    this.branches = new BranchStack({ if: '#if', elif: '#elif', else: '#else', endif: '#endif' }, (a, b, m) => this.problem(a, b, m));
  }

  *steps(): Generator<void, void, void> {
    const { doc } = this;
    const scanProblems: ScanProblem[] = [];
    const flush = () => {
      for (const p of scanProblems) this.problem(p.start, p.end, p.message);
      scanProblems.length = 0;
    };
    let n = 0;
    for (const item of scanItems(doc.text, scanProblems, this.limits)) {
      if (item.type === 'pause') {
        yield;
        continue;
      }
      if (scanProblems.length) flush();
      if (++this.statements > this.limits.statements) {
        const at = item.type === 'directive' ? item.hash : item.start;
        this.limitProblem(at, at + 1, `more than ${fmt(this.limits.statements)} directives (${limitNote('statements')}): reading stops here and what follows is not read`);
        this.stopped = true;
        break;
      }
      if (item.type === 'directive') this.directive(item);
      else this.commented(item);
      if (++n % ITEMS_PER_STEP === 0) yield;
    }
    flush();
    // When reading stopped, the #ifs still open are closed further down, in what was not read: not faults.
    this.quiet = this.stopped;
    this.branches.finish(doc.text.length, (offset) => doc.positionAt(offset).line);
    this.quiet = false;
    // A value naming macros defined further down (or not at all) is evaluated against the final table.
    for (const p of this.pending) {
      this.finalValue(p);
      if (++n % ITEMS_PER_STEP === 0) yield;
    }
  }

  result(): EffectiveConfig {
    const { doc } = this;
    const problems = this.budget.omitted ? [...this.problems, omittedNote(doc.path, doc.rangeOf(doc.text.length, doc.text.length), this.budget.omitted)] : this.problems;
    return {
      kind: this.options.kind, file: doc.path, distribution: this.options.distribution, settings: this.settings,
      effective: this.effective, externalMacros: this.externalMacros, problems, directives: this.directives,
      inactiveRanges: this.branches.inactive.map(([a, b]) => this.range(a, b)),
    };
  }

  private range(a: number, b: number) {
    return this.doc.rangeOf(a, b);
  }

  private problem(a: number, b: number, message: string, severity?: Diagnostic['severity']): void {
    if (!this.quiet && this.budget.take(this.problems.length)) this.problems.push(readProblem(this.doc, a, b, message, severity));
  }

  /** A refusal at a content limit (MA005), always kept: it says why the rest of the file may be unchecked. */
  private limitProblem(a: number, b: number, message: string): void {
    this.problems.push({ ...readProblem(this.doc, a, b, message), code: LIMIT_CODE });
  }

  /** A comment line: CMake's `/* #undef X *\/` for an OFF option, or a commented-out `#define`. */
  private commented(item: CommentedItem): void {
    const active = this.branches.active;
    if (item.type === 'commented-define') {
      this.directives.push({ kind: 'commented-define', name: item.name, range: this.range(item.start, item.end), nameRange: this.range(item.nameStart, item.nameEnd), active });
      return;
    }
    const s: OptionSetting = {
      name: item.name, via: 'cmake-undef', value: false, file: this.doc.path,
      nameRange: this.range(item.nameStart, item.nameEnd), statementRange: this.range(item.start, item.end), active,
    };
    this.settings.push(s);
    // The comment changes nothing for the compiler: it only states the value when nothing defined it.
    if (active && !this.macros.has(item.name)) this.effective.set(s.name, s);
  }

  private directive(d: DirectiveItem): void {
    const word = d.name?.text;
    if (word === undefined) return; // the null directive `#`
    const conditional = CONDITIONALS[word];
    if (d.overLimit) return this.refused(d, word, conditional);
    if (conditional) return this.conditional(d, word, conditional);
    const active = this.branches.active;
    switch (word) {
      case 'define':
        return this.define(d, active);
      case 'undef':
        return this.undef(d, active);
      case 'error':
        if (active) this.problem(d.hash, d.end, `#error in a group that is taken: the build stops here (${joinTokens(d.tokens) || 'no message'})`);
        return;
      case 'cmakedefine':
      case 'cmakedefine01':
        // A configure_file() template line (asc_config.h.in): its value is only known after CMake runs.
        this.directives.push({ kind: 'cmakedefine', name: d.tokens[0]?.text ?? word, text: joinTokens(d.tokens), range: this.range(d.hash, d.end), active });
        return;
    }
    const recorded = RECORDED[word];
    if (recorded) this.directives.push({ kind: recorded, name: word, text: joinTokens(d.tokens), range: this.range(d.hash, d.end), active });
    else if (!IGNORED_DIRECTIVES.has(word) && active) this.problem(d.name!.start, d.name!.end, `unknown preprocessor directive #${word}`);
  }

  /** A directive past the line or token limit: not read; a conditional still opens or switches its group
   *  (as not taken), so the structure of the rest of the file holds. */
  private refused(d: DirectiveItem, word: string, conditional: (typeof CONDITIONALS)[string] | undefined): void {
    const what = d.overLimit === 'lineLength'
      ? `#${word} is ${fmt(d.end - d.hash)} characters long, ${overLimit('lineLength', this.limits.lineLength)}`
      : `#${word} holds more than ${fmt(this.limits.expressionTokens)} tokens (${limitNote('expressionTokens')})`;
    const active = this.branches.active;
    if (conditional) this.branches.step(conditional.step, d.hash, d.end, conditional.test ? () => false : undefined, `#${word}`);
    if (active || conditional) this.limitProblem(d.hash, d.hash + 1 + word.length, `${what}: not read${conditional?.test ? '; the group is treated as not taken' : ''}`);
  }

  private conditional(d: DirectiveItem, word: string, c: (typeof CONDITIONALS)[string]): void {
    const condition = c.test === 'expression' ? () => this.condition(d, word)
      : c.test ? () => {
        const nameTok = this.macroName(d, word);
        if (!nameTok) return false;
        this.table.touched?.(nameTok.text);
        return this.macros.has(nameTok.text) === (c.test === 'defined');
      } : undefined;
    this.branches.step(c.step, d.hash, d.end, condition, `#${word}`);
  }

  /** Evaluates an #if / #elif condition; a problem makes it false. */
  private condition(d: DirectiveItem, word: string): boolean {
    if (d.tokens.length === 0) {
      this.problem(d.hash, d.end, `#${word} has no condition`);
      return false;
    }
    const r = evaluate(d.tokens, this.table, 'if', this.limits);
    if (!r.ok && r.kind === 'too-large') {
      this.limitProblem(r.start, r.end, `#${word} condition: ${r.error}; the group is treated as not taken`);
      return false;
    }
    if (!r.ok) {
      const fn = r.kind === 'function-macro';
      this.problem(r.start, r.end, `#${word} condition: ${r.error}${fn ? '; the group is treated as not taken' : ''}`, fn ? 'warning' : 'error');
      return false;
    }
    for (const rec of r.recursive ?? []) {
      // Valid C (a name left in #if counts as 0), but never what was meant.
      this.problem(rec.start, rec.end, `#${word} condition: \`${rec.name}\` expands to itself (${rec.chain.map((n) => `\`${n}\``).join(' -> ')}), so it counts as 0`, 'warning');
    }
    return r.value.v !== 0n;
  }

  private macroName(d: DirectiveItem, word: string): Tok | undefined {
    const t = d.tokens[0];
    if (!t || t.kind !== 'id') {
      this.problem(d.hash, d.end, `#${word} needs a macro name`);
      return undefined;
    }
    return t;
  }

  private define(d: DirectiveItem, active: boolean): void {
    const nameTok = this.macroName(d, 'define');
    if (!nameTok) return;
    let k = 1;
    let params: string[] | undefined;
    if (d.tokens[1]?.text === '(' && !d.tokens[1].spaceBefore) {
      params = [];
      k = 2;
      while (k < d.tokens.length && d.tokens[k].text !== ')') {
        if (d.tokens[k].text !== ',') params.push(d.tokens[k].text);
        k++;
      }
      if (k >= d.tokens.length) {
        this.problem(d.tokens[1].start, d.end, `#define ${nameTok.text}( is missing its \`)\``);
        return;
      }
      k++;
    }
    const body = d.tokens.slice(k);
    const s: OptionSetting = {
      name: nameTok.text, via: 'define', value: undefined, file: this.doc.path,
      nameRange: this.range(nameTok.start, nameTok.end), statementRange: this.range(d.hash, d.end), active,
    };
    if (body.length) {
      s.rawValue = joinTokens(body);
      s.valueRange = this.range(body[0].start, body[body.length - 1].end);
    }
    if (params) s.functionLike = true;
    else if (body.length === 0) s.value = true;
    else if (!this.defineValue(s, body)) this.pending.push({ setting: s, body });
    this.settings.push(s);
    if (active) {
      this.macros.set(nameTok.text, { name: nameTok.text, params, body });
      this.effective.set(s.name, s);
    }
  }

  private undef(d: DirectiveItem, active: boolean): void {
    const nameTok = this.macroName(d, 'undef');
    if (!nameTok) return;
    const s: OptionSetting = {
      name: nameTok.text, via: 'undef', value: false, file: this.doc.path,
      nameRange: this.range(nameTok.start, nameTok.end), statementRange: this.range(d.hash, d.end), active,
    };
    this.settings.push(s);
    if (active) {
      this.macros.delete(nameTok.text);
      this.effective.set(s.name, s);
    }
  }

  /** Sets `s.value` from a non-empty object-like body. False when it depends on macros not (yet) defined. */
  private defineValue(s: OptionSetting, body: Tok[]): boolean {
    const odd = body.find((t) => !isExpressionToken(t));
    if (odd) {
      if (body.every((t) => t.kind === 'str')) {
        s.value = stringValue(body);
        return true;
      }
      // Code, such as `for (;;) { }`: recorded, no value. Where a number is needed it does not compile.
      s.valueIssue = notAnExpression(odd, (a, b) => this.range(a, b));
      return true;
    }
    let expanded: Tok[];
    try {
      expanded = expandMacros(body, this.table, 'value', undefined, this.limits);
    } catch {
      // Evaluated again at the end of the file, which reports what is wrong (a limit included).
      return false;
    }
    if (expanded.length && expanded.every((t) => t.kind === 'str')) {
      s.value = stringValue(expanded);
      return true;
    }
    const r = evaluate(body, this.table, 'value', this.limits);
    if (r.ok && !r.unresolved) {
      s.value = Number(r.value.v);
      return true;
    }
    if (r.ok) return false;
    if (r.kind === 'function-macro') return true;
    if (r.kind === 'too-large') {
      this.limitProblem(r.start, r.end, `value of ${s.name}: ${r.error}; not read`);
      return true;
    }
    if (r.kind === 'syntax' && body.length === 1 && body[0].kind === 'num' && !INTEGER_LITERAL.test(body[0].text)) {
      // One number that is no integer (`10s`, `1.5`): fine for the preprocessor, an error where the agent uses
      // it as a number. The rules say so (MA102, with the whole seconds), as for a dist. An integer literal
      // past 64 bits stays a read error below.
      s.valueIssue = expressionError(r.error, r.start, r.end, (a, b) => this.range(a, b));
      return true;
    }
    // Syntax errors only count when the body is numbers and operators alone: with names from other
    // headers (types, casts, sizeof) it may be valid C this reader does not model.
    if (r.kind === 'div0' || !expanded.some((t) => t.kind === 'id')) {
      this.problem(r.start, r.end, `value of ${s.name} (\`${s.rawValue}\`): ${r.error}`);
      return true;
    }
    return false;
  }

  private finalValue(p: Pending): void {
    const r = evaluate(p.body, this.table, 'value', this.limits);
    if (r.ok && !r.unresolved) p.setting.value = Number(r.value.v);
    else if (r.ok) {
      // A name left by a macro that expands into itself is defined, just never resolved: say which chain.
      const rangeOf = (a: number, b: number) => this.range(a, b);
      p.setting.valueIssue = r.recursive?.length ? recursiveMacro(r.recursive[0], rangeOf)
        : unknownIdentifiers(r.unresolvedAt ?? [], 'header', rangeOf);
    }
    else if (r.kind === 'div0') this.problem(r.start, r.end, `value of ${p.setting.name} (\`${p.setting.rawValue}\`): ${r.error}`);
    else if (r.kind === 'too-large') this.limitProblem(r.start, r.end, `value of ${p.setting.name}: ${r.error}; not read`);
  }
}

/** Digits alone (decimal, octal, hex, binary) with C's integer suffixes: what is wrong with one is its size. */
const INTEGER_LITERAL = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)[uUlL]*$/;

function isExpressionToken(t: Tok): boolean {
  return t.kind === 'id' || t.kind === 'num' || t.kind === 'chr' || t.kind === 'str' || (t.kind === 'punct' && EXPR_PUNCT.has(t.text));
}

/** Tokens as written, one space where the source had blanks, comments or continuations. */
function joinTokens(toks: Tok[]): string {
  let s = '';
  for (let i = 0; i < toks.length; i++) s += (i > 0 && toks[i].spaceBefore ? ' ' : '') + toks[i].text;
  return s;
}
