// The three DocumentServices of configuration files: the agent's asc_config.h-style headers, its CMake
// *.dist files, and NetX Duo's nx_user.h. They share reading, hover, completion and symbols.
import type { SourceDocument } from '../../language/document';
import type { CheckContext, DocumentService } from '../../language/service';
import type { Diagnostic } from '../../language/types';
import type { ConfigFileKind } from '../model';
import { configDistribution, configFileKind } from '../read-config';
import { runConfigRules, runConfigRulesSteps, runNxUserRules } from '../rules';
import { configCompletion } from './completion';
import { optionHover, optionUnder } from './hover';
import { loadConfig, loadConfigSteps, loadNxUser, loadNxUserSteps, loadResolvedConfig } from './load';
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
      // Only a word the catalogue knows needs the file read (and the read is kept: load.ts).
      if (!optionUnder(doc, position)) return undefined;
      const { config, resolved } = loadResolvedConfig(doc, ctx);
      return optionHover(doc, position, resolved, config);
    },
    complete(doc, position, ctx) {
      const choice = ctx.settings.distribution;
      return configCompletion(doc, position, kind, choice === 'auto' ? configDistribution(doc, kind) : choice);
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
    const config = loadNxUser(doc, ctx);
    return [...config.problems, ...runNxUserRules(config)];
  },
  *validateSteps(doc, ctx) {
    const config = yield* loadNxUserSteps(doc, ctx);
    return [...config.problems, ...runNxUserRules(config)];
  },
  hover: (doc, position) => optionHover(doc, position),
  complete: (doc, position) => configCompletion(doc, position, 'nx_user', 'RTOS_BASE'),
  symbols: (doc, ctx) => configSymbols(loadNxUser(doc, ctx)),
};
