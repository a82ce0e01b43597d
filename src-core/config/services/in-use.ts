// What the checker works from for one agent configuration, said in one line for the editor's log: the
// distribution whose defaults fill the options the file does not set (and why that one), and the nx_user.h
// read with it. So a user can see at start that the right files were picked.
import * as path from 'node:path';
import { SourceDocument } from '../../language/document';
import type { CheckContext } from '../../language/service';
import type { ProjectSettings } from '../../language/settings';
import { distributionFromPath } from '../read-config';
import { loadConfig, nxUserPathFor } from './load';

/** `file` relative to `root` when it lies inside it, else as it is. */
function shown(file: string, root: string | undefined): string {
  if (!root) return file;
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** e.g. `firmware/asc_config.h: RTOS_BASE defaults (from the file's path), nx_user.h firmware/nx_user.h (the nearest)`. */
export function configurationInUse(file: string, text: string, ctx: CheckContext): string {
  const { config, nxUser } = loadConfig(new SourceDocument(file, text), ctx);
  const choice = ctx.settings.distribution;
  const why = choice !== 'auto' ? 'microAgent.distribution' : distributionFromPath(file) ? 'from the file\'s path' : config.distribution === 'RTOS_BASE' ? 'the default: nothing in its path or text names one' : 'named in the file';
  const nxWhy = ctx.settings.nxUserPath.trim() ? 'microAgent.nxUserPath' : 'the nearest';
  const nx = nxUser ? `nx_user.h ${shown(nxUser.file, ctx.workspaceRoot)} (${nxWhy})`
    : ctx.settings.nxUserPath.trim() && !nxUserPathFor(file, ctx) ? `nx_user.h not found at microAgent.nxUserPath "${ctx.settings.nxUserPath}"`
      : 'no nx_user.h found (NX_DISABLE_IPV6 and NX_DISABLE_ASSERT read as not set)';
  return `${shown(file, ctx.workspaceRoot)}: ${config.kind === 'dist' ? 'dist' : 'header'}, ${config.distribution} defaults (${why}), ${nx}`;
}

/** The settings in force for a folder, in words. */
export function settingsInUse(s: ProjectSettings): string {
  const overrides = Object.entries(s.severityOverrides);
  return [
    `validate ${s.validate}${s.validate === 'onType' ? ` (after ${s.debounceMs} ms)` : ''}`,
    `distribution ${s.distribution === 'auto' ? 'auto (from each file\'s path, else RTOS_BASE)' : s.distribution}`,
    `nx_user.h ${s.nxUserPath.trim() ? s.nxUserPath : 'the nearest to each file'}`,
    `severity overrides ${overrides.length ? overrides.map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`,
    `workspace check on open ${s.checkWorkspaceOnOpen ? 'on' : 'off'}`,
  ].join('; ');
}
