// The 'microAgent.checkWorkspace' command: checks every recognised file under the workspace folders, open or not.
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { RECOGNIZE_PREFIX } from '../../src-core/check/check-document';
import { readPrefix, walkFiles, type WalkProblem } from '../../src-core/check/walk';
import { loadProjectConfig } from '../../src-core/project-config/config-file';
import { CHECK_WORKSPACE_COMMAND, type WorkspaceCheckResult } from '../../src-core/language/protocol-ext';
import type { ServerContext } from '../context';
import type { ProjectSettings } from '../../src-core/language/settings';
import type { DiagnosticsHandler } from './diagnostics';
import { uriToPath } from '../files';
import { placeInWorkspace } from '../../src-core/util/workspace-bounds';
import { configurationInUse } from '../../src-core/config/services/in-use';
import { effectiveSettings } from '../../src-core/check/check-document';

/** Lines of "what the checker uses" logged after a workspace check, at most (a big tree has many headers). */
const MAX_IN_USE_LINES = 20;
const AGENT_CONFIG_SERVICES = new Set(['asc-config-header', 'asc-config-dist']);

/** The check of the folders a workspace opens with (or adds), when their setting asks for it. */
export async function checkOnOpen(s: ServerContext, diagnostics: DiagnosticsHandler, folders: readonly string[]): Promise<void> {
  const wanted: string[] = [];
  for (const f of folders) if ((await s.settings.get(s.buffers.uriFor(f))).checkWorkspaceOnOpen) wanted.push(f);
  if (wanted.length < folders.length) s.connection.console.info(`workspace check on open: off for ${folders.filter((f) => !wanted.includes(f)).join(', ')} (microAgent.checkWorkspaceOnOpen)`);
  if (wanted.length) await s.guard('workspace check on open', undefined, () => checkWorkspace(s, diagnostics, undefined, wanted));
}

/** Re-checks files that changed on disk and are not open (their editors' checks cover open ones). */
export async function recheckClosedFiles(s: ServerContext, diagnostics: DiagnosticsHandler, changes: readonly { uri: string; type: number }[]): Promise<void> {
  for (const c of changes) {
    const file = uriToPath(c.uri);
    // Only files of the workspace, where they really are (a symbolic link out of it is not followed).
    if (s.documents.get(c.uri) || !s.workspaceRootFor(file)) continue;
    if (c.type !== 3 && !placeInWorkspace(file, s.workspaceFolders).inside) continue;
    const settings = await s.settings.get(c.uri);
    if (!settings.checkWorkspaceOnOpen) continue;
    // FileChangeType.Deleted = 3: what it had goes away with it.
    if (c.type === 3) {
      if (diagnostics.pushed.delete(c.uri) || !s.pullDiagnostics) diagnostics.publish(c.uri, []);
      continue;
    }
    let text: string | undefined;
    try {
      text = s.buffers.readText(file);
    } catch {
      text = undefined;
    }
    if (text === undefined || !s.serviceFor(file, text.slice(0, RECOGNIZE_PREFIX))) continue;
    publishFor(s, diagnostics, c.uri, (await s.check(file, text, settings)).diagnostics);
  }
}

export async function checkWorkspace(s: ServerContext, diagnostics: DiagnosticsHandler, token?: CancellationToken, only?: readonly string[]): Promise<WorkspaceCheckResult> {
  const result: WorkspaceCheckResult = { filesChecked: 0, filesWithProblems: 0, errors: 0, warnings: 0, notices: [], cancelled: false };
  const configsSeen = new Set<string>();
  const inUse: string[] = [];
  // One walk serves both the check and the profile-feed index (refreshed here, whatever file events were missed).
  const walked = new Map<string, string[]>();
  const folders = only ?? s.workspaceFolders;
  for (const folder of folders) {
    const problems: WalkProblem[] = [];
    walked.set(folder, walkFiles(folder, problems, () => token?.isCancellationRequested === true, { stayInside: true }));
    result.notices.push(...problems.map((p) => `${p.path}: ${p.message}`));
  }
  if (token?.isCancellationRequested) {
    result.cancelled = true;
    return result;
  }
  // The profile index is rebuilt from a walk of every folder only (a walk of some would forget the others').
  if (folders.length === s.workspaceFolders.length) s.profileFeeds.rebuild([...walked.values()].flat());
  for (const folder of folders) {
    const files = withNamedFeeds(s, folder, walked.get(folder) ?? []);
    const settings = await s.settings.get(s.buffers.uriFor(folder));
    for (const file of files) {
      if (token?.isCancellationRequested) {
        result.cancelled = true;
        return result;
      }
      try {
        await checkOneFile(s, diagnostics, file, settings, configsSeen, result, inUse);
      } catch (err) {
        // Whatever one file does to the checker, the others are still checked.
        result.notices.push(`${file}: checking failed: ${(err as Error)?.message ?? err}`);
        s.connection.console.error(`workspace check: ${file}: ${(err as Error)?.stack ?? err}`);
      }
      // Let other requests (typing in an open file) through between files.
      await new Promise((r) => setImmediate(r));
    }
  }
  s.connection.console.info(
    `workspace check: ${result.filesChecked} files, ${result.errors} errors, ${result.warnings} warnings in ${result.filesWithProblems} files` +
      (result.notices.length ? `; not read: ${result.notices.join('; ')}` : ''),
  );
  logInUse(s, inUse);
  return result;
}

