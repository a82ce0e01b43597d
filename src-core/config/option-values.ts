// Turns a setting as written into the value the agent's code sees, by the option's type, and merges a file's
// settings over its distribution's defaults. Shared by resolveAgentConfig and the config rules.
import { defaultFor, optionCatalogue, optionInfo, type OptionInfo } from '../catalogue/options';
import type { Distribution, EffectiveConfig, OptionSetting, OptionValue } from './model';
import { evaluate, type MacroTable } from './readers/c-expression';
import { tokenizeLine } from './readers/c-lexer';

export type Normalized = { ok: true; value: OptionValue | undefined } | { ok: false; reason: string };

const CMAKE_TRUE = /^(ON|YES|TRUE|Y)$/i;
const CMAKE_FALSE = /^(OFF|NO|FALSE|N|IGNORE|NOTFOUND|.*-NOTFOUND)?$/i;

/** The value a setting gives its option, or why it cannot (the rules report the reason as MA102). */
export function normalizeSetting(info: OptionInfo, s: OptionSetting, kind: EffectiveConfig['kind']): Normalized {
  const undef = s.via === 'undef' || s.via === 'cmake-undef';
  const dist = kind === 'dist';
  const v = s.value;
  switch (info.type) {
    case 'bool':
      if (undef) return { ok: true, value: false };
      if (typeof v === 'boolean') return { ok: true, value: v };
      // #ifdef tests definition only: any value defines the switch.
      if (!dist) return v === undefined && s.rawValue !== undefined ? { ok: false, reason: 'unreadable value' } : { ok: true, value: true };
      if (typeof v === 'number') return { ok: true, value: v !== 0 };
      if (typeof v === 'string' && CMAKE_TRUE.test(v)) return { ok: true, value: true };
      if (typeof v === 'string' && CMAKE_FALSE.test(v)) return { ok: true, value: false };
      return { ok: false, reason: 'not ON or OFF' };
    case 'int':
      if (undef || v === false) return { ok: true, value: info.fallback };
      if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: 'not a finite number' };
      if (v === true) return { ok: false, reason: dist ? 'ON is not a number' : 'defined without a value' };
      if (typeof v === 'string') {
        // CMake has no types: set(X "60") writes `#define X 60` into the generated header.
        const n = dist && s.rawValue?.startsWith('"') ? integerText(v) : undefined;
        if (n !== undefined) return { ok: true, value: n };
        return { ok: false, reason: /^[+-]?\d*\.\d+$/.test(v) ? `${v} is not a whole number` : 'a string is not a number' };
      }
      return { ok: false, reason: 'unreadable value' };
    case 'string':
      if (undef || v === false) return { ok: true, value: undefined };
      if (typeof v === 'string') return { ok: true, value: v };
      // CMake has no types: `set(ASC_SECURITY_MODULE_ID 42)` is the text 42 for the header's template.
      if (dist && typeof v === 'number' && s.rawValue !== undefined) return { ok: true, value: s.rawValue };
      return { ok: false, reason: v === true ? 'defined without a value' : 'not a string' };
    default:
      return { ok: true, value: undef ? undefined : v ?? s.rawValue };
  }
}

const NO_MACROS: MacroTable = { lookup: () => undefined };

/** The value of a text that is an integer constant expression of numbers alone (`60`, `60*5`). */
function integerText(text: string): number | undefined {
  const toks = tokenizeLine(text, 0).tokens;
  if (toks.length === 0) return undefined;
  const r = evaluate(toks, NO_MACROS, 'value');
  return r.ok && !r.unresolved ? Number(r.value.v) : undefined;
}

/** The setting in effect for an option when it is written in the checked file itself and active. */
export function ownSetting(config: EffectiveConfig, name: string): OptionSetting | undefined {
  const s = config.effective.get(name);
  return s && s.active && s.file === config.file ? s : undefined;
}

/** Every agent option's value: the distribution's default, replaced by the file's effective setting when it
 *  has a usable value (a value of the wrong type leaves the default; MA102 reports it). */
export function mergedValues(config: EffectiveConfig): Map<string, OptionValue | undefined> {
  const out = new Map<string, OptionValue | undefined>();
  const dist = baseDistributionOf(config);
  for (const info of optionCatalogue) {
    if (info.home !== 'asc') continue;
    out.set(info.name, defaultFor(info, dist));
  }
  for (const [name, s] of config.effective) {
    const info = optionInfo(name);
    if (!info || info.home !== 'asc' || !s.active) continue;
    const n = normalizeSetting(info, s, config.kind);
    if (n.ok) out.set(name, n.value);
  }
  return out;
}

/** Whose defaults fill what a file does not set: a dist file's CONF_DEFINE_BASE (as the build does), else the
 *  file's distribution (the `microAgent.distribution` setting's semantics, also for headers). */
export function baseDistributionOf(config: EffectiveConfig): Distribution {
  return config.kind === 'dist' && config.base ? config.base : config.distribution;
}

/** Whether a macro is defined (and not to OFF) in nx_user.h, or among the macros the reader took from it. */
export function nxDefined(name: string, config: EffectiveConfig | undefined, nxUser: EffectiveConfig | undefined): OptionSetting | undefined {
  for (const s of [nxUser?.effective.get(name), config?.externalMacros.get(name)]) {
    if (s && s.active && s.via !== 'undef' && s.via !== 'cmake-undef' && s.value !== false) return s;
  }
  return undefined;
}

export function isOn(values: Map<string, OptionValue | undefined>, name: string): boolean {
  const v = values.get(name);
  return v !== undefined && v !== false && v !== 0;
}

export function numberOf(values: Map<string, OptionValue | undefined>, name: string): number | undefined {
  const v = values.get(name);
  return typeof v === 'number' ? v : undefined;
}
