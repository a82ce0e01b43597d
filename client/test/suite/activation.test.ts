// Proves the installed extension activates in a real VS Code on a workspace holding an asc_config.h.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionReady } from './helpers';

export function registerActivationSuite(): void {
  suite('activation', () => {
    test('the extension activates and its language server starts', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
      await extensionReady();
      assert.ok(ext.isActive, 'the extension is not active after activate()');
      assert.match(vscode.version, /^1\.\d+/);
    });
  });
}