/** Checks one walked file and publishes what it found; notices and counts go into `result`. */
async function checkOneFile(s: ServerContext, diagnostics: DiagnosticsHandler, file: string, settings: ProjectSettings,
  configsSeen: Set<string>, result: WorkspaceCheckResult, inUse: string[]): Promise<void> {
  let head: string;
  try {
    head = s.buffers.isOpen(file) ? s.buffers.readText(file) ?? '' : readPrefix(file, RECOGNIZE_PREFIX);
  } catch (err) {
    result.notices.push(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return;
  }
  if (!s.serviceFor(file, head)) return;
  const text = head.length < RECOGNIZE_PREFIX ? head : s.buffers.readText(file);
  if (text === undefined) {
    result.notices.push(`${file}: cannot read`);
    return;
  }
  const project = loadProjectConfig(file, s.buffers);
  if (project.path && !configsSeen.has(project.path)) {
    configsSeen.add(project.path);
    const cfgUri = s.buffers.uriFor(project.path);
    if (!s.buffers.isOpen(project.path) || !s.pullDiagnostics) {
      const cfgText = s.buffers.readText(project.path);
      if (cfgText !== undefined) publishFor(s, diagnostics, cfgUri, (await s.check(project.path, cfgText, settings)).diagnostics);
    }
  }
  const uri = s.buffers.uriFor(file);
  // Open documents use their own (possibly more specific) settings, and their buffer text.
  const fileSettings = s.buffers.isOpen(file) ? await s.settings.get(uri) : settings;
  const outcome = await s.check(file, text, fileSettings);
  if (outcome.failure) {
    // The file shows its MA000 like any open file would; the others go on being checked.
    result.notices.push(outcome.failure);
    publishFor(s, diagnostics, uri, outcome.diagnostics);
    return;
  }
  result.filesChecked++;
  if (outcome.diagnostics.length) result.filesWithProblems++;
  for (const d of outcome.diagnostics) {
    if (d.severity === 'error') result.errors++;
    else if (d.severity === 'warning') result.warnings++;
  }
  publishFor(s, diagnostics, uri, outcome.diagnostics);
  if (AGENT_CONFIG_SERVICES.has(s.serviceFor(file, head)?.id ?? '') && inUse.length <= MAX_IN_USE_LINES) {
    const { ctx, project } = await s.checkContext(file, fileSettings);
    inUse.push(configurationInUse(file, text, { ...ctx, settings: effectiveSettings(ctx.settings, project) }));
  }
}

/** What the checker works from, per agent configuration: so the log says at start which files were picked. */
function logInUse(s: ServerContext, inUse: string[]): void {
  if (!inUse.length) return;
  const more = inUse.length > MAX_IN_USE_LINES ? `\n  (and more: only the first ${MAX_IN_USE_LINES} are listed)` : '';
  s.connection.console.info(`agent configurations in use:\n  ${inUse.slice(0, MAX_IN_USE_LINES).join('\n  ')}${more}`);
}

/** The walked files plus the feeds profiles name inside `folder` that the walk skipped (a hidden or build folder):
 *  the profile named them, so they are checked. */
function withNamedFeeds(s: ServerContext, folder: string, files: string[]): string[] {
  // Untrusted: nothing is read because a profile names it.
  if (!s.trusted) return files;
  const have = new Set(files);
  const extra = s.profileFeeds.get().feeds().map((f) => f.path).filter((p) => {
    const rel = path.relative(folder, p);
    return !have.has(p) && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && placeInWorkspace(p, [folder]).inside && s.buffers.exists(p);
  });
  return extra.length ? [...files, ...extra.sort()] : files;
}

function publishFor(s: ServerContext, diagnostics: DiagnosticsHandler, uri: string, list: Parameters<DiagnosticsHandler['publish']>[1]): void {
  // In pull mode an open document's diagnostics come from its pulls; pushing too would show them twice.
  if (s.pullDiagnostics && s.documents.get(uri)) return;
  if (s.pullDiagnostics) diagnostics.pushed.add(uri);
  diagnostics.publish(uri, list);
}

export function registerWorkspaceCheck(s: ServerContext, diagnostics: DiagnosticsHandler): void {
  s.connection.onExecuteCommand((params, token) =>
    s.guard<WorkspaceCheckResult | null>(params.command, null, async () => {
      if (params.command !== CHECK_WORKSPACE_COMMAND) {
        s.connection.console.warn(`unknown command ${params.command}`);
        return null;
      }
      return checkWorkspace(s, diagnostics, token);
    }),
  );
}

export const workspaceFolderPaths = (folders: { uri: string }[] | null | undefined, toPath: (uri: string) => string): string[] =>
  (folders ?? []).map((f) => path.resolve(toPath(f.uri)));
