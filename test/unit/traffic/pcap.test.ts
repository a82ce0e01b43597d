import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';
import { frame, readAll, tempDir, writeCapture } from './fixtures';
import { PcapWriter } from '../../../src-core/traffic/pcap-writer';
import { readTrace } from '../../../src-core/traffic/trace-reader';

const frames = [
  { time: 1700000000.25, bytes: frame({ protocol: 6, sport: 50000, dport: 8883, payloadLength: 100 }) },
  { time: 1700000001.5, bytes: frame({ protocol: 17, sport: 5353, dport: 53, payloadLength: 30 }) },
  { time: 1700000002.000125, bytes: frame({ protocol: 1, payloadLength: 56 }) },
];

for (const bigEndian of [false, true]) {
  for (const nanosecond of [false, true]) {
    test(`pcap ${bigEndian ? 'big' : 'little'}-endian with ${nanosecond ? 'nano' : 'micro'}second timestamps reads every packet with its time and ports`, () => {
      const { dir, cleanup } = tempDir();
      try {
        const path = join(dir, 'a.pcap');
        writeCapture(path, frames, { bigEndian, nanosecond });
        const { seen, result } = readAll(path);
        assert.equal(result.error, undefined);
        assert.equal(result.format, 'pcap');
        assert.deepEqual(result.linkTypes, [1]);
        assert.equal(seen.length, 3);
        assert.ok(Math.abs(seen[0].time - 1700000000.25) < 1e-6);
        assert.ok(Math.abs(seen[2].time - 1700000002.000125) < 1e-6);
        assert.deepEqual(seen.map((s) => [s.protocol, s.srcPort, s.dstPort, s.transportBytes]), [[6, 50000, 8883, 120], [17, 5353, 53, 38], [1, 0, 0, 64]]);
        assert.deepEqual(seen.map((s) => s.recordOffset), [24, 24 + 16 + frames[0].bytes.length, 24 + 32 + frames[0].bytes.length + frames[1].bytes.length]);
      } finally {
        cleanup();
      }
    });
  }
}

test('nanosecond pcap keeps sub-microsecond time', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'ns.pcap');
    writeCapture(path, [{ time: 100.000000123, bytes: frames[0].bytes }], { nanosecond: true });
    const { seen } = readAll(path);
    assert.ok(Math.abs(seen[0].time - 100.000000123) < 1e-9);
  } finally {
    cleanup();
  }
});

test('a frame cut by the snaplen decodes what was captured and keeps the original length', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'snap.pcap');
    const full = frame({ protocol: 6, payloadLength: 500 });
    const w = new PcapWriter(path, { snaplen: 64 });
    w.write(1, full, 64, full.length);
    w.close();
    let captured = 0;
    let original = 0;
    let bytes = 0;
    readTrace(path, (p) => {
      captured = p.capturedLength;
      original = p.originalLength;
      bytes = p.transportBytes;
    });
    assert.equal(captured, 64);
    assert.equal(original, full.length);
    assert.equal(bytes, 520, 'transport bytes come from the IP header, not the captured length');
  } finally {
    cleanup();
  }
});

test('a truncated pcap keeps the packets before and reports the byte offset of the cut record', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'cut.pcap');
    writeCapture(path, frames);
    const whole = readFileSync(path);
    const thirdAt = 24 + 32 + frames[0].bytes.length + frames[1].bytes.length;
    writeFileSync(path, whole.subarray(0, thirdAt + 16 + 5));
    const { seen, result } = readAll(path);
    assert.equal(seen.length, 2);
    assert.equal(result.packets, 2);
    assert.equal(result.error?.offset, thirdAt);
    assert.match(result.error!.message, /cut\.pcap/);
    assert.match(result.error!.message, new RegExp(`byte ${thirdAt}`));
    // A record header cut short is reported too.
    writeFileSync(path, whole.subarray(0, thirdAt + 7));
    const again = readAll(path);
    assert.equal(again.seen.length, 2);
    assert.equal(again.result.error?.offset, thirdAt);
  } finally {
    cleanup();
  }
});

test('an absurd record length ends the read with an error at that record', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'absurd.pcap');
    writeCapture(path, frames);
    const bytes = readFileSync(path);
    const secondAt = 24 + 16 + frames[0].bytes.length;
    bytes.writeUInt32LE(0x7fffffff, secondAt + 8);
    writeFileSync(path, bytes);
    const { seen, result } = readAll(path);
    assert.equal(seen.length, 1);
    assert.equal(result.error?.offset, secondAt);
    assert.match(result.error!.message, /exceeds the limit/);
  } finally {
    cleanup();
  }
});

test('a file that is neither pcap nor pcapng, an empty file and a missing file give clear errors, never throw', () => {
  const { dir, cleanup } = tempDir();
  try {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello world\n');
    const r1 = readAll(text).result;
    assert.match(r1.error!.message, /not a pcap or pcapng capture/);
    assert.match(r1.error!.message, /notes\.txt/);
    const empty = join(dir, 'empty.pcap');
    writeFileSync(empty, '');
    assert.match(readAll(empty).result.error!.message, /empty file/);
    assert.match(readAll(join(dir, 'missing.pcap')).result.error!.message, /cannot open: ENOENT/);
  } finally {
    cleanup();
  }
});

test('a callback that returns false stops the read', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'stop.pcap');
    writeCapture(path, frames);
    let n = 0;
    const r = readTrace(path, () => ++n < 2);
    assert.equal(n, 2);
    assert.equal(r.stopped, true);
  } finally {
    cleanup();
  }
});

test('records that straddle the read chunk boundary are read whole (tiny chunks)', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'chunks.pcap');
    const many = Array.from({ length: 50 }, (_, i) => ({ time: i, bytes: frame({ protocol: 17, sport: i, payloadLength: i * 13 }) }));
    writeCapture(path, many);
    const ports: number[] = [];
    const r = readTrace(path, (p) => {
      ports.push(p.srcPort);
    }, { chunkSize: 100 });
    assert.equal(r.error, undefined);
    assert.deepEqual(ports, many.map((_, i) => i));
  } finally {
    cleanup();
  }
});
