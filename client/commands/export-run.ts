// "Micro Agent: Export the Last Run": SARIF, JSON or the self-contained HTML report, written where the user
// says in a save dialog (nothing is written without it).
import * as vscode from 'vscode';
import { findingsSarif } from '../../src-core/findings/findings-sarif';
import { simulationHtml } from '../../src-core/findings/html-report';
import type { ExportFormat, PanelRun } from '../panel/protocol';

export function renderRun(run: PanelRun, format: ExportFormat, version: string): string {
  const cwd = run.root ?? '/';
  if (format === 'sarif') return findingsSarif({ toolName: 'microagent', toolVersion: version, cwd, findings: run.result.findings, errors: run.result.summary.errors, notes: run.result.bounded });
  if (format === 'html') return simulationHtml(run.result, { configSource: run.configSource, cwd, toolVersion: version });
  return `${JSON.stringify(run.result, null, 2)}\n`;
}

export async function exportLastRun(run: PanelRun | undefined, version: string, format?: ExportFormat): Promise<vscode.Uri | undefined> {
  if (!run) {
    void vscode.window.showInformationMessage('Micro Agent: nothing to export yet. Run "Micro Agent: Run Simulation" first.');
    return undefined;
  }
  const chosen = format ?? (await vscode.window.showQuickPick(
    [{ label: 'SARIF 2.1.0', detail: 'for code scanning in CI', format: 'sarif' as const }, { label: 'JSON', detail: 'the result as microagent simulate --format json writes it, less the ground truth\'s flow lists (counts kept)', format: 'json' as const },
      { label: 'HTML', detail: 'a self-contained report page', format: 'html' as const }],
    { title: 'Micro Agent: export the last run as' }))?.format;
  if (!chosen) return undefined;
  const ext = chosen === 'sarif' ? 'sarif' : chosen;
  const base = run.root ? vscode.Uri.file(run.root) : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export the last run as ${chosen.toUpperCase()}`,
    defaultUri: base ? vscode.Uri.joinPath(base, `microagent-findings.${ext}`) : undefined,
    filters: chosen === 'sarif' ? { SARIF: ['sarif', 'json'] } : chosen === 'html' ? { HTML: ['html'] } : { JSON: ['json'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderRun(run, chosen, version)));
  void vscode.window.showInformationMessage(`Micro Agent: the last run was exported to ${vscode.workspace.asRelativePath(target)}.`);
  return target;
}
