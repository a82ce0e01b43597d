import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDns } from '../../../src-core/traffic/dns';
import { buildDnsMessage } from '../../../src-core/traffic/dns-builder';
import { decode, frame, ip } from './fixtures';

const header = (qd: number, an: number, response = true): number[] => [0x12, 0x34, response ? 0x81 : 1, 0x80, 0, qd, 0, an, 0, 0, 0, 0];

test('a DNS answer read from a UDP 53 frame gives the question and the A record through a compression pointer', () => {
  const payload = buildDnsMessage(7, 'contoso-hub.azure-devices.net', ip('20.49.110.5'), true);
  const p = decode(1, frame({ protocol: 17, sport: 53, dport: 50000, payload }));
  const msg = decodeDns(p.frameBytes, p.payloadOffset, p.payloadLength)!;
  assert.equal(msg.error, undefined);
  assert.equal(msg.isResponse, true);
  assert.equal(msg.id, 7);
  assert.deepEqual(msg.questions, [{ name: 'contoso-hub.azure-devices.net', type: 1, class: 1 }]);
  assert.equal(msg.answers[0].name, 'contoso-hub.azure-devices.net');
  assert.equal(msg.answers[0].address, '20.49.110.5');
});

test('AAAA and CNAME answers are decoded; a query has no answers', () => {
  const aaaa = decodeDns(buildDnsMessage(1, 'v6.example', ip('2001:db8::5'), true), 0, 200)!;
  assert.equal(aaaa.answers[0].type, 28);
  assert.equal(aaaa.answers[0].address, '2001:db8::5');
  const q = decodeDns(buildDnsMessage(1, 'example.com', undefined, false), 0, 200)!;
  assert.equal(q.isResponse, false);
  assert.equal(q.answers.length, 0);
  // www.example.com CNAME example.com (pointer into the question name)
  const bytes = new Uint8Array([...header(1, 1), 3, 119, 119, 119, 7, 101, 120, 97, 109, 112, 108, 101, 3, 99, 111, 109, 0, 0, 1, 0, 1,
    0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xc0, 16]);
  const c = decodeDns(bytes, 0, bytes.length)!;
  assert.equal(c.error, undefined);
  assert.equal(c.answers[0].target, 'example.com');
});

test('a compression pointer loop (or a forward pointer) stops with an error instead of looping', () => {
  // The question name is a pointer to itself.
  const self = new Uint8Array([...header(1, 0), 0xc0, 12, 0, 1, 0, 1]);
  const r1 = decodeDns(self, 0, self.length)!;
  assert.match(r1.error!, /does not point backwards/);
  // Two labels pointing at each other: a -> b -> a.
  const pair = new Uint8Array([...header(1, 0), 1, 97, 0xc0, 16, 1, 98, 0xc0, 12, 0, 1, 0, 1]);
  const r2 = decodeDns(pair, 0, pair.length)!;
  assert.ok(r2.error);
  assert.equal(r2.questions.length, 0);
});

test('hostile names come back escaped and bounded: control bytes as \\DDD, dots in labels escaped, HTML kept as text, overlong stopped', () => {
  const label = [...Buffer.from('<script>'), 0x01, 0x2e, 0x7f];
  const bytes = new Uint8Array([...header(1, 0, false), label.length, ...label, 0, 0, 1, 0, 1]);
  const m = decodeDns(bytes, 0, bytes.length)!;
  assert.equal(m.questions[0].name, '<script>\\001\\.\\127');
  const long: number[] = [];
  for (let i = 0; i < 10; i++) long.push(63, ...new Array(63).fill(0x61));
  const big = new Uint8Array([...header(1, 0, false), ...long, 0, 0, 1, 0, 1]);
  const r = decodeDns(big, 0, big.length)!;
  assert.match(r.error!, /longer than 255/);
});

test('short or cut messages never throw: under 12 bytes is not DNS, a cut record keeps what came before', () => {
  assert.equal(decodeDns(new Uint8Array(11), 0, 11), undefined);
  const full = buildDnsMessage(9, 'a.example', ip('1.2.3.4'), true);
  for (let n = 12; n < full.length; n++) {
    const m = decodeDns(full, 0, n)!;
    assert.ok(m.error, `cut at ${n}`);
  }
  const m = decodeDns(full, 0, full.length - 1)!;
  assert.equal(m.questions.length, 1);
  // Hostile counts are bounded.
  const many = new Uint8Array([...header(0, 0xffff), ...new Array(64 * 11 + 20).fill(0).flatMap((_, i) => (i % 11 === 0 ? [0] : [0]))]);
  assert.ok(decodeDns(many, 0, many.length)!.error);
});
