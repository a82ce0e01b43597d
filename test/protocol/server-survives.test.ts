// The server survives a handler that throws: the REAL bundled server (dist/server/server.js) with the test-only
// fault hook MICROAGENT_TEST_FAULT making every handler throw for files named "boom". The failing file gets one
// MA000 error (the stack goes to the log), requests on it answer empty, and every other file is still served,
// open or not, pushed or pulled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, pullCapabilities, uri } from '../helpers/lsp-test-client';

const serverJs = path.resolve(__dirname, '../../dist/server/server.js');
const settings = { validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };
const faulty = '#define ASC_HIGH_PRIORITY_INTERVALL 10\n#define ASC_HIGH_PRIORITY_INTERVAL 10\n';
const FAULTS = 'validate:boom,hover:boom,completion:boom,codeAction:boom,symbols:boom,summary:boom';
let dir: string;

before(() => {
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-survives-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function withServer(options: Partial<ConstructorParameters<typeof LspTestClient>[1]>, body: (c: LspTestClient) => Promise<void>): Promise<void> {
  const c = LspTestClient.spawnServer(serverJs, { rootPath: dir, settings: () => settings, env: { MICROAGENT_TEST_FAULT: FAULTS }, ...options });
  try {
    await c.initialize();
    await body(c);
  } finally {
    await c.dispose();
  }
}

const internalError = <T extends { code?: string | number }>(list: T[]): T | undefined => list.find((d) => d.code === 'MA000');

test('a check that throws gives its file one MA000 error, logs the stack, and the next file is still checked', async () => {
  await withServer({}, async (c) => {
    const bad = await c.open(path.join(dir, 'boom', 'asc_config.h'), faulty);
    const good = await c.open(path.join(dir, 'fine', 'asc_config.h'), faulty);
    const failed = await c.diagnosticsFor(bad);
    const d = internalError(failed.diagnostics);
    assert.ok(d, `no MA000 on the failing file: ${JSON.stringify(failed.diagnostics)}`);
    assert.equal(failed.diagnostics.length, 1, 'only the internal error: the file\'s own checks did not run');
    assert.equal(d.severity, 1, 'an error');
    assert.match(d.message, /^internal error while checking this file: .*injected test fault in validate.*; other files are still checked/);
    assert.deepEqual(d.range.start, { line: 0, character: 0 });
    const log = await c.waitFor('the stack in the log', () => c.logs.find((l) => l.type === 1 && l.message.includes('boom') && /\n\s+at /.test(l.message)));
    assert.match(log.message, /injected test fault/);
    assert.ok((await c.diagnosticsFor(good)).diagnostics.some((x) => x.code === 'MA101'), 'the other file is checked as usual');
    // The failing file is still followed: a change re-checks it (and fails the same way, without harm).
    const v = await c.change(bad, '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
    assert.ok(internalError((await c.diagnosticsFor(bad, v)).diagnostics));
  });
});

test('hover, completion, code actions, symbols and the summary on the failing file answer empty; on others they answer', async () => {
  await withServer({}, async (c) => {
    const bad = await c.open(path.join(dir, 'boom2', 'asc_config.h'), faulty);
    const good = await c.open(path.join(dir, 'fine2', 'asc_config.h'), faulty);
    const at = { line: 1, character: 12 };
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: bad }, position: at }), null);
    assert.deepEqual(await c.request('textDocument/completion', { textDocument: { uri: bad }, position: at }), []);
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    assert.deepEqual(await c.request('textDocument/codeAction', { textDocument: { uri: bad }, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: bad } }), []);
    assert.equal(await c.request('microAgent/configurationSummary', { uri: bad }), null);
    for (const handler of ['hover', 'completion', 'codeAction', 'documentSymbol', 'configuration summary']) {
      await c.waitFor(`the ${handler} failure in the log`, () => c.logs.find((l) => l.type === 1 && l.message.startsWith(`${handler} failed`) && l.message.includes('injected test fault')));
    }
    // The same server answers the other file in full.
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: good }, position: at });
    assert.match(hover?.contents.value ?? '', /ASC_HIGH_PRIORITY_INTERVAL/);
    assert.ok((await c.request<unknown[]>('textDocument/completion', { textDocument: { uri: good }, position: { line: 1, character: 10 } })).length > 0);
    assert.ok((await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: good } })).length > 0);
    assert.equal(c.child?.exitCode, null, 'the server is still running');
  });
});

test('pull mode: textDocument/diagnostic answers MA000 for the failing file and the real problems for the others', async () => {
  await withServer({ capabilities: pullCapabilities }, async (c) => {
    const bad = await c.open(path.join(dir, 'boom3', 'asc_config.h'), faulty);
    const good = await c.open(path.join(dir, 'fine3', 'asc_config.h'), faulty);
    const r = await c.request<{ items: { code?: string; message: string; severity?: number }[] }>('textDocument/diagnostic', { textDocument: { uri: bad } });
    assert.ok(internalError(r.items), JSON.stringify(r.items));
    const ok = await c.request<{ items: { code?: string }[] }>('textDocument/diagnostic', { textDocument: { uri: good } });
    assert.ok(ok.items.some((x) => x.code === 'MA101'), JSON.stringify(ok.items));
  });
});

test('the workspace check publishes MA000 for a failing file, names it in its notices, and checks the rest', async () => {
  const ws = fs.mkdtempSync(path.join(dir, 'ws-'));
  fs.mkdirSync(path.join(ws, 'boom'));
  fs.mkdirSync(path.join(ws, 'fine'));
  fs.writeFileSync(path.join(ws, 'boom', 'asc_config.h'), faulty);
  fs.writeFileSync(path.join(ws, 'fine', 'asc_config.h'), faulty);
  await withServer({ rootPath: ws }, async (c) => {
    const result = await c.request<{ filesChecked: number; notices: string[] }>('workspace/executeCommand', { command: 'microAgent.checkWorkspace', arguments: [] });
    assert.ok(result.notices.some((n) => n.includes(path.join('boom', 'asc_config.h')) && n.includes('injected test fault')), JSON.stringify(result.notices));
    assert.ok(result.filesChecked >= 1, JSON.stringify(result));
    const bad = await c.waitFor('MA000 on the failing file', () => c.published.get(uri(path.join(ws, 'boom', 'asc_config.h'))));
    assert.ok(internalError(bad.diagnostics), JSON.stringify(bad.diagnostics));
    const good = await c.waitFor('the other file\'s problems', () => c.published.get(uri(path.join(ws, 'fine', 'asc_config.h'))));
    assert.ok(good.diagnostics.some((x) => x.code === 'MA101'), JSON.stringify(good.diagnostics));
  });
});

test('a malformed MICROAGENT_TEST_FAULT is said on stderr and injects nothing', async () => {
  await withServer({ env: { MICROAGENT_TEST_FAULT: 'explode:everything' } }, async (c) => {
    const u = await c.open(path.join(dir, 'boom4', 'asc_config.h'), faulty);
    const p = await c.diagnosticsFor(u);
    assert.ok(!internalError(p.diagnostics) && p.diagnostics.some((x) => x.code === 'MA101'), JSON.stringify(p.diagnostics));
    await c.waitFor('the warning on stderr', () => c.stderr.includes("ignoring 'explode:everything'"));
  });
});
