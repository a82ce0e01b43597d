// The three DocumentServices of configuration files: the agent's asc_config.h-style headers, its CMake
// *.dist files, and NetX Duo's nx_user.h. They share reading, hover, completion and symbols.
import type { SourceDocument } from '../../language/document';
import type { CheckContext, DocumentService } from '../../language/service';
import type { Diagnostic } from '../../language/types';
import type { ConfigFileKind } from '../model';
import { configFileKind, readConfig, readConfigSteps } from '../read-config';
import { resolveContentLimits } from '../../project-config/content-limits';
import { resolveAgentConfig } from '../resolve-agent-config';
import { runConfigRules, runConfigRulesSteps, runNxUserRules } from '../rules';
import { configCompletion } from './completion';
import { optionHover } from './hover';
import { catalogueDefaults, loadConfig, loadConfigSteps } from './load';
import { configSymbols } from './symbols';

function agentService(id: string, title: string, kind: Exclude<ConfigFileKind, 'nx_user'>): DocumentService {
  return {
    id, title,
    recognizes: (path, text) => configFileKind(path, text) === kind,
    validate(doc: SourceDocument, ctx: CheckContext): Diagnostic[] {
      const { config, nxUser } = loadConfig(doc, ctx);
      return [...config.problems, ...runConfigRules(config, nxUser)];
    },
    *validateSteps(doc: SourceDocument, ctx: CheckContext): Generator<void, Diagnostic[], void> {
      const { config, nxUser } = yield* loadConfigSteps(doc, ctx);
      return [...config.problems, ...(yield* runConfigRulesSteps(config, nxUser))];
    },
    hover(doc, position, ctx) {
      const { config, nxUser } = loadConfig(doc, ctx);
      return optionHover(doc, position, resolveAgentConfig(config, nxUser), config);
    },
    complete(doc, position, ctx) {
      const choice = ctx.settings.distribution;
      const dist = choice === 'auto' ? readConfig(doc, { kind, baseDefaults: catalogueDefaults }).distribution : choice;
      return configCompletion(doc, position, kind, dist);
    },
    symbols: (doc, ctx) => configSymbols(loadConfig(doc, ctx).config),
  };
}

export const ascConfigHeaderService = agentService('asc-config-header', 'Micro agent configuration header (asc_config.h)', 'header');
export const ascConfigDistService = agentService('asc-config-dist', 'Micro agent CMake distribution (*.dist)', 'dist');

export const nxUserHeaderService: DocumentService = {
  id: 'nx-user-header',
  title: 'NetX Duo user configuration (nx_user.h)',
  recognizes: (path, text) => configFileKind(path, text) === 'nx_user',
  validate(doc, ctx) {
    const config = readConfig(doc, { kind: 'nx_user', limits: resolveContentLimits(ctx.settings.limits) });
    return [...config.problems, ...runNxUserRules(config)];
  },
  *validateSteps(doc, ctx) {
    const config = yield* readConfigSteps(doc, { kind: 'nx_user', limits: resolveContentLimits(ctx.settings.limits) });
    return [...config.problems, ...runNxUserRules(config)];
  },
  hover: (doc, position) => optionHover(doc, position),
  complete: (doc, position) => configCompletion(doc, position, 'nx_user', 'RTOS_BASE'),
  symbols: (doc) => configSymbols(readConfig(doc, { kind: 'nx_user' })),
};
