// MA104 (a value the build's dependency rules replace) and MA108 (IPv6 cache while nx_user.h disables IPv6).
import { formatValue, optionInfo } from '../../catalogue/options';
import type { Fix } from '../../language/types';
import type { OptionValue } from '../model';
import type { RuleContext } from './context';

function literal(v: OptionValue, dist: boolean): string | undefined {
  if (typeof v === 'boolean') return dist ? (v ? 'ON' : 'OFF') : undefined;
  return String(v);
}

export function dependencyOverrides(ctx: RuleContext): void {
  for (const f of ctx.resolved.forced) {
    const s = ctx.own(f.option);
    if (!s || s.via === 'undef' || s.via === 'cmake-undef') continue;
    const info = optionInfo(f.option);
    const to = f.to === false && info?.type !== 'bool' ? 'OFF (undefined)' : formatValue(info, f.to);
    const from = formatValue(info, f.from);
    const fixes: Fix[] = [];
    const text = literal(f.to, ctx.isDist);
    if (text !== undefined && s.valueRange) fixes.push({ title: `Set to ${to}`, edits: [{ range: s.valueRange, newText: text }], preferred: true });
    fixes.push(ctx.deleteStatement(s, `Remove ${f.option}`));
    if (f.rule === 11) {
      const nx = ctx.nx('NX_DISABLE_IPV6');
      ctx.report('MA108', s.valueRange ?? s.nameRange,
        `${f.option} is ${from}, but NX_DISABLE_IPV6 forces it to 0 and removes the IPv6 capture code: no IPv6 flow is recorded.`,
        { fixes, related: ctx.related(nx, 'NX_DISABLE_IPV6 is defined here') });
      continue;
    }
    const cause = ctx.own(f.cause);
    const message = ctx.isDist
      ? `The build sets ${f.option} to ${to} because ${f.because}: the value ${from} here has no effect (depends_configuration.cmake, docs/agent-facts.md §1.3 rule ${f.rule}).`
      : `${f.option} is ${from}, but a generated asc_config.h would have ${to} because ${f.because} (§1.3 rule ${f.rule}); nothing applies that rule to a hand-edited header, so the value stays and the agent ignores it.`;
    ctx.report('MA104', s.valueRange ?? s.nameRange, message, { fixes, related: ctx.related(cause, `${f.cause} decides`) });
  }
}
