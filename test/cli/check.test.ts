// `microagent check` through the bundled CLI (dist/cli/microagent.js): exit codes, the three formats,
// folder recursion, the shared config file, and inputs that cannot be read.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { sarifMinimalSchema } from './sarif-minimal-schema';
import { CLI as cli, runCli, type CliRun } from '../helpers/run-cli';

let ws: string;

function run(args: string[], cwd = ws): CliRun {
  return runCli(['check', ...args], cwd, 30_000);
}

function write(rel: string, text: string): string {
  const p = path.join(ws, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-cli-'));
  write('bad/asc_config.h', '#ifndef ASC_CONFIG_H\n#define ASC_CONFIG_H\n#define ASC_HIGH_PRIORITY_INTERVAL 0\n#define ASC_HIGH_PRIORITY_INTERVALL 10\n#endif\n');
  write('clean/asc_config.h', '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
  write('warn/asc_config.h', '#define ASC_FOO_BAR 1\n');
  write('bad/node_modules/x/asc_config.h', '#define ASC_HIGH_PRIORITY_INTERVAL 0\n');
  write('bad/build/asc_config.h', '#define ASC_HIGH_PRIORITY_INTERVAL 0\n');
  write('bad/notes.txt', 'not a configuration file\n');
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('microagent check', () => {
  test('a clean file exits 0 with no problem lines', () => {
    const r = run(['clean/asc_config.h']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /0 problems .* in 1 file/);
  });

  test('errors exit 1; text lines are file:line:col: severity code message, 1-based and cwd-relative', () => {
    const r = run(['bad']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('bad/asc_config.h:3:36: error MA103 ' + lines.find((l) => l.includes('MA103'))!.split(' MA103 ')[1]));
    assert.ok(lines.some((l) => /^bad\/asc_config\.h:4:9: warning MA101 /.test(l)), r.stdout);
  });

  test('folder recursion skips node_modules and build folders and ignores unrecognised files', () => {
    const r = run(['--format', 'json', '.']);
    const report = JSON.parse(r.stdout);
    const files = new Set(report.diagnostics.map((d: { file: string }) => d.file));
    assert.deepEqual([...files].sort(), ['bad/asc_config.h', 'warn/asc_config.h']);
    assert.equal(report.summary.filesChecked, 3);
  });

  test('warnings alone exit 0, and --max-warnings 0 makes them fail', () => {
    assert.equal(run(['warn']).code, 0);
    assert.equal(run(['warn', '--max-warnings', '0']).code, 1);
    assert.equal(run(['warn', '--max-warnings', '5']).code, 0);
  });

  test('JSON report has 1-based and LSP positions, fixes, and a summary', () => {
    const r = run(['--format=json', 'bad/asc_config.h']);
    const report = JSON.parse(r.stdout);
    const typo = report.diagnostics.find((d: { code: string }) => d.code === 'MA101');
    assert.equal(typo.line, 4);
    assert.equal(typo.column, 9);
    assert.deepEqual(typo.range.start, { line: 3, character: 8 });
    assert.ok(typo.fixes.some((f: { title: string }) => /ASC_HIGH_PRIORITY_INTERVAL\b/.test(f.title)));
    assert.equal(report.summary.error, 1);
  });

  test('SARIF 2.1.0 validates against the minimal structure, with catalogue rules, regions and fixes', () => {
    const out = path.join(ws, 'reports', 'check.sarif');
    const r = run(['--format', 'sarif', '--output', out, 'bad']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const ok = ajv.validate(sarifMinimalSchema, sarif);
    assert.ok(ok, ajv.errorsText());
    const run0 = sarif.runs[0];
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ids.includes('MA101') && ids.includes('MA103') && ids.includes('MA001'));
    for (const res of run0.results) assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    const err = run0.results.find((x: { ruleId: string }) => x.ruleId === 'MA103');
    assert.equal(err.level, 'error');
    assert.deepEqual(err.locations[0].physicalLocation.region, { startLine: 3, startColumn: 36, endLine: 3, endColumn: 37 });
    assert.equal(err.locations[0].physicalLocation.artifactLocation.uri, 'bad/asc_config.h');
    const typo = run0.results.find((x: { ruleId: string }) => x.ruleId === 'MA101');
    // The file sets ASC_HIGH_PRIORITY_INTERVAL already (line 3): the fix removes the misspelt line, not a rename onto it.
    const removal = typo.fixes[0].artifactChanges[0].replacements[0];
    assert.equal(removal.insertedContent.text, '');
    assert.deepEqual([removal.deletedRegion.startLine, removal.deletedRegion.endLine], [4, 5]);
  });

  test('a missing path and a named unrecognised file exit 2 with a message naming them; the rest is still checked', () => {
    const r = run(['--format', 'json', 'missing.h', 'bad/notes.txt', 'warn']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.h: no such file or folder/);
    assert.match(r.stderr, /bad\/notes\.txt: not a file microagent checks/);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.filesChecked, 1);
    assert.equal(report.notReadable.length, 2);
  });

  test('an unreadable file is named and skipped, the others are still reported', { skip: process.getuid?.() === 0 ? 'running as root: file permissions do not stop reads' : false }, () => {
    const p = write('locked/asc_config.h', '#define ASC_FOO 1\n');
    fs.chmodSync(p, 0o000);
    try {
      const r = run(['locked', 'warn']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /locked\/asc_config\.h: cannot read/);
      assert.match(r.stdout, /warn\/asc_config\.h:1:9: warning MA101/);
    } finally {
      fs.chmodSync(p, 0o644);
    }
  });

  test('a binary file named explicitly is refused as unrecognised, not crashed on', () => {
    const p = write('blob.bin', '\u0000\u0001\u0002\u00ff'.repeat(100));
    const r = run([p]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /blob\.bin: not a file microagent checks/);
  });

  test('bad usage exits 2: unknown flag, unknown format', () => {
    assert.equal(run(['--frobnicate']).code, 2);
    const r = run(['--format', 'xml', 'warn']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of text, json, sarif/);
  });

  test('.microagent/config.json turns a code off, suppresses by glob, and a suppression without reason warns', () => {
    const proj = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-proj-'));
    try {
      fs.mkdirSync(path.join(proj, '.microagent'));
      fs.mkdirSync(path.join(proj, 'cfg'));
      fs.writeFileSync(path.join(proj, 'cfg', 'asc_config.h'), '#define ASC_FOO_BAR 1\n#define ASC_HIGH_PRIORITY_INTERVAL 0\n');
      const conf = (o: unknown) => fs.writeFileSync(path.join(proj, '.microagent', 'config.json'), JSON.stringify(o));
      conf({ severityOverrides: { MA101: 'off' } });
      let r = run(['--format', 'json', '.'], proj);
      assert.deepEqual(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code), ['MA103']);
      conf({ suppressions: [{ code: 'MA103', file: 'cfg/*.h', reason: 'bench board only' }, { code: 'MA101', file: 'asc_config.h' }] });
      r = run(['--format', 'json', '.'], proj);
      const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string; file: string }) => `${d.file}:${d.code}`);
      assert.deepEqual(codes.sort(), ['.microagent/config.json:MA001']);
      assert.equal(r.code, 0);
      fs.writeFileSync(path.join(proj, '.microagent', 'config.json'), '{ "severityOverrides": { "MA103": "loud", "MA101": "off" } // comment\n}');
      r = run(['.'], proj);
      assert.match(r.stdout, /\.microagent\/config\.json:1:35: error MA003 severity for MA103/);
      assert.doesNotMatch(r.stdout, /MA101/, 'the valid entry beside the bad one still applies');
    } finally {
      fs.rmSync(proj, { recursive: true, force: true });
    }
  });

  test('an in-file suppression comment drops the code in the CLI too', () => {
    write('supp/asc_config.h', '// microagent-ignore MA101 experimental option for the lab build\n#define ASC_FOO_BAR 1\n');
    const r = run(['supp']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });
});
