// The server checks an open file as a feed when a workspace profile names it, in the profile's format, and
// follows profile changes (typed in a buffer, or on disk through didChangeWatchedFiles); the workspace check
// includes named feeds. Real checkers, in one process.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { startServer, type ServerHandle } from '../../server/server';
import { LspTestClient, pullCapabilities, uri } from '../helpers/lsp-test-client';

const base = { validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };
const csvText = 'ip,malware\n8.8.8.8,X\nnot-an-ip,Y\n';
let ws: string;

function profileWith(feeds: unknown[]): string {
  return JSON.stringify({ feeds }, null, 2);
}

before(() => {
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-pfeeds-'));
  fs.mkdirSync(path.join(ws, 'feeds'));
  fs.mkdirSync(path.join(ws, 'lists'));
  fs.writeFileSync(path.join(ws, 'microagent.json'), profileWith(['feeds/c2.csv']));
  fs.writeFileSync(path.join(ws, 'feeds', 'c2.csv'), csvText);
  fs.writeFileSync(path.join(ws, 'lists', 'later.txt'), 'not an address\n');
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

function client(capabilities?: Record<string, unknown>): { c: LspTestClient; handle: () => ServerHandle } {
  let h: ServerHandle | undefined;
  const c = LspTestClient.inProcess((r, w) => { h = startServer(createConnection(r, w)); }, { rootPath: ws, settings: () => base, capabilities });
  return { c, handle: () => h! };
}

const codesOf = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => d.code);

describe('feeds named by a workspace profile, in the server', () => {
  test('an open CSV the profile names is checked as a feed; editing the profile to drop it clears it, and back', async () => {
    const { c, handle } = client();
    try {
      await c.initialize();
      const feed = await c.open(path.join(ws, 'feeds', 'c2.csv'), csvText, 'csv');
      const first = await c.diagnosticsFor(feed);
      assert.deepEqual(codesOf(first), ['MA310']);
      assert.equal(first.diagnostics[0].range.start.line, 2);
      const profile = await c.open(path.join(ws, 'microagent.json'), profileWith(['feeds/c2.csv']), 'json');
      await c.diagnosticsFor(profile);
      await c.change(profile, profileWith([]));
      await c.waitFor('the feed re-checked as no feed', () => c.published.get(feed)?.diagnostics.length === 0);
      // Named again, now with format list: no line of the CSV is one address, so nothing in it can match.
      await c.change(profile, profileWith([{ path: 'feeds/c2.csv', format: 'list' }]));
      const again = await c.waitFor('the feed re-checked as a list', () => { const p = c.published.get(feed); return p && p.diagnostics.length >= 2 ? p : undefined; });
      assert.deepEqual(codesOf(again).sort(), ['MA310', 'MA310', 'MA310', 'MA312']);
      assert.equal(handle().context()!.profileFeeds.walks, 1, 'the workspace was walked once, then kept current profile by profile');
    } finally {
      await c.dispose();
    }
  });

  test('a profile written on disk (didChangeWatchedFiles) makes an open .txt a feed', async () => {
    const { c } = client();
    const extra = path.join(ws, 'lab.microagent.json');
    try {
      await c.initialize();
      const list = await c.open(path.join(ws, 'lists', 'later.txt'), 'not an address\n', 'plaintext');
      assert.deepEqual(codesOf(await c.diagnosticsFor(list)), []);
      fs.writeFileSync(extra, profileWith(['lists/later.txt']));
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(extra), type: 1 }] });
      await c.waitFor('the .txt checked as a feed', () => c.published.get(list)?.diagnostics.some((d) => d.code === 'MA310'));
    } finally {
      fs.rmSync(extra, { force: true });
      await c.dispose();
    }
  });

  test('pull mode: after a profile change on disk, the next pull re-checks instead of answering the cached result', async () => {
    const { c } = client(pullCapabilities);
    const extra = path.join(ws, 'pull.microagent.json');
    try {
      await c.initialize();
      const list = await c.open(path.join(ws, 'lists', 'later.txt'), 'not an address\n', 'plaintext');
      const before = await c.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: list } });
      assert.equal(before.items.length, 0);
      fs.writeFileSync(extra, profileWith(['lists/later.txt']));
      await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(extra), type: 1 }] });
      await c.waitFor('a diagnostic refresh', () => c.refreshRequests > 0);
      const after = await c.request<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: list } });
      assert.deepEqual(after.items.map((d) => d.code).sort(), ['MA310', 'MA312']);
    } finally {
      fs.rmSync(extra, { force: true });
      await c.dispose();
    }
  });

  test('the workspace check publishes the named feed with its findings, and leaves unnamed text files alone', async () => {
    const { c } = client();
    try {
      await c.initialize();
      const res = await c.request<{ filesChecked: number; warnings: number }>('workspace/executeCommand', { command: 'microAgent.checkWorkspace', arguments: [] });
      assert.deepEqual(codesOf(c.published.get(uri(path.join(ws, 'feeds', 'c2.csv')))!), ['MA310']);
      assert.equal(c.published.has(uri(path.join(ws, 'lists', 'later.txt'))), false);
      assert.equal(res.filesChecked, 2, 'the profile and its feed');
    } finally {
      await c.dispose();
    }
  });
});
