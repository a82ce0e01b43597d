import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndicatorSetBuilder } from '../../../src-core/intel/indicator-set';
import { parseIPv4, parseIPv6, mask4, mask6 } from '../../../src-core/intel/ip';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
}

test('IPv4 lookups return the most specific prefix with its feed and line (nested, adjacent, duplicate, /0 and /32)', () => {
  const b = new IndicatorSetBuilder();
  b.addIPv4(parseIPv4('10.0.0.0')!, 8, 'a.netset', 1, 'wide');
  b.addIPv4(parseIPv4('10.1.0.0')!, 16, 'a.netset', 2);
  b.addIPv4(parseIPv4('10.1.2.3')!, 32, 'b.csv', 7, 'host');
  b.addIPv4(parseIPv4('10.1.0.0')!, 16, 'b.csv', 9);
  b.addIPv4(parseIPv4('11.0.0.0')!, 8, 'a.netset', 3);
  const set = b.build();
  assert.deepEqual(set.lookupIPv4(parseIPv4('10.1.2.3')!), { kind: 'ipv4', value: '10.1.2.3/32', feed: 'b.csv', line: 7, label: 'host' });
  assert.equal(set.lookupIPv4(parseIPv4('10.1.2.4')!)?.value, '10.1.0.0/16');
  assert.equal(set.lookupIPv4(parseIPv4('10.1.2.4')!)?.feed, 'a.netset');
  assert.equal(set.lookupIPv4(parseIPv4('10.2.0.0')!)?.value, '10.0.0.0/8');
  assert.equal(set.lookupIPv4(parseIPv4('11.255.255.255')!)?.value, '11.0.0.0/8');
  assert.equal(set.lookupIPv4(parseIPv4('12.0.0.0')!), undefined);
  assert.equal(set.lookupIPv4(parseIPv4('9.255.255.255')!), undefined);
  assert.equal(set.stats.duplicates, 1);
  const all = new IndicatorSetBuilder();
  all.addIPv4(0, 0, 'x', 1);
  all.addIPv4(0xffffffff, 32, 'x', 2);
  const s2 = all.build();
  assert.equal(s2.lookupIPv4(0xffffffff)?.line, 2);
  assert.equal(s2.lookupIPv4(0xfffffffe)?.line, 1);
  assert.equal(s2.lookupIPv4(0)?.line, 1);
});

test('IPv4 longest-prefix answers equal a brute-force scan on 3,000 random prefixes', () => {
  const r = rng(42);
  const b = new IndicatorSetBuilder();
  const prefixes: { net: number; len: number; line: number }[] = [];
  for (let i = 0; i < 3000; i++) {
    const len = 8 + (r() % 25);
    const net = ((r() & 0x3fffffff) & mask4(len)) >>> 0; // crowd the low quarter so prefixes nest
    prefixes.push({ net, len, line: i + 1 });
    b.addIPv4(net, len, 'f', i + 1);
  }
  const set = b.build();
  for (let k = 0; k < 4000; k++) {
    const addr = k % 2 ? (r() & 0x3fffffff) >>> 0 : (prefixes[r() % prefixes.length].net + (r() % 300)) >>> 0;
    let best: { net: number; len: number; line: number } | undefined;
    for (const p of prefixes) if (((addr & mask4(p.len)) >>> 0) === p.net && (!best || p.len > best.len || (p.len === best.len && p.line < best.line))) best = p;
    assert.equal(set.lookupIPv4(addr)?.line, best?.line, `address ${addr}`);
  }
});

test('IPv6 lookups are longest-prefix too, and domains match their parents', () => {
  const b = new IndicatorSetBuilder();
  b.addIPv6(parseIPv6('2001:db8::')!, 32, 'v6', 1);
  b.addIPv6(parseIPv6('2001:db8:1::')!, 48, 'v6', 2);
  b.addDomain('Evil.Example.', 'd', 3, 'c2');
  const set = b.build();
  assert.equal(set.lookupIPv6(parseIPv6('2001:db8:1::5')!)?.line, 2);
  assert.equal(set.lookupIPv6(parseIPv6('2001:db8:2::5')!)?.line, 1);
  assert.equal(set.lookupIPv6(parseIPv6('2001:db9::')!), undefined);
  assert.deepEqual(set.lookupDomain('a.b.evil.example'), { kind: 'domain', value: 'evil.example', feed: 'd', line: 3, label: 'c2' });
  assert.equal(set.lookupDomain('notevil.example'), undefined);
  assert.equal(set.lookupDomain('example'), undefined);
});

test('IPv6 word lookups (no bigint) equal a brute-force scan on 2,000 random nested prefixes, across 16-bit blocks and the ends of the space', () => {
  const r = rng(7);
  const b = new IndicatorSetBuilder();
  const prefixes: { net: bigint; len: number; line: number }[] = [];
  const rnd128 = () => (BigInt(r()) << 96n) | (BigInt(r()) << 64n) | (BigInt(r()) << 32n) | BigInt(r());
  // Crowd a few 16-bit blocks (so prefixes nest and blocks hold many intervals), plus short prefixes that span blocks.
  const blocks = [0x2001n, 0x2001n, 0x2a00n, 0x2a01n, 0x0000n, 0xffffn];
  for (let i = 0; i < 2000; i++) {
    const len = i % 50 === 0 ? 1 + (r() % 15) : [16, 20, 32, 33, 48, 63, 64, 65, 96, 127, 128][r() % 11];
    const top = blocks[r() % blocks.length];
    const raw = (top << 112n) | (rnd128() & ((1n << (112n - BigInt(r() % 40))) - 1n));
    const net = raw & mask6(len);
    prefixes.push({ net, len, line: i + 1 });
    b.addIPv6(net, len, 'f6', i + 1);
  }
  const set = b.build();
  const words = new Uint32Array(4);
  const probes: bigint[] = [0n, (1n << 128n) - 1n, 0x2001n << 112n, ((0x2002n << 112n) - 1n)];
  for (let k = 0; k < 1500; k++) {
    const p = prefixes[r() % prefixes.length];
    // Inside a prefix (near its start, or anywhere in it), or anywhere at all.
    const host = rnd128() & ((1n << BigInt(128 - p.len)) - 1n);
    probes.push(k % 3 === 0 ? rnd128() : p.net | (k % 2 ? host & 0xffffn : host));
  }
  let hits = 0;
  for (const addr of probes) {
    let best: { net: bigint; len: number; line: number } | undefined;
    for (const p of prefixes) if ((addr & mask6(p.len)) === p.net && (!best || p.len > best.len || (p.len === best.len && p.line < best.line))) best = p;
    for (let w = 0; w < 4; w++) words[w] = Number((addr >> BigInt(96 - 32 * w)) & 0xffffffffn);
    assert.equal(set.lookupIPv6Words(words)?.line, best?.line, `address ${addr.toString(16)}`);
    assert.equal(set.lookupIPv6(addr)?.line, best?.line, `address ${addr.toString(16)} as bigint`);
    if (best) hits++;
  }
  assert.ok(hits > probes.length / 2, `most probes fall in a prefix (${hits} of ${probes.length})`);
});

test('an empty set answers nothing without failing', () => {
  const set = new IndicatorSetBuilder().build();
  assert.equal(set.lookupIPv4(123), undefined);
  assert.equal(set.lookupIPv6(1n), undefined);
  assert.equal(set.lookupIPv6Id(0, 0, 0, 1), -1);
  assert.equal(set.lookupDomain('a.b'), undefined);
});
