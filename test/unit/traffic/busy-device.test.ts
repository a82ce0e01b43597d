// The busy-device capture (microagent gen --scenario busy-device): seeded, so the same options write the same
// bytes; in time order; many flows to many distinct remotes, DNS names, scans and IPv6, as a busy device has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter } from '../../../src-core/traffic/pcap-writer';
import { generateBusyDevice } from '../../../src-core/traffic/busy-device';
import { readTrace } from '../../../src-core/traffic/trace-reader';

function write(dir: string, name: string, seed: number): { path: string; packets: number } {
  const path = join(dir, name);
  const w = new PcapWriter(path);
  const packets = generateBusyDevice({ hours: 0.05, seed }, w);
  w.close();
  return { path, packets };
}

test('busy device: the same seed writes the same bytes, another seed other ones; packets in time order, flows to many remotes', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-busy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const a = write(dir, 'a.pcap', 1);
  const b = write(dir, 'b.pcap', 1);
  const c = write(dir, 'c.pcap', 2);
  assert.ok(readFileSync(a.path).equals(readFileSync(b.path)), 'same seed, same capture');
  assert.ok(!readFileSync(a.path).equals(readFileSync(c.path)), 'another seed, another capture');

  let last = -Infinity;
  let inOrder = true;
  const flows = new Set<string>();
  const remotes = new Set<string>();
  let dns = 0;
  let v6 = 0;
  const r = readTrace(a.path, (p) => {
    if (p.time < last) inOrder = false;
    last = p.time;
    const out = p.ipVersion === 4 ? p.src4 === 0xc0a80132 : p.src6[0] === 0xfd000000;
    const remote = p.ipVersion === 4 ? String(out ? p.dst4 : p.src4) : (out ? p.dst6 : p.src6).join(':');
    remotes.add(remote);
    flows.add(`${remote}|${p.protocol}|${out ? p.srcPort : p.dstPort}|${out ? p.dstPort : p.srcPort}`);
    if (p.protocol === 17 && (p.srcPort === 53 || p.dstPort === 53)) dns++;
    if (p.ipVersion === 6) v6++;
  });
  assert.equal(r.error, undefined);
  assert.equal(r.packets, a.packets);
  assert.ok(inOrder, 'packets in time order');
  // Three minutes at 30 new flows a second: some 5,400 flows, most to remotes seen once.
  assert.ok(flows.size > 4500, `${flows.size} flows`);
  assert.ok(remotes.size > 2000, `${remotes.size} remotes`);
  assert.ok(dns > 500, `${dns} DNS packets`);
  assert.ok(v6 > 1000, `${v6} IPv6 packets`);
});
