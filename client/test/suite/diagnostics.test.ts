// Proves the language server's diagnostics reach VS Code's own diagnostics API for a faulty asc_config.h.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, expectations, openFaultyHeader, until } from './helpers';

export function registerDiagnosticsSuite(): void {
  suite('diagnostics', () => {
    test('a faulty asc_config.h shows the unknown-option and out-of-range codes', async () => {
      const expect = expectations();
      const doc = await openFaultyHeader();
      const seen = () => vscode.languages.getDiagnostics(doc.uri).map((d) => `${codeOf(d)} ${d.message}`).join(' | ');
      const diags = await until(() => {
        const got = vscode.languages.getDiagnostics(doc.uri);
        const codes = new Set(got.map(codeOf));
        return expect.codes.every((c) => codes.has(c)) && got;
      }, `codes ${expect.codes.join(', ')} on ${expect.file}`, seen, expect.waitMs);
      const unknown = diags.find((d) => codeOf(d) === expect.codes[0]);
      assert.ok(unknown, 'the unknown-option diagnostic is present');
      // The diagnostic sits on the misspelt name, not on the whole file.
      assert.equal(doc.getText(unknown.range), expect.unknownOption);
    });
  });
}
