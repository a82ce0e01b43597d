// Wires the handlers to a connection. main.ts makes the connection from the command line; tests pass their own.
import {
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { CHECK_WORKSPACE_COMMAND, WORKSPACE_TRUSTED_NOTIFICATION, type ServerInitializationOptions } from '../src-core/language/protocol-ext';
import { readClientFeatures } from './convert';
import { ServerContext } from './context';
import { uriToPath } from './files';
import { SettingsCache } from './settings';
import { DiagnosticsHandler, isDependencyFile } from './handlers/diagnostics';
import { registerHover } from './handlers/hover';
import { completionTriggerCharacters, registerCompletion } from './handlers/completion';
import { registerCodeActions } from './handlers/code-actions';
import { registerSymbols } from './handlers/symbols';
import { checkOnOpen, recheckClosedFiles, registerWorkspaceCheck, workspaceFolderPaths } from './handlers/workspace-check';
import { registerConfigurationSummary } from './handlers/configuration-summary';
import { TestFaults } from './test-faults';
import { TypingSpots } from './typing-spots';
import { logStart } from './start-log';

export const SERVER_NAME = 'microagent-ls';

export interface ServerHandle {
  /** Set once `initialize` has been answered. */
  context(): ServerContext | undefined;
}

export function startServer(connection: Connection, version = '0.0.0', faults = TestFaults.none()): ServerHandle {
  // Where the user last typed in each document: diagnostics on a name still being typed wait (typing-spots.ts).
  const typing = new TypingSpots();
  const documents = new TextDocuments(typing.documentConfig);
  let s: ServerContext | undefined;
  let diagnostics: DiagnosticsHandler | undefined;
  let canPullConfig = false;
  let dynamicConfigRegistration = false;
  let workspaceFoldersSupported = false;

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canPullConfig = caps.workspace?.configuration === true;
    dynamicConfigRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    // vscode-languageserver throws on onDidChangeWorkspaceFolders for a client that did not announce folders.
    workspaceFoldersSupported = caps.workspace?.workspaceFolders === true;
    const pull = caps.textDocument?.diagnostic !== undefined;
    const settings = new SettingsCache(connection, () => canPullConfig);
    const init = (params.initializationOptions ?? {}) as ServerInitializationOptions;
    s = new ServerContext(connection, documents, readClientFeatures(caps, typeof init.docsUri === 'string' ? init.docsUri : undefined), settings, pull, faults);
    s.trusted = init.trusted !== false;
    s.workspaceFolders = params.workspaceFolders?.length
      ? workspaceFolderPaths(params.workspaceFolders, uriToPath)
      : params.rootUri
        ? [uriToPath(params.rootUri)]
        : params.rootPath
          ? [params.rootPath]
          : [];
    diagnostics = new DiagnosticsHandler(s, caps.workspace?.diagnostics?.refreshSupport === true, typing);
    diagnostics.register();
    registerHover(s);
    registerCompletion(s);
    registerCodeActions(s);
    registerSymbols(s);
    registerWorkspaceCheck(s, diagnostics);
    registerConfigurationSummary(s);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        diagnosticProvider: pull ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
        executeCommandProvider: { commands: init.clientRegistersCommands ? [] : [CHECK_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig && dynamicConfigRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'microAgent' }).catch(() => undefined);
    }
    // The log says first what this server works from; then the Problems panel covers the workspace from the
    // start (and again after a restart), not only open files.
    if (s && diagnostics) {
      const ctx = s;
      const handler = diagnostics;
      void ctx.guard('start log', undefined, () => logStart(ctx, SERVER_NAME, version)).then(() => checkOnOpen(ctx, handler, ctx.workspaceFolders));
    }
    if (s && workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        if (!s) return;
        const removed = new Set(workspaceFolderPaths(e.removed, uriToPath));
        const added = workspaceFolderPaths(e.added, uriToPath);
        s.workspaceFolders = s.workspaceFolders.filter((f) => !removed.has(f)).concat(added);
        s.profileFeeds.reset();
        if (diagnostics) void checkOnOpen(s, diagnostics, added);
      });
    }
  });

  // Trust granted (Restricted Mode left): what the profiles name can now be read; check again what was checked without.
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => {
    if (!s || !diagnostics || s.trusted) return;
    s.trusted = true;
    s.lastChecks.clear();
    s.profileFeeds.reset();
    diagnostics.recheckOpen();
    void checkOnOpen(s, diagnostics, s.workspaceFolders);
  });

  connection.onDidChangeConfiguration((params) => {
    if (!s || !diagnostics) return;
    s.settings.changed(params.settings);
    s.lastChecks.clear();
    diagnostics.recheckOpen();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!diagnostics || !s) return;
    let recheck = false;
    for (const c of params.changes) {
      const file = uriToPath(c.uri);
      // Every changed profile is re-read (no short cut), so the index misses none of them.
      if (s.profileFeeds.profileChanged(file)) recheck = true;
      if (isDependencyFile(file)) recheck = true;
    }
    if (recheck) diagnostics.recheckOpen();
    // Files changed on disk that no editor has open: their problems follow them (a deleted file's go away).
    const ctx = s;
    const handler = diagnostics;
    void ctx.guard('changed files', undefined, () => recheckClosedFiles(ctx, handler, params.changes));
  });

  documents.listen(connection);
  connection.listen();
  return { context: () => s };
}
