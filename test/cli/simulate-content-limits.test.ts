// Issue 10, item 2, through the bundled CLI: `simulate` reads the baseline, a --hub file and the profile under the
// same content limits as `microagent check` (MA005: keys in one object, nesting, values), the defaults or the
// project's `limits` in .microagent/config.json. A file past one stops the run at once with one line naming the
// file, line:col, MA005 and the limit (exit 2); raised limits let a bigger file through, lowered ones refuse a
// smaller one, and the agent configuration is read under the project's limits too.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI as cli, runCli, type CliRun } from '../helpers/run-cli';

const repo = path.resolve(__dirname, '../..');
let base: string;

function run(args: string[], cwd: string): CliRun {
  return runCli(args, cwd, 60_000);
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

/** A copy of the door-lock example in its own workspace (a .git folder), with `config` as its project config. */
function workspace(name: string, config?: unknown): string {
  const ws = path.join(base, name);
  fs.cpSync(path.join(repo, 'examples/door-lock'), ws, { recursive: true });
  fs.mkdirSync(path.join(ws, '.git'));
  if (config) {
    fs.mkdirSync(path.join(ws, '.microagent'));
    fs.writeFileSync(path.join(ws, '.microagent', 'config.json'), JSON.stringify(config));
  }
  return ws;
}

const readJson = (ws: string, rel: string) => JSON.parse(fs.readFileSync(path.join(ws, rel), 'utf8'));

/** The example's baseline with `extra` more (empty) security groups: a valid baseline whose securityGroups
 *  object has `extra` + 1 keys. */
function manyGroups(ws: string, extra: number): string {
  const b = readJson(ws, 'baselines/door-locks.baseline.json');
  for (let i = 0; i < extra; i++) b.securityGroups[`group-${i}`] = { timeWindowRules: [], allowlistRules: [], thresholdRules: [], denylistRules: [] };
  return JSON.stringify(b, null, 2);
}

/** `[[[...0...]]]`, `levels` deep. */
const nested = (levels: number) => `${'['.repeat(levels)}0${']'.repeat(levels)}`;

const KEYS_LIMIT = /MA005 This object has 20,001 keys, over the limit of 10,000 \(`limits\.jsonKeys` in \.microagent\/config\.json\)/;

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-sim-limits-')));
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

describe('simulate: a JSON input past a default content limit stops the run with one line', () => {
  let ws: string;
  before(() => {
    ws = workspace('defaults');
  });

  test('--baseline with 20,001 groups: file:line:col, MA005, the limit; exit 2, nothing simulated, at once', () => {
    fs.writeFileSync(path.join(ws, 'many.baseline.json'), manyGroups(ws, 20_000));
    const r = run(['simulate', '--profile', 'microagent.json', '--baseline', 'many.baseline.json'], ws);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    const file = path.join(ws, 'many.baseline.json');
    assert.match(r.stderr.trim(), new RegExp(`^microagent simulate: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:21: ${KEYS_LIMIT.source}: the baseline is not read$`));
    assert.equal(r.stdout, '');
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
  });

  test('the profile\'s baseline nested 1,000 deep: MA005 names the depth limit; exit 2', () => {
    const b = readJson(ws, 'baselines/door-locks.baseline.json');
    const text = JSON.stringify(b, null, 2).replace('"securityGroups": {', `"securityGroups": {\n    "deep": ${nested(1_000)},`);
    fs.writeFileSync(path.join(ws, 'deep.baseline.json'), text);
    fs.writeFileSync(path.join(ws, 'deep.microagent.json'), JSON.stringify({ ...readJson(ws, 'microagent.json'), baseline: 'deep.baseline.json' }, null, 2));
    const r = run(['simulate', '--profile', 'deep.microagent.json'], ws);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /^microagent simulate: \S+deep\.baseline\.json:3:\d+: MA005 JSON nested deeper than the limit of 200 levels \(`limits\.jsonDepth` in \.microagent\/config\.json\): the baseline is not read$/m);
    assert.equal(r.stdout, '');
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
  });

  test('--hub with 20,001 tags: MA005 names the hub file and the limit; exit 2', () => {
    const tags: Record<string, string> = {};
    for (let i = 0; i <= 20_000; i++) tags[`tag-${i}`] = 'x';
    const hub = { type: 'Microsoft.Devices/IotHubs', name: 'hub', tags, properties: { networkRuleSets: { defaultAction: 'Deny', ipRules: [] } } };
    fs.writeFileSync(path.join(ws, 'hub.json'), JSON.stringify(hub, null, 2));
    const r = run(['simulate', '--profile', 'microagent.json', '--hub', 'hub.json'], ws);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(lines(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`^microagent simulate: \\S+hub\\.json:4:11: ${KEYS_LIMIT.source}: the hub settings file is not read$`, 'm'));
    assert.equal(r.stdout, '');
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
  });

  test('a profile with 20,001 keys in one object: MA005 names the profile, line:col and the limit; nothing simulated', () => {
    const p = readJson(ws, 'microagent.json');
    const extra: Record<string, number> = {};
    for (let i = 0; i <= 20_000; i++) extra[`k${i}`] = i;
    p.simulation.extra = extra;
    fs.writeFileSync(path.join(ws, 'keys.microagent.json'), JSON.stringify(p, null, 2));
    const r = run(['simulate', '--profile', 'keys.microagent.json'], ws);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^\\S+keys\\.microagent\\.json:\\d+:\\d+: ${KEYS_LIMIT.source}`, 'm'));
    assert.match(r.stderr, /nothing simulated/);
    assert.equal(r.stdout, '');
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
  });
});

describe('simulate: the project\'s `limits` apply, as they do for check', () => {
  test('raised jsonKeys: a 12,001-group baseline refused by default runs, and its group\'s rules are evaluated', () => {
    const refused = workspace('not-raised');
    fs.writeFileSync(path.join(refused, 'many.baseline.json'), manyGroups(refused, 12_000));
    const r0 = run(['simulate', '--profile', 'microagent.json', '--baseline', 'many.baseline.json'], refused);
    assert.equal(r0.code, 2, r0.stderr);
    assert.match(r0.stderr, /MA005 This object has 12,001 keys, over the limit of 10,000/);

    const raised = workspace('raised', { limits: { jsonKeys: 20_000 } });
    fs.writeFileSync(path.join(raised, 'many.baseline.json'), manyGroups(raised, 12_000));
    const r = run(['simulate', '--profile', 'microagent.json', '--baseline', 'many.baseline.json', '--format', 'json'], raised);
    assert.equal(r.code, 0, r.stderr);
    const ids = (stdout: string) => (JSON.parse(stdout) as { findings: { id: string; code: string }[] }).findings.map((f) => f.id).sort();
    const plain = run(['simulate', '--profile', 'microagent.json', '--format', 'json'], raised);
    assert.equal(plain.code, 0, plain.stderr);
    // The door-locks group's rules are the example's own: its custom alerts (MA410, MA411) are raised as with the
    // example's baseline, and the 12,000 empty groups add nothing.
    assert.ok(ids(r.stdout).some((id) => id.startsWith('MA410:')) && ids(r.stdout).some((id) => id.startsWith('MA411:')), ids(r.stdout).join(' '));
    assert.deepEqual(ids(r.stdout), ids(plain.stdout));
  });

  test('lowered jsonNodes: a profile with more values than the project allows is refused before anything runs', () => {
    const ws = workspace('lowered', { limits: { jsonNodes: 1_000 } });
    const p = readJson(ws, 'microagent.json');
    p.devices[0].addresses = Array.from({ length: 1_200 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
    fs.writeFileSync(path.join(ws, 'big.microagent.json'), JSON.stringify(p, null, 2));
    const r = run(['simulate', '--profile', 'big.microagent.json'], ws);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^\S+big\.microagent\.json:\d+:\d+: MA005 The document holds more than the limit of 1,000 values \(`limits\.jsonNodes` in \.microagent\/config\.json\)/m);
    assert.match(r.stderr, /nothing simulated/);
    assert.equal(r.stdout, '');
  });

  test('lowered statements: the agent configuration is read under the project\'s limit (MA005, exit 2)', () => {
    const ws = workspace('lowered-config', { limits: { statements: 1_000 } });
    const header = path.join(ws, 'firmware/asc_config.h');
    fs.appendFileSync(header, Array.from({ length: 1_500 }, (_, i) => `#define PADDING_${i} ${i}\n`).join(''));
    const r = run(['simulate', '--profile', 'microagent.json'], ws);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /asc_config\.h:\d+:\d+: .*more than 1,000 directives \(`limits\.statements` in \.microagent\/config\.json\)/);
  });
});
