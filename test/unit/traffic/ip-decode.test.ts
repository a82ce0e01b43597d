import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, frame, ip } from './fixtures';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import { decodeFrame } from '../../../src-core/traffic/link-layer';

test('IPv4 with options: options length recorded, transport found after them, bytes = total - IHL*4', () => {
  const p = decode(1, frame({ ipv4OptionsLength: 8, protocol: 6, sport: 1000, dport: 502, payloadLength: 12 }));
  assert.equal(p.ipv4OptionsLength, 8);
  assert.equal(p.dstPort, 502);
  assert.equal(p.transportBytes, 32);
  assert.equal(p.payloadOffset, 14 + 28 + 20);
  const plain = decode(1, frame({ protocol: 6, payloadLength: 12 }));
  assert.equal(plain.ipv4OptionsLength, 0);
});

test('IPv4 fragments: the first is decoded with its ports, later ones are flagged and have none', () => {
  const first = decode(1, frame({ protocol: 17, sport: 7, dport: 9, moreFragments: true, payloadLength: 100 }));
  assert.equal(first.isFirstFragment, true);
  assert.equal(first.isLaterFragment, false);
  assert.equal(first.dstPort, 9);
  const later = decode(1, frame({ protocol: 17, fragmentOffset: 14, payloadLength: 40 }));
  assert.equal(later.isLaterFragment, true);
  assert.equal(later.isFirstFragment, false);
  assert.equal(later.protocol, 17);
  assert.equal(later.dstPort, 0);
  assert.equal(later.transportBytes, 40);
  const whole = decode(1, frame({ protocol: 17 }));
  assert.equal(whole.isFirstFragment || whole.isLaterFragment, false);
});

test('TCP flags, data offset and payload; ICMP and ICMPv6 type and code', () => {
  const syn = decode(1, frame({ protocol: 6, tcpFlags: 0x12, payloadLength: 0 }));
  assert.equal(syn.tcpFlags, 0x12);
  assert.equal(syn.payloadLength, 0);
  const icmp = decode(1, frame({ protocol: 1, icmpType: 3, icmpCode: 1 }));
  assert.deepEqual([icmp.icmpType, icmp.icmpCode, icmp.srcPort, icmp.dstPort], [3, 1, 0, 0]);
  const icmp6 = decode(1, frame({ src: ip('fe80::1'), dst: ip('fe80::2'), protocol: 58, icmpType: 135, icmpCode: 0 }));
  assert.deepEqual([icmp6.protocol, icmp6.icmpType], [58, 135]);
});

test('Ethernet padding after a short IPv4 datagram is not counted as payload', () => {
  const b = frame({ protocol: 17, payloadLength: 2 });
  const padded = new Uint8Array(60);
  padded.set(b);
  const p = decode(1, padded);
  assert.equal(p.payloadLength, 2);
  assert.equal(p.transportBytes, 10);
});

test('IPv6 extension headers are walked as the agent does: hop-by-hop, routing, destination, AH, fragment', () => {
  const p = decode(1, frame({
    src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 6, sport: 1, dport: 80, payloadLength: 10,
    ipv6Ext: [{ type: 0, length: 8 }, { type: 43, length: 24 }, { type: 60, length: 16 }, { type: 51, length: 24 }, { type: 44, length: 8 }],
  }));
  assert.equal(p.protocol, 6);
  assert.equal(p.ipv6ExtensionLength, 80);
  assert.equal(p.transportBytes, 30);
  assert.equal(p.dstPort, 80);
  assert.equal(p.ipv6UnwalkableHeader, false);
  const frag = decode(1, frame({ src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 17, ipv6Ext: [{ type: 44, length: 8, fragmentOffset: 100 }], payloadLength: 16 }));
  assert.equal(frag.isLaterFragment, true);
  assert.equal(frag.protocol, 17);
  assert.equal(frag.dstPort, 0);
  const firstFrag = decode(1, frame({ src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 17, dport: 53, ipv6Ext: [{ type: 44, length: 8, more: true }] }));
  assert.equal(firstFrag.isFirstFragment, true);
  assert.equal(firstFrag.dstPort, 53);
});

test('IPv6 walk stops on ESP or an unknown header and flags it; a plain IPv6 packet is not flagged', () => {
  const esp = decode(1, frame({ src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 50, payloadLength: 40 }));
  assert.equal(esp.ipv6UnwalkableHeader, true);
  assert.equal(esp.protocol, 50);
  const hopThenEsp = decode(1, frame({ src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 50, ipv6Ext: [{ type: 0, length: 8 }], payloadLength: 40 }));
  assert.equal(hopThenEsp.ipv6UnwalkableHeader, true);
  assert.equal(hopThenEsp.ipv6ExtensionLength, 8);
  const plain = decode(1, frame({ src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 17 }));
  assert.equal(plain.ipv6UnwalkableHeader, false);
});

test('a frame cut at every possible length sets truncatedHeader where a header is incomplete and never throws', () => {
  const frames = [
    frame({ vlans: [5], ipv4OptionsLength: 4, protocol: 6, payloadLength: 4 }),
    frame({ src: ip('2001:db8::1'), dst: ip('2001:db8::2'), protocol: 17, ipv6Ext: [{ type: 0, length: 8 }, { type: 51, length: 12 }] }),
    frame({ link: 'sll2', protocol: 1 }),
  ];
  const p = new DecodedPacket();
  const linkTypes = [1, 1, 276];
  frames.forEach((full, i) => {
    let truncatedSeen = 0;
    for (let n = 0; n < full.length; n++) {
      decodeFrame(p, linkTypes[i], full.subarray(0, n), 0, n);
      if (p.truncatedHeader) truncatedSeen++;
    }
    decodeFrame(p, linkTypes[i], full, 0, full.length);
    assert.equal(p.truncatedHeader, false, `frame ${i} whole`);
    assert.ok(truncatedSeen > 0, `frame ${i} cut`);
  });
  // Garbage of every length, too.
  let seed = 7;
  const junk = new Uint8Array(120);
  for (let round = 0; round < 300; round++) {
    for (let k = 0; k < junk.length; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      junk[k] = seed >>> 24;
    }
    junk[12] = 0x86;
    junk[13] = round % 2 ? 0xdd : 0x08;
    junk[14] = round % 2 ? 0x60 : 0x45;
    for (const lt of [1, 101, 113, 276, 0]) decodeFrame(p, lt, junk, 0, round % junk.length);
  }
});
