// The palette commands and what they do: the language server's (validate the workspace, log, restart) and
// the simulation's (run, open the panel, learn a baseline, export, decode, create a profile).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE_COMMAND, type WorkspaceCheckResult } from '../src-core/language/protocol-ext';
import type { SourceLocation } from '../src-core/findings/finding';
import { createStarterProfile } from './commands/create-profile';
import { decodeMessage } from './commands/decode-message';
import { exportLastRun } from './commands/export-run';
import { learnBaseline } from './commands/learn-baseline';
import type { AlertPanel } from './panel/panel-host';
import { runSimulationCommand } from './simulation/run-command';
import type { LastRunStore } from './simulation/last-run';

export interface ClientHolder {
  client: LanguageClient | undefined;
  output: vscode.LogOutputChannel;
  restart(): Promise<void>;
}

export interface SimulationParts {
  store: LastRunStore;
  panel: AlertPanel;
  /** The bundled CLI (dist/cli/microagent.js). */
  cli: string;
  version: string;
}

export function registerCommands(context: vscode.ExtensionContext, holder: ClientHolder, sim: SimulationParts): void {
  const run = async (arg?: unknown, deviceIps?: string[]) => {
    if (await runSimulationCommand(arg, sim.store, sim.cli, holder.output, deviceIps)) sim.panel.show();
  };
  const rerun = () => {
    const last = sim.store.current;
    return last ? run(vscode.Uri.file(last.target), last.deviceIps) : run();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(holder)),
    vscode.commands.registerCommand('microAgent.showOutput', () => holder.output.show(true)),
    vscode.commands.registerCommand('microAgent.restartServer', async () => {
      await holder.restart();
      holder.output.info('the language server restarted');
      void vscode.window.setStatusBarMessage('Micro Agent: language server restarted', 3000);
    }),
    vscode.commands.registerCommand('microAgent.runSimulation', run),
    vscode.commands.registerCommand('microAgent.rerunSimulation', rerun),
    vscode.commands.registerCommand('microAgent.openPanel', () => sim.panel.show()),
    vscode.commands.registerCommand('microAgent.showFindings', (ids?: unknown) => sim.panel.show(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : undefined)),
    vscode.commands.registerCommand('microAgent.exportLastRun', (format?: unknown) => exportLastRun(sim.store.current, sim.version, format === 'sarif' || format === 'json' || format === 'html' ? format : undefined)),
    vscode.commands.registerCommand('microAgent.decodeMessage', (arg?: unknown) => decodeMessage(arg, sim.cli)),
    vscode.commands.registerCommand('microAgent.createProfile', () => createStarterProfile()),
    vscode.commands.registerCommand('microAgent.learnBaseline', (arg?: unknown) => learnBaseline(arg, sim.cli, holder.output)),
  );
}

/** Opens a finding's location (from the panel) at its range. */
export async function openLocation(location: SourceLocation): Promise<void> {
  const r = location.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(location.file));
  await vscode.window.showTextDocument(doc, { selection: range, preview: false, viewColumn: vscode.ViewColumn.One });
}

async function checkWorkspace(holder: ClientHolder): Promise<WorkspaceCheckResult | undefined> {
  const client = holder.client;
  if (!client) {
    void vscode.window.showWarningMessage('Micro Agent: the language server is not running.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Micro Agent: checking the workspace', cancellable: true },
    async (_progress, token) => {
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: CHECK_WORKSPACE_COMMAND, arguments: [] }, token)) as WorkspaceCheckResult | null;
      if (!result) return undefined;
      const text = `Micro Agent: ${result.filesChecked} files checked, ${result.errors} errors, ${result.warnings} warnings` + (result.cancelled ? ' (cancelled)' : '');
      holder.output.appendLine(text);
      for (const n of result.notices) holder.output.appendLine(`  not read: ${n}`);
      if (result.notices.length) void vscode.window.showWarningMessage(`${text}; ${result.notices.length} file(s) could not be read (see the output).`);
      else void vscode.window.showInformationMessage(text);
      return result;
    },
  );
}
