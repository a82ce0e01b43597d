import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, frame, ip } from './fixtures';
import { formatIpv4, formatIpv6 } from '../../../src-core/traffic/ip-address';

const MULTICAST_MAC = new Uint8Array([0x01, 0x00, 0x5e, 0, 0, 1]);
const UNICAST_MAC = new Uint8Array([0x02, 0, 0, 0, 0, 2]);

test('Ethernet IPv4 and IPv6 decode addresses, ports and bytes', () => {
  const p4 = decode(1, frame({ src: ip('192.168.1.50'), dst: ip('20.49.110.5'), protocol: 6, sport: 50000, dport: 8883, payloadLength: 10, dstMac: UNICAST_MAC }));
  assert.equal(p4.ipVersion, 4);
  assert.equal(formatIpv4(p4.src4), '192.168.1.50');
  assert.equal(formatIpv4(p4.dst4), '20.49.110.5');
  assert.equal(p4.ipOffset, 14);
  assert.equal(p4.linkBroadcastOrMulticast, false);
  const p6 = decode(1, frame({ src: ip('fd00::50'), dst: ip('2001:db8::1'), protocol: 17, sport: 1, dport: 2 }));
  assert.equal(p6.ipVersion, 6);
  assert.equal(formatIpv6(p6.src6), 'fd00::50');
  assert.equal(formatIpv6(p6.dst6), '2001:db8::1');
  assert.equal(p6.transportBytes, 18);
});

test('one 802.1Q tag and stacked 802.1ad + 802.1Q tags are skipped to the IP header', () => {
  const one = decode(1, frame({ vlans: [100], protocol: 6, dport: 443 }));
  assert.equal(one.ipVersion, 4);
  assert.equal(one.ipOffset, 18);
  assert.equal(one.dstPort, 443);
  const two = decode(1, frame({ vlans: [10, 20], protocol: 6, dport: 443 }));
  assert.equal(two.ipOffset, 22);
  assert.equal(two.dstPort, 443);
});

test('ARP, 802.3 (STP) and LLDP frames are packets with ipVersion 0', () => {
  const base = frame({});
  for (const type of [0x0806, 0x0026, 0x88cc]) {
    const b = base.slice();
    b[12] = type >> 8;
    b[13] = type & 255;
    const p = decode(1, b);
    assert.equal(p.ipVersion, 0, `ethertype 0x${type.toString(16)}`);
    assert.equal(p.truncatedHeader, false);
  }
});

test('Ethernet broadcast/multicast comes from the destination MAC group bit', () => {
  assert.equal(decode(1, frame({ dstMac: MULTICAST_MAC })).linkBroadcastOrMulticast, true);
  assert.equal(decode(1, frame({ dstMac: new Uint8Array(6).fill(255) })).linkBroadcastOrMulticast, true);
  // Unicast MAC carrying a multicast IP: the link layer decides, so false.
  assert.equal(decode(1, frame({ dstMac: UNICAST_MAC, dst: ip('224.0.0.251') })).linkBroadcastOrMulticast, false);
});

for (const linkType of [101, 12, 14, 228, 229]) {
  test(`raw IP (link type ${linkType}) decodes by the version nibble; broadcast/multicast from the IP destination`, () => {
    const v6 = linkType === 229;
    const p = decode(linkType, frame({ link: 'raw', src: ip(v6 ? 'fd00::1' : '10.0.0.1'), dst: ip(v6 ? 'ff02::fb' : '224.0.0.251'), protocol: 17, dport: 5353 }));
    assert.equal(p.ipVersion, v6 ? 6 : 4);
    assert.equal(p.ipOffset, 0);
    assert.equal(p.dstPort, 5353);
    assert.equal(p.linkBroadcastOrMulticast, true);
    const uni = decode(linkType, frame({ link: 'raw', src: ip(v6 ? 'fd00::1' : '10.0.0.1'), dst: ip(v6 ? 'fd00::2' : '10.0.0.2') }));
    assert.equal(uni.linkBroadcastOrMulticast, false);
  });
}

test('IPv4 limited broadcast over raw IP counts as broadcast', () => {
  assert.equal(decode(101, frame({ link: 'raw', dst: ip('255.255.255.255') })).linkBroadcastOrMulticast, true);
});

test('Linux cooked SLL (113) and SLL2 (276): IP found; packet type decides broadcast, outgoing falls back to the IP destination', () => {
  for (const [link, linkType, ipOffset] of [['sll', 113, 16], ['sll2', 276, 20]] as const) {
    const p = decode(linkType, frame({ link, protocol: 6, dport: 1883 }));
    assert.equal(p.ipVersion, 4, link);
    assert.equal(p.ipOffset, ipOffset, link);
    assert.equal(p.dstPort, 1883, link);
    assert.equal(p.linkBroadcastOrMulticast, false, link);
    assert.equal(decode(linkType, frame({ link, sllPacketType: 2 })).linkBroadcastOrMulticast, true, `${link} multicast`);
    assert.equal(decode(linkType, frame({ link, sllPacketType: 4, dst: ip('239.1.1.1') })).linkBroadcastOrMulticast, true, `${link} outgoing multicast`);
    assert.equal(decode(linkType, frame({ link, sllPacketType: 4, dst: ip('10.1.1.1') })).linkBroadcastOrMulticast, false, `${link} outgoing unicast`);
    const v6 = decode(linkType, frame({ link, src: ip('fd00::1'), dst: ip('fd00::2') }));
    assert.equal(v6.ipVersion, 6, `${link} IPv6`);
  }
});

test('BSD loopback (0) reads the family in either byte order; OpenBSD loop (108) in network order', () => {
  const le4 = decode(0, frame({ link: 'null', protocol: 17, dport: 9 }));
  assert.equal(le4.ipVersion, 4);
  assert.equal(le4.ipOffset, 4);
  const le6 = decode(0, frame({ link: 'null', src: ip('::1'), dst: ip('::1') }));
  assert.equal(le6.ipVersion, 6);
  const be = frame({ link: 'null' });
  be.set([0, 0, 0, 2], 0);
  assert.equal(decode(0, be).ipVersion, 4);
  const loop6 = decode(108, frame({ link: 'loop', src: ip('::1'), dst: ip('::1') }));
  assert.equal(loop6.ipVersion, 6);
  const other = frame({ link: 'null' });
  other.set([7, 0, 0, 0], 0); // an address family that is not IP
  assert.equal(decode(0, other).ipVersion, 0);
});

test('an unsupported link type leaves the frame non-IP without error', () => {
  const p = decode(147, frame({}));
  assert.equal(p.ipVersion, 0);
  assert.equal(p.truncatedHeader, false);
});
