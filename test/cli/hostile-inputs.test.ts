// Issue 10, items 2 and "found today", through the bundled CLI: /dev/zero and FIFOs given as any input (flags
// and profile paths) end in one clear line and exit 2 within seconds, where they used to read without end or
// spin; a file over its kind's limit is refused naming the limit and how to raise it; paths a profile names
// outside its workspace are read with a warning (MA307); control characters from inputs never reach the output
// raw; a 10 MB value is not repeated whole; a header with 100,000 unclosed #if prints a bounded list and exits 2.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI as cli, runCli, type CliRun } from '../helpers/run-cli';

const repo = path.resolve(__dirname, '../..');
const hasDevZero = fs.existsSync('/dev/zero') && fs.statSync('/dev/zero').isCharacterDevice();
const noDevZero = hasDevZero ? false : 'this platform has no /dev/zero';
let base: string;
let ws: string;
let fifo: string | undefined;

/** Runs the CLI with a hard time limit; a read of /dev/zero or a FIFO without the fix would hit it. */
function run(args: string[], cwd = ws): CliRun {
  return runCli(args, cwd, 30_000);
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

function profileWith(changes: Record<string, unknown>): string {
  const p = JSON.parse(fs.readFileSync(path.join(ws, 'microagent.json'), 'utf8'));
  return JSON.stringify({ ...p, ...changes }, null, 2);
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-hostile-cli-')));
  ws = path.join(base, 'door-lock');
  fs.cpSync(path.join(repo, 'examples/door-lock'), ws, { recursive: true });
  // The workspace the CLI reports paths outside of: the folder holding .git.
  fs.mkdirSync(path.join(ws, '.git'));
  const f = path.join(ws, 'pipe');
  if (spawnSync('mkfifo', [f]).status === 0) fifo = f;
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

describe('devices and FIFOs as inputs', () => {
  const capture = 'captures/door-lock-01.pcap';
  const zeroCases: [string, string[], RegExp][] = [
    ['--conn-log', ['simulate', '--conn-log', '/dev/zero'], /^microagent simulate: conn\.log \/dev\/zero: not a regular file \(a character device\); microagent reads only regular files$/],
    ['--events', ['simulate', '--events', '/dev/zero'], /^microagent simulate: event script \/dev\/zero: not a regular file \(a character device\)/],
    ['--capture', ['simulate', '--capture', '/dev/zero'], /^microagent simulate: capture \/dev\/zero: not a regular file/],
    ['--agent-config', ['simulate', '--capture', capture, '--agent-config', '/dev/zero'], /^microagent simulate: agent configuration \/dev\/zero: not a regular file/],
    ['--baseline', ['simulate', '--capture', capture, '--baseline', '/dev/zero'], /^microagent simulate: baseline \/dev\/zero: not a regular file/],
    ['--feed', ['simulate', '--capture', capture, '--feed', '/dev/zero'], /^microagent simulate: feed \/dev\/zero: not a regular file/],
    ['decode', ['decode', '/dev/zero'], /^microagent decode: \/dev\/zero: not a regular file \(a character device\); microagent reads only regular files$/],
    ['learn', ['learn', '--events', '/dev/zero', '-o', 'x.baseline.json'], /^microagent learn: event script \/dev\/zero: not a regular file/],
  ];
  for (const [name, args, message] of zeroCases) {
    test(`${name} /dev/zero: one line, exit 2, at once`, { skip: noDevZero }, () => {
      const r = run(args);
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(lines(r.stderr).length, 1, r.stderr);
      assert.match(r.stderr.trim(), message);
      assert.ok(r.ms < 15_000, `${r.ms} ms`);
    });
  }

  test('a FIFO as an event script, a capture, or a file to check: refused without blocking', { skip: fifo ? false : 'mkfifo is not available' }, () => {
    for (const args of [['simulate', '--events', 'pipe'], ['simulate', '--capture', 'pipe'], ['learn', '--capture', 'pipe', '-o', 'x.baseline.json']]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /pipe: not a regular file \(a FIFO\); microagent reads only regular files/);
    }
    const check = run(['check', 'pipe']);
    assert.equal(check.code, 2);
    assert.match(check.stderr, /^microagent check: pipe: not a regular file \(a FIFO\)/m);
  });

  test('a profile naming /dev/zero and a FIFO: MA302 says why, the rest of the profile is still reported, nothing simulated', { skip: noDevZero || (fifo ? false : 'mkfifo is not available') }, () => {
    fs.writeFileSync(path.join(ws, 'hostile.microagent.json'), profileWith({ agentConfig: '/dev/zero', baseline: 'pipe', devices: [{ id: 'lock', addresses: ['192.168.1.300'], capture }] }));
    const r = run(['simulate', '--profile', 'hostile.microagent.json']);
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.ms < 15_000, `${r.ms} ms`);
    assert.match(r.stderr, /MA302 Agent configuration "\/dev\/zero" cannot be read: not a regular file \(a character device\); microagent reads only regular files\./);
    assert.match(r.stderr, /MA302 Baseline "pipe" cannot be read: not a regular file \(a FIFO\)/);
    assert.match(r.stderr, /MA304 "192\.168\.1\.300" is not an IPv4 or IPv6 address/, 'the rest is still checked');
    assert.match(r.stderr, /warning: .*MA307 Agent configuration "\/dev\/zero" is outside the workspace/);
    assert.doesNotMatch(r.stderr, /not found/);
  });
});

