// The Problems panel covers the workspace from the start: the server checks every recognised file of the
// folders it opens with, never opened ones included (again after a restart: a new server does it again), and
// follows files changed or deleted on disk that no editor has open. Real checkers, in one process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/server';
import { LspTestClient, uri } from '../helpers/lsp-test-client';

const settings = { validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: true };

function workspace(t: { after: (fn: () => void) => void }): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-onopen-'));
  t.after(() => fs.rmSync(ws, { recursive: true, force: true }));
  fs.writeFileSync(path.join(ws, 'asc_config.h'), '#define ASC_HIGH_PRIORITY_INTERVAL 0\n');
  fs.writeFileSync(path.join(ws, 'nx_user.h'), '#define NX_ENABLE_IP_PACKET_FILTER\n');
  fs.writeFileSync(path.join(ws, 'locks.baseline.json'), '{ "securityGroups": { "g": { "timeWindowRules": [ { "ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true, "minThreshold": 9, "maxThreshold": 1, "timeWindowSize": "PT5M" } ] } } }\n');
  return ws;
}

const codes = (c: LspTestClient, file: string) => (c.published.get(uri(file))?.diagnostics ?? []).map((d) => d.code);

test('files never opened get their problems when the folder opens, and follow changes on disk', async (t) => {
  const ws = workspace(t);
  const start = () => LspTestClient.inProcess((r, w) => { startServer(createConnection(r, w)); }, { rootPath: ws, settings: () => settings });
  const c = start();
  try {
    await c.initialize();
    const baseline = path.join(ws, 'locks.baseline.json');
    const header = path.join(ws, 'asc_config.h');
    await c.waitFor('problems for the never-opened baseline and header', () => codes(c, baseline).includes('MA202') && codes(c, header).includes('MA103'));
    // Fixed on disk (no editor has it open): its problems go.
    fs.writeFileSync(baseline, '{ "securityGroups": { "g": { "timeWindowRules": [] } } }\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(baseline), type: 2 }] });
    await c.waitFor('the fixed baseline to have no problem', () => codes(c, baseline).length === 0);
    // Deleted: what it had goes away with it.
    fs.rmSync(header);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(header), type: 3 }] });
    await c.waitFor('the deleted header to have no problem', () => codes(c, header).length === 0);
  } finally {
    await c.dispose();
  }
  // A restarted server covers the workspace again.
  const again = start();
  try {
    await again.initialize();
    fs.writeFileSync(path.join(ws, 'asc_config.h'), '#define ASC_LOW_PRIORITY_INTERVAL 0\n');
    await again.waitFor('a new server to check the workspace', () => again.published.has(uri(path.join(ws, 'nx_user.h'))) || again.published.has(uri(path.join(ws, 'locks.baseline.json'))));
  } finally {
    await again.dispose();
  }
});

test('checkWorkspaceOnOpen false leaves never-opened files alone', async (t) => {
  const ws = workspace(t);
  const c = LspTestClient.inProcess((r, w) => { startServer(createConnection(r, w)); }, { rootPath: ws, settings: () => ({ ...settings, checkWorkspaceOnOpen: false }) });
  try {
    await c.initialize();
    await c.waitFor('the server to say the check on open is off', () => c.logs.some((l) => l.message.includes('workspace check on open: off')));
    assert.equal(c.published.size, 0);
  } finally {
    await c.dispose();
  }
});
