// MA101: names that are not options of the agent (typos, legacy names), with "did you mean".
import { agentConfigOptions, renamedOptions } from '../../catalogue/options';
import { optionInfo } from '../../catalogue/options';
import type { RuleContext } from './context';
import { closest } from '../../util/edit-distance';

const OPTION_LIKE = /^(ASC_|FLATCC_|SECURITY_MODULE_|LOOP_ASSERT|COLLECTOR_)/;
/** Include guards and the like: `ASC_CONFIG_H`, `__ASC_CONFIG_H__`. */
const GUARD = /_H_*$/;

let agentNames: string[] | undefined;

export function unknownOptions(ctx: RuleContext): void {
  agentNames ??= agentConfigOptions().map((o) => o.name);
  for (const s of ctx.config.settings) {
    if (s.file !== ctx.file || s.via === 'base' || optionInfo(s.name)) continue;
    const renamed = renamedOptions[s.name];
    if (renamed) {
      ctx.report('MA101', s.nameRange,
        `${s.name} is the name used before NetX Duo 6.1.5; the agent now reads ${renamed}, so this line has no effect.`,
        { fixes: [{ title: `Rename to ${renamed}`, edits: [{ range: s.nameRange, newText: renamed }], preferred: true }] });
      continue;
    }
    if (GUARD.test(s.name) && !s.rawValue) continue;
    const suggestion = closest(s.name, agentNames);
    if (!suggestion && !OPTION_LIKE.test(s.name)) continue;
    const tail = suggestion ? ` Did you mean ${suggestion}?` : '';
    ctx.report('MA101', s.nameRange, `${s.name} is not an option of the micro agent: the build ignores it.${tail}`, {
      fixes: suggestion ? [{ title: `Rename to ${suggestion}`, edits: [{ range: s.nameRange, newText: suggestion }], preferred: true }] : undefined,
    });
  }
}
