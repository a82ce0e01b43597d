import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIpv6 as trafficParse, formatIpv6 as trafficFormat, ipv6BytesToWords } from '../../../src-core/traffic/ip-address';
import { parseIPv6 as intelParse, formatIPv6 as intelFormat } from '../../../src-core/intel/ip';

const good = ['::', '::1', '2001:db8::10', 'fe80::1:2', '2001:DB8:0:0:1:0:0:1', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '1::8', '1:2:3:4:5:6:7::'];
const bad = ['', ':', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::', 'g::1', '12345::', '::ffff:300.0.0.1', 'fe80::1%eth0', '1.2.3.4', '<b>::1'];

test('the traffic and intel IPv6 parsers accept and reject the same texts, and format alike (RFC 5952)', () => {
  for (const t of good) {
    const bytes = trafficParse(t);
    const big = intelParse(t);
    assert.ok(bytes && big !== undefined, `${t} parses in both`);
    const words = ipv6BytesToWords(bytes);
    const fromWords = (BigInt(words[0]) << 96n) | (BigInt(words[1]) << 64n) | (BigInt(words[2]) << 32n) | BigInt(words[3]);
    assert.equal(fromWords, big, `${t}: same value`);
    assert.equal(trafficFormat(words), intelFormat(big), `${t}: same text`);
  }
  for (const t of bad) {
    assert.equal(trafficParse(t), undefined, `traffic rejects ${t}`);
    assert.equal(intelParse(t), undefined, `intel rejects ${t}`);
  }
  assert.equal(intelFormat(intelParse('2001:DB8:0:0:1:0:0:1')!), '2001:db8::1:0:0:1');
});
