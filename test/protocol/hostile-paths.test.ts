// Issue 10, item 2, against the REAL bundled server over stdio: a profile naming /dev/zero, a FIFO, a symbolic link
// out of the workspace or `../../../etc/passwd` gets a diagnostic on the path's value at once (MA307 outside,
// MA302 saying why for a device or FIFO inside), and the server keeps answering. Outside files are FIFOs here:
// had the server opened one, it would block and the diagnostics would never come. Untrusted, it opens no file a
// profile names until trust is granted (microAgent/workspaceTrusted); its workspace check skips links out.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LspTestClient, uri, type PublishedDiagnostics } from '../helpers/lsp-test-client';

const serverJs = path.resolve(__dirname, '../../dist/server/server.js');
const settings = { validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };
const hasDevZero = fs.existsSync('/dev/zero') && fs.statSync('/dev/zero').isCharacterDevice();
let base: string;
let ws: string;
let fifos = false;

before(() => {
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build first`);
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-hostile-ls-')));
  ws = path.join(base, 'repo');
  fs.mkdirSync(path.join(ws, 'sim'), { recursive: true });
  fs.mkdirSync(path.join(base, 'outside'));
  fs.writeFileSync(path.join(ws, 'locks.baseline.json'), JSON.stringify({ securityGroups: { 'door-locks': {} } }, null, 2));
  fifos = spawnSync('mkfifo', [path.join(base, 'outside', 'pipe'), path.join(ws, 'sim', 'pipe.netset')]).status === 0;
  if (fifos) {
    fs.symlinkSync(path.join(base, 'outside', 'pipe'), path.join(ws, 'sim', 'link-out.baseline.json'));
    // Recognised by name by the workspace check, and leading out to a FIFO.
    fs.symlinkSync(path.join(base, 'outside', 'pipe'), path.join(ws, 'asc_config.h'));
  }
  if (hasDevZero) fs.symlinkSync('/dev/zero', path.join(ws, 'zero.netset'));
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

const skip = () => (!fifos ? 'mkfifo is not available on this platform' : !hasDevZero ? 'no /dev/zero on this platform' : false);

async function withServer(init: Record<string, unknown>, body: (c: LspTestClient) => Promise<void>): Promise<void> {
  const c = LspTestClient.spawnServer(serverJs, { rootPath: ws, settings: () => settings, initializationOptions: init });
  try {
    await c.initialize();
    await body(c);
  } finally {
    await c.dispose();
  }
}

/** The text each diagnostic of `code` sits on. */
function on(text: string, p: PublishedDiagnostics, code: string): string[] {
  const lines = text.split('\n');
  return p.diagnostics.filter((d) => d.code === code).map((d) => {
    const r = (d as unknown as { range: { start: { line: number; character: number }; end: { line: number; character: number } } }).range;
    return lines[r.start.line].slice(r.start.character, r.end.character);
  });
}

const hostileProfile = JSON.stringify({
  baseline: '/dev/zero',
  agentConfig: '../../outside/pipe',
  nxUser: '../../../../../../etc/passwd',
  feeds: ['pipe.netset', 'link-out.baseline.json', '../zero.netset', '/proc/self/environ'],
  devices: [{ id: 'lock-1', addresses: ['192.168.1.20'] }],
}, null, 2);

describe('a hostile profile in the real server', () => {
  test('/dev/zero, FIFOs, links out and ../../../etc/passwd: one clear diagnostic each, at once, and the server still answers', { skip: skip() }, async () => {
    await withServer({}, async (c) => {
      const t0 = Date.now();
      const u = await c.open(path.join(ws, 'sim', 'microagent.json'), hostileProfile, 'json');
      const p = await c.diagnosticsFor(u);
      const ms = Date.now() - t0;
      assert.ok(ms < 10_000, `${ms} ms`);
      assert.deepEqual(on(hostileProfile, p, 'MA307').sort(), ['"../../../../../../etc/passwd"', '"../../outside/pipe"', '"../zero.netset"', '"/dev/zero"', '"/proc/self/environ"', '"link-out.baseline.json"'].sort());
      const zero = p.diagnostics.find((d) => on(hostileProfile, { ...p, diagnostics: [d] }, 'MA307')[0] === '"../zero.netset"')!;
      assert.match(zero.message, /leads outside the workspace through a symbolic link \(to \/dev\/zero\): the editor does not read it/);
      // The FIFO inside the workspace: looked at (stat), never opened.
      assert.deepEqual(on(hostileProfile, p, 'MA302'), ['"pipe.netset"']);
      assert.match(p.diagnostics.find((d) => d.code === 'MA302')!.message, /cannot be read: not a regular file \(a FIFO\); microagent reads only regular files/);
      // Still serving: another document is checked.
      const h = await c.open(path.join(ws, 'fw', 'asc_config.h'), '#define ASC_HIGH_PRIORITY_INTERVALL 10\n', 'c');
      assert.ok((await c.diagnosticsFor(h)).diagnostics.some((d) => d.code === 'MA101'));
    });
  });

  test('the workspace check reads no link that leads out (to a FIFO) or to /dev/zero, says so, and finishes', { skip: skip() }, async () => {
    await withServer({}, async (c) => {
      const res = await c.request<{ filesChecked: number; notices: string[] }>('workspace/executeCommand', { command: 'microAgent.checkWorkspace', arguments: [] });
      assert.ok(res.notices.some((n) => /asc_config\.h: a symbolic link out of the workspace \(to .*outside\/pipe\): not read/.test(n)), res.notices.join('\n'));
      assert.ok(res.notices.some((n) => /zero\.netset: a symbolic link out of the workspace \(to \/dev\/zero\): not read/.test(n)), res.notices.join('\n'));
      assert.equal(c.published.has(uri(path.join(ws, 'asc_config.h'))), false);
    });
  });
});

describe('workspace trust', () => {
  const profile = JSON.stringify({ baseline: '../locks.baseline.json', feeds: ['pipe.netset'], devices: [{ id: 'lock-1', securityGroup: 'vault', addresses: ['192.168.1.20'] }] }, null, 2);

  test('untrusted: nothing a profile names is opened (no MA303 from the baseline); granting trust reads it', { skip: fifos ? false : 'mkfifo is not available' }, async () => {
    await withServer({ trusted: false }, async (c) => {
      const u = await c.open(path.join(ws, 'sim', 'untrusted.microagent.json'), profile, 'json');
      const before = await c.diagnosticsFor(u);
      assert.deepEqual(before.diagnostics.map((d) => d.code), ['MA302'], 'only the FIFO, from a stat');
      await c.connection.sendNotification('microAgent/workspaceTrusted');
      const after = await c.waitFor('MA303 once trusted', () => {
        const p = c.published.get(u);
        return p?.diagnostics.some((d) => d.code === 'MA303') ? p : undefined;
      });
      assert.match(after.diagnostics.find((d) => d.code === 'MA303')!.message, /Security group "vault" is not defined in the baseline \("door-locks"\)/);
    });
  });

  test('trusted from the start, the same profile reads its baseline', { skip: fifos ? false : 'mkfifo is not available' }, async () => {
    await withServer({ trusted: true }, async (c) => {
      const u = await c.open(path.join(ws, 'sim', 'trusted.microagent.json'), profile, 'json');
      assert.deepEqual((await c.diagnosticsFor(u)).diagnostics.map((d) => d.code).sort(), ['MA302', 'MA303']);
    });
  });
});
