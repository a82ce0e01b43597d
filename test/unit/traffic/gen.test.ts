import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { genCommand } from '../../../src-core/cli/commands/gen';
import { readTrace } from '../../../src-core/traffic/trace-reader';
import { decodeDns } from '../../../src-core/traffic/dns';
import { tempDir } from './fixtures';

async function gen(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await genCommand.run(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false, cwd });
  return { code, out, err };
}

test('gen --scenario many-flows --flows 80 writes 80 two-packet flows to distinct peers, pcap and pcapng alike', async () => {
  const { dir, cleanup } = tempDir();
  try {
    for (const extra of [[], ['--pcapng']]) {
      // The second pass replaces the first pass's file: --force says so.
      const r = await gen(['--scenario', 'many-flows', '--flows', '80', '-o', 'm.cap', '--force', ...extra], dir);
      assert.equal(r.code, 0, r.err);
      const peers = new Set<number>();
      const res = readTrace(join(dir, 'm.cap'), (p) => {
        peers.add(p.src4 === 0xc0a80132 ? p.dst4 : p.src4);
      });
      assert.equal(res.format, extra.length ? 'pcapng' : 'pcap');
      assert.equal(res.packets, 160);
      assert.equal(peers.size, 80);
    }
  } finally {
    cleanup();
  }
});

test('gen from a scenario file: TCP handshake, DNS answer, time order, the link type asked for', async () => {
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 's.json'), JSON.stringify({
      start: 1000, link: 'sll2', device: { ipv4: '10.1.1.5', ipv6: 'fd00::5' },
      flows: [
        { protocol: 'tcp', peer: '203.0.113.9', port: 1883, packets: 5, size: 40, start: 1 },
        { protocol: 'dns', peer: '10.1.1.1', name: 'evil.example', answer: '203.0.113.9', start: 0 },
        { protocol: 'udp', peer: 'fd00::1', port: 5683, packets: 2, start: 0.5, oneWay: true },
      ],
    }));
    const r = await gen(['s.json', '--out', 's.pcap', '--nanosecond'], dir);
    assert.equal(r.code, 0, r.err);
    const rows: string[] = [];
    const names: string[] = [];
    let lastTime = 0;
    const res = readTrace(join(dir, 's.pcap'), (p) => {
      assert.ok(p.time >= lastTime);
      lastTime = p.time;
      rows.push(`${p.ipVersion}/${p.protocol}/${p.tcpFlags}`);
      if (p.srcPort === 53) names.push(decodeDns(p.frameBytes, p.payloadOffset, p.payloadLength)!.answers[0].address!);
    });
    assert.deepEqual(res.linkTypes, [276]);
    assert.equal(res.packets, 9);
    assert.deepEqual(names, ['203.0.113.9']);
    assert.deepEqual(rows.filter((x) => x.startsWith('4/6')), ['4/6/2', '4/6/18', '4/6/24', '4/6/24', '4/6/17']);
    assert.equal(rows.filter((x) => x.startsWith('6/17')).length, 2);
  } finally {
    cleanup();
  }
});

test('gen reports each mistake of a bad scenario file and exits 2; usage errors name the flag', async () => {
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ device: { ipv4: '10.0.0.300' }, flows: [{ protocol: 'sctp', peer: 'x' }, { protocol: 'tcp', peer: '1.2.3.4' }] }));
    const r = await gen(['bad.json', '-o', 'x.pcap'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /bad\.json: device\.ipv4: not an IPV4 address/);
    assert.match(r.err, /flows\[0\]\.protocol/);
    assert.match(r.err, /flows\[1\]\.port: required for tcp/);
    await assert.rejects(gen(['--scenario', 'many-flows'], dir), /--out FILE is required/);
    await assert.rejects(gen(['--scenario', 'nope', '-o', 'a'], dir), /--scenario must be one of/);
  } finally {
    cleanup();
  }
});

test('gen --packets writes the bench capture; tshark agrees on the count and finds no bad checksum', async (t) => {
  const { dir, cleanup } = tempDir();
  try {
    const r = await gen(['--packets', '5000', '-o', 'b.pcapng', '--pcapng'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(readTrace(join(dir, 'b.pcapng'), () => {}).packets, 5000);
    if (spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('tshark is not installed; cross-check skipped');
    const ts = spawnSync('tshark', ['-r', join(dir, 'b.pcapng'), '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE',
      '-T', 'fields', '-e', 'frame.number', '-e', 'ip.checksum.status', '-e', 'tcp.checksum.status', '-e', 'udp.checksum.status'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const lines = ts.stdout.trim().split('\n');
    assert.equal(lines.length, 5000);
    const bad = lines.filter((l) => l.split('\t').slice(1).includes('0'));
    assert.deepEqual(bad.slice(0, 3), []);
  } finally {
    cleanup();
  }
});
