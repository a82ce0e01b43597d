// `microagent learn` through the CLI (in process): learn then simulate on the same capture raises no custom
// alert; a new remote raises exactly one MA411, a known address on a new port MA402; --from/--to cut the
// input (seconds and ISO-8601); existing files are not overwritten without --force, inputs never; the help is
// complete.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceDocument } from '../../src-core/language/document';
import { validateBaseline } from '../../src-core/baseline/validate-baseline';
import type { Finding } from '../../src-core/findings/finding';
import { cli, tempDir } from '../unit/agent/fixtures';
import { HUB, T0, normalFlows, writeCapture } from '../unit/learn/learn-fixtures';

const CUSTOM = new Set(['MA410', 'MA411', 'MA412']);

async function simulateJson(cwd: string, capture: string, baseline: string): Promise<{ findings: Finding[]; detectionNotes: string[] }> {
  const r = await cli(['simulate', '--capture', capture, '--baseline', baseline, '--format', 'json'], cwd);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function learn(cwd: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return cli(['learn', ...args], cwd);
}

describe('microagent learn', () => {
  test('learn, then simulate the same capture: no MA410/MA411/MA412 in either view; the output validates', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    const r = await learn(dir, ['--capture', 'normal.pcap', '-o', 'device.baseline.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^learned from .*normal\.pcap \(pcap, \d+ packets\), 2023-11-14 22:15:02Z to 2023-11-14 22:30:10Z/);
    assert.match(r.stdout, /device 192\.168\.1\.50 \(guessed\)/);
    assert.match(r.stdout, /ActiveConnectionsNotInAllowedRange PT5M: \d+-\d+ \(margin 50%\)/);
    // The guess is the IPv4 address alone: the IPv6 peer is not this device's.
    assert.match(r.stdout, /ConnectionToIpNotAllowed allowlist: 8 ranges for 8 remote addresses connected to: 20\.49\.110\.5\/32/);
    assert.match(r.stdout, /wrote .*device\.baseline\.json\nwrote .*device\.learned\.json\n$/);
    const baseline = join(dir, 'device.baseline.json');
    assert.deepEqual(validateBaseline(new SourceDocument(baseline, readFileSync(baseline, 'utf8'))), []);
    assert.ok(existsSync(join(dir, 'device.learned.json')));
    const s = await simulateJson(dir, 'normal.pcap', 'device.baseline.json');
    assert.deepEqual(s.findings.filter((f) => CUSTOM.has(f.code) || f.code === 'MA402').map((f) => f.message), []);
    // Both views were judged: the ground truth's missed findings would show with agentVisible false.
    assert.ok(!s.findings.some((f) => f.agentVisible === false && CUSTOM.has(f.code)));
  });

  test('a capture with one new remote: exactly one MA411, naming it', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    assert.equal((await learn(dir, ['--capture', 'normal.pcap', '-o', 'd.baseline.json'])).status, 0);
    writeCapture(dir, 'new.pcap', [...normalFlows(), { protocol: 'udp', peer: '185.220.101.7', port: 9001, localPort: 53000, start: 500, packets: 4 }]);
    const s = await simulateJson(dir, 'new.pcap', 'd.baseline.json');
    const alerts = s.findings.filter((f) => CUSTOM.has(f.code));
    assert.deepEqual(alerts.map((f) => `${f.code} ${f.evidence.remote}`), ['MA411 185.220.101.7']);
    assert.match(alerts[0].message, /185\.220\.101\.7, which no range of the default allowlist covers/);
  });

  test('a known address on a new port: MA402 from the learned profile beside the baseline', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    assert.equal((await learn(dir, ['--capture', 'normal.pcap', '-o', 'd.baseline.json'])).status, 0);
    writeCapture(dir, 'c2.pcap', [...normalFlows(), { protocol: 'tcp', peer: HUB, port: 4444, localPort: 53001, start: 500, packets: 6 }]);
    const s = await simulateJson(dir, 'c2.pcap', 'd.baseline.json');
    assert.deepEqual(s.findings.filter((f) => CUSTOM.has(f.code)).map((f) => f.message), []);
    const ma402 = s.findings.filter((f) => f.code === 'MA402');
    assert.deepEqual(ma402.map((f) => `${f.evidence.remote} ${f.evidence.facts?.newServices} ${f.agentVisible}`), [`${HUB} TCP 4444 true`]);
    assert.equal(ma402[0].locations[0].file, join(dir, 'd.learned.json'));
  });

  test('--from and --to cut the input, in seconds from the first record or ISO-8601', async (t) => {
    const dir = tempDir(t);
    // An early remote in the first minute, a late one after ten minutes.
    writeCapture(dir, 'cut.pcap', [
      { protocol: 'tcp', peer: '52.169.10.1', port: 443, localPort: 50001, start: 0, packets: 4 },
      { protocol: 'tcp', peer: HUB, port: 8883, localPort: 50002, start: 300, packets: 4 },
      { protocol: 'tcp', peer: '52.169.10.2', port: 443, localPort: 50003, start: 600, packets: 4 },
    ]);
    const allow = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')).securityGroups.default.allowlistRules[0].allowlistValues;
    const iso = (s: number) => new Date((T0 + s) * 1000).toISOString();
    const runs: [string, string[], string[]][] = [
      ['all', [], ['20.49.110.5/32', '52.169.10.1/32', '52.169.10.2/32']],
      ['secs-from', ['--from', '200'], ['20.49.110.5/32', '52.169.10.2/32']],
      ['secs-to', ['--to', '200'], ['52.169.10.1/32']],
      ['secs-both', ['--from', '200', '--to', '500'], ['20.49.110.5/32']],
      ['iso-both', ['--from', iso(200), '--to', iso(500)], ['20.49.110.5/32']],
      ['iso-to', ['--to', iso(200).replace(/\.000Z$/, '+00:00')], ['52.169.10.1/32']],
    ];
    for (const [name, args, expected] of runs) {
      const r = await learn(dir, ['--capture', 'cut.pcap', '--device-ip', '192.168.1.50', '-o', `${name}.baseline.json`, ...args]);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      assert.deepEqual(allow(`${name}.baseline.json`), expected, name);
    }
    // An event script too (the simulator feeds a script's packets whatever their time: learn cuts them itself).
    const ev = (at: number, peer: string, sport: number) => JSON.stringify({ t: at, type: 'packet', src: '192.168.1.50', dst: peer, proto: 'tcp', sport, dport: 443, bytes: 80 });
    writeFileSync(join(dir, 'cut.ndjson'), `${[JSON.stringify({ start: T0 }), ev(10, '52.169.10.1', 50001), ev(20, '52.169.10.3', 50002), ev(400, '52.169.10.2', 50003)].join('\n')}\n`);
    for (const [name, args, expected] of [['ev-from', ['--from', '200'], ['52.169.10.2/32']], ['ev-to', ['--to', iso(200)], ['52.169.10.1/32', '52.169.10.3/32']]] as [string, string[], string[]][]) {
      const r = await learn(dir, ['--events', 'cut.ndjson', '--device-ip', '192.168.1.50', '-o', `${name}.baseline.json`, ...args]);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      assert.deepEqual(allow(`${name}.baseline.json`), expected, name);
    }
    const late = await learn(dir, ['--capture', 'cut.pcap', '--device-ip', '192.168.1.50', '--from', '5000', '-o', 'none.baseline.json']);
    assert.equal(late.status, 2);
    assert.match(late.stderr, /nothing to learn from: no packet in .*cut\.pcap between 2023-11-14 23:38:20Z and its end; nothing written/);
    assert.ok(!existsSync(join(dir, 'none.baseline.json')));
    const backwards = await learn(dir, ['--capture', 'cut.pcap', '--from', '500', '--to', '200', '-o', 'x.baseline.json']);
    assert.equal(backwards.status, 2);
    assert.match(backwards.stderr, /--to \(200\) must come after --from \(500\)/);
  });

  test('never overwrites without --force: the baseline or the learned profile; --force replaces both', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    writeFileSync(join(dir, 'd.baseline.json'), 'mine');
    let r = await learn(dir, ['--capture', 'normal.pcap', '-o', 'd.baseline.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /d\.baseline\.json exists; not overwritten \(give --force to replace it\)/);
    assert.equal(readFileSync(join(dir, 'd.baseline.json'), 'utf8'), 'mine');
    assert.ok(!existsSync(join(dir, 'd.learned.json')), 'nothing written at all');
    writeFileSync(join(dir, 'e.learned.json'), 'mine too');
    r = await learn(dir, ['--capture', 'normal.pcap', '-o', 'e.baseline.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /e\.learned\.json exists; not overwritten/);
    assert.ok(!existsSync(join(dir, 'e.baseline.json')));
    r = await learn(dir, ['--capture', 'normal.pcap', '-o', 'd.baseline.json', '--force']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'd.baseline.json'), 'utf8'), /"securityGroups"/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  test('never writes over its own input, even with --force: -o or the learned profile beside it', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    const capture = readFileSync(join(dir, 'normal.pcap'));
    let r = await learn(dir, ['--capture', 'normal.pcap', '-o', 'normal.pcap', '--force']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim(), `microagent learn: -o ${join(dir, 'normal.pcap')} is one of this run's inputs (the --capture file); refusing to write over it (even with --force)`);
    assert.deepEqual(readFileSync(join(dir, 'normal.pcap')), capture);
    writeFileSync(join(dir, 'asc_config.h'), '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
    // X.baseline.json's learned profile is X.learned.json: here the agent configuration.
    writeFileSync(join(dir, 'cfg.learned.json'), '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
    r = await learn(dir, ['--capture', 'normal.pcap', '--agent-config', 'cfg.learned.json', '-o', 'cfg.baseline.json', '--force']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /the learned profile \S+cfg\.learned\.json is one of this run's inputs \(the --agent-config file\); refusing to write over it/);
    assert.equal(readFileSync(join(dir, 'cfg.learned.json'), 'utf8'), '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
    assert.ok(!existsSync(join(dir, 'cfg.baseline.json')), 'nothing written at all');
  });

  test('options: group, window, margin, aggregate; and the learned profile names the group', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    const r = await learn(dir, ['--capture', 'normal.pcap', '--device-ip', '192.168.1.50,fd00::50', '--group', 'door-locks', '--window', 'pt10m', '--margin', '0%', '--aggregate', '24', '-o', 'g.baseline.json']);
    assert.equal(r.status, 0, r.stderr);
    const b = JSON.parse(readFileSync(join(dir, 'g.baseline.json'), 'utf8'));
    const rule = b.securityGroups['door-locks'].timeWindowRules[0];
    assert.equal(rule.timeWindowSize, 'PT10M');
    assert.ok(b.securityGroups['door-locks'].allowlistRules[0].allowlistValues.includes('52.169.10.0/24'));
    assert.ok(b.securityGroups['door-locks'].allowlistRules[0].allowlistValues.includes('2603:1030:20e:3::23c/128'));
    const learned = JSON.parse(readFileSync(join(dir, 'g.learned.json'), 'utf8'));
    assert.deepEqual(learned.groups['door-locks'].remotes[HUB], { services: ['TCP 8883'] });
    assert.deepEqual(learned.groups['door-locks'].remotes['192.168.1.1'], { services: ['UDP 53', 'ICMP'] });
    assert.deepEqual(learned.groups['door-locks'].remotes['2603:1030:20e:3::23c'], { services: ['UDP 5683'] });
  });

  test('usage errors exit 2 with a clear message', async (t) => {
    const dir = tempDir(t);
    writeCapture(dir, 'normal.pcap', normalFlows());
    const cases: [string[], RegExp][] = [
      [['-o', 'x.baseline.json'], /nothing to learn from: give --capture, --conn-log or --events/],
      [['--capture', 'normal.pcap', '--events', 'normal.pcap', '-o', 'x.baseline.json'], /give one of --capture, --conn-log, --events/],
      [['--capture', 'normal.pcap'], /-o FILE is required/],
      [['--capture', 'missing.pcap', '-o', 'x.baseline.json'], /capture .*missing\.pcap not found/],
      [['--capture', 'normal.pcap', '--window', 'PT5S', '-o', 'x.baseline.json'], /shorter than the agent's 10 s collection interval/],
      [['--capture', 'normal.pcap', '--window', '5m', '-o', 'x.baseline.json'], /--window must be an ISO-8601 duration/],
      [['--capture', 'normal.pcap', '--margin', '-5', '-o', 'x.baseline.json'], /--margin must be a percentage/],
      [['--capture', 'normal.pcap', '--aggregate', '4', '-o', 'x.baseline.json'], /IPv4 prefix length must be 8-31/],
      [['--capture', 'normal.pcap', '--from', 'noon', '-o', 'x.baseline.json'], /--from: 'noon' is neither seconds/],
      [['--capture', 'normal.pcap', '--device-ip', '300.1.1.1', '-o', 'x.baseline.json'], /--device-ip/],
      [['--capture', 'normal.pcap', '--nx-user', 'nx_user.h', '-o', 'x.baseline.json'], /--nx-user needs --agent-config/],
    ];
    for (const [args, re] of cases) {
      const r = await learn(dir, args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, re, args.join(' '));
    }
    assert.ok(!existsSync(join(dir, 'x.baseline.json')));
  });

  test('--help lists every option; learn is in the command list', async (t) => {
    const dir = tempDir(t);
    const r = await cli(['learn', '--help'], dir);
    assert.equal(r.status, 0);
    for (const o of ['--capture', '--conn-log', '--events', '--device-ip', '--from', '--to', '--group', '--agent-config', '--nx-user', '--seed', '--margin', '--window', '--aggregate', '--output', '--force', 'MA402', 'learned.json', 'Exit status']) {
      assert.ok(r.stdout.includes(o), o);
    }
    const all = await cli(['--help'], dir);
    assert.match(all.stdout, /\n {2}learn {6}learn a baseline/);
  });
});
