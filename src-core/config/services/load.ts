// Reads a checked configuration file and the nx_user.h that goes with it, the way every config service
// (validate, hover) needs them.
import * as path from 'node:path';
import { defaultFor, optionCatalogue } from '../../catalogue/options';
import { SourceDocument } from '../../language/document';
import type { CheckContext } from '../../language/service';
import type { Distribution, EffectiveConfig, OptionValue } from '../model';
import { findNxUserHeader, readConfig, readConfigSteps } from '../read-config';
import { resolveContentLimits } from '../../project-config/content-limits';

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

export function readNxUser(filePath: string, ctx: CheckContext): EffectiveConfig | undefined {
  const p = nxUserPathFor(filePath, ctx);
  if (!p) return undefined;
  const text = ctx.files.readText(p);
  if (text === undefined) return undefined;
  return readConfig(new SourceDocument(p, text), { kind: 'nx_user', limits: resolveContentLimits(ctx.settings.limits) });
}

export interface LoadedConfig {
  config: EffectiveConfig;
  nxUser?: EffectiveConfig;
}

export function loadConfig(doc: SourceDocument, ctx: CheckContext): LoadedConfig {
  const steps = loadConfigSteps(doc, ctx);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** loadConfig pausing every few milliseconds of work (readConfigSteps). */
export function* loadConfigSteps(doc: SourceDocument, ctx: CheckContext): Generator<void, LoadedConfig, void> {
  const nxUser = readNxUser(doc.path, ctx);
  const choice = ctx.settings.distribution;
  const config = yield* readConfigSteps(doc, {
    nxUser, baseDefaults: catalogueDefaults,
    distribution: choice === 'auto' ? undefined : choice,
    limits: resolveContentLimits(ctx.settings.limits),
  });
  return { config, nxUser };
}
