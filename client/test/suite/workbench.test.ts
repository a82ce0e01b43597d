// Proves the extension's workbench parts in a real VS Code: the "microagent" task type (a check task whose
// output the $microagent problem matcher turns into problems) and the configuration view of the example.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, expectations, extensionReady, until, workspaceRoot } from './helpers';

interface ViewNode { section?: { title: string; items: { label: string; value: string }[] }; item?: { label: string; value: string }; message?: string }
interface ConfigurationViewApi {
  refresh(): void;
  getChildren(node?: ViewNode): Promise<ViewNode[]>;
}

export function registerWorkbenchSuite(): void {
  suite('workbench', () => {
    test('the microagent task type offers a check and a simulate task; the check task fills problems through $microagent', async () => {
      await extensionReady();
      const e = expectations().simulation;
      const tasks = await vscode.tasks.fetchTasks({ type: 'microagent' });
      const names = tasks.map((t) => t.name);
      const check = tasks.find((t) => t.definition.command === 'check');
      assert.ok(check, `no check task among ${names.join(', ')}`);
      assert.ok(tasks.some((t) => t.definition.command === 'simulate' && t.name.includes(e.profile)), `no simulate task for ${e.profile} among ${names.join(', ')}`);
      const ended = new Promise<number | undefined>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((ev) => {
          if (ev.execution.task.name === check.name) (sub.dispose(), resolve(ev.exitCode));
        });
      });
      await vscode.tasks.executeTask(check);
      const code = await ended;
      assert.equal(code, 1, 'the workspace has errors: the check task exits 1');
      // A file no editor has open gets its problems from the task alone (the matcher's source says so).
      const feed = vscode.Uri.file(path.join(workspaceRoot(), e.matcher.file));
      await until(() => vscode.languages.getDiagnostics(feed).some((d) => d.source === 'microagent check' && codeOf(d) === e.matcher.code),
        `${e.matcher.code} on ${e.matcher.file} from the check task`, () => vscode.languages.getDiagnostics(feed).map((d) => `${d.source} ${codeOf(d)}`).join(', '));
    });

    test('Create a Starter Profile opens an unsaved microagent.json at the folder\'s root, naming what the workspace has', async () => {
      await extensionReady();
      await vscode.commands.executeCommand('microAgent.createProfile');
      const editor = await until(() => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.scheme === 'untitled' && e.document.uri.path.endsWith('/microagent.json') && e.document.getText().includes('"devices"') && e;
      }, 'an unsaved microagent.json', () => `${vscode.window.activeTextEditor?.document.uri.toString()}`);
      const profile = JSON.parse(editor.document.getText()) as { agentConfig?: string; devices: { capture?: string }[] };
      assert.ok(profile.agentConfig, 'no agentConfig');
      assert.ok(profile.devices.some((d) => d.capture?.endsWith('.pcap')), 'no device with a capture');
      // Nothing was written: closing the editor discards it.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('the configuration view shows the example\'s configuration in effect, in human units', async () => {
      await extensionReady();
      const e = expectations().simulation;
      const view = (vscode.extensions.getExtension(EXTENSION_ID)!.exports as { configurationView: ConfigurationViewApi }).configurationView;
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceRoot(), e.fix.file)));
      view.refresh();
      const sections = await until(async () => {
        const got = await view.getChildren();
        return got.some((n) => n.section?.title === 'Intervals') && got;
      }, 'the configuration view to list its sections');
      const items = sections.flatMap((n) => n.section?.items ?? []);
      const at = (label: string) => items.find((i) => i.label === label)?.value;
      assert.equal(at('Network activity every'), '10 s');
      assert.match(at('IPv4 flow cache') ?? '', /^16 flows/);
      assert.ok(sections.some((n) => n.section?.title === 'Limits'), 'no Limits section');
    });
  });
}
