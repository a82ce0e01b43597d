// Reads asc_config.h-style headers and nx_user.h as the C preprocessor would: every #define / #undef /
// CMake `/* #undef X */` becomes an OptionSetting, #if groups are evaluated, problems become MA100.
import type { SourceDocument } from '../../language/document';
import type { Diagnostic } from '../../language/types';
import type { ConfigDirective, ConfigFileKind, Distribution, EffectiveConfig, OptionSetting } from '../model';
import { BranchStack } from './branches';
import { evaluate, expandMacros, stringValue, type MacroDef, type MacroTable } from './c-expression';
import { scanHeader, tokenizeLine, type DirectiveItem, type Tok } from './c-lexer';
import { readProblem } from './problems';

export interface HeaderReadOptions {
  kind: Extract<ConfigFileKind, 'header' | 'nx_user'>;
  distribution: Distribution;
  /** nx_user.h as already read: its effective #defines are visible from the top of this file. */
  nxUser?: EffectiveConfig;
}

/** Tokens that can appear in an integer expression; a body with anything else is code, not a value. */
const EXPR_PUNCT = new Set(['(', ')', '+', '-', '*', '/', '%', '<<', '>>', '<', '<=', '>', '>=', '==', '!=', '&', '^', '|', '&&', '||', '!', '~', '?', ':', ',']);

const IGNORED_DIRECTIVES = new Set(['line', 'ident', 'sccs', 'assert', 'unassert']);

interface Pending {
  setting: OptionSetting;
  body: Tok[];
}

