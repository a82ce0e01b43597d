// Exit codes a CI job can trust (issue 8, item 6), through the bundled CLI: `check` on a folder with nothing
// to check exits 2 and says so unless --allow-empty; unknown options get "did you mean"; `decode` given a
// capture says to use `simulate`; the summary names information and hints as the lines above it do; a
// truncated capture is reported in simulate's output, not only on stderr.
import { test, describe, before, after } from 'node:test';
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

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build first`);
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-exit-'));
  fs.mkdirSync(path.join(ws, 'empty/src'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'empty/src/main.c'), 'int main(void) { return 0; }\n');
  fs.mkdirSync(path.join(ws, 'notes'));
  fs.writeFileSync(path.join(ws, 'notes/asc_config.h'), '#define ASC_LOW_PRIORITY_INTERVAL 145440\n#define ASC_HIGH_PRIORITY_INTERVAL 10\n#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
  // A pcapng section header block (magic 0a0d0d0a), and the same bytes' worth of a classic pcap header.
  fs.writeFileSync(path.join(ws, 'trace.pcapng'), Buffer.from('0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000', 'hex'));
});
after(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('microagent exit codes', () => {
  test('check on a folder with nothing to check exits 2 and says so', () => {
    const r = run(['check', 'empty']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /nothing to check: no agent configuration \(asc_config\.h, \*\.dist, nx_user\.h\), baseline, profile or feed found in empty\. Pass --allow-empty if that is expected/);
    const json = run(['check', '--format', 'json', 'empty']);
    assert.equal(json.code, 2);
    assert.equal(JSON.parse(json.stdout).summary.filesChecked, 0);
  });

  test('--allow-empty accepts an empty set on purpose', () => {
    const r = run(['check', '--allow-empty', 'empty']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /no file to check was found \(--allow-empty: not an error\)/);
  });

  test('npm run demo\'s `microagent check examples/door-lock` is unaffected: files are found, exit 0', () => {
    const r = run(['check', 'examples/door-lock'], repo);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /in 5 files/);
    assert.doesNotMatch(r.stderr, /nothing to check/);
  });

  test('an unknown option names the one probably meant', () => {
    const sim = run(['simulate', '--captures', 'x.pcap']);
    assert.equal(sim.code, 2);
    assert.match(sim.stderr, /unknown option --captures; did you mean --capture\?/);
    const check = run(['check', '--fromat', 'json', '.']);
    assert.equal(check.code, 2);
    assert.match(check.stderr, /unknown option --fromat; did you mean --format\?/);
    const far = run(['check', '--verbose', '.']);
    assert.match(far.stderr, /unknown option --verbose\n/);
    assert.match(run(['chek', '.']).stderr, /unknown command 'chek'; did you mean check\?/);
  });

  test('decode given a capture says to use simulate (pcap and pcapng)', () => {
    const pcap = path.join(repo, 'examples/door-lock/captures/door-lock-01.pcap');
    const r = run(['decode', pcap]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a packet capture \(pcap\), not a security message\. To see what the agent would send for this traffic, run `microagent simulate --capture /);
    const ng = run(['decode', 'trace.pcapng']);
    assert.equal(ng.code, 2);
    assert.match(ng.stderr, /trace\.pcapng is a packet capture \(pcapng\)/);
  });

  test('the summary says "information" and "hints", as the report lines do, not "notes"', () => {
    const r = run(['check', 'notes/asc_config.h']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /information MA116 /);
    assert.match(r.stdout, /hint MA112 /);
    assert.match(r.stderr, /2 problems \(0 errors, 0 warnings, 1 information, 1 hint\) in 1 file/);
    assert.doesNotMatch(r.stderr, /note/);
  });

  test('simulate on a truncated capture reports what it read and says in its output (text, JSON, SARIF) that the input was cut', () => {
    assert.equal(run(['gen', '--scenario', 'iot-device', '-o', 'whole.pcap']).code, 0);
    const whole = fs.readFileSync(path.join(ws, 'whole.pcap'));
    // Cut inside a record: the packets before it are read, the rest is reported as missing.
    fs.writeFileSync(path.join(ws, 'cut.pcap'), whole.subarray(0, Math.floor(whole.length / 2)));
    const text = run(['simulate', 'cut.pcap']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ {2}read stopped: .*cut\.pcap: truncated pcap record/m);
    const read = Number(/^ {2}(\d+) packets/m.exec(text.stdout)?.[1]);
    assert.ok(read > 0 && read < 102, `packets read: ${read}`);
    assert.match(text.stdout, /^device /m);
    const json = JSON.parse(run(['simulate', 'cut.pcap', '--format', 'json']).stdout);
    assert.match(JSON.stringify(json), /"readError":"[^"]*cut\.pcap: truncated pcap record/);
    assert.ok(json.devices.length > 0);
    assert.match(run(['simulate', 'cut.pcap', '--format', 'sarif']).stdout, /cut\.pcap: truncated pcap record/);
  });

  test('simulate with no device to simulate (none given, none to guess) exits 2 and says what to give, also with --fail-on', () => {
    fs.writeFileSync(path.join(ws, 'hub-only.ndjson'), '{"t": 1700000000, "type": "hubDisconnected", "protocol": "mqtt"}\n{"t": 1700000300, "type": "hubConnected", "protocol": "mqtt"}\n');
    for (const extra of [[], ['--fail-on', 'low']]) {
      const r = run(['simulate', '--events', 'hub-only.ndjson', ...extra]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /no device was simulated \(none given, and no unicast traffic to guess one from\): give --device-ip ADDR/);
    }
    // Named, the same script simulates the device (its agent reports; nothing is raised): exit 0.
    assert.equal(run(['simulate', '--events', 'hub-only.ndjson', '--device-ip', '192.168.1.50']).code, 0);
  });
});
