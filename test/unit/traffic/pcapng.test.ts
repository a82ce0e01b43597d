import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { frame, ip, readAll, tempDir, writeCapture } from './fixtures';
import { PcapWriter } from '../../../src-core/traffic/pcap-writer';
import { buildFrame } from '../../../src-core/traffic/frame-builder';

const eth = frame({ protocol: 6, sport: 1, dport: 2, payloadLength: 10 });
const raw = (() => {
  const out = new Uint8Array(200);
  const n = buildFrame({ link: 'raw', src: ip('fd00::1'), dst: ip('fd00::2'), protocol: 17, sport: 3, dport: 4, payloadLength: 8 }, out);
  return out.slice(0, n);
})();

for (const bigEndian of [false, true]) {
  test(`pcapng (${bigEndian ? 'big' : 'little'}-endian) with two interfaces of different link type and if_tsresol gives each packet its interface and time`, () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'two.pcapng');
      writeCapture(path, [
        { time: 10.123456789, bytes: eth, iface: 0 },
        { time: 11.5, bytes: raw, iface: 1 },
        { time: 12.25, bytes: eth, iface: 0 },
      ], { format: 'pcapng', bigEndian, interfaces: [{ linkType: 1, tsresol: 9 }, { linkType: 101, tsresol: 0x80 | 10 }] });
      const { seen, result } = readAll(path);
      assert.equal(result.error, undefined);
      assert.equal(result.format, 'pcapng');
      assert.deepEqual(result.linkTypes, [1, 101]);
      assert.deepEqual(seen.map((s) => [s.iface, s.ipVersion, s.srcPort]), [[0, 4, 1], [1, 6, 3], [0, 4, 1]]);
      assert.ok(Math.abs(seen[0].time - 10.123456789) < 1e-9, 'nanosecond interface');
      assert.ok(Math.abs(seen[1].time - 11.5) < 1 / 1024, 'power-of-two interface');
      assert.equal(seen[2].time, 12.25);
    } finally {
      cleanup();
    }
  });
}

test('pcapng with several sections (the second in the other byte order) resets its interfaces per section', () => {
  const { dir, cleanup } = tempDir();
  try {
    const a = join(dir, 'a.pcapng');
    const b = join(dir, 'b.pcapng');
    writeCapture(a, [{ time: 1, bytes: eth }], { format: 'pcapng', interfaces: [{ linkType: 1 }] });
    writeCapture(b, [{ time: 2, bytes: raw }, { time: 3, bytes: raw }], { format: 'pcapng', bigEndian: true, interfaces: [{ linkType: 101 }] });
    const both = join(dir, 'both.pcapng');
    writeFileSync(both, Buffer.concat([readFileSync(a), readFileSync(b)]));
    const { seen, result } = readAll(both);
    assert.equal(result.error, undefined);
    assert.deepEqual(seen.map((s) => [s.ipVersion, s.time, s.frame]), [[4, 1, 0], [6, 2, 1], [6, 3, 2]]);
  } finally {
    cleanup();
  }
});

test('pcapng simple packet blocks and unknown blocks: the first are read, the second skipped', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'spb.pcapng');
    const w = new PcapWriter(path, { format: 'pcapng', interfaces: [{ linkType: 1 }] });
    const custom = Buffer.alloc(16);
    custom.writeUInt32LE(0x0bad, 0);
    custom.writeUInt32LE(16, 4);
    custom.writeUInt32LE(0x12345678, 8);
    custom.writeUInt32LE(16, 12);
    w.writeRaw(custom);
    const padded = (eth.length + 3) & ~3;
    const spb = Buffer.alloc(16 + padded);
    spb.writeUInt32LE(3, 0);
    spb.writeUInt32LE(spb.length, 4);
    spb.writeUInt32LE(eth.length, 8);
    Buffer.from(eth).copy(spb, 12);
    spb.writeUInt32LE(spb.length, spb.length - 4);
    w.writeRaw(spb);
    w.write(5, eth, eth.length);
    w.close();
    const { seen, result } = readAll(path);
    assert.equal(result.error, undefined);
    assert.equal(seen.length, 2);
    assert.deepEqual(seen.map((s) => s.srcPort), [1, 1]);
    assert.equal(seen[1].time, 5);
  } finally {
    cleanup();
  }
});

test('a corrupt pcapng block length ends the read at that block, keeping the packets before', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'bad.pcapng');
    writeCapture(path, [{ time: 1, bytes: eth }, { time: 2, bytes: eth }, { time: 3, bytes: eth }], { format: 'pcapng', interfaces: [{ linkType: 1 }] });
    const bytes = readFileSync(path);
    const epb = 32 + ((eth.length + 3) & ~3);
    const second = 28 + 20 + epb;
    bytes.writeUInt32LE(13, second + 4); // not a multiple of 4
    writeFileSync(path, bytes);
    let r = readAll(path);
    assert.equal(r.seen.length, 1);
    assert.equal(r.result.error?.offset, second);
    assert.match(r.result.error!.message, /corrupt pcapng block .* at byte \d+/);
    // A trailing length that differs from the leading one is caught too.
    bytes.writeUInt32LE(epb, second + 4);
    bytes.writeUInt32LE(epb + 4, second + epb - 4);
    writeFileSync(path, bytes);
    r = readAll(path);
    assert.equal(r.seen.length, 1);
    assert.match(r.result.error!.message, /trailing length/);
    // A block that runs past the end of the file: truncated.
    writeFileSync(path, readFileSync(path).subarray(0, second + 20));
    r = readAll(path);
    assert.equal(r.seen.length, 1);
    assert.equal(r.result.error?.offset, second);
    assert.match(r.result.error!.message, /truncated/);
  } finally {
    cleanup();
  }
});

test('a packet naming an interface the section does not define is an error at its block', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'iface.pcapng');
    writeCapture(path, [{ time: 1, bytes: eth, iface: 3 }], { format: 'pcapng', interfaces: [{ linkType: 1 }] });
    const r = readAll(path);
    assert.equal(r.seen.length, 0);
    assert.equal(r.result.error?.offset, 48);
    assert.match(r.result.error!.message, /interface 3/);
  } finally {
    cleanup();
  }
});
