// The REAL bundled server (node dist/server/server.js --stdio) with the real checkers, driven over stdio
// with vscode-jsonrpc: push and pull diagnostics, hover, completion, code actions, settings and overrides.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, pullCapabilities, pushCapabilities } from '../helpers/lsp-test-client';

const serverJs = path.resolve(__dirname, '../../dist/server/server.js');
const base = { validate: 'onType', debounceMs: 10, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };
const faulty = '#ifndef ASC_CONFIG_H\n#define ASC_CONFIG_H\n#define ASC_HIGH_PRIORITY_INTERVALL 10\n#define ASC_HIGH_PRIORITY_INTERVAL 10\n#endif\n';
let dir: string;

before(() => {
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-real-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function withServer(options: ConstructorParameters<typeof LspTestClient>[1], body: (c: LspTestClient) => Promise<void>): Promise<void> {
  const c = LspTestClient.spawnServer(serverJs, { rootPath: dir, ...options });
  try {
    await c.initialize();
    await body(c);
  } finally {
    await c.dispose();
  }
}

describe('real bundled server over stdio', () => {
  test('push: an unknown option in asc_config.h is published as MA101 with a docs link', async () => {
    await withServer({ settings: () => base }, async (c) => {
      const u = await c.open(path.join(dir, 'push', 'asc_config.h'), faulty);
      const p = await c.diagnosticsFor(u);
      const d = p.diagnostics.find((x) => x.code === 'MA101');
      assert.ok(d, JSON.stringify(p.diagnostics));
      assert.deepEqual(d.range.start, { line: 2, character: 8 });
      assert.ok(c.configurationRequests.some((r) => r.section === 'microAgent' && r.scopeUri === u), 'workspace/configuration was asked for the document');
      if (fs.existsSync(path.resolve(__dirname, '../../docs/rules.md'))) assert.match(String((d as any).codeDescription?.href), /docs\/rules\.md#L\d+$/);
    });
  });

  test('didChange re-checks: fixing the typo clears MA101', async () => {
    await withServer({ settings: () => base }, async (c) => {
      const u = await c.open(path.join(dir, 'change', 'asc_config.h'), faulty);
      assert.ok((await c.diagnosticsFor(u, 1)).diagnostics.some((d) => d.code === 'MA101'));
      const v = await c.change(u, faulty.replace('INTERVALL', 'INTERVAL'));
      const after = await c.diagnosticsFor(u, v);
      assert.ok(!after.diagnostics.some((d) => d.code === 'MA101'), JSON.stringify(after.diagnostics));
    });
  });

  test('pull: textDocument/diagnostic answers MA101 when the client declares pull support', async () => {
    await withServer({ settings: () => base, capabilities: pullCapabilities }, async (c) => {
      const u = await c.open(path.join(dir, 'pull', 'asc_config.h'), faulty);
      const r = await c.request<any>('textDocument/diagnostic', { textDocument: { uri: u } });
      assert.equal(r.kind, 'full');
      assert.ok(r.items.some((d: any) => d.code === 'MA101'));
    });
  });

  test('severity override off removes the code (MA101)', async () => {
    await withServer({ settings: () => ({ ...base, severityOverrides: { MA101: 'off' } }) }, async (c) => {
      const u = await c.open(path.join(dir, 'off', 'asc_config.h'), faulty);
      const p = await c.diagnosticsFor(u);
      assert.ok(!p.diagnostics.some((d) => d.code === 'MA101'), JSON.stringify(p.diagnostics));
    });
  });

  test('hover on a known option, completion of option names, and the rename quick fix', async () => {
    await withServer({ settings: () => base, capabilities: pushCapabilities }, async (c) => {
      const u = await c.open(path.join(dir, 'features', 'asc_config.h'), faulty + '#define ASC_\n');
      await c.diagnosticsFor(u);
      const h = await c.request<any>('textDocument/hover', { textDocument: { uri: u }, position: { line: 3, character: 12 } });
      assert.ok(h && h.contents.value.includes('ASC_HIGH_PRIORITY_INTERVAL'), JSON.stringify(h));
      const items = await c.request<any[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 5, character: 12 } });
      assert.ok(items.some((i) => i.label === 'ASC_LOW_PRIORITY_INTERVAL'), `completion labels: ${items.slice(0, 5).map((i) => i.label)}`);
      const actions = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } }, context: { diagnostics: [] } });
      const fix = actions.find((a) => a.title.includes('ASC_HIGH_PRIORITY_INTERVAL') && a.kind === 'quickfix');
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(fix.diagnostics[0].code, 'MA101');
      // The file sets ASC_HIGH_PRIORITY_INTERVAL on the next line: no rename onto it (MA111), the stray line goes.
      assert.equal(fix.title, 'Remove this line (ASC_HIGH_PRIORITY_INTERVAL is set on line 4)');
      assert.equal(fix.edit.changes[u][0].newText, '');
    });
  });

  test('a file no checker recognises gets empty diagnostics and the server stays up', async () => {
    await withServer({ settings: () => base }, async (c) => {
      const u = await c.open(path.join(dir, 'misc', 'main.c'), 'int main(void) { return 0; }\n');
      assert.equal((await c.diagnosticsFor(u)).diagnostics.length, 0);
      const h = await c.request<any>('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 4 } });
      assert.equal(h, null);
    });
  });
  test('a CMake dist is checked with its nx_user.h: MA109 until nx_user.h (open, unsaved) defines the packet filter', async () => {
    await withServer({ settings: () => base }, async (c) => {
      const folder = path.join(dir, 'dist');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'nx_user.h'), '#ifndef NX_USER_H\n#define NX_USER_H\n#endif\n');
      const dist = 'CONF_DEFINE_BASE(${g_core_config_path} base_dist.cmake)\nset(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED ON)\nset(ASC_HIGH_PRIORITY_INTERVAL 10)\n';
      const u = await c.open(path.join(folder, 'RTOS_BASE.dist'), dist);
      const first = await c.diagnosticsFor(u);
      const d = first.diagnostics.find((x) => x.code === 'MA109');
      assert.ok(d, JSON.stringify(first.diagnostics));
      assert.equal(d.range.start.line, 1, 'on the set() that turns the collector on');
      await c.open(path.join(folder, 'nx_user.h'), '#ifndef NX_USER_H\n#define NX_USER_H\n#define NX_ENABLE_IP_PACKET_FILTER\n#endif\n');
      await c.waitFor('MA109 gone once the open nx_user.h defines the filter', () => !(c.published.get(u)?.diagnostics ?? []).some((x) => x.code === 'MA109'));
      const h = await c.request<any>('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 8 } });
      assert.match(h.contents.value, /ASC_HIGH_PRIORITY_INTERVAL/);
    });
  });
});