export function readHeader(doc: SourceDocument, options: HeaderReadOptions): EffectiveConfig {
  const text = doc.text;
  const scan = scanHeader(text);
  const problems: Diagnostic[] = scan.problems.map((p) => readProblem(doc, p.start, p.end, p.message));
  const settings: OptionSetting[] = [];
  const effective = new Map<string, OptionSetting>();
  const externalMacros = new Map<string, OptionSetting>();
  const directives: ConfigDirective[] = [];
  const macros = new Map<string, MacroDef>();
  const external = new Map<string, OptionSetting>();
  const pending: Pending[] = [];

  if (options.nxUser) {
    for (const [name, s] of options.nxUser.effective) {
      if (s.via !== 'define' || s.functionLike) continue;
      macros.set(name, { name, body: tokenizeLine(s.rawValue ?? '', 0).tokens.map((t) => ({ ...t, start: -1, end: -1 })) });
      external.set(name, s);
    }
  }
  const table: MacroTable = {
    lookup: (name) => macros.get(name),
    touched: (name) => {
      const ext = external.get(name);
      // Only a use that still sees nx_user.h's definition counts (a local #define replaces it).
      if (ext && macros.get(name)?.body.every((t) => t.start === -1)) externalMacros.set(name, ext);
    },
  };
  const branches = new BranchStack({ if: '#if', elif: '#elif', else: '#else', endif: '#endif' });
  const range = (a: number, b: number) => doc.rangeOf(a, b);
  const problem = (a: number, b: number, message: string) => problems.push(readProblem(doc, a, b, message));

  const setEffective = (s: OptionSetting) => {
    if (s.active) effective.set(s.name, s);
  };

  /** Evaluates an #if / #elif condition; a problem makes it false. */
  const condition = (d: DirectiveItem, word: string): boolean => {
    if (d.tokens.length === 0) {
      problem(d.hash, d.end, `#${word} has no condition`);
      return false;
    }
    const r = evaluate(d.tokens, table, 'if');
    if (!r.ok) {
      const severity = r.kind === 'function-macro' ? 'warning' : 'error';
      problems.push(readProblem(doc, r.start, r.end, `#${word} condition: ${r.error}${r.kind === 'function-macro' ? '; the group is treated as not taken' : ''}`, severity));
      return false;
    }
    return r.value.v !== 0n;
  };

  const macroName = (d: DirectiveItem, word: string): Tok | undefined => {
    const t = d.tokens[0];
    if (!t || t.kind !== 'id') {
      problem(d.hash, d.end, `#${word} needs a macro name`);
      return undefined;
    }
    return t;
  };

  for (const item of scan.items) {
    const active = branches.active;
    if (item.type !== 'directive') {
      if (item.type === 'commented-define') {
        directives.push({ kind: 'commented-define', name: item.name, range: range(item.start, item.end), nameRange: range(item.nameStart, item.nameEnd), active });
        continue;
      }
      const s: OptionSetting = {
        name: item.name, via: 'cmake-undef', value: false, file: doc.path,
        nameRange: range(item.nameStart, item.nameEnd), statementRange: range(item.start, item.end), active,
      };
      settings.push(s);
      // The comment changes nothing for the compiler: it only states the value when nothing defined it.
      if (active && !macros.has(item.name)) setEffective(s);
      continue;
    }
    const d: DirectiveItem = item;
    const word = d.name?.text;
    if (word === undefined) continue; // the null directive `#`
    switch (word) {
      case 'define': {
        const nameTok = macroName(d, 'define');
        if (!nameTok) break;
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
            problem(d.tokens[1].start, d.end, `#define ${nameTok.text}( is missing its \`)\``);
            break;
          }
          k++;
        }
        const body = d.tokens.slice(k);
        const s: OptionSetting = {
          name: nameTok.text, via: 'define', value: undefined, file: doc.path,
          nameRange: range(nameTok.start, nameTok.end), statementRange: range(d.hash, d.end), active,
        };
        if (body.length) {
          s.rawValue = joinTokens(body);
          s.valueRange = range(body[0].start, body[body.length - 1].end);
        }
        if (params) s.functionLike = true;
        else if (body.length === 0) s.value = true;
        else if (!defineValue(s, body)) pending.push({ setting: s, body });
        settings.push(s);
        if (active) {
          macros.set(nameTok.text, { name: nameTok.text, params, body });
          setEffective(s);
        }
        break;
      }
      case 'undef': {
        const nameTok = macroName(d, 'undef');
        if (!nameTok) break;
        const s: OptionSetting = {
          name: nameTok.text, via: 'undef', value: false, file: doc.path,
          nameRange: range(nameTok.start, nameTok.end), statementRange: range(d.hash, d.end), active,
        };
        settings.push(s);
        if (active) {
          macros.delete(nameTok.text);
          setEffective(s);
        }
        break;
      }
      case 'ifdef':
      case 'ifndef': {
        let taken = false;
        if (branches.parentActive) {
          const nameTok = macroName(d, word);
          if (nameTok) {
            table.touched?.(nameTok.text);
            taken = macros.has(nameTok.text) === (word === 'ifdef');
          }
        }
        branches.open(d.hash, d.end, `#${word}`, taken);
        break;
      }
      case 'if':
        branches.open(d.hash, d.end, '#if', branches.parentActive ? condition(d, 'if') : false);
        break;
      case 'elif':
      case 'elifdef':
      case 'elifndef': {
        let taken = false;
        if (branches.elifNeedsEval()) {
          if (word === 'elif') taken = condition(d, 'elif');
          else {
            const nameTok = macroName(d, word);
            if (nameTok) taken = macros.has(nameTok.text) === (word === 'elifdef');
          }
        }
        const err = branches.elif(d.hash, d.end, taken);
        if (err) problem(d.hash, d.end, err.message.replace('#elif', `#${word}`));
        break;
      }
      case 'else': {
        const err = branches.else(d.hash, d.end);
        if (err) problem(d.hash, d.end, err.message);
        break;
      }
      case 'endif': {
        const err = branches.endif(d.hash);
        if (err) problem(d.hash, d.end, err.message);
        break;
      }
      case 'include':
      case 'include_next':
      case 'import':
        directives.push({ kind: 'include', name: word, text: argText(text, d), range: range(d.hash, d.end), active });
        break;
      case 'pragma':
        directives.push({ kind: 'pragma', name: word, text: argText(text, d), range: range(d.hash, d.end), active });
        break;
      case 'warning':
        directives.push({ kind: 'warning', name: word, text: argText(text, d), range: range(d.hash, d.end), active });
        break;
      case 'error':
        if (active) problem(d.hash, d.end, `#error in a group that is taken: the build stops here (${argText(text, d) || 'no message'})`);
        break;
      case 'cmakedefine':
      case 'cmakedefine01':
        // A configure_file() template line (asc_config.h.in): its value is only known after CMake runs.
        directives.push({ kind: 'cmakedefine', name: d.tokens[0]?.text ?? word, text: argText(text, d), range: range(d.hash, d.end), active });
        break;
      default:
        if (IGNORED_DIRECTIVES.has(word)) break;
        if (active) problem(d.name!.start, d.name!.end, `unknown preprocessor directive #${word}`);
    }
  }

  for (const open of branches.unclosed()) {
    problem(open.start, open.end, `${open.opener} at line ${doc.positionAt(open.start).line + 1} has no matching #endif`);
  }
  branches.finish(text.length);

  // A value naming macros defined further down (or not at all) is evaluated against the final table.
  for (const p of pending) finalValue(p);

  return {
    kind: options.kind,
    file: doc.path,
    distribution: options.distribution,
    settings,
    effective,
    externalMacros,
    problems,
    directives,
    inactiveRanges: branches.inactive.map(([a, b]) => range(a, b)),
  };

  /** Sets `s.value` from a non-empty object-like body. False when it depends on macros not (yet) defined. */
  function defineValue(s: OptionSetting, body: Tok[]): boolean {
    if (!body.every(isExpressionToken)) {
      if (body.every((t) => t.kind === 'str')) {
        s.value = stringValue(body);
        return true;
      }
      return true; // code, such as `for (;;) { }`: recorded, no value
    }
    let expanded: Tok[];
    try {
      expanded = expandMacros(body, table, 'value');
    } catch {
      return false;
    }
    if (expanded.length && expanded.every((t) => t.kind === 'str')) {
      s.value = stringValue(expanded);
      return true;
    }
    const r = evaluate(body, table, 'value');
    if (r.ok && !r.unresolved) {
      s.value = toNumber(r.value.v);
      return true;
    }
    if (r.ok) return false;
    if (r.kind === 'function-macro') return true;
    // Syntax errors only count when the body is numbers and operators alone: with names from other
    // headers (types, casts, sizeof) it may be valid C this reader does not model.
    if (r.kind === 'div0' || !expanded.some((t) => t.kind === 'id')) {
      problem(r.start, r.end, `value of ${s.name} (\`${s.rawValue}\`): ${r.error}`);
      return true;
    }
    return false;
  }

  function finalValue(p: Pending): void {
    const r = evaluate(p.body, table, 'value');
    if (r.ok && !r.unresolved) p.setting.value = toNumber(r.value.v);
    else if (r.ok) return;
    else if (r.kind === 'div0') problem(r.start, r.end, `value of ${p.setting.name} (\`${p.setting.rawValue}\`): ${r.error}`);
  }
}

function isExpressionToken(t: Tok): boolean {
  return t.kind === 'id' || t.kind === 'num' || t.kind === 'chr' || t.kind === 'str' || (t.kind === 'punct' && EXPR_PUNCT.has(t.text));
}

function toNumber(v: bigint): number {
  return Number(v);
}

/** Tokens as written, one space where the source had blanks, comments or continuations. */
function joinTokens(toks: Tok[]): string {
  let s = '';
  for (let i = 0; i < toks.length; i++) s += (i > 0 && toks[i].spaceBefore ? ' ' : '') + toks[i].text;
  return s;
}

function argText(_text: string, d: DirectiveItem): string {
  return joinTokens(d.tokens);
}
