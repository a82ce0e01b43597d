// Nothing lost (issue 10, item 5), in a real VS Code: Create Starter Profile writes no file (an unsaved editor,
// or the existing profile opened as it is), and the learned baseline reaches the user's files only through edits
// they can undo (an existing baseline's old text comes back with Undo; a second file is replaced only when they
// say so; unsaved changes are neither saved nor lost).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { saveLearnedBaseline } from '../../commands/learn-baseline';
import { extensionReady, until, workspaceRoot } from './helpers';

const OLD = '{ "securityGroups": { "old": {} } }\n';
const NEW = '{ "securityGroups": { "learned": { "allowlistRules": [] } } }\n';

async function closeActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export function registerNothingLostSuite(): void {
  suite('nothing lost', () => {
    let dir: string;
    setup(() => {
      dir = fs.mkdtempSync(path.join(workspaceRoot(), '.microagent-test', 'saves-'));
    });
    teardown(async () => {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('notifications.clearAll');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('Create Starter Profile writes no file: an unsaved editor at the folder\'s root, the same one when asked again', async () => {
      await extensionReady();
      const target = path.join(workspaceRoot(), 'microagent.json');
      assert.equal(fs.existsSync(target), false, 'the test workspace must not have a root profile');
      await vscode.commands.executeCommand('microAgent.createProfile');
      const proposal = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'untitled' && d.uri.fsPath === target);
      const doc = await until(() => { const d = proposal(); return d && d.getText() ? d : undefined; }, 'the unsaved starter profile');
      assert.ok(JSON.parse(doc.getText()).devices, 'a profile with devices');
      assert.equal(fs.existsSync(target), false, 'the command wrote the profile to disk');
      const text = doc.getText();
      await vscode.commands.executeCommand('microAgent.createProfile');
      assert.equal(proposal()?.getText(), text, 'asking again changed the open proposal');
      await vscode.window.showTextDocument(doc);
      await closeActive();
      assert.equal(fs.existsSync(target), false);
    });

    test('Create Starter Profile opens an existing microagent.json as it is', async () => {
      const target = path.join(workspaceRoot(), 'microagent.json');
      const mine = '{ "devices": [] }\n';
      fs.writeFileSync(target, mine);
      try {
        await vscode.commands.executeCommand('microAgent.createProfile');
        const editor = await until(() => vscode.window.activeTextEditor?.document.uri.fsPath === target && vscode.window.activeTextEditor, 'the existing profile in front');
        assert.equal(editor.document.uri.scheme, 'file');
        assert.equal(editor.document.getText(), mine);
        assert.equal(editor.document.isDirty, false);
        assert.equal(fs.readFileSync(target, 'utf8'), mine);
        await closeActive();
      } finally {
        fs.rmSync(target, { force: true });
      }
    });

    test('a learned baseline replaces an existing one as an edit: saved, and Undo brings the old text back', async () => {
      const target = vscode.Uri.file(path.join(dir, 'locks.baseline.json'));
      fs.writeFileSync(target.fsPath, OLD);
      const saved = await saveLearnedBaseline(target, NEW, undefined);
      assert.equal(saved.baseline, 'replaced', saved.message);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), NEW);
      const doc = await vscode.workspace.openTextDocument(target);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await until(() => doc.getText() === OLD, 'Undo to bring the old baseline back', () => doc.getText());
    });

    test('a learned baseline at a new path is created by an edit; the learned profile beside an existing one is replaced only when confirmed', async () => {
      const learnedOld = '{ "mine": true }\n';
      const first = vscode.Uri.file(path.join(dir, 'a.baseline.json'));
      fs.writeFileSync(path.join(dir, 'a.learned.json'), learnedOld);
      const asked: string[] = [];
      const kept = await saveLearnedBaseline(first, NEW, '{ "learned": 1 }\n', async (u) => { asked.push(path.basename(u.fsPath)); return false; });
      assert.deepEqual([kept.baseline, kept.learned], ['created', 'kept'], kept.message);
      assert.deepEqual(asked, ['a.learned.json']);
      assert.equal(fs.readFileSync(first.fsPath, 'utf8'), NEW);
      assert.equal(fs.readFileSync(path.join(dir, 'a.learned.json'), 'utf8'), learnedOld, 'the learned profile was replaced without consent');
      assert.match(kept.message, /the existing learned profile beside it was kept/);

      const second = vscode.Uri.file(path.join(dir, 'b.baseline.json'));
      fs.writeFileSync(path.join(dir, 'b.learned.json'), learnedOld);
      const replaced = await saveLearnedBaseline(second, NEW, '{ "learned": 2 }\n', async () => true);
      assert.deepEqual([replaced.baseline, replaced.learned], ['created', 'replaced'], replaced.message);
      assert.equal(fs.readFileSync(path.join(dir, 'b.learned.json'), 'utf8'), '{ "learned": 2 }\n');
      // Nothing was asked about a learned profile that did not exist.
      const third = vscode.Uri.file(path.join(dir, 'c.baseline.json'));
      const fresh = await saveLearnedBaseline(third, NEW, '{ "learned": 3 }\n', async () => assert.fail('asked about a file that does not exist'));
      assert.deepEqual([fresh.baseline, fresh.learned], ['created', 'created']);
    });

    test('a baseline open with unsaved changes gets the learned text unsaved; the disk keeps its text and Undo brings the user\'s back', async () => {
      const target = vscode.Uri.file(path.join(dir, 'busy.baseline.json'));
      fs.writeFileSync(target.fsPath, OLD);
      const doc = await vscode.workspace.openTextDocument(target);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// my unsaved note\n'));
      const mine = doc.getText();
      const saved = await saveLearnedBaseline(target, NEW, undefined);
      assert.equal(saved.baseline, 'replaced-unsaved', saved.message);
      assert.equal(doc.getText(), NEW);
      assert.equal(fs.readFileSync(target.fsPath, 'utf8'), OLD, 'a document with unsaved changes was saved');
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await until(() => doc.getText() === mine, 'Undo to bring the unsaved text back', () => doc.getText());
    });
  });
}
