// MA105: options that switch on a feature the RTOS port has no code for (reference §1.2, §1.5).
import { formatValue, optionInfo } from '../../catalogue/options';
import { normalizeSetting } from '../option-values';
import type { RuleContext } from './context';

export function unimplementedOptions(ctx: RuleContext): void {
  for (const s of ctx.config.settings) {
    if (s.file !== ctx.file || !s.active || (s.via !== 'define' && s.via !== 'set')) continue;
    const info = optionInfo(s.name);
    if (!info || info.implemented) continue;
    const n = normalizeSetting(info, s, ctx.config.kind);
    if (!n.ok || n.value === undefined || n.value === false || n.value === 0 || n.value === '') continue;
    ctx.report('MA105', s.nameRange,
      `${s.name} = ${formatValue(info, n.value)}: the RTOS port has no implementation of this feature (no source files for it in NetX Duo's azure_iot_security_module), so it does nothing on a device.`);
  }
}
