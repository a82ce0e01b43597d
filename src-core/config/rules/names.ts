// MA101: names that are not options of the agent (typos, legacy names), with "did you mean".
import { agentConfigOptions, renamedOptions } from '../../catalogue/options';
import { optionInfo } from '../../catalogue/options';
import type { RuleContext } from './context';
import type { Fix } from '../../language/types';
import type { OptionSetting } from '../model';
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
      const set = alreadySet(ctx, renamed, s);
      ctx.report('MA101', s.nameRange,
        `${s.name} is the name used before NetX Duo 6.1.5; the agent now reads ${renamed}, so this line has no effect.${set ? setOn(renamed, set) : ''}`,
        { fixes: [renameOrRemove(ctx, s, renamed, set)] });
      continue;
    }
    if (GUARD.test(s.name) && !s.rawValue) continue;
    const suggestion = closest(s.name, agentNames);
    if (!suggestion && !OPTION_LIKE.test(s.name)) continue;
    const set = suggestion ? alreadySet(ctx, suggestion, s) : undefined;
    const tail = suggestion ? ` Did you mean ${suggestion}?${set ? setOn(suggestion, set) : ''}` : '';
    ctx.report('MA101', s.nameRange, `${s.name} is not an option of the micro agent: the build ignores it.${tail}`, {
      fixes: suggestion ? [renameOrRemove(ctx, s, suggestion, set)] : undefined,
      ...(agentNames.some((n) => n.length > s.name.length && n.startsWith(s.name)) ? { partialName: true } : {}),
    });
  }
}

/** The file's own setting of `name` in effect where renaming `s` would put a second one (MA111/MA112 at once). */
function alreadySet(ctx: RuleContext, name: string, s: OptionSetting): OptionSetting | undefined {
  if (!s.active) return undefined;
  const own = ctx.own(name);
  return own && (own.via === 'define' || own.via === 'set') ? own : undefined;
}

const setOn = (name: string, set: OptionSetting) => ` ${name} is already set on line ${set.nameRange.start.line + 1}${set.rawValue ? ` (to ${set.rawValue})` : ''}.`;

/** Rename to the meant name, unless the file sets it already: then the line is a stray duplicate to remove. */
function renameOrRemove(ctx: RuleContext, s: OptionSetting, name: string, set: OptionSetting | undefined): Fix {
  if (!set) return { title: `Rename to ${name}`, edits: [{ range: s.nameRange, newText: name }], preferred: true };
  return { ...ctx.deleteStatement(s, `Remove this line (${name} is set on line ${set.nameRange.start.line + 1})`), preferred: true };
}
