// Writes text the extension generated (a learned baseline, its learned profile) into a file the user chose, as
// an edit they can undo: an existing file's text is replaced through a WorkspaceEdit on its document (Undo in
// that editor brings the old text back), a new file is created by a WorkspaceEdit (Undo deletes it again).
// Never a direct write behind the editor's back.
import * as vscode from 'vscode';

export type SaveOutcome = 'created' | 'replaced' | 'replaced-unsaved' | 'failed';

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/**
 * Puts `text` into `target`. The caller has asked before replacing an existing file (a save dialog does).
 * A document open with unsaved changes is given the new text but not saved: Undo there gets the user's text back,
 * and saving stays their choice ('replaced-unsaved').
 */
export async function saveThroughEdit(target: vscode.Uri, text: string): Promise<SaveOutcome> {
  const edit = new vscode.WorkspaceEdit();
  if (!(await exists(target))) {
    edit.createFile(target, { contents: new TextEncoder().encode(text) });
    return (await vscode.workspace.applyEdit(edit)) ? 'created' : 'failed';
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const hadUnsaved = doc.isDirty;
  edit.replace(target, new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end), text);
  if (!(await vscode.workspace.applyEdit(edit))) return 'failed';
  if (hadUnsaved) return 'replaced-unsaved';
  return (await doc.save()) ? 'replaced' : 'failed';
}

/** The modal question before a second file (one no save dialog asked about) is replaced. */
export async function askToReplace(target: vscode.Uri, what: string): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it with ${what}?`, { modal: true }, 'Replace');
  return answer === 'Replace';
}
