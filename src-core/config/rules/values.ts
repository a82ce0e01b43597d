// MA102 (wrong value type) and MA103 (value out of range) on every setting the file writes.
import { defaultFor, formatValue, optionInfo, type OptionInfo } from '../../catalogue/options';
import type { OptionSetting } from '../model';
import { isOn, normalizeSetting } from '../option-values';
import type { RuleContext } from './context';
import { tokenizeLine } from '../readers/c-lexer';
import { isExpressionTokens } from '../readers/value-issues';

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

function expected(info: OptionInfo, dist: boolean): string {
  switch (info.type) {
    case 'bool': return dist ? 'ON or OFF' : 'a switch (defined or not)';
    case 'int': return info.unit === 'seconds' ? 'a whole number of seconds' : 'a whole number';
    case 'string': return 'a string literal';
    default: return 'a macro';
  }
}

function literal(info: OptionInfo, v: unknown, dist: boolean): string {
  if (info.type === 'bool') return v ? (dist ? 'ON' : '') : dist ? 'OFF' : '';
  if (info.type === 'string') return JSON.stringify(v ?? '');
  return String(v);
}

export function valueTypes(ctx: RuleContext): void {
  for (const s of ctx.config.settings) {
    if (s.file !== ctx.file || !s.active || (s.via !== 'define' && s.via !== 'set')) continue;
    const info = optionInfo(s.name);
    if (!info || info.home === 'nx_user') continue;
    const n = normalizeSetting(info, s, ctx.config.kind);
    const dflt = defaultFor(info, ctx.config.distribution) ?? info.fallback;
    if (!n.ok) {
      // A value that is no integer constant expression (`abc`, `10s`, code, a list) does not compile where the
      // agent uses the option as a number; the reader says why and where.
      const issue = info.type === 'int' ? s.valueIssue : undefined;
      if (!issue && s.value === undefined && s.rawValue !== undefined && info.type !== 'string') continue; // the reader reported it (MA100)
      // A dist value of names only NetX Duo's or ThreadX's headers define (`NX_IP_PERIODIC_RATE / 10`): not judged.
      if (!issue && ctx.isDist && info.type === 'int' && typeof s.value === 'string' && isExpressionTokens(tokenizeLine(s.value, 0).tokens)) continue;
      const fixes = [];
      const units = info.unit === 'seconds' ? secondsFromUnits(s) : undefined;
      if (units !== undefined && s.valueRange) fixes.push({ title: `Write ${units} (whole seconds)`, edits: [{ range: s.valueRange, newText: String(units) }], preferred: true });
      const unquoted = info.type === 'int' ? quotedInteger(s) : undefined;
      if (unquoted !== undefined && s.valueRange) fixes.push({ title: `Remove the quotes: ${unquoted}`, edits: [{ range: s.valueRange, newText: unquoted }], preferred: true });
      if (dflt !== undefined && dflt !== false) {
        const text = literal(info, dflt, ctx.isDist);
        fixes.push(s.valueRange
          ? { title: `Use the default ${formatValue(info, dflt)}`, edits: [{ range: s.valueRange, newText: text }], preferred: fixes.length === 0 }
          : { title: `Add the default ${formatValue(info, dflt)}`, edits: [{ range: { start: s.nameRange.end, end: s.nameRange.end }, newText: ` ${text}` }], preferred: true });
      }
      if (issue) {
        // A name could come from a project header this file includes, which the reader does not follow.
        const other = issue.unknownNames ? projectIncludes(ctx) : [];
        const unless = other.length ? ` (unless ${other.join(' or ')}, which this file includes, defines it)` : '';
        ctx.report('MA102', issue.range, `${s.name} does not compile where the agent uses it as a number: ${issue.message}${unless}.${units !== undefined ? ` The value is in seconds: write ${units}.` : ''}`,
          { fixes, ...(other.length ? { severity: 'warning' as const } : {}), ...(issue.recursive ? { related: chainDefinitions(ctx, issue.recursive) } : {}) });
      } else if (unquoted !== undefined) {
        ctx.report('MA102', s.valueRange ?? s.nameRange, `${s.name} is the string literal ${s.rawValue}: the agent uses it as a number, so the compiler rejects it. Write ${unquoted}.`, { fixes });
      } else {
        ctx.report('MA102', s.valueRange ?? s.nameRange, `${s.name} needs ${expected(info, ctx.isDist)}: ${n.reason}.`, { fixes });
      }
      continue;
    }
    if (info.type === 'bool') switchValue(ctx, s, info);
    else if (info.type === 'int' && typeof n.value === 'number') range(ctx, s, info, n.value);
  }
  cacheSizes(ctx);
}

/** Where each macro of a recursive chain is defined (the active definitions this file reads). */
function chainDefinitions(ctx: RuleContext, chain: string[]) {
  const names = new Set(chain);
  return ctx.config.settings.filter((x) => x.active && x.via === 'define' && names.has(x.name))
    .map((x) => ({ file: x.file, range: x.statementRange, message: `${x.name} is defined here` }));
}

/** The headers asc_config.h includes itself (the platform's); their macros are NetX Duo's and ThreadX's. */
const PLATFORM_HEADERS = new Set(['tx_port.h', 'nx_port.h', 'nx_api.h', 'tx_api.h', 'nx_user.h', 'tx_user.h']);

