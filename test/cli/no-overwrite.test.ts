// Nothing lost (issue 10, item 5), through the bundled CLI: every command that writes a file the user names
// (check -o, simulate -o, gen --out, demo --out; learn has its own tests) refuses an existing one unless --force,
// says so on one line and exits 2 before doing the work; never writes over one of the run's own inputs (those a
// simulation profile names too), even with --force; and with --force replaces the file whole. A FIFO or a
// device (/dev/stdout) is written into, never replaced by a file.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { CLI as cli, runCli, type CliRun } from '../helpers/run-cli';

const KEEP = 'the user\'s own file: must survive\n';
let ws: string;

function run(args: string[], cwd = ws): CliRun {
  return runCli(args, cwd, 120_000);
}

/** A file holding KEEP, at `rel` under the workspace. */
function userFile(rel: string): string {
  const p = path.join(ws, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, KEEP);
  return p;
}

/** No temporary file of ours was left beside the target. */
function noLeftovers(dir: string): void {
  const left = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  assert.deepEqual(left, [], `temporary files left in ${dir}`);
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-nolost-'));
  fs.writeFileSync(path.join(ws, 'asc_config.h'), '#define ASC_HIGH_PRIORITY_INTERVALL 10\n');
  const gen = run(['gen', '--scenario', 'iot-device', '-o', 'device.pcap']);
  assert.equal(gen.code, 0, gen.stderr);
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('commands that write refuse to replace an existing file without --force', () => {
  test('check -o: an existing report is kept and named; --force replaces it', () => {
    const target = userFile('reports/check.sarif');
    const r = run(['check', 'asc_config.h', '--format', 'sarif', '-o', 'reports/check.sarif']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `microagent check: -o ${target} exists; not overwritten (give --force to replace it)`);
    assert.equal(fs.readFileSync(target, 'utf8'), KEEP);
    const forced = run(['check', 'asc_config.h', '--format', 'sarif', '-o', 'reports/check.sarif', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(fs.readFileSync(target, 'utf8')).version, '2.1.0');
    noLeftovers(path.dirname(target));
  });

  test('check -o onto the file being checked is refused even with --force', () => {
    const r = run(['check', 'asc_config.h', '-o', 'asc_config.h', '--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /-o .*asc_config\.h is one of this run's inputs; refusing to write over it \(even with --force\)/);
    assert.match(fs.readFileSync(path.join(ws, 'asc_config.h'), 'utf8'), /INTERVALL/);
  });

  test('check: --force without -o is a usage error', () => {
    const r = run(['check', 'asc_config.h', '--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--force only applies to -o FILE/);
  });

  test('simulate -o: an existing report is refused before the run; --force replaces it; a new file is written', () => {
    const target = userFile('findings.html');
    const r = run(['simulate', '--capture', 'device.pcap', '--format', 'html', '-o', 'findings.html']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `microagent simulate: -o ${target} exists; not overwritten (give --force to replace it)`);
    assert.equal(fs.readFileSync(target, 'utf8'), KEEP);
    const forced = run(['simulate', '--capture', 'device.pcap', '--format', 'html', '-o', 'findings.html', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(target, 'utf8'), /^<!doctype html>/);
    const fresh = run(['simulate', '--capture', 'device.pcap', '--format', 'json', '-o', 'new/result.json']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.ok(JSON.parse(fs.readFileSync(path.join(ws, 'new/result.json'), 'utf8')).summary);
    noLeftovers(ws);
  });

  test('simulate -o onto its own capture is refused even with --force, and the capture is intact', () => {
    const before = fs.readFileSync(path.join(ws, 'device.pcap'));
    const r = run(['simulate', '--capture', 'device.pcap', '-o', 'device.pcap', '--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /-o .*device\.pcap is one of this run's inputs \(the --capture file\); refusing to write over it/);
    assert.deepEqual(fs.readFileSync(path.join(ws, 'device.pcap')), before);
  });

  test('simulate -o onto a file the profile names (its baseline, a feed, a device\'s capture) is refused even with --force, naming which', () => {
    const example = path.join(ws, 'door-lock');
    fs.cpSync(path.join(path.resolve(__dirname, '../..'), 'examples/door-lock'), example, { recursive: true });
    const cases: [string, string][] = [
      ['baselines/door-locks.baseline.json', 'the profile\'s baseline'],
      ['feeds/blocklist.netset', 'a feed the profile names'],
      ['captures/door-lock-01.pcap', 'the capture of the profile\'s device "door-lock-01"'],
    ];
    for (const [rel, what] of cases) {
      const target = path.join(example, rel);
      const before = fs.readFileSync(target);
      const r = run(['simulate', '--profile', 'door-lock/microagent.json', '-o', `door-lock/${rel}`, '--force']);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim(), `microagent simulate: -o ${target} is one of this run's inputs (${what}); refusing to write over it (even with --force)`);
      assert.deepEqual(fs.readFileSync(target), before, `${rel} is intact`);
    }
    noLeftovers(path.join(example, 'baselines'));
  });

  test('simulate -o onto a folder is refused', () => {
    fs.mkdirSync(path.join(ws, 'a-folder'), { recursive: true });
    const r = run(['simulate', '--capture', 'device.pcap', '-o', 'a-folder', '--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /-o .*a-folder is a folder, not a file/);
  });

  test('gen --out: an existing file is refused; --force replaces it with a whole capture', () => {
    const target = userFile('captures/mine.pcap');
    const r = run(['gen', '--scenario', 'many-flows', '--out', 'captures/mine.pcap']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim(), `microagent gen: --out ${target} exists; not overwritten (give --force to replace it)`);
    assert.equal(fs.readFileSync(target, 'utf8'), KEEP);
    const forced = run(['gen', '--scenario', 'many-flows', '--out', 'captures/mine.pcap', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(fs.readFileSync(target).readUInt32LE(0), 0xa1b2c3d4, 'a pcap header');
    noLeftovers(path.dirname(target));
  });

  test('gen --out onto its own scenario file is refused even with --force', () => {
    fs.writeFileSync(path.join(ws, 'scenario.json'), JSON.stringify({ device: { ipv4: '192.168.1.2' }, flows: [{ protocol: 'udp', peer: '8.8.8.8', port: 53, start: 1 }] }));
    const before = fs.readFileSync(path.join(ws, 'scenario.json'), 'utf8');
    const r = run(['gen', 'scenario.json', '--out', 'scenario.json', '--force']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is one of this run's inputs/);
    assert.equal(fs.readFileSync(path.join(ws, 'scenario.json'), 'utf8'), before);
  });

  test('demo --out: a folder holding files of the example is refused and they are named; --force replaces them', () => {
    const dir = path.join(ws, 'demo-here');
    const mine = userFile('demo-here/microagent.json');
    const r = run(['demo', '--out', 'demo-here']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /demo-here\/ already has microagent\.json; not overwritten \(give --force to replace it, or another --out DIR\)/);
    assert.equal(fs.readFileSync(mine, 'utf8'), KEEP);
    assert.equal(fs.existsSync(path.join(dir, 'firmware/asc_config.h')), false, 'nothing else was written either');
    const forced = run(['demo', '--out', 'demo-here', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(JSON.parse(fs.readFileSync(mine, 'utf8')).devices);
  });

  test('demo without --out runs on an earlier demo\'s ./example as it is, without replacing it', () => {
    const dir = fs.mkdtempSync(path.join(ws, 'again-'));
    assert.equal(run(['demo'], dir).code, 0);
    const header = path.join(dir, 'example/firmware/asc_config.h');
    fs.appendFileSync(header, '// my edit\n');
    const again = run(['demo'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /written by an earlier demo: example\/ \(kept as it is/);
    assert.match(fs.readFileSync(header, 'utf8'), /\/\/ my edit\n$/);
  });
});

describe('a pipe or a device named as the output is written into, never replaced', () => {
  /** Runs the CLI with `target` a FIFO that a reader drains; what the reader got, and the FIFO afterwards. */
  async function throughFifo(name: string, args: string[]): Promise<{ code: number; stderr: string; got: Buffer; stillFifo: boolean }> {
    const fifo = path.join(ws, name);
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, 'mkfifo is needed for this test');
    const reader = spawn('cat', [fifo]);
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = run(args.map((a) => (a === '@' ? name : a)));
    // A CLI that never opened the FIFO (it refused, or put a file in its place) leaves the reader waiting.
    const timer = setTimeout(() => reader.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
    const stillFifo = fs.lstatSync(fifo).isFIFO();
    fs.rmSync(fifo, { force: true });
    noLeftovers(ws);
    return { code: r.code, stderr: r.stderr, got: Buffer.concat(chunks), stillFifo };
  }

  test('check -o FIFO: the report goes through the pipe without --force, and the FIFO stays', async () => {
    const r = await throughFifo('check.fifo', ['check', 'asc_config.h', '--format', 'json', '-o', '@']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.got.toString('utf8')).summary.filesChecked, 1);
    assert.ok(r.stillFifo, 'the FIFO was replaced by a regular file');
  });

  test('simulate -o FIFO --force and gen --out FIFO write into it, never over it', async () => {
    const sim = await throughFifo('sim.fifo', ['simulate', 'device.pcap', '--format', 'json', '-o', '@', '--force']);
    assert.equal(sim.code, 0, sim.stderr);
    assert.ok(JSON.parse(sim.got.toString('utf8')).devices.length > 0);
    assert.ok(sim.stillFifo, 'the FIFO was replaced by a regular file');
    const gen = await throughFifo('gen.fifo', ['gen', '--scenario', 'iot-device', '--out', '@']);
    assert.equal(gen.code, 0, gen.stderr);
    assert.equal(gen.got.readUInt32LE(0), 0xa1b2c3d4);
    assert.ok(gen.stillFifo, 'the FIFO was replaced by a regular file');
  });

  test('learn -o FIFO is refused (it writes two files by renaming them into place), even with --force, and the FIFO stays', () => {
    const fifo = path.join(ws, 'learn.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo is needed for this test');
    try {
      const r = run(['learn', '--capture', 'device.pcap', '-o', 'learn.fifo', '--force']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /-o \S*learn\.fifo is not a regular file: learn writes a baseline and, beside it, its learned profile; give a file path/);
      assert.ok(fs.lstatSync(fifo).isFIFO(), 'the FIFO was replaced by a regular file');
      noLeftovers(ws);
    } finally {
      fs.rmSync(fifo, { force: true });
    }
  });
});
