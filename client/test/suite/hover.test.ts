// Proves hovering an option name in a real VS Code shows what the option means.
import * as vscode from 'vscode';
import { expectations, hoverText, openFaultyHeader, positionOfDefine, until } from './helpers';

export function registerHoverSuite(): void {
  suite('hover', () => {
    test('hovering an option name explains the option', async () => {
      const expect = expectations();
      const doc = await openFaultyHeader();
      const pos = positionOfDefine(doc, expect.hoverOption);
      let last = '';
      await until(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
        last = hoverText(hovers ?? []);
        return expect.hoverMentions.every((w) => last.toLowerCase().includes(w.toLowerCase())) && last;
      }, `a hover on ${expect.hoverOption} mentioning ${expect.hoverMentions.join(', ')}`, () => last || '(no hover)');
    });
  });
}
