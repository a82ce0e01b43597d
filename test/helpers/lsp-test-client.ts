// A minimal LSP client for tests: initialize, open/change documents, answer workspace/configuration,
// and wait (on conditions, never on sleeps) for published diagnostics and log messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number } }; code?: string | number; severity?: number; message: string; tags?: number[] }[];
}

export interface TestClientOptions {
  /** Client capabilities to announce; the defaults are a push-diagnostics client with snippets. */
  capabilities?: Record<string, unknown>;
  /** Answers workspace/configuration items for section microAgent; undefined: no configuration capability. */
  settings?: (scopeUri: string | undefined) => unknown;
  rootPath?: string;
  initializationOptions?: unknown;
  /** Extra environment for a spawned server (e.g. MICROAGENT_TEST_FAULT). */
  env?: Record<string, string>;
}

export const pushCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: true },
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

export const pullCapabilities = {
  ...pushCapabilities,
  workspace: { ...pushCapabilities.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...pushCapabilities.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

export class LspTestClient {
  readonly published = new Map<string, PublishedDiagnostics>();
  readonly logs: { type: number; message: string }[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  refreshRequests = 0;
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();
  child?: ChildProcess;
  stderr = '';

  constructor(readonly connection: MessageConnection, private readonly options: TestClientOptions) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      this.wake();
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.wake();
    });
    connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(...p.items);
      this.wake();
      return p.items.map((i) => (i.section === 'microAgent' && options.settings ? options.settings(i.scopeUri) : null));
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.wake();
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  /** Drives the real bundled server in a child process over stdio. */
  static spawnServer(serverJs: string, options: TestClientOptions): LspTestClient {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ? { ...process.env, ...options.env } : process.env });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(conn, options);
    client.child = child;
    child.stderr!.on('data', (d) => (client.stderr += String(d)));
    return client;
  }

  /** Joins a client to a server connection built by `start` over in-memory streams (no child process). */
  static inProcess(start: (reader: StreamMessageReader, writer: StreamMessageWriter) => void, options: TestClientOptions): LspTestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    start(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    return new LspTestClient(conn, options);
  }

  async initialize(): Promise<{ capabilities: Record<string, any> }> {
    const caps = this.options.capabilities ?? pushCapabilities;
    const withConfig = this.options.settings ? caps : { ...caps, workspace: { ...(caps as any).workspace, configuration: false } };
    const root = this.options.rootPath;
    const result = await this.connection.sendRequest<{ capabilities: Record<string, any> }>('initialize', {
      // In process, a processId would start the server's parent-process watchdog timer and keep the test alive.
      processId: this.child ? process.pid : null,
      rootUri: root ? uri(root) : null,
      workspaceFolders: root ? [{ uri: uri(root), name: path.basename(root) }] : null,
      capabilities: withConfig,
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(file: string, text: string, languageId = 'c'): Promise<string> {
    const u = uri(file);
    this.versions.set(u, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });
    return u;
  }

  async change(u: string, text: string): Promise<number> {
    const version = (this.versions.get(u) ?? 1) + 1;
    this.versions.set(u, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental change, as an editor sends a keystroke: `text` replaces `range`. */
  async edit(u: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(u) ?? 1) + 1;
    this.versions.set(u, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async save(u: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri: u } });
  }

  async close(u: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** Resolves when `check` returns a value, re-testing on every message from the server. */
  waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 10000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== test);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.stderr ? `; server stderr: ${this.stderr}` : ''}`));
      }, timeoutMs);
      const test = () => {
        const v = check();
        if (v === undefined || v === false) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== test);
        resolve(v as T);
      };
      this.waiters.push(test);
      test();
    });
  }

  /** The diagnostics published for `u` for at least document version `version`. */
  diagnosticsFor(u: string, version?: number): Promise<PublishedDiagnostics> {
    return this.waitFor(`diagnostics for ${u}${version ? ` v${version}` : ''}`, () => {
      const p = this.published.get(u);
      return p && (version === undefined || (p.version ?? 0) >= version) ? p : undefined;
    });
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      // `exit` makes vscode-languageserver call process.exit: only a child process may receive it.
      if (this.child) await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; nothing to clean up then.
    }
    this.connection.dispose();
    if (this.child && this.child.exitCode === null) this.child.kill();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }
}

export function uri(file: string): string {
  return pathToFileURL(file).href;
}