describe('size limits', () => {
  test('a file over its kind\'s limit is refused naming the file, the limit and how to raise it; the flag and the config file raise it', () => {
    const r = run(['simulate', '--profile', 'microagent.json', '--max-file-size', 'json=500']);
    assert.equal(r.code, 2);
    assert.deepEqual(lines(r.stderr), [
      `${path.join(ws, 'microagent.json')}: 700 bytes is over the 500 bytes limit for a baseline, profile, hub settings or other JSON file; raise it with --max-file-size json=SIZE or "maxFileSize": { "json": "SIZE" } in .microagent/config.json`,
      'microagent simulate: the profile has 1 error(s); nothing simulated',
    ]);
    fs.mkdirSync(path.join(ws, '.microagent'));
    try {
      fs.writeFileSync(path.join(ws, '.microagent', 'config.json'), '{ "maxFileSize": { "json": 500 } }');
      assert.equal(run(['simulate', '--profile', 'microagent.json']).code, 2, 'the config file\'s limit applies');
      const raised = run(['simulate', '--profile', 'microagent.json', '--max-file-size', 'json=1MB']);
      assert.equal(raised.code, 0, raised.stderr);
    } finally {
      fs.rmSync(path.join(ws, '.microagent'), { recursive: true });
    }
  });

  test('a bad --max-file-size is a usage error naming the kinds', () => {
    const r = run(['simulate', '--capture', 'x.pcap', '--max-file-size', 'pcap=1GB']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-file-size: unknown file kind "pcap" \(kinds: configuration, json, feed, events, connLog, capture, message\)/);
  });
});

