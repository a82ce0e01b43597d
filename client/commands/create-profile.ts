// "Micro Agent: Create a Starter Profile": a microagent.json for the workspace from the files it has, opened as
// an unsaved editor at the folder's root (saving it is the user's choice; an existing profile is opened instead).
import * as vscode from 'vscode';
import { starterProfile } from '../../src-core/baseline/starter-profile';

export async function createStarterProfile(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.length === 1 ? vscode.workspace.workspaceFolders[0]
    : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Micro Agent: the folder the profile is for' });
  if (!folder) {
    void vscode.window.showInformationMessage('Micro Agent: open a folder first; the profile lives at its root.');
    return;
  }
  const target = vscode.Uri.joinPath(folder.uri, 'microagent.json');
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showInformationMessage('Micro Agent: this folder already has a microagent.json; it is open now.');
    await vscode.window.showTextDocument(target);
    return;
  } catch {
    // None yet: make one.
  }
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/{asc_config.h,*.dist,nx_user.h,*.baseline.json,*.baseline.jsonc,*.netset,*.ipset,*.pcap,*.pcapng}'), '**/{node_modules,build,dist,.git}/**', 500);
  const { profile, notes } = starterProfile(folder.uri.fsPath, found.map((u) => u.fsPath));
  const text = `${JSON.stringify(profile, null, 2)}\n`;
  // An untitled document bound to the path: Ctrl+S writes it there, closing it discards it.
  const doc = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(doc);
  // Asked twice: the first proposal (perhaps edited by now) is shown again, not added to.
  if (doc.getText().trim() !== '') {
    void vscode.window.showInformationMessage('Micro Agent: the starter profile is already open (unsaved).');
    return;
  }
  await editor.edit((e) => e.insert(new vscode.Position(0, 0), text));
  void vscode.window.showInformationMessage(`Micro Agent: a starter profile (unsaved). ${notes.join(' ')}`);
}
