// MA111 / MA112: one option set twice while both settings are active (no #undef between them).
import { optionInfo } from '../../catalogue/options';
import type { EffectiveConfig, OptionSetting } from '../model';
import { normalizeSetting } from '../option-values';
import type { RuleContext } from './context';

function sameText(a: OptionSetting, b: OptionSetting, kind: EffectiveConfig['kind']): boolean {
  const info = optionInfo(a.name);
  if (info) {
    // Compare what the build sees: in a dist file ON and 1 are the same switch value.
    const na = normalizeSetting(info, a, kind);
    const nb = normalizeSetting(info, b, kind);
    if (na.ok && nb.ok && na.value !== undefined && nb.value !== undefined) return na.value === nb.value;
  }
  if (a.value !== undefined && b.value !== undefined) return a.value === b.value;
  return (a.rawValue ?? '').replace(/\s+/g, '') === (b.rawValue ?? '').replace(/\s+/g, '');
}

export function duplicateSettings(ctx: RuleContext): void {
  const last = new Map<string, OptionSetting>();
  for (const s of ctx.config.settings) {
    if (s.file !== ctx.file || !s.active) continue;
    if (s.via === 'undef' || s.via === 'cmake-undef') {
      last.delete(s.name); // an #undef between two defines makes the second one legitimate
      continue;
    }
    if (s.via !== 'define' && s.via !== 'set') continue;
    const prev = last.get(s.name);
    last.set(s.name, s);
    if (!prev) continue;
    if (sameText(prev, s, ctx.config.kind)) {
      ctx.report('MA112', s.statementRange, `${s.name} is already set to the same value on line ${prev.nameRange.start.line + 1}.`,
        { unnecessary: true, fixes: [ctx.deleteStatement(s, 'Remove the repeated setting')],
          related: ctx.related(prev, 'first set here') });
    } else {
      ctx.report('MA111', prev.statementRange,
        `${s.name} is set again on line ${s.nameRange.start.line + 1} to ${s.rawValue ?? String(s.value)}; that later value wins and this one has no effect` +
        (ctx.isDist ? '.' : ' (the compiler warns about the redefinition).'),
        { unnecessary: true, fixes: [ctx.deleteStatement(prev, 'Remove the overridden setting')], related: ctx.related(s, 'the value in effect') });
    }
  }
}
