// The one entry point to the configuration readers: which kind a file is, which distribution it belongs
// to, where its nx_user.h is, and reading it into an EffectiveConfig.
import * as path from 'node:path';
import type { SourceDocument } from '../language/document';
import type { FileAccess } from '../language/service';
import type { ConfigFileKind, Distribution, EffectiveConfig, OptionValue } from './model';
import { readDistSteps } from './readers/dist-reader';
import { readHeaderSteps } from './readers/header-reader';
import type { ContentLimits } from '../project-config/content-limits';

export interface ReadConfigOptions {
  /** nx_user.h as read by readConfig: its #defines are visible to a header from its first line. */
  nxUser?: EffectiveConfig;
  /** Overrides the distribution taken from the path (the `microAgent.distribution` setting). */
  distribution?: Distribution;
  /** Forces the reader, when the caller knows better than the file name. */
  kind?: ConfigFileKind;
  /** For dist files: the values the CONF_DEFINE_BASE distribution starts from (the option catalogue's defaults). */
  baseDefaults?: (base: Distribution) => ReadonlyMap<string, OptionValue> | undefined;
  /** The project's content limits (statements, line length, expression size); the defaults when absent. */
  limits?: ContentLimits;
}

function fileName(p: string): string {
  return p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
}

/** Looks for `needle` in the first 64 KiB only, so recognising a huge file stays cheap. */
function head(text: string): string {
  return text.length > 65536 ? text.slice(0, 65536) : text;
}

/** Which reader a file needs, or undefined when it is not an agent configuration file. */
export function configFileKind(filePath: string, text: string): ConfigFileKind | undefined {
  const name = fileName(filePath);
  const lower = name.toLowerCase();
  if (lower === 'nx_user.h') return 'nx_user';
  if (lower.endsWith('.dist') || lower.endsWith('.cmake')) {
    const t = head(text);
    return /\bset\s*\(\s*(ASC_|SECURITY_MODULE_|FLATCC_)/i.test(t) || /\bCONF_DEFINE_BASE\s*\(/i.test(t) ? 'dist' : undefined;
  }
  if (lower === 'asc_config.h' || lower === 'asc_config.h.in') return 'header';
  if (lower.endsWith('.h') || lower.endsWith('.h.in')) {
    const t = head(text);
    return /#\s*(define|undef|cmakedefine)[ \t]+ASC_/.test(t) ? 'header' : undefined;
  }
  return undefined;
}

const DISTS: readonly Distribution[] = ['RTOS_BASE_UT', 'RTOS_BASE', 'L4_BASE'];

/** The distribution a path names: `<dist>.dist`, `base_dist.cmake` (core), `inc/configs/<dist>/asc_config.h`. */
export function distributionFromPath(filePath: string): Distribution | undefined {
  const name = fileName(filePath);
  for (const d of DISTS) if (name === `${d}.dist`) return d;
  if (name === 'base_dist.cmake') return 'core';
  if (name === 'asc_config.h') {
    const parts = filePath.split(/[\\/]/);
    const dir = parts[parts.length - 2];
    if (parts[parts.length - 3] === 'configs') for (const d of DISTS) if (dir === d) return d;
  }
  return undefined;
}

/** The `/* Distribution X *\/` comment the generated headers carry. */
function distributionFromComment(text: string): Distribution | undefined {
  const k = text.indexOf('/* Distribution ');
  if (k < 0 || k > 4096) return undefined;
  const end = text.indexOf(' */', k);
  const word = text.slice(k + 16, end);
  return (DISTS as string[]).includes(word) ? (word as Distribution) : undefined;
}

/** The nx_user.h for a file: `explicitPath` when given (relative to the file's folder when not absolute) and
 *  it exists; else the first nx_user.h found in the file's folder or any folder above it. */
export function findNxUserHeader(fromPath: string, files: FileAccess, explicitPath?: string): string | undefined {
  if (explicitPath) {
    const p = path.isAbsolute(explicitPath) ? explicitPath : path.resolve(path.dirname(fromPath), explicitPath);
    return files.exists(p) ? p : undefined;
  }
  let dir = path.dirname(fromPath);
  for (;;) {
    const candidate = path.join(dir, 'nx_user.h');
    if (candidate !== fromPath && files.exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readConfig(doc: SourceDocument, options: ReadConfigOptions = {}): EffectiveConfig {
  const steps = readConfigSteps(doc, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** readConfig pausing (yield) every few milliseconds of work: the language server gives way to other requests
 *  between the pauses, and stops when the document changes (a 50 MB header must not hold the editor). */
export function readConfigSteps(doc: SourceDocument, options: ReadConfigOptions = {}): Generator<void, EffectiveConfig, void> {
  const lower = fileName(doc.path).toLowerCase();
  const kind = options.kind ?? configFileKind(doc.path, doc.text) ?? (lower.endsWith('.dist') || lower.endsWith('.cmake') ? 'dist' : 'header');
  const distribution = options.distribution ?? configDistribution(doc, kind);
  if (kind === 'dist') return readDistSteps(doc, { distribution, baseDefaults: options.baseDefaults, limits: options.limits });
  return readHeaderSteps(doc, { kind, distribution, nxUser: kind === 'header' ? options.nxUser : undefined, limits: options.limits });
}

/** The distribution a file is read under when the setting leaves it to the file, found without reading it: its
 *  path, else (a header) its `/* Distribution X *\/` comment near the top, else RTOS_BASE. */
export function configDistribution(doc: SourceDocument, kind: ConfigFileKind): Distribution {
  const fromPath = distributionFromPath(doc.path);
  if (fromPath) return fromPath;
  return (kind === 'dist' ? undefined : distributionFromComment(doc.text)) ?? 'RTOS_BASE';
}