/** Other headers the file includes (active `#include`s), by the name written. */
function projectIncludes(ctx: RuleContext): string[] {
  const out: string[] = [];
  for (const d of ctx.config.directives ?? []) {
    if (d.kind !== 'include' || !d.active || !d.text) continue;
    const name = d.text.replace(/^[<"]|[>"]$/g, '');
    if (!PLATFORM_HEADERS.has(name.slice(name.lastIndexOf('/') + 1))) out.push(name);
  }
  return out;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600 };

/** `10s`, `5min`, `500ms`, `1h` written on a seconds option: the whole seconds meant (at least 1). */
function secondsFromUnits(s: OptionSetting): number | undefined {
  const m = /^"?\s*(\d+)\s*([a-z]+)\s*"?$/i.exec(s.rawValue ?? '');
  const per = m ? UNIT_SECONDS[m[2].toLowerCase()] : undefined;
  return per === undefined ? undefined : Math.max(1, Math.ceil(Number(m![1]) * per));
}

/** A header's `"10"`: the integer inside the quotes, when that is all there is. */
function quotedInteger(s: OptionSetting): string | undefined {
  return typeof s.value === 'string' && /^"/.test(s.rawValue ?? '') && /^[+-]?\d+$/.test(s.value.trim()) ? s.value.trim() : undefined;
}

/** `#define SWITCH 0` is ON for `#ifdef`; in CMake, numbers other than 0 and 1 read as true. */
function switchValue(ctx: RuleContext, s: OptionSetting, info: OptionInfo): void {
  if (typeof s.value !== 'number' || !s.valueRange) return;
  if (!ctx.isDist) {
    const zero = s.value === 0;
    ctx.report('MA102', s.valueRange,
      zero ? `${s.name} is tested with #ifdef: defining it to 0 still turns it ON. Remove it or #undef it to turn it OFF.`
        : `${s.name} is tested with #ifdef: the value ${s.rawValue ?? s.value} is ignored.`,
      { severity: zero ? 'error' : 'warning',
        fixes: [zero ? { title: `Turn ${info.name} OFF`, edits: [{ range: s.statementRange, newText: `/* #undef ${s.name} */` }], preferred: true }
          : { title: 'Remove the value', edits: [{ range: { start: s.nameRange.end, end: s.valueRange.end }, newText: '' }], preferred: true }] });
  } else if (s.value !== 0 && s.value !== 1) {
    ctx.report('MA102', s.valueRange, `${s.name} is a switch: CMake reads ${s.value} as ON. Write ON or OFF.`,
      { severity: 'warning', fixes: [{ title: 'Write ON', edits: [{ range: s.valueRange, newText: 'ON' }], preferred: true }] });
  }
}

function range(ctx: RuleContext, s: OptionSetting, info: OptionInfo, v: number): void {
  const r = info.range ?? {};
  const at = s.valueRange ?? s.nameRange;
  if (!Number.isInteger(v)) {
    const fixed = Math.max(r.min ?? -Infinity, Math.round(v));
    ctx.report('MA103', at, `${s.name} must be ${expected(info, ctx.isDist)}; ${v} is not (the event loop ticks once a second).`,
      { fixes: [ctx.replaceValue(s, String(fixed), `Set to ${fixed}`)].filter((f) => f !== undefined) });
    return;
  }
  const low = r.min !== undefined && v < r.min;
  const high = r.max !== undefined && v > r.max;
  if (!low && !high) return;
  const bound = low ? r.min! : r.max!;
  const why = info.unit === 'seconds' && low ? ' (0 or less stops the timer arithmetic: the start-up jitter divides by it)'
    : high && r.maxWhy ? ` (${r.maxWhy})` : '';
  const span = r.max !== undefined ? (r.min !== undefined ? `${r.min}..${r.max}` : `at most ${r.max}`) : `at least ${r.min}`;
  ctx.report('MA103', at, `${s.name} is ${v}; it must be ${span}${why}.`,
    { fixes: [ctx.replaceValue(s, String(bound), `Set to ${bound}`)].filter((f) => f !== undefined) });
}

/** A 0-size pool logs "Wrong definition pool size=[0]" and the collector captures nothing (§1.5). */
function cacheSizes(ctx: RuleContext): void {
  if (!isOn(ctx.resolved.written, `${NA}ENABLED`)) return;
  for (const version of [4, 6] as const) {
    const name = `${NA}MAX_IPV${version}_OBJECTS_IN_CACHE`;
    if (version === 6 && ctx.resolved.agent.ipv6Disabled) continue;
    const s = ctx.own(name);
    if (!s || ctx.written(name) !== 0) continue;
    const dflt = String(defaultFor(optionInfo(name)!, ctx.config.distribution) ?? 64);
    ctx.report('MA103', s.valueRange ?? s.nameRange,
      `${name} is 0 while the network collector${version === 6 ? ' and IPv6 are' : ' is'} on: the pool cannot be created and no IPv${version} flow is ever recorded.` +
      (version === 6 ? ' Define NX_DISABLE_IPV6 in nx_user.h if the device has no IPv6.' : ''),
      { fixes: [ctx.replaceValue(s, dflt, `Set to ${dflt}`)].filter((f) => f !== undefined) });
  }
}
