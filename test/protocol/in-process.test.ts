// The server's handlers over a real LSP connection in one process (two in-memory streams), on a test-only
// DocumentService, so every handler path is covered whatever checkers the registry holds.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/server';
import { LspTestClient, pullCapabilities, pushCapabilities, uri } from '../helpers/lsp-test-client';
import { registerWidgetService } from './fake-service';

let unregister: () => void;
let dir: string;
before(() => {
  unregister = registerWidgetService();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-inproc-'));
});
after(() => {
  unregister();
  fs.rmSync(dir, { recursive: true, force: true });
});

function client(options: ConstructorParameters<typeof LspTestClient>[1]): LspTestClient {
  return LspTestClient.inProcess((r, w) => startServer(createConnection(r, w)), { rootPath: dir, ...options });
}

const base = { validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };

describe('in-process server (test widget service)', () => {
  test('push mode: didOpen publishes the checker diagnostics with code, source and docs-free fields', async () => {
    const c = client({ settings: () => base });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'a.widget.h'), 'ok\nBADone\n');
      const p = await c.diagnosticsFor(u);
      assert.equal(p.diagnostics.length, 1);
      assert.equal(p.diagnostics[0].code, 'MA901');
      assert.equal(p.diagnostics[0].severity, 2);
      assert.deepEqual(p.diagnostics[0].range.start, { line: 1, character: 0 });
      assert.ok(c.configurationRequests.some((r) => r.section === 'microAgent' && r.scopeUri === u), 'asked workspace/configuration for the document');
    } finally {
      await c.dispose();
    }
  });

  test('didChange re-checks after the debounce, and the last version wins', async () => {
    const c = client({ settings: () => ({ ...base, debounceMs: 30 }) });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'b.widget.h'), 'BAD\n');
      await c.diagnosticsFor(u, 1);
      await c.change(u, 'fine\n');
      const v = await c.change(u, 'fine\nBADx\nBADy\n');
      const p = await c.diagnosticsFor(u, v);
      assert.equal(p.diagnostics.length, 2);
    } finally {
      await c.dispose();
    }
  });

  test('severity override off removes a code, and an override changes severity', async () => {
    const c = client({ settings: () => ({ ...base, severityOverrides: { MA901: 'off' } }) });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'c.widget.h'), 'BAD\nNEEDNX\n');
      const p = await c.diagnosticsFor(u);
      assert.deepEqual(p.diagnostics.map((d) => d.code), ['MA902']);
    } finally {
      await c.dispose();
    }
    const c2 = client({ settings: () => ({ ...base, severityOverrides: { ma901: 'error' } }) });
    try {
      await c2.initialize();
      const u = await c2.open(path.join(dir, 'c2.widget.h'), 'BAD\n');
      assert.equal((await c2.diagnosticsFor(u)).diagnostics[0].severity, 1);
    } finally {
      await c2.dispose();
    }
  });

  test('validate off publishes nothing; onSave ignores typing until the save', async () => {
    const c = client({ settings: (s) => ({ ...base, validate: s?.includes('off') ? 'off' : 'onSave' }) });
    try {
      await c.initialize();
      const off = await c.open(path.join(dir, 'off.widget.h'), 'BAD\n');
      assert.equal((await c.diagnosticsFor(off)).diagnostics.length, 0);
      const u = await c.open(path.join(dir, 'save.widget.h'), 'fine\n');
      assert.equal((await c.diagnosticsFor(u, 1)).diagnostics.length, 0);
      const v = await c.change(u, 'BAD\n');
      // Hover is answered after the change was processed, so a publish for v would already have been sent.
      await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
      assert.notEqual(c.published.get(u)?.version, v, 'no check while typing in onSave mode');
      await c.save(u);
      assert.equal((await c.diagnosticsFor(u, v)).diagnostics.length, 1);
    } finally {
      await c.dispose();
    }
  });

  test('a client without workspace/configuration gets the default settings (debounce 200 ms, onType)', async () => {
    const c = client({ settings: undefined });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'd.widget.h'), 'BAD\n');
      assert.equal((await c.diagnosticsFor(u)).diagnostics.length, 1);
      assert.equal(c.configurationRequests.length, 0);
    } finally {
      await c.dispose();
    }
  });

  test('didChangeConfiguration drops the cached settings and re-checks open documents', async () => {
    let overrides: Record<string, string> = {};
    const c = client({ settings: () => ({ ...base, severityOverrides: overrides }) });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'e.widget.h'), 'BAD\n');
      assert.equal((await c.diagnosticsFor(u)).diagnostics.length, 1);
      overrides = { MA901: 'off' };
      await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await c.waitFor('re-check without MA901', () => c.published.get(u)?.diagnostics.length === 0);
    } finally {
      await c.dispose();
    }
  });

  test('a change to an open nx_user.h re-checks the documents that read it (buffer before disk)', async () => {
    const c = client({ settings: () => base });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'f.widget.h'), 'NEEDNX\n');
      assert.deepEqual((await c.diagnosticsFor(u)).diagnostics.map((d) => d.code), ['MA902']);
      const nx = await c.open(path.join(dir, 'nx_user.h'), '#define NX_ENABLE_IP_PACKET_FILTER\n');
      await c.waitFor('MA902 gone once nx_user.h is open with the filter', () => c.published.get(u)?.diagnostics.length === 0);
      await c.change(nx, '/* nothing */\n');
      await c.waitFor('MA902 back after the edit', () => c.published.get(u)?.diagnostics.length === 1);
    } finally {
      await c.dispose();
    }
  });

  test('hover, completion (snippet and plain), symbols and code actions', async () => {
    const c = client({ settings: () => base });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'g.widget.h'), 'BAD\nok\n');
      await c.diagnosticsFor(u);
      const h = await c.request<any>('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 0 } });
      assert.equal(h.contents.kind, 'markdown');
      assert.match(h.contents.value, /line 2: ok/);
      const items = await c.request<any[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 0 } });
      assert.equal(items[0].insertText, 'GOOD ${1:name}');
      assert.equal(items[0].insertTextFormat, 2);
      const syms = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.equal(syms[0].name, 'widgets');
      assert.equal(syms[0].children[0].name, 'first');
      const actions = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
      assert.equal(actions[0].title, 'Make it GOOD');
      assert.equal(actions[0].kind, 'quickfix');
      assert.equal(actions[0].isPreferred, true);
      assert.equal(actions[0].diagnostics[0].code, 'MA901');
      assert.equal(actions[0].edit.changes[u][0].newText, 'GOOD');
      assert.ok(actions.some((a) => a.title === 'Suppress MA901 on this line' && a.edit.changes[u][0].newText.startsWith('// microagent-ignore MA901')));
      const none = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
      assert.equal(none.length, 0);
    } finally {
      await c.dispose();
    }
  });

  test('without snippet support, placeholders are stripped; without hierarchy, symbols are flat', async () => {
    const caps = { ...pushCapabilities, textDocument: { ...pushCapabilities.textDocument, completion: { completionItem: { snippetSupport: false } }, documentSymbol: {} } };
    const c = client({ settings: () => base, capabilities: caps });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'h.widget.h'), 'ok\n');
      const items = await c.request<any[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 0 } });
      assert.equal(items[0].insertText, 'GOOD name');
      assert.equal(items[0].insertTextFormat, undefined);
      const syms = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.deepEqual(syms.map((s) => [s.name, s.containerName]), [['widgets', undefined], ['first', 'widgets']]);
    } finally {
      await c.dispose();
    }
  });

  test('a checker that throws is logged naming the file, shows one MA000 error there, and the server keeps serving', async () => {
    const c = client({ settings: () => base });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'boom.widget.h'), 'THROW\n');
      await c.waitFor('an error log naming the file', () => c.logs.find((l) => l.type === 1 && l.message.includes('boom.widget.h')));
      const failed = (await c.diagnosticsFor(u)).diagnostics;
      assert.deepEqual(failed.map((d) => [d.code, d.severity]), [['MA000', 1]]);
      assert.match(failed[0].message, /internal error while checking this file: the test widget file check failed: widget checker exploded/);
      const v = await c.change(u, 'BAD\n');
      assert.equal((await c.diagnosticsFor(u, v)).diagnostics.length, 1);
    } finally {
      await c.dispose();
    }
  });

  test('in-file suppression comments drop the code; one without a reason is itself a warning (MA001)', async () => {
    const c = client({ settings: () => base });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'i.widget.h'), '// microagent-ignore MA901 vendor header, fixed upstream\nBAD\n// microagent-ignore MA901\nBAD\n');
      const p = await c.diagnosticsFor(u);
      assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start.line]), [['MA001', 2]]);
    } finally {
      await c.dispose();
    }
  });

  test('pull mode: textDocument/diagnostic answers, no push for open documents, clears on close', async () => {
    const c = client({ settings: () => base, capabilities: pullCapabilities });
    try {
      const init = await c.initialize();
      assert.ok(init.capabilities.diagnosticProvider, 'diagnosticProvider announced');
      const u = await c.open(path.join(dir, 'j.widget.h'), 'BAD\n');
      const r = await c.request<any>('textDocument/diagnostic', { textDocument: { uri: u } });
      assert.equal(r.kind, 'full');
      assert.equal(r.items[0].code, 'MA901');
      assert.equal(c.published.has(u), false);
      await c.open(path.join(dir, 'nx_user.h'), '#define X\n');
      await c.waitFor('a diagnostic refresh after nx_user.h opened', () => c.refreshRequests > 0);
    } finally {
      await c.dispose();
    }
  });

  test('push mode: closing a document clears its diagnostics', async () => {
    const c = client({ settings: () => base });
    try {
      await c.initialize();
      const u = await c.open(path.join(dir, 'k.widget.h'), 'BAD\n');
      assert.equal((await c.diagnosticsFor(u)).diagnostics.length, 1);
      await c.close(u);
      await c.waitFor('empty diagnostics after close', () => c.published.get(u)?.diagnostics.length === 0);
    } finally {
      await c.dispose();
    }
  });

  test('workspace check publishes diagnostics for files that are not open, and counts them', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-ws-'));
    fs.writeFileSync(path.join(ws, 'one.widget.h'), 'BAD\n');
    fs.mkdirSync(path.join(ws, 'sub'));
    fs.writeFileSync(path.join(ws, 'sub', 'two.widget.h'), 'BAD\nBAD\n');
    fs.mkdirSync(path.join(ws, 'node_modules'));
    fs.writeFileSync(path.join(ws, 'node_modules', 'skip.widget.h'), 'BAD\n');
    const c = LspTestClient.inProcess((r, w) => startServer(createConnection(r, w)), { rootPath: ws, settings: () => base });
    try {
      const init = await c.initialize();
      assert.deepEqual(init.capabilities.executeCommandProvider.commands, ['microAgent.checkWorkspace']);
      const res = await c.request<any>('workspace/executeCommand', { command: 'microAgent.checkWorkspace', arguments: [] });
      assert.equal(res.filesChecked, 2);
      assert.equal(res.warnings, 3);
      assert.equal(c.published.get(uri(path.join(ws, 'sub', 'two.widget.h')))?.diagnostics.length, 2);
      assert.equal(c.published.has(uri(path.join(ws, 'node_modules', 'skip.widget.h'))), false);
    } finally {
      await c.dispose();
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
