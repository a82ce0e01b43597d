// The last simulation run: kept in memory, saved in the extension's workspace storage so the panel, the inline
// findings and the status bar come back after a reload, and announced to whoever shows it.
import * as vscode from 'vscode';
import type { PanelRun } from '../panel/protocol';

export class LastRunStore implements vscode.Disposable {
  private run: PanelRun | undefined;
  private readonly changed = new vscode.EventEmitter<PanelRun | undefined>();
  readonly onDidChange = this.changed.event;
  private running = false;
  private readonly runningChanged = new vscode.EventEmitter<boolean>();
  readonly onDidChangeRunning = this.runningChanged.event;

  constructor(private readonly storage: vscode.Uri | undefined) {}

  get current(): PanelRun | undefined {
    return this.run;
  }

  get isRunning(): boolean {
    return this.running;
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.runningChanged.fire(running);
  }

  private get file(): vscode.Uri | undefined {
    return this.storage ? vscode.Uri.joinPath(this.storage, 'last-run.json') : undefined;
  }

  /** Reads the saved run (a broken or old file is ignored). */
  async restore(): Promise<void> {
    const file = this.file;
    if (!file) return;
    try {
      const saved = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as PanelRun;
      if (saved && Array.isArray(saved.result?.findings)) {
        this.run = saved;
        this.changed.fire(saved);
      }
    } catch {
      // No saved run yet.
    }
  }

  async set(run: PanelRun): Promise<void> {
    this.run = run;
    this.changed.fire(run);
    const file = this.file;
    if (!file || !this.storage) return;
    try {
      await vscode.workspace.fs.createDirectory(this.storage);
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(run)));
    } catch {
      // Keeping it across reloads is a convenience; the run itself is in memory.
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.runningChanged.dispose();
  }
}
