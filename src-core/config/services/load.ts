// Reads a checked configuration file and the nx_user.h that goes with it, the way every config service
// (validate, hover, symbols) needs them, once per document and inputs.
import * as path from 'node:path';
import { defaultFor, optionCatalogue } from '../../catalogue/options';
import { SourceDocument } from '../../language/document';
import type { CheckContext } from '../../language/service';
import type { Distribution, EffectiveConfig, OptionValue } from '../model';
import { findNxUserHeader, readConfig, readConfigSteps } from '../read-config';
import { resolveContentLimits } from '../../project-config/content-limits';
import { resolveAgentConfig, type ResolvedAgentConfig } from '../resolve-agent-config';

const defaultsCache = new Map<Distribution, Map<string, OptionValue>>();

/** The catalogue's defaults of a distribution, which a dist file's CONF_DEFINE_BASE starts from. */
export function catalogueDefaults(dist: Distribution): Map<string, OptionValue> {
  let m = defaultsCache.get(dist);
  if (!m) {
    m = new Map();
    for (const o of optionCatalogue) {
      const v = defaultFor(o, dist);
      if (o.home === 'asc' && v !== undefined) m.set(o.name, v);
    }
    defaultsCache.set(dist, m);
  }
  return m;
}

/** nx_user.h for a file: the `nxUserPath` setting (relative to the workspace folder), else the nearest one. */
export function nxUserPathFor(filePath: string, ctx: CheckContext): string | undefined {
  const explicit = ctx.settings.nxUserPath.trim();
  if (explicit) {
    const abs = path.isAbsolute(explicit) ? explicit : path.resolve(ctx.workspaceRoot ?? path.dirname(filePath), explicit);
    return findNxUserHeader(filePath, ctx.files, abs);
  }
  return findNxUserHeader(filePath, ctx.files);
}

export interface LoadedConfig {
  config: EffectiveConfig;
  nxUser?: EffectiveConfig;
}

/** A document's configuration as read for one set of inputs (settings and the nx_user.h text), and what was
 *  derived from it. */
interface Memo {
  /** The settings it was read under and the nx_user.h path. */
  key: string;
  nxUserText: string | undefined;
  loaded: LoadedConfig;
  resolved?: ResolvedAgentConfig;
}

/**
 * What the check, hover, completion and symbols read from a configuration file, kept per SourceDocument. A
 * SourceDocument is one immutable text, and the language server keeps one per open buffer version
 * (server/context.ts): a hover on a 50 MB header reuses what its check read, instead of reading the file again
 * on every request, and the entry goes with its document when the buffer changes or closes (a WeakMap holds
 * nothing alive). The entry is used only while the settings and nx_user.h's text it was read with still hold.
 */
const memos = new WeakMap<SourceDocument, Memo>();

export function loadConfig(doc: SourceDocument, ctx: CheckContext): LoadedConfig {
  return runSteps(loadConfigSteps(doc, ctx));
}

/** loadConfig pausing every few milliseconds of work (readConfigSteps); no pause when the document was read. */
export function* loadConfigSteps(doc: SourceDocument, ctx: CheckContext): Generator<void, LoadedConfig, void> {
  return (yield* memoSteps(doc, ctx)).loaded;
}

/** The resolved configuration (dependency rules applied) hover shows, derived once per read. */
export function loadResolvedConfig(doc: SourceDocument, ctx: CheckContext): LoadedConfig & { resolved: ResolvedAgentConfig } {
  const memo = runSteps(memoSteps(doc, ctx));
  memo.resolved ??= resolveAgentConfig(memo.loaded.config, memo.loaded.nxUser);
  return { ...memo.loaded, resolved: memo.resolved };
}

function* memoSteps(doc: SourceDocument, ctx: CheckContext): Generator<void, Memo, void> {
  const limits = resolveContentLimits(ctx.settings.limits);
  const choice = ctx.settings.distribution;
  const nxUserPath = nxUserPathFor(doc.path, ctx);
  const nxUserText = nxUserPath === undefined ? undefined : ctx.files.readText(nxUserPath);
  const key = JSON.stringify([choice, limits, nxUserPath ?? null]);
  const known = memos.get(doc);
  // A text read again from disk is another string: equal texts compare by content, once per request.
  if (known && known.key === key && known.nxUserText === nxUserText) return known;
  const nxUser = nxUserText === undefined ? undefined : readConfig(new SourceDocument(nxUserPath!, nxUserText), { kind: 'nx_user', limits });
  const config = yield* readConfigSteps(doc, {
    nxUser, baseDefaults: catalogueDefaults,
    distribution: choice === 'auto' ? undefined : choice,
    limits,
  });
  const memo: Memo = { key, nxUserText, loaded: { config, nxUser } };
  memos.set(doc, memo);
  return memo;
}

/** nx_user.h read as itself (its own check and outline), kept per document as loadConfig keeps a header. */
export function loadNxUser(doc: SourceDocument, ctx: CheckContext): EffectiveConfig {
  return runSteps(loadNxUserSteps(doc, ctx));
}

export function* loadNxUserSteps(doc: SourceDocument, ctx: CheckContext): Generator<void, EffectiveConfig, void> {
  const limits = resolveContentLimits(ctx.settings.limits);
  const key = JSON.stringify(['nx_user', limits]);
  const known = memos.get(doc);
  if (known && known.key === key) return known.loaded.config;
  const config = yield* readConfigSteps(doc, { kind: 'nx_user', limits });
  memos.set(doc, { key, nxUserText: undefined, loaded: { config } });
  return config;
}

function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
