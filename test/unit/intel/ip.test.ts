import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, parseIPv4, parseIPv6, formatIPv6, cidrContains } from '../../../src-core/intel/ip';
import { classifySpecial } from '../../../src-core/intel/special-ranges';

test('IPv4 parsing is strict: four parts, 0..255, no leading zeros', () => {
  assert.equal(parseIPv4('192.168.1.1'), 0xc0a80101);
  assert.equal(parseIPv4('255.255.255.255'), 0xffffffff);
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1..2.3', '', 'a.b.c.d', '1.2.3.4 ']) assert.equal(parseIPv4(bad), undefined, bad);
});

test('IPv6 parsing handles ::, embedded IPv4, and rejects malformed text', () => {
  assert.equal(parseIPv6('::1'), 1n);
  assert.equal(parseIPv6('::ffff:1.2.3.4'), 0xffff01020304n);
  assert.equal(formatIPv6(parseIPv6('2001:0DB8:0:0:0:0:0:1')!), '2001:db8::1');
  assert.equal(formatIPv6(parseIPv6('1:0:0:2:0:0:0:3')!), '1:0:0:2::3');
  for (const bad of ['1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7:1.2.3.4']) assert.equal(parseIPv6(bad), undefined, bad);
});

test('CIDR parsing reports host bits and containment', () => {
  const c = parseCidr('10.1.2.3/8')!;
  assert.equal(c.hostBitsSet, true);
  assert.equal(c.network, 0x0a000000);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('2001:db8::/129'), undefined);
  assert.ok(cidrContains(parseCidr('10.0.0.0/8')!, parseCidr('10.9.0.0/16')!));
  assert.ok(!cidrContains(parseCidr('10.9.0.0/16')!, parseCidr('10.0.0.0/8')!));
});

test('special space: private, loopback, link-local, multicast, reserved and non-global IPv6 are named; global unicast is not', () => {
  for (const s of ['10.0.0.1', '127.0.0.1', '169.254.1.1', '224.0.0.251', '255.255.255.255', '::1', 'fe80::1', 'fd00::1', 'ff02::1']) assert.ok(classifySpecial(parseCidr(s)!)?.within, s);
  const broad = classifySpecial(parseCidr('0.0.0.0/0')!)!;
  assert.equal(broad.within, false);
  for (const s of ['8.8.8.8', '2606:4700::1111', '198.41.30.241']) assert.equal(classifySpecial(parseCidr(s)!), undefined, s);
});
