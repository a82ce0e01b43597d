// Reads the agent configuration a simulation runs from (asc_config.h or a dist file, with nx_user.h): the
// numbers the model uses, and where each option is written, so findings can point at the line to change.
import { basename } from 'node:path';
import { rtosBaseAgentConfig, type AgentConfig } from '../config/agent-config';
import type { EffectiveConfig } from '../config/model';
import { numberOf } from '../config/option-values';
import { readConfig } from '../config/read-config';
import { resolveAgentConfig } from '../config/resolve-agent-config';
import { SourceDocument } from '../language/document';
import type { ConfigLocator, OptionPlace } from '../cloud/config-locator';
import type { ContentLimits } from '../project-config/content-limits';

export interface LoadedAgentConfig {
  config: AgentConfig;
  /** What the configuration came from, for reports ("RTOS_BASE defaults" or the file). */
  source: string;
  effective?: EffectiveConfig;
  nxUser?: EffectiveConfig;
  /** Reader problems as `file:line:col: message`. */
  problems: string[];
  /** How many of them are errors (the configuration in effect is then uncertain). */
  errorCount: number;
  locator: ConfigLocator;
}

/** `read` returns a file's text or throws with a message naming it. `limits`: the content limits the files are
 *  read under (the project's, as `microagent check` applies them; absent: the defaults). */
export function loadAgentConfig(configPath: string | undefined, nxUserPath: string | undefined, read: (path: string) => string, limits?: ContentLimits): LoadedAgentConfig {
  if (!configPath) return { config: { ...rtosBaseAgentConfig }, source: 'RTOS_BASE defaults', problems: [], errorCount: 0, locator: { locate: () => undefined } };
  const nxUser = nxUserPath ? readConfig(new SourceDocument(nxUserPath, read(nxUserPath)), { kind: 'nx_user', limits }) : undefined;
  const effective = readConfig(new SourceDocument(configPath, read(configPath)), { nxUser, limits });
  // The readers' messages start with the file's name and place already; the full path replaces that name.
  const problems = effective.problems.map((p) => {
    const where = `${p.range.start.line + 1}:${p.range.start.character + 1}`;
    const own = `${basename(configPath)}:${where}: `;
    return `${configPath}:${where}: ${p.message.startsWith(own) ? p.message.slice(own.length) : p.message}`;
  });
  const resolved = resolveAgentConfig(effective, nxUser);
  // A hand-set FLATCC_EMITTER_PAGE_SIZE replaces the derived page (page_allocator.h defines it only when absent).
  const page = resolved.agent.dynamicMemoryEnabled ? undefined : numberOf(resolved.values, 'FLATCC_EMITTER_PAGE_SIZE');
  return {
    config: { ...resolved.agent, ...(page !== undefined ? { emitterPageSize: page } : {}) },
    source: configPath,
    effective,
    nxUser,
    problems,
    errorCount: effective.problems.filter((p) => p.severity === 'error').length,
    locator: configLocator(effective, nxUser),
  };
}

export function configLocator(config: EffectiveConfig, nxUser?: EffectiveConfig): ConfigLocator {
  return {
    locate(option: string): OptionPlace | undefined {
      for (const c of [config, nxUser]) {
        const s = c?.effective.get(option) ?? c?.settings.find((x) => x.name === option && x.active);
        if (s) {
          return {
            location: { file: s.file, range: s.statementRange, role: 'configuration', label: `${option} in ${basename(s.file)}` },
            ...(s.valueRange ? { valueRange: s.valueRange } : {}),
            written: true,
          };
        }
      }
      // Not written: the file to add it to (nx_user.h for NetX macros when there is one).
      const file = option.startsWith('NX') && nxUser ? nxUser.file : config.file;
      return { location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, role: 'configuration', label: `${option} (not set; add it to ${basename(file)})` }, written: false };
    },
  };
}
