// Diagnostics: when to check (open, change with debounce, save, a dependency changed) and how to deliver
// (pull when the client asks for textDocument/diagnostic, push with publishDiagnostics otherwise).
import * as path from 'node:path';
import type { CancellationToken, DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { Diagnostic } from '../../src-core/language/types';
import { isProjectConfigPath } from '../../src-core/project-config/config-file';
import { toLspDiagnostic } from '../convert';
import type { ServerContext } from '../context';
import { uriToPath } from '../files';
import { TypingSpots } from '../typing-spots';

type Reason = 'open' | 'change' | 'save' | 'dependency' | 'settings';

/** Files other checks read: a change to one re-checks every open document. */
export function isDependencyFile(file: string): boolean {
  return path.basename(file).toLowerCase() === 'nx_user.h' || isProjectConfigPath(file);
}

export class DiagnosticsHandler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly justOpened = new Set<string>();
  /** URIs that received pushed diagnostics (a workspace check in pull mode), cleared when they open. */
  readonly pushed = new Set<string>();

  constructor(
    private readonly s: ServerContext,
    private readonly refreshSupported: boolean,
    /** Holds back what is reported on a name still being typed; a save lets it through. */
    private readonly typing = new TypingSpots(),
  ) {}

  register(): void {
    const { documents, connection } = this.s;
    documents.onDidOpen((e) => {
      this.s.buffers.opened(e.document.uri);
      this.justOpened.add(e.document.uri);
      void this.s.guard('didOpen', undefined, () => this.trigger(e.document.uri, 'open'));
    });
    documents.onDidChangeContent((e) => {
      // TextDocuments reports an open as a change too; the open was handled above.
      if (this.justOpened.delete(e.document.uri)) return;
      void this.s.guard('didChange', undefined, () => this.trigger(e.document.uri, 'change'));
    });
    documents.onDidSave((e) => void this.s.guard('didSave', undefined, async () => {
      // A pulling client asks again only when told to: what was held while typing shows on the save.
      if (this.typing.forget(e.document.uri) && this.s.pullDiagnostics) await this.refresh();
      await this.trigger(e.document.uri, 'save');
    }));
    documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.typing.forget(uri);
      this.s.buffers.closed(uri);
      this.cancel(uri);
      this.s.lastChecks.delete(uri);
      this.s.settings.drop(uri);
      if (!this.s.pullDiagnostics || this.pushed.delete(uri)) this.publish(uri, []);
      const file = uriToPath(uri);
      if (isDependencyFile(file) || this.s.profileFeeds.profileChanged(file)) this.recheckOpen(uri);
    });
    if (this.s.pullDiagnostics) {
      connection.languages.diagnostics.on((params, token) =>
        this.s.guard<DocumentDiagnosticReport>('textDocument/diagnostic', { kind: 'full', items: [] }, () => this.pull(params.textDocument.uri, token)),
      );
    }
  }

  async trigger(uri: string, reason: Reason): Promise<void> {
    const file = uriToPath(uri);
    if ((reason === 'open' || reason === 'change' || reason === 'save') && isDependencyFile(file)) this.recheckOpen(uri);
    // A profile decides which files are feeds: when the feeds it names change, open documents are checked again.
    else if (reason !== 'dependency' && reason !== 'settings' && this.s.profileFeeds.profileChanged(file)) this.recheckOpen(uri);
    const settings = await this.s.settings.get(uri);
    if (this.s.pullDiagnostics) {
      if (reason === 'open' && this.pushed.delete(uri)) this.publish(uri, []);
      if (reason === 'save' && settings.validate === 'onSave') {
        await this.validate(uri);
        await this.refresh();
      }
      return;
    }
    if (settings.validate === 'off') {
      this.cancel(uri);
      this.s.lastChecks.delete(uri);
      this.publish(uri, []);
      return;
    }
    if (settings.validate === 'onSave' && reason === 'change') return;
    this.schedule(uri, reason === 'change' || reason === 'dependency' ? settings.debounceMs : 0);
  }

  /** Re-checks every open document except `except` (after nx_user.h or the config file changed, or settings). */
  recheckOpen(except?: string): void {
    // A check under way read the old inputs: the checks below start their own rather than wait for it.
    this.s.inputsGeneration++;
    if (this.s.pullDiagnostics) {
      // The cached results are of the same document versions: drop them so the pulls after the refresh re-check.
      for (const d of this.s.documents.all()) if (d.uri !== except) this.s.lastChecks.delete(d.uri);
      void this.refresh();
      return;
    }
    for (const d of this.s.documents.all()) if (d.uri !== except) void this.s.guard('re-check', undefined, () => this.trigger(d.uri, 'dependency'));
  }

  private async pull(uri: string, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const settings = await this.s.settings.get(uri);
    if (settings.validate === 'off') return { kind: 'full', items: [] };
    const doc = this.s.documents.get(uri);
    const last = this.s.lastChecks.get(uri);
    // On save mode shows what the last save (or the open) found, like push mode does.
    if (settings.validate === 'onSave' && last) return { kind: 'full', items: last.diagnostics.map((d) => toLspDiagnostic(d, this.s.features)) };
    if (doc && last && last.version === doc.version) return { kind: 'full', items: this.typing.hold(uri, last.diagnostics).map((d) => toLspDiagnostic(d, this.s.features)) };
    const diagnostics = (await this.validate(uri, token)) ?? [];
    return { kind: 'full', items: this.typing.hold(uri, diagnostics).map((d) => toLspDiagnostic(d, this.s.features)) };
  }

  private schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    const run = () => {
      this.timers.delete(uri);
      void this.s.guard('validation', undefined, async () => {
        const diagnostics = await this.validate(uri);
        const doc = this.s.documents.get(uri);
        if (diagnostics && doc) this.publish(uri, this.typing.hold(uri, diagnostics), doc.version);
      });
    };
    this.timers.set(uri, setTimeout(run, delayMs));
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Checks the open document; undefined when it closed or changed while the check waited for settings. */
  private async validate(uri: string, token?: CancellationToken): Promise<Diagnostic[] | undefined> {
    const doc = this.s.documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const settings = await this.s.settings.get(uri);
    const current = this.s.documents.get(uri);
    if (!current || current.version !== version) return undefined;
    // A long check gives way to other requests; it stops once its answer is moot (edited, closed, cancelled).
    const outcome = await this.s.checkOpen(uri, settings, () => token?.isCancellationRequested === true);
    if (!outcome || outcome.cancelled) return undefined;
    this.s.lastChecks.set(uri, { version, diagnostics: outcome.diagnostics });
    return outcome.diagnostics;
  }

  publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void this.s.connection.sendDiagnostics({ uri, version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, this.s.features)) });
  }

  private async refresh(): Promise<void> {
    if (!this.refreshSupported) return;
    try {
      await this.s.connection.languages.diagnostics.refresh();
    } catch (err) {
      this.s.connection.console.warn(`diagnostic refresh failed: ${(err as Error).message}`);
    }
  }
}
