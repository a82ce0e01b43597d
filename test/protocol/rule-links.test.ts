// Each diagnostic's code opens its rule page (issue 8, item 7): the client tells the server where the installed
// extension's docs are (initializationOptions.docsUri), and codeDescription.href points at docs/rules.md there,
// at the rule's line; without it, the docs beside the server's own files.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/server';
import { LspTestClient } from '../helpers/lsp-test-client';

const repo = path.resolve(__dirname, '../..');
const base = { validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };
const typo = '#ifndef ASC_CONFIG_H\n#define ASC_CONFIG_H\n#define ASC_HIGH_PRIORITY_INTERVALS 10\n#endif\n';
let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-links-'));
  fs.mkdirSync(path.join(dir, 'ext', 'docs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ext', 'docs', 'rules.md'), '# Rule codes\n\n## MA1xx\n\n### MA100\n\ntext\n\n### MA101\n\n**Unknown option**\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function hrefFor(initializationOptions: unknown): Promise<string | undefined> {
  const c = LspTestClient.inProcess((r, w) => startServer(createConnection(r, w)), { rootPath: dir, settings: () => base, initializationOptions });
  try {
    await c.initialize();
    const u = await c.open(path.join(dir, 'proj', 'asc_config.h'), typo);
    const d = (await c.diagnosticsFor(u)).diagnostics.find((x) => x.code === 'MA101');
    assert.ok(d);
    return (d as { codeDescription?: { href: string } }).codeDescription?.href;
  } finally {
    await c.dispose();
  }
}

describe('rule links', () => {
  test('with the extension\'s docs folder from the client, the code opens docs/rules.md there, at the rule', async () => {
    const docsUri = pathToFileURL(path.join(dir, 'ext', 'docs')).toString();
    assert.equal(await hrefFor({ docsUri }), `${docsUri}/rules.md#L9`);
  });

  test('without it, the docs beside the server (the repository\'s or the package\'s own), at the rule\'s heading line', async () => {
    const rules = fs.readFileSync(path.join(repo, 'docs', 'rules.md'), 'utf8').split('\n');
    const line = rules.indexOf('### MA101') + 1;
    assert.ok(line > 0);
    assert.equal(await hrefFor(undefined), `${pathToFileURL(path.join(repo, 'docs', 'rules.md')).toString()}#L${line}`);
  });

  test('the VS Code client passes its docs folder to the server', () => {
    const client = fs.readFileSync(path.join(repo, 'client', 'language-client.ts'), 'utf8');
    assert.match(client, /docsUri: vscode\.Uri\.joinPath\(context\.extensionUri, 'docs'\)\.toString\(\)/);
  });
});
