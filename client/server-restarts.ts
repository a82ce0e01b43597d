// What happens when the language server dies (a hostile file, out of memory, a bug): it is restarted, up to
// MAX_RESTARTS times in RESTART_WINDOW_MS, and the user is told each time, in the output channel and in a
// notification; past the limit it stays stopped and the notification offers to restart it by hand.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type LanguageClient } from 'vscode-languageclient/node';

/** Restarts allowed within RESTART_WINDOW_MS before giving up (vscode-languageclient's own default). */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60_000;

export interface RestartRecord {
  /** Crashes seen by this client. */
  crashes: number;
  /** Restarts that completed (the server answered initialize again). */
  restarted: number;
  gaveUp: boolean;
}

export class ServerCrashHandler implements ErrorHandler {
  private readonly crashTimes: number[] = [];
  private waitingForRestart = false;
  readonly record: RestartRecord = { crashes: 0, restarted: 0, gaveUp: false };

  constructor(
    private readonly output: vscode.LogOutputChannel,
    /** Starts a fresh client, for the notification's "Restart" button once the automatic restarts are spent. */
    private readonly restartByHand: () => Promise<void>,
  ) {}

  /** Follows the client so the notification comes once the server is really back. */
  attach(client: LanguageClient): vscode.Disposable {
    return client.onDidChangeState((e) => {
      if (e.newState !== State.Running || !this.waitingForRestart) return;
      this.waitingForRestart = false;
      this.record.restarted++;
      const text = `Micro Agent: the language server stopped unexpectedly and was restarted (${this.recent()} of ${MAX_RESTARTS + 1} crashes allowed in 3 minutes). Open files are checked again.`;
      this.output.warn(text.replace(/^Micro Agent: /, ''));
      void vscode.window.showWarningMessage(text, 'Show log').then((a) => a && this.output.show(true));
    });
  }

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.error(`the connection to the language server failed: ${error?.message ?? error}${count ? ` (${count} in a row)` : ''}`);
    // As vscode-languageclient does: a few broken messages are survivable, a stream of them is not.
    return count !== undefined && count <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.record.crashes++;
    this.crashTimes.push(now);
    while (this.crashTimes.length && now - this.crashTimes[0] > RESTART_WINDOW_MS) this.crashTimes.shift();
    if (this.crashTimes.length <= MAX_RESTARTS) {
      this.waitingForRestart = true;
      this.output.warn(`the language server stopped unexpectedly (crash ${this.recent()} in 3 minutes; the log above may say why); restarting it`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.record.gaveUp = true;
    const text = `Micro Agent: the language server stopped ${this.recent()} times in 3 minutes and will not be restarted again; configuration files are not checked until it runs. The log may name the file that stops it.`;
    this.output.error(text.replace(/^Micro Agent: /, ''));
    void vscode.window.showErrorMessage(text, 'Restart the server', 'Show log').then((a) => {
      if (a === 'Show log') this.output.show(true);
      if (a === 'Restart the server') void this.restartByHand().catch((e: unknown) => this.output.error(`restarting the server: ${String(e)}`));
    });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private recent(): number {
    return this.crashTimes.length;
  }
}
