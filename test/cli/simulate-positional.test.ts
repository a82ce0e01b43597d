// `microagent simulate FILE`, as a new user first types it: a profile, a folder holding one, or a capture, with no
// flag; the same report as with the flag. Ambiguities are usage errors that say what to give instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI as cli, runCli, type CliRun } from '../helpers/run-cli';

const repo = path.resolve(__dirname, '../..');
let ws: string;

function run(args: string[], cwd = ws): CliRun {
  return runCli(args, cwd, 60_000);
}
// The report without the run's own time.
const report = (json: string) => JSON.stringify(JSON.parse(json), (k, v) => (/time|elapsed|generated|duration/i.test(k) && typeof v !== 'object' ? undefined : v));

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-positional-'));
  fs.cpSync(path.join(repo, 'examples/door-lock'), path.join(ws, 'door-lock'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'two'));
  fs.writeFileSync(path.join(ws, 'two/a.microagent.json'), '{}');
  fs.writeFileSync(path.join(ws, 'two/b.microagent.json'), '{}');
  fs.mkdirSync(path.join(ws, 'none'));
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

test('a profile, its folder, and --profile give the same report', () => {
  const flagged = run(['simulate', '--profile', 'door-lock/microagent.json', '--format', 'json']);
  assert.equal(flagged.code, 0, flagged.stderr);
  for (const given of ['door-lock/microagent.json', 'door-lock']) {
    const r = run(['simulate', given, '--format', 'json']);
    assert.equal(r.code, 0, `${given}: ${r.stderr}`);
    assert.equal(report(r.stdout), report(flagged.stdout), given);
  }
  const here = run(['simulate', '.', '--format', 'json'], path.join(ws, 'door-lock'));
  assert.equal(here.code, 0, here.stderr);
  assert.equal(JSON.parse(here.stdout).findings.length, JSON.parse(flagged.stdout).findings.length);
});

test('a capture without a flag is --capture', () => {
  const capture = fs.readdirSync(path.join(ws, 'door-lock/captures')).find((n) => n.endsWith('.pcap'))!;
  const rel = `door-lock/captures/${capture}`;
  const flagged = run(['simulate', '--capture', rel, '--device-ip', '192.168.1.50', '--format', 'json']);
  const bare = run(['simulate', rel, '--device-ip', '192.168.1.50', '--format', 'json']);
  assert.equal(bare.code, 0, bare.stderr);
  assert.equal(report(bare.stdout), report(flagged.stdout));
});

test('what cannot be told apart is a usage error that says what to give', () => {
  const none = run(['simulate', 'none']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /none is a folder with no simulation profile \(microagent\.json\): give --profile FILE or --capture FILE/);
  const two = run(['simulate', 'two']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /two holds 2 profiles \(a\.microagent\.json, b\.microagent\.json\): give one with --profile FILE/);
  const both = run(['simulate', 'door-lock/microagent.json', '--profile', 'door-lock/microagent.json']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /stands for --profile, which is given too/);
  const extra = run(['simulate', 'door-lock', 'door-lock/microagent.json']);
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /unexpected argument 'door-lock\/microagent\.json' \(give one profile, folder or capture\)/);
});
