// The palette commands: validate the workspace, show the log, restart the server.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE_COMMAND, type WorkspaceCheckResult } from '../src-core/language/protocol-ext';

export interface ClientHolder {
  client: LanguageClient | undefined;
  output: vscode.LogOutputChannel;
  restart(): Promise<void>;
}

export function registerCommands(context: vscode.ExtensionContext, holder: ClientHolder): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(holder)),
    vscode.commands.registerCommand('microAgent.showOutput', () => holder.output.show(true)),
    vscode.commands.registerCommand('microAgent.restartServer', async () => {
      await holder.restart();
      void vscode.window.setStatusBarMessage('Micro Agent: language server restarted', 3000);
    }),
  );
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
