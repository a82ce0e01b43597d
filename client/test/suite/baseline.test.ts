// Proves a faulty baseline's diagnostics reach VS Code's diagnostics API, each fault once (none added by VS Code's
// own JSON support, which gets the assist schema), and completion inside an empty "ruleType" value offers the
// rule types of that list, each once, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OUR_SOURCE, codeOf, expectations, labelOf, openFaultyBaseline, until, valueOf } from './helpers';

export function registerBaselineSuite(): void {
  suite('baseline', () => {
    test('a faulty baseline shows the min-above-max and bad-duration codes', async () => {
      const expect = expectations().baseline;
      const doc = await openFaultyBaseline();
      const seen = () => vscode.languages.getDiagnostics(doc.uri).map((d) => `${codeOf(d)} ${d.message.slice(0, 60)}`).join(' | ');
      const diags = await until(() => {
        const got = vscode.languages.getDiagnostics(doc.uri);
        const codes = new Set(got.map(codeOf));
        return expect.codes.every((c) => codes.has(c)) && got;
      }, `codes ${expect.codes.join(', ')} on ${expect.file}`, seen, expectations().waitMs);
      // Each sits on the value at fault, not on the rule or the file.
      for (const [code, text] of Object.entries(expect.rangeTexts)) {
        const d = diags.find((x) => codeOf(x) === code);
        assert.ok(d, `no ${code} diagnostic`);
        assert.equal(doc.getText(d.range), text, `${code} covers the wrong text`);
      }
    });

    for (const c of completionPoints()) {
      test(`completion in an empty ruleType of ${c.list} offers ${c.offers}, once, and not ${c.notOffers}`, async () => {
        const doc = await openFaultyBaseline();
        const pos = new vscode.Position(c.at.line, c.at.character);
        assert.equal(doc.getText(new vscode.Range(pos.translate(0, -13), pos.translate(0, 1))), '"ruleType": ""', 'the completion point is not inside an empty ruleType');
        let items: vscode.CompletionItem[] = [];
        const labels = () => items.map(labelOf);
        // VS Code's JSON support (from the assist schema) labels values quoted, our server bare: either will do.
        // Asked before its schema has loaded, VS Code's JSON support proposes instead the values other "ruleType"
        // properties in the file hold, without documentation: wait for the schema's item, which has one. Where
        // VS Code's JSON support is installed (always, in VS Code), also wait until it answers from its schema
        // (a quoted item with a description), so a second list from our server would be there to be caught.
        const jsonSupport = vscode.extensions.getExtension('vscode.json-language-features') !== undefined;
        await until(async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
          items = list?.items ?? [];
          return items.some((i) => valueOf(labelOf(i)) === c.offers && documented(i))
            && (!jsonSupport || items.some((i) => /^".*"$/.test(labelOf(i)) && documented(i)));
        }, `completion to offer ${c.offers} with its description${jsonSupport ? ', VS Code\'s JSON support from its schema' : ''}`,
        () => `${items.length} items: ${items.slice(0, 10).map(describeItem).join('; ')}`);
        // Rule types go by list: the other list's type is not offered here, in either form.
        const wrong = items.filter((i) => valueOf(labelOf(i)) === c.notOffers);
        assert.ok(!wrong.length, `completion in ${c.list} offered ${c.notOffers}, a type of another list: ${wrong.map(describeItem).join('; ')}; all: ${labels().join(', ')}`);
        // Once: not VS Code's quoted item and our bare one side by side.
        const same = items.filter((i) => valueOf(labelOf(i)) === c.offers);
        assert.equal(same.length, 1, `completion in ${c.list} lists ${c.offers} ${same.length} times: ${same.map(describeItem).join('; ')}`);
      });
    }

    test('the baseline\'s diagnostics all come from our server: VS Code\'s JSON support reports none of its faults again', async () => {
      const expect = expectations().baseline;
      const doc = await openFaultyBaseline();
      // Ours first (the codes with a place; not expect.codes, which a deliberately broken run extends).
      const ours = Object.keys(expect.rangeTexts);
      await until(() => ours.every((c) => vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === c)),
        `our ${ours.join(', ')} on ${expect.file}`, () => describeAll(doc.uri), expectations().waitMs);
      // VS Code's JSON support validates with the schema it completes from. Its items are the quoted ones; with a
      // description they come from a schema, so the jsonValidation association is in effect for this file.
      const c = expect.completions[expect.completions.length - 1];
      const pos = new vscode.Position(c.at.line, c.at.character);
      let items: vscode.CompletionItem[] = [];
      await until(async () => {
        items = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos))?.items ?? [];
        return items.some((i) => labelOf(i) === `"${c.offers}"` && documented(i));
      }, `VS Code's JSON support to complete ${expect.file} from its schema`, () => items.map(describeItem).slice(0, 8).join('; '));
      // The probe: a key given twice, which VS Code's JSON support reports (our server does not). Its report proves
      // VS Code's JSON support has validated this text, schema included, since the association was in effect:
      // whatever else it reported then is on the baseline now. Reverted afterwards.
      const line = doc.lineAt(c.at.line);
      const key = '"isEnabled": true, ';
      const at = line.text.indexOf(key);
      assert.ok(at >= 0, `line ${c.at.line + 1} of ${expect.file} has no ${key}`);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(c.at.line, at + key.length), key);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the probe edit was not applied');
      try {
        const isProbe = (d: vscode.Diagnostic) => /duplicate object key/i.test(d.message);
        const foreign = await until(() => {
          const got = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== OUR_SOURCE);
          return got.some(isProbe) && got;
        }, `VS Code's JSON support to report the key given twice on line ${c.at.line + 1}`, () => describeAll(doc.uri), expectations().waitMs);
        assert.deepEqual(foreign.filter((d) => !isProbe(d)).map(describe), [], `${expect.file} carries diagnostics besides ours`);
      } finally {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.ok(!doc.isDirty, `${expect.file} stayed modified after the revert`);
    });
  });
}

function documented(i: vscode.CompletionItem): boolean {
  const d = i.documentation;
  return typeof d === 'string' ? d.length > 0 : !!d?.value;
}

function describe(d: vscode.Diagnostic): string {
  return `${d.source ?? '(no source)'} ${codeOf(d)} line ${d.range.start.line + 1}: ${d.message.slice(0, 80)}`;
}

function describeAll(uri: vscode.Uri): string {
  return vscode.languages.getDiagnostics(uri).map(describe).join(' | ') || 'no diagnostics';
}

/** An item with what tells its provider apart: kind, detail, and what it inserts. */
function describeItem(i: vscode.CompletionItem): string {
  const insert = typeof i.insertText === 'string' ? i.insertText : i.insertText?.value;
  return `${labelOf(i)} (kind ${vscode.CompletionItemKind[i.kind ?? 0]}, detail ${i.detail ?? '-'}, inserts ${JSON.stringify(insert ?? '')})`;
}

/** The completion points, read when the suite is registered (Mocha needs the test titles up front). */
function completionPoints(): ReturnType<typeof expectations>['baseline']['completions'] {
  try {
    return expectations().baseline.completions;
  } catch (e) {
    // No workspace or no expect.json: register one test that fails and says why, rather than none.
    return [{ list: '(unreadable expectations)', at: { line: 0, character: 0 }, offers: String((e as Error).message), notOffers: '' }];
  }
}
