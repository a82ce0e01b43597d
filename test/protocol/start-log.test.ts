// The log (the editor's output channel) says at start what the server works from: its version, the settings in
// force per folder (the project's config file included), and, after the workspace check, each agent
// configuration's distribution and nx_user.h with why; a restarted server says it all again. Real checkers,
// in one process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/server';
import { LspTestClient } from '../helpers/lsp-test-client';

const settings = { validate: 'onType', debounceMs: 200, distribution: 'auto', nxUserPath: '', severityOverrides: { MA112: 'off' }, checkWorkspaceOnOpen: true };

function workspace(t: { after: (fn: () => void) => void }): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-startlog-'));
  t.after(() => fs.rmSync(ws, { recursive: true, force: true }));
  fs.mkdirSync(path.join(ws, 'firmware/inc/configs/L4_BASE'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'firmware/inc/configs/L4_BASE/asc_config.h'), '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
  fs.writeFileSync(path.join(ws, 'firmware/nx_user.h'), '#define NX_ENABLE_IP_PACKET_FILTER\n');
  fs.mkdirSync(path.join(ws, 'other'));
  fs.writeFileSync(path.join(ws, 'other/asc_config.h'), '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
  fs.mkdirSync(path.join(ws, '.microagent'));
  fs.writeFileSync(path.join(ws, '.microagent/config.json'), '{ "severityOverrides": { "MA105": "error" } }\n');
  return ws;
}

const infos = (c: LspTestClient) => c.logs.filter((l) => l.type === 3).map((l) => l.message);

test('at start: the server, the settings per folder, then what each agent configuration uses and why; again after a restart', async (t) => {
  const ws = workspace(t);
  for (const round of ['first start', 'restart']) {
    const c = LspTestClient.inProcess((r, w) => { startServer(createConnection(r, w), '9.9.9'); }, { rootPath: ws, settings: () => settings });
    try {
      await c.initialize();
      const inUse = await c.waitFor(`${round}: the configurations in use`, () => infos(c).find((m) => m.startsWith('agent configurations in use:')));
      const started = infos(c).find((m) => m.startsWith('microagent-ls 9.9.9 started'));
      assert.ok(started, `${round}: ${infos(c).join(' | ')}`);
      assert.ok(infos(c).indexOf(started) < infos(c).indexOf(inUse), 'the start line comes first');
      assert.match(started, new RegExp(`${ws.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(with \\.microagent/config\\.json\\): validate onType \\(after 200 ms\\); distribution auto \\(from each file's path, else RTOS_BASE\\); nx_user\\.h the nearest to each file; severity overrides MA105 error, MA112 off; workspace check on open on`));
      assert.match(inUse, /firmware\/inc\/configs\/L4_BASE\/asc_config\.h: header, L4_BASE defaults \(from the file's path\), nx_user\.h firmware\/nx_user\.h \(the nearest\)/);
      assert.match(inUse, /other\/asc_config\.h: header, RTOS_BASE defaults \(the default: nothing in its path or text names one\), no nx_user\.h found/);
    } finally {
      await c.dispose();
    }
  }
});

test('a set nxUserPath is named as the source, and one that finds nothing says so', async (t) => {
  const ws = workspace(t);
  for (const [nxUserPath, expected] of [['firmware/nx_user.h', /nx_user\.h firmware\/nx_user\.h \(microAgent\.nxUserPath\)/], ['missing/nx_user.h', /nx_user\.h not found at microAgent\.nxUserPath "missing\/nx_user\.h"/]] as const) {
    const c = LspTestClient.inProcess((r, w) => { startServer(createConnection(r, w)); }, { rootPath: ws, settings: () => ({ ...settings, nxUserPath }) });
    try {
      await c.initialize();
      const inUse = await c.waitFor('the configurations in use', () => infos(c).find((m) => m.startsWith('agent configurations in use:')));
      assert.match(inUse, expected);
    } finally {
      await c.dispose();
    }
  }
});
