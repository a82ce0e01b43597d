// Proves a crashed language server comes back: the test kills the server process, the client restarts it (and
// counts the restart it announces), and the faulty header's diagnostics come back from the new process, which
// also checks an edit made after the restart.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EXTENSION_ID, expectations, extensionReady, openFaultyHeader, until } from './helpers';

interface ServerApi {
  client(): LanguageClient | undefined;
  crashes(): { crashes: number; restarted: number; gaveUp: boolean };
}

function server(): ServerApi {
  return (vscode.extensions.getExtension(EXTENSION_ID)!.exports as { server: ServerApi }).server;
}

const UNKNOWN_AFTER_RESTART = 'ASC_AFTER_THE_RESTART_TYPO';

export function registerServerRestartSuite(): void {
  suite('server restart', function () {
    // Each wait below gives up (saying what it saw) well before this.
    this.timeout(150000);
    test('a killed language server is restarted, says so, and the diagnostics come back', async () => {
      const expect = expectations();
      await extensionReady();
      const doc = await openFaultyHeader();
      // The misspelt option's diagnostic stands for the file's checks (not expect.codes: check-breaks.mjs makes
      // those impossible, and only the diagnostics suites may fail on that).
      const on = (text: string) => vscode.languages.getDiagnostics(doc.uri).some((d) => doc.getText(d.range) === text);
      const seen = () => vscode.languages.getDiagnostics(doc.uri).map((d) => doc.getText(d.range)).join(', ') || '(none)';
      await until(() => on(expect.unknownOption), `a diagnostic on ${expect.unknownOption} before the crash`, seen, expect.waitMs);

      const before = { ...server().crashes() };
      const oldProcess = server().client()?.serverProcess;
      assert.ok(oldProcess?.pid, 'the language client has no server process to kill');
      const oldPid = oldProcess.pid;
      process.kill(oldPid, 'SIGKILL');

      await until(() => server().crashes().restarted > before.restarted, 'the client to restart the server',
        () => JSON.stringify(server().crashes()), 30000);
      const now = server().client()!;
      assert.ok(now.isRunning(), 'the client is running again');
      assert.notEqual(now.serverProcess?.pid, oldPid, 'a new server process');
      assert.equal(server().crashes().gaveUp, false);

      // The open document is served by the new process: its problems are back, and an edit is checked.
      await until(() => on(expect.unknownOption), `a diagnostic on ${expect.unknownOption} after the restart`, seen, 30000);
      const editor = await vscode.window.showTextDocument(doc);
      try {
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), `#define ${UNKNOWN_AFTER_RESTART} 1\n`));
        await until(() => on(UNKNOWN_AFTER_RESTART), `a diagnostic on ${UNKNOWN_AFTER_RESTART}, typed after the restart`, seen, 30000);
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
        // The restart's notification must not cover what the UI checks look at next.
        await vscode.commands.executeCommand('notifications.clearAll');
      }
    });
  });
}
