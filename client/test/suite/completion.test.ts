// Proves completion after `#define ` offers the agent's option names in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { expectations, openFaultyHeader, positionOfDefine, until } from './helpers';

export function registerCompletionSuite(): void {
  suite('completion', () => {
    test('completion on a #define name offers option names', async () => {
      const expect = expectations();
      const doc = await openFaultyHeader();
      const pos = positionOfDefine(doc, expect.completionAfterDefineOf, 0);
      const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
      let labels: string[] = [];
      await until(async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
        labels = (list?.items ?? []).map(label);
        return labels.includes(expect.completionOffers);
      }, `completion to offer ${expect.completionOffers}`, () => `${labels.length} items: ${labels.slice(0, 8).join(', ')}`);
      // Options come from the catalogue, not from words in the buffer: the misspelt name is no suggestion.
      assert.ok(!labels.includes(expect.unknownOption), `completion offered the unknown name ${expect.unknownOption}`);
    });
  });
}
