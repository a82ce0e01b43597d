// MA105: options that switch on a feature the RTOS port has no code for (docs/agent-facts.md §1.2, §1.5, §1.6).
// Those whose source files the core's CMakeLists.txt adds, and NetX Duo's copy lacks, break the build: an
// error. The rest (pool sizes and platform parts of such features) do nothing on their own: information.
import { formatValue, optionInfo, type OptionInfo } from '../../catalogue/options';
import type { Fix } from '../../language/types';
import type { OptionSetting } from '../model';
import { normalizeSetting } from '../option-values';
import type { RuleContext } from './context';

export function unimplementedOptions(ctx: RuleContext): void {
  for (const s of ctx.config.settings) {
    if (s.file !== ctx.file || !s.active || (s.via !== 'define' && s.via !== 'set')) continue;
    const info = optionInfo(s.name);
    if (!info || info.implemented) continue;
    const n = normalizeSetting(info, s, ctx.config.kind);
    if (!n.ok || n.value === undefined || n.value === false || n.value === 0 || n.value === '') continue;
    if (info.missingSources) {
      ctx.report('MA105', s.nameRange, breaksBuildMessage(info, ctx.isDist), { severity: 'error', fixes: [turnOff(ctx, s)] });
      continue;
    }
    ctx.report('MA105', s.nameRange,
      `${s.name} = ${formatValue(info, n.value)}: the RTOS port has no implementation of this feature (no source files for it in NetX Duo's azure_iot_security_module), so it does nothing on a device.`,
      { severity: 'information' });
  }
}

function breaksBuildMessage(info: OptionInfo, dist: boolean): string {
  const files = info.missingSources!;
  const lacks = `NetX Duo's copy of the agent lacks ${files.map((f) => `iot-security-module-core/${f}`).join(', ')}, which the core's CMakeLists.txt adds for it`;
  const these = files.length === 1 ? 'that file' : 'those files';
  return dist
    ? `Turning ${info.name} on breaks the build: ${lacks}, so CMake stops at generation ("Cannot find source file"). A header with it defined fails to link the same way in an IDE build.`
    : `Defining ${info.name} breaks the build: ${lacks}, so a project that compiles the add-on's files in its own IDE project fails to link (nothing defines what ${these} would), and the CMake build stops at generation ("Cannot find source file").`;
}

/** Header: the CMake comment for an OFF option; dist: OFF. */
function turnOff(ctx: RuleContext, s: OptionSetting): Fix {
  if (ctx.isDist && s.valueRange) return { title: `Set ${s.name} OFF`, edits: [{ range: s.valueRange, newText: 'OFF' }], preferred: true };
  return { title: `Turn ${s.name} off`, edits: [{ range: s.statementRange, newText: `/* #undef ${s.name} */` }], preferred: true };
}
