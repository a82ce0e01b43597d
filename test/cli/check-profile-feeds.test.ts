// `microagent check` on a folder checks the feeds a simulation profile names (any name, the profile's format,
// even in a folder the walk skips), with SARIF locations on the feed file; MA302 for a missing feed stays.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI as cli, runCli, type CliRun } from '../helpers/run-cli';

let ws: string;

function run(args: string[], cwd = ws): CliRun {
  return runCli(['check', ...args], cwd, 30_000);
}

function write(rel: string, text: string): void {
  const p = path.join(ws, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-cli-feeds-'));
  write('microagent.json', JSON.stringify({
    feeds: ['feeds/c2.csv', { path: 'lists/bad.txt', format: 'list' }, { path: 'lists/plain.csv', format: 'list' }, '.cache/hidden.txt', 'feeds/missing.csv'],
  }, null, 2));
  write('feeds/c2.csv', 'ip,malware\n8.8.8.8,X\nnot-an-ip,Y\n10.1.2.3,Z\n');
  write('lists/bad.txt', '1.1.1.1\nbogus line here\n192.168.0.1\n');
  write('lists/plain.csv', '8.8.8.8\n9.9.9.9\n');
  write('.cache/hidden.txt', '9.9.9.9\n127.0.0.1\n');
  write('unnamed/other.csv', 'ip\nnot-an-ip\n');
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('microagent check: feeds a profile names', () => {
  test('a folder check reports the CSV, the .txt list and the hidden-folder feed the profile names, and MA302 for the missing one', () => {
    const r = run(['--format', 'json', '.']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const found = report.diagnostics.map((d: { file: string; line: number; code: string }) => `${d.file}:${d.line}:${d.code}`).sort();
    assert.deepEqual(found, [
      '.cache/hidden.txt:2:MA311',
      'feeds/c2.csv:3:MA310',
      'feeds/c2.csv:4:MA311',
      'lists/bad.txt:2:MA310',
      'lists/bad.txt:3:MA311',
      'microagent.json:' + report.diagnostics.find((d: { code: string }) => d.code === 'MA302').line + ':MA302',
    ]);
    assert.equal(report.summary.filesChecked, 5, 'the profile, three feeds with findings and the clean list; not unnamed/other.csv');
  });

  test('SARIF locations name the feed file at fault', () => {
    const r = run(['--format', 'sarif', '.']);
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const csv = results.find((x) => x.ruleId === 'MA310' && x.locations[0].physicalLocation.artifactLocation.uri === 'feeds/c2.csv');
    assert.ok(csv, JSON.stringify(results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri)));
    assert.equal(csv!.locations[0].physicalLocation.region.startLine, 3);
  });

  test('a feed named alone on the command line is checked as the profile above it says', () => {
    const r = run(['c2.csv'], path.join(ws, 'feeds'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^c2\.csv:3:1: warning MA310 /m);
    const other = run(['unnamed/other.csv']);
    assert.equal(other.code, 2, 'a CSV no profile names is not a file microagent checks');
    assert.match(other.stderr, /not a file microagent checks/);
  });
});
