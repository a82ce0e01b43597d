// Creates the language client: the bundled server over IPC, the files it serves, and the settings middleware.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions, type DocumentSelector } from 'vscode-languageclient/node';
import { WORKSPACE_TRUSTED_NOTIFICATION, type ServerInitializationOptions } from '../src-core/language/protocol-ext';
import { readSettings, SECTION } from './settings';
import { jsonValidationPatterns, matchesFileMatch } from '../src-core/baseline/schemas/json-validation-files';
import type { ServerCrashHandler } from './server-restarts';

export const CLIENT_ID = 'microAgent';

/** The files the server may serve. It answers nothing for what no service recognises, so C headers and JSON
 *  are sent broadly; feed files have no language of their own and are matched by name. */
export const documentSelector: DocumentSelector = [
  ...['file', 'untitled'].flatMap((scheme) => [
    { scheme, language: 'c' },
    { scheme, language: 'cpp' },
    { scheme, language: 'microagent-dist' },
    { scheme, language: 'cmake' },
    { scheme, language: 'json' },
    { scheme, language: 'jsonc' },
  ]),
  { scheme: 'file', pattern: '**/nx_user.h' },
  { scheme: 'file', pattern: '**/asc_config.h' },
  { scheme: 'file', pattern: '**/*.dist' },
  { scheme: 'file', pattern: '**/*.{baseline.json,microagent.json}' },
  { scheme: 'file', pattern: '**/microagent.json' },
  { scheme: 'file', pattern: '**/*.{netset,ipset}' },
  // Feeds a simulation profile names may be CSV or plain text of any name: the server checks those a profile names
  // and answers nothing for the rest.
  { scheme: 'file', pattern: '**/*.{csv,tsv,txt,list,lst}' },
  { scheme: 'file', language: 'plaintext' },
];

/** VS Code's built-in JSON language features, which complete from the schemas package.json contributes. */
const JSON_FEATURES = 'vscode.json-language-features';

/**
 * Whether VS Code's own JSON support already completes `doc` from our assist schema (its name matches a
 * jsonValidation fileMatch, and the built-in JSON extension is there): then our server's items would list every
 * rule type and snippet a second time. ARM templates (recognised by content) and other editors keep ours.
 */
function completedByJsonSupport(doc: vscode.TextDocument, patterns: readonly string[]): boolean {
  return (doc.languageId === 'json' || doc.languageId === 'jsonc') && doc.uri.scheme !== 'untitled'
    && matchesFileMatch(doc.uri.path, patterns) && vscode.extensions.getExtension(JSON_FEATURES) !== undefined;
}

/** Whether VS Code's own JSON support gives `doc` its outline: every JSON document, when the built-in extension is there. */
export function outlinedByJsonSupport(doc: vscode.TextDocument): boolean {
  return (doc.languageId === 'json' || doc.languageId === 'jsonc') && vscode.extensions.getExtension(JSON_FEATURES) !== undefined;
}

/** `crashes` decides what happens when the server dies (restart, and say so); it follows the client it is given to. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, crashes: ServerCrashHandler): LanguageClient {
  const schemaFilePatterns = jsonValidationPatterns(context.extension.packageJSON);
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // docsUri: the rule pages this extension carries, so each diagnostic's code opens its page offline.
  // A function: a server started again after trust was granted must start trusted. Untrusted (Restricted Mode),
  // the server opens no file a profile names (docs/server.md, "Workspace trust").
  const initializationOptions = (): ServerInitializationOptions => ({
    clientRegistersCommands: true,
    docsUri: vscode.Uri.joinPath(context.extensionUri, 'docs').toString(),
    trusted: vscode.workspace.isTrusted,
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions,
    errorHandler: crashes,
    synchronize: {
      // Files other checks read (and profiles, which say which files are feeds): the server re-checks open
      // documents when they change on disk.
      // and every kind of file the server checks: one changed on disk and not open gets its problems re-checked.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.microagent/config.json,*.h,*.h.in,*.dist,*.cmake,*.json,*.jsonc,*.netset,*.ipset,*.csv,*.txt,*.list,*.lst}'),
    },
    middleware: {
      provideCompletionItem: (document, position, completionContext, token, next) =>
        (completedByJsonSupport(document, schemaFilePatterns) ? undefined : next(document, position, completionContext, token)),
      // VS Code's JSON support outlines every JSON document, schema or not: ours would be a second outline (and
      // a second breadcrumb trail) of the same file. Hover stays ours alone the other way round: the editor
      // schemas carry no descriptions (schemas/editor, src-core/baseline/schemas/editor-assist.ts).
      provideDocumentSymbols: (document, token, next) => (outlinedByJsonSupport(document) ? undefined : next(document, token)),
      workspace: {
        // Answer with the resolved, typed settings object, so the server never interprets raw editor settings.
        configuration: async (params, token, next) => {
          const others = params.items.some((i) => i.section !== SECTION) ? await next(params, token) : [];
          if (others instanceof Error) return others;
          return params.items.map((item, n) => (item.section === SECTION ? readSettings(item.scopeUri) : (others as unknown[])[n] ?? null));
        },
      },
    },
  };
  const client = new LanguageClient(CLIENT_ID, 'Micro Agent Studio', serverOptions, clientOptions);
  context.subscriptions.push(crashes.attach(client));
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    if (client.isRunning()) void client.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION).catch(() => undefined);
  }));
  return client;
}
