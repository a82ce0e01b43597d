// "Micro Agent: Decode a Security Message": an AzureIoTSecurity.Message (FlatBuffers, binary or base64) as
// JSON in a new, unsaved editor.
import * as vscode from 'vscode';
import { runCli } from './cli-process';

export async function decodeMessage(arg: unknown, cli: string): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ title: 'Micro Agent: the security message to decode (binary or base64)', canSelectMany: false, openLabel: 'Decode' });
    uri = picked?.[0];
  }
  if (!uri || uri.scheme !== 'file') return;
  const cwd = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? process.cwd();
  const r = await runCli(cli, ['decode', uri.fsPath], cwd);
  if (r.code !== 0) {
    void vscode.window.showErrorMessage(`Micro Agent: cannot decode ${vscode.workspace.asRelativePath(uri)}: ${r.stderr.trim().split('\n').slice(-1)[0] || `exit ${r.code}`}`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: r.stdout });
  await vscode.window.showTextDocument(doc, { preview: false });
}
