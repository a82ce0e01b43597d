// The status bar item: the last run's counts (alerts, recommendations, hints; what the agent missed), a spinner
// while a simulation runs; a click opens the alert panel.
import * as vscode from 'vscode';
import { findingsHeadline } from '../src-core/findings/headline';
import type { PanelRun } from './panel/protocol';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('microAgent.lastRun', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Micro Agent: last simulation';
    this.item.command = 'microAgent.openPanel';
  }

  /** What the item says now (the in-host tests read it). */
  get text(): string {
    return this.item.text;
  }

  show(run: PanelRun | undefined, running: boolean): void {
    if (running) {
      this.item.text = '$(sync~spin) Micro Agent: simulating';
      this.item.tooltip = 'A simulation is running (cancel it from its notification)';
      this.item.show();
      return;
    }
    if (!run) {
      this.item.text = '$(shield) Micro Agent';
      this.item.tooltip = 'No simulation yet: click to open the alert panel, or run "Micro Agent: Run Simulation"';
      this.item.show();
      return;
    }
    const f = run.result.findings;
    const seen = f.filter((x) => x.agentVisible !== false);
    const n = (k: string) => seen.filter((x) => x.kind === k).length;
    const missed = f.length - seen.length;
    this.item.text = `$(shield) ${n('alert')} $(lightbulb) ${n('recommendation')} $(info) ${n('hint')}${missed ? ` $(eye-closed) ${missed}` : ''}`;
    // The title is a file name from the workspace: appended as text, never as Markdown.
    const md = new vscode.MarkdownString('**Micro Agent, last simulation** (');
    md.appendText(`${run.title}, ${new Date(run.finishedAt).toLocaleString()}`);
    md.appendMarkdown(')\n\n');
    md.appendText(`${findingsHeadline(f)}.`);
    md.appendMarkdown('\n\nClick to open the alert panel.');
    this.item.tooltip = md;
    this.item.backgroundColor = seen.some((x) => x.severity === 'High') ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : seen.some((x) => x.severity === 'Medium') ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