describe('paths outside the workspace', () => {
  test('simulate reads a feed outside the workspace and warns with MA307', () => {
    fs.writeFileSync(path.join(base, 'outside.netset'), '45.155.205.233\n');
    fs.writeFileSync(path.join(ws, 'outside.microagent.json'), profileWith({ feeds: ['../outside.netset'] }));
    const r = run(['simulate', '--profile', 'outside.microagent.json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: .*outside\.microagent\.json:\d+:\d+: MA307 Feed "\.\.\/outside\.netset" is outside the workspace \(.*outside\.netset\): microagent reads it, but the editor will not; the workspace is .*door-lock\./);
    assert.match(r.stdout, /MA400/, 'the feed outside was read: its indicator matched');
  });
});

describe('text output is safe', () => {
  test('an ANSI escape in a feed line\'s label is shown escaped; no raw control character reaches stdout or stderr', () => {
    fs.writeFileSync(path.join(ws, 'feeds', 'ansi.netset'), '45.155.205.233  # C2 \x1b[2J\x1b[H\rforged line\n');
    fs.writeFileSync(path.join(ws, 'ansi.microagent.json'), profileWith({ feeds: ['feeds/ansi.netset'] }));
    for (const format of ['text', 'json', 'sarif']) {
      const r = run(['simulate', '--profile', 'ansi.microagent.json', '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, format);
      if (format === 'text') assert.match(r.stdout, /C2 \\u001b\[2J\\u001b\[H\\u000dforged line/);
      else assert.match(JSON.stringify(JSON.parse(r.stdout)), /C2 \\u001b\[2J\\u001b\[H\\rforged line/, `${format} stays valid JSON with the label intact`);
    }
  });

  test('check: a feed line that does not parse is quoted with its escape sequences written out, not played', () => {
    fs.writeFileSync(path.join(ws, 'feeds', 'ansi-bad.netset'), '45.155.205.233\n\x1b[2J\x1b[Hevil-line\n');
    const r = run(['check', 'feeds/ansi-bad.netset']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'feeds/ansi-bad.netset:2:1: warning MA310 Line 2: "\\u001b[2J\\u001b[Hevil-line" is not an IP address, CIDR or domain name.\n');
  });

  test('MA205 on a 10 MB value quotes its start and its length, in text and JSON', () => {
    const big = 'a'.repeat(10 * 1024 * 1024);
    const b = JSON.parse(fs.readFileSync(path.join(ws, 'baselines', 'door-locks.baseline.json'), 'utf8'));
    b.securityGroups['door-locks'].allowlistRules[0].allowlistValues.push(big);
    fs.writeFileSync(path.join(ws, 'big.baseline.json'), JSON.stringify(b));
    const r = run(['check', 'big.baseline.json']);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.length < 4000, `${r.stdout.length} characters of report`);
    assert.match(r.stdout, /MA205 "a{80}… \(10485760 characters\)"/);
    const json = run(['check', '--format', 'json', 'big.baseline.json']);
    assert.ok(json.stdout.length < 20_000, `${json.stdout.length} characters of JSON`);
  });
});

describe('reader errors are bounded', () => {
  // Thousands of unclosed #if: the header reader keeps at most a couple of thousand problems (and stops a far
  // longer file with one), so the list here is what the command itself bounds.
  test('a header with thousands of unclosed #if: 20 problems and a count, the report still written, exit 2; JSON has the full count', () => {
    fs.writeFileSync(path.join(ws, 'if.h'), `${'#if 1\n'.repeat(5_000)}#define ASC_HIGH_PRIORITY_INTERVAL 10\n`);
    const json = run(['simulate', '--capture', 'captures/door-lock-01.pcap', '--agent-config', 'if.h', '--format', 'json']);
    assert.equal(json.code, 2);
    const problems = JSON.parse(json.stdout).summary.configurationProblems;
    assert.ok(problems.count > 1000, String(problems.count));
    assert.ok(problems.errors > 1000 && problems.errors <= problems.count, JSON.stringify(problems).slice(0, 300));
    assert.equal(problems.first.length, 20);
    const r = run(['simulate', '--capture', 'captures/door-lock-01.pcap', '--agent-config', 'if.h']);
    assert.equal(r.code, 2);
    const err = lines(r.stderr);
    assert.equal(err.length, 22, r.stderr.slice(0, 2000));
    assert.match(err[0], /if\.h:1:1: #if at line 1 has no matching #endif$/);
    assert.equal(err[20], `and ${problems.count - 20} more problems in ${path.join(ws, 'if.h')} (microagent check ${path.join(ws, 'if.h')} shows them)`);
    assert.match(err[21], new RegExp(`the agent configuration .*if\\.h has ${problems.errors} errors: the run may not be what the device does \\(exit 2\\)`));
    assert.match(r.stdout, /192\.168\.1\.50/, 'the report is still written');
  });
});
