// The one-pass decoders for the common frame (IPv4/IPv6 + TCP/UDP, no reset first) must give exactly
// what the general decoders give, field for field, whatever the packet object held before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frame, ip, tempDir, writeCapture } from './fixtures';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import { frameDecoderFor } from '../../../src-core/traffic/link-layer';
import { readTrace } from '../../../src-core/traffic/trace-reader';

/** Every own field of the packet, typed arrays as plain arrays (frameBytes is the input itself). */
function fields(p: DecodedPacket): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'frameBytes') continue;
    out[k] = v instanceof Uint32Array ? Array.from(v) : v;
  }
  return out;
}

/** A small deterministic generator, so a failure names a case that can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

type Spec = Parameters<typeof frame>[0];

function specs(): Spec[] {
  const out: Spec[] = [];
  const v4 = { src: ip('192.168.1.50'), dst: ip('20.49.110.5') };
  const v4b = { src: ip('10.0.0.1'), dst: ip('255.255.255.255') };
  const v4m = { src: ip('10.0.0.1'), dst: ip('224.0.0.251') };
  const v6 = { src: ip('fd00::50'), dst: ip('2001:db8::1') };
  const v6m = { src: ip('fd00::50'), dst: ip('ff02::fb') };
  for (const addr of [v4, v4b, v4m, v6, v6m]) {
    const isV6 = addr.src.length === 16;
    for (const protocol of [6, 17, 1, 58, 47]) {
      for (const payloadLength of [0, 1, 30]) {
        out.push({ ...addr, protocol, payloadLength, sport: 50000, dport: 8883, tcpFlags: 0x18 });
        out.push({ ...addr, protocol, payloadLength, vlans: [100], dstMac: new Uint8Array([1, 0, 0x5e, 0, 0, 1]) });
        if (!isV6) {
          out.push({ ...addr, protocol, payloadLength, ipv4OptionsLength: 8 });
          out.push({ ...addr, protocol, payloadLength, moreFragments: true });
          out.push({ ...addr, protocol, payloadLength, fragmentOffset: 3 });
        } else {
          out.push({ ...addr, protocol, payloadLength, ipv6Ext: [{ type: 0, length: 8 }] });
          out.push({ ...addr, protocol, payloadLength, ipv6Ext: [{ type: 44, length: 8, more: true }] });
          out.push({ ...addr, protocol, payloadLength, ipv6Ext: [{ type: 50, length: 8 }] });
        }
      }
    }
  }
  return out;
}

/** Every frame, its cuts at every length, and random byte mutations of its headers. */
function* cases(link: 'ethernet' | 'raw'): Generator<Uint8Array> {
  const rnd = prng(link === 'ethernet' ? 1 : 2);
  for (const spec of specs()) {
    const whole = frame({ ...spec, link, ...(link === 'raw' ? { vlans: undefined } : {}) });
    for (let len = 0; len <= whole.length; len++) yield whole.subarray(0, len);
    const headers = Math.min(whole.length, link === 'ethernet' ? 80 : 66);
    for (let m = 0; m < 40; m++) {
      const b = whole.slice();
      const n = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < n; i++) b[Math.floor(rnd() * headers)] = Math.floor(rnd() * 256);
      yield b;
    }
  }
}

for (const [link, linkTypes] of [['ethernet', [1]], ['raw', [101, 228, 229]]] as const) {
  for (const linkType of linkTypes) {
    test(`link type ${linkType}: the one-pass common-frame decoder equals the general decoder on every field, for whole, cut and mutated frames, whatever the packet held before`, () => {
      const fast = frameDecoderFor(linkType, true);
      const general = frameDecoderFor(linkType, false);
      assert.notEqual(fast, general);
      // The packets live across all cases: a field the fast path forgot to write would keep the last value.
      const a = new DecodedPacket();
      const b = new DecodedPacket();
      let compared = 0;
      let common = 0;
      for (const bytes of cases(link)) {
        fast(a, bytes, 0, bytes.length);
        general(b, bytes, 0, bytes.length);
        assert.deepEqual(fields(a), fields(b), `frame ${Buffer.from(bytes).toString('hex')}`);
        compared++;
        if (!b.truncatedHeader && !b.isLaterFragment && !b.isFirstFragment && b.ipv6ExtensionLength === 0 && (b.protocol === 6 || b.protocol === 17)) common++;
      }
      // The comparison must have exercised the fast path itself, not only its fallbacks.
      assert.ok(common > 300, `only ${common} common frames among ${compared}`);
    });
  }
}

test('a frame at an offset inside a larger buffer decodes the same through the fast and the general path', () => {
  for (const linkType of [1, 101]) {
    const bytes = frame({ link: linkType === 1 ? 'ethernet' : 'raw', src: ip('fd00::50'), dst: ip('fd00::1'), protocol: 6, payloadLength: 12 });
    const buf = new Uint8Array(bytes.length + 100).fill(0xee);
    buf.set(bytes, 37);
    const a = new DecodedPacket();
    const b = new DecodedPacket();
    frameDecoderFor(linkType, true)(a, buf, 37, 37 + bytes.length);
    frameDecoderFor(linkType, false)(b, buf, 37, 37 + bytes.length);
    assert.deepEqual(fields(a), fields(b));
    assert.equal(a.ipOffset, 37 + (linkType === 1 ? 14 : 0));
    assert.equal(a.payloadOffset, a.ipOffset + 40 + 20);
  }
});

test('the pcap record loop gives the same packets in both byte orders, across chunk boundaries of any size', () => {
  const { dir, cleanup } = tempDir();
  try {
    const frames = specs().slice(0, 60).map((s, i) => ({ time: 1700000000 + i * 0.25, bytes: frame(s) }));
    const runs: unknown[][] = [];
    for (const bigEndian of [false, true]) {
      const path = join(dir, `${bigEndian ? 'be' : 'le'}.pcap`);
      writeCapture(path, frames, { bigEndian });
      for (const chunkSize of [37, 200, 1 << 20]) {
        const seen: unknown[] = [];
        const r = readTrace(path, (p) => {
          // Offsets into the read buffer depend on the chunk size: compare them relative to the frame.
          const f = fields(p);
          delete f.frameStart;
          f.ipOffset = p.ipOffset < 0 ? -1 : p.ipOffset - p.frameStart;
          f.payloadOffset = p.payloadOffset < 0 ? -1 : p.payloadOffset - p.frameStart;
          seen.push({ ...f, frame: Array.from(p.frameBytes.subarray(p.frameStart, p.frameStart + p.capturedLength)) });
        }, { chunkSize });
        assert.equal(r.error, undefined);
        assert.equal(r.packets, frames.length);
        runs.push(seen);
      }
    }
    for (const run of runs.slice(1)) for (let i = 0; i < frames.length; i++) assert.deepEqual(run[i], runs[0][i], `packet ${i}`);
    const first = runs[0][0] as { time: number; frame: number[] };
    assert.equal(first.time, 1700000000);
    assert.deepEqual(first.frame, Array.from(frames[0].bytes));
  } finally {
    cleanup();
  }
});
