// The tools install like tools: `npm pack`, then `npm install -g` of the result into a temporary prefix puts
// `microagent` and `microagent-ls` on PATH, and both run from there (the CLI's help, the server answering
// an LSP initialize over stdio). Needs the bundles: npm run build first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');

test('npm pack and npm install -g put microagent and microagent-ls on PATH, and both run', { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(join(repo, 'dist', 'cli', 'microagent.js')), 'dist/ is missing: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'ma-install-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const npm = (args: string[]) => {
    const r = spawnSync('npm', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
    assert.equal(r.status, 0, `npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  npm(['pack', '--pack-destination', dir]);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote no tarball');
  const prefix = join(dir, 'prefix');
  npm(['install', '-g', '--prefix', prefix, join(dir, tarball)]);
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };

  const help = spawnSync('microagent', ['--help'], { env, encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /simulate/);

  // The server from PATH answers initialize over stdio with its name.
  const ls = spawn('microagent-ls', ['--stdio'], { env });
  t.after(() => ls.kill());
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  ls.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const answer = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no answer to initialize: ${out}`)), 20_000);
    ls.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('"serverInfo"')) (clearTimeout(timer), resolve(out));
    });
    ls.on('error', reject);
  });
  assert.match(answer, /"name":"microagent-ls"/);
});
