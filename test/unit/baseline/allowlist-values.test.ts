// MA205 says what an address-list value that is no CIDR range is (a prefix too long, a host name, a service
// tag, an endpoint with a port, a netmask, wildcards, a dash range) and what to write instead, with a quick fix
// where exactly one value says what was meant; applying it leaves the list clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { cidrValueHelp } from '../../../src-core/baseline/cidr-value-help';
import { allow, applyFix, baseline, doc } from './helpers';

function ma205(value: string) {
  const d = doc(baseline({ allowlistRules: [allow([value])] }));
  const ds = validateBaseline(d);
  return { d, ds, diag: ds.find((x) => x.code === 'MA205') };
}

test('a prefix longer than the address says the limit of its IP version, with no guess at a fix', () => {
  const v4 = ma205('10.1.2.0/33');
  assert.match(v4.diag!.message, /"10\.1\.2\.0\/33": an IPv4 prefix is at most \/32 \(one address\); \/33 is longer than the address/);
  assert.equal(v4.diag!.fixes, undefined);
  const v6 = ma205('2001:db8::/129');
  assert.match(v6.diag!.message, /an IPv6 prefix is at most \/128/);
});

test('a host name is not allowed: the message says the cloud matches addresses and what to write instead', () => {
  for (const name of ['iot.example.com', '*.azure-devices.net', 'https://telemetry.example.com/v1']) {
    const { diag } = ma205(name);
    assert.ok(diag, name);
    assert.match(diag.message, /is a host name/, name);
    assert.match(diag.message, /List the addresses it resolves to/);
    assert.match(diag.message, /threat feed \(MA401\)/);
    assert.equal(diag.fixes, undefined);
  }
});

test('a service tag is not allowed: the message names them and where their ranges are published', () => {
  for (const tag of ['AzureIoTHub', 'AzureCloud.WestEurope', 'Internet', 'VirtualNetwork']) {
    const { diag } = ma205(tag);
    assert.match(diag!.message, /is an Azure service tag: .* a custom alert's address list does not/, tag);
    assert.match(diag!.message, /Azure IP Ranges and Service Tags/);
  }
});

test('an endpoint, a URL with an address, a netmask, wildcards and an exact dash range get the one CIDR value as a fix', () => {
  const cases: [string, string, RegExp][] = [
    ['203.0.113.7:8883', '203.0.113.7', /names a port; the rule matches the remote address only/],
    ['[2001:db8::7]:443', '2001:db8::7', /names a port/],
    ['[2001:db8::7]', '2001:db8::7', /brackets/],
    ['mqtts://203.0.113.7:8883/', '203.0.113.7', /is a URL/],
    ['10.0.0.0/255.255.255.0', '10.0.0.0/24', /gives a netmask/],
    ['10.0.*.*', '10.0.0.0/16', /uses wildcards/],
    ['192.168.1.*', '192.168.1.0/24', /uses wildcards/],
    ['10.0.0.0-10.0.0.255', '10.0.0.0/24', /is a range from one address to another/],
    ['2001:db8::-2001:db8::ffff', '2001:db8::/112', /is a range/],
  ];
  for (const [value, meant, why] of cases) {
    const { d, diag } = ma205(value);
    assert.ok(diag, value);
    assert.match(diag.message, why, value);
    assert.match(diag.message, new RegExp(`write "${meant.replace(/[.*]/g, '\\$&')}"`), value);
    assert.equal(diag.fixes?.[0].title, `Write ${meant}`);
    const fixed = applyFix(d, diag);
    assert.ok(fixed.includes(JSON.stringify(meant)), fixed);
    assert.deepEqual(validateBaseline(doc(fixed)).map((x) => x.code), [], `${value} fixed to ${meant} is clean`);
  }
});

test('what has no single meaning gets the message without a fix', () => {
  const split = cidrValueHelp('10.0.0.1-10.0.0.9');
  assert.match(split.message, /no single CIDR range covers exactly/);
  assert.equal(split.replacement, undefined);
  assert.match(cidrValueHelp('10.0.0.0/255.0.255.0').message, /not contiguous/);
  assert.match(cidrValueHelp('10.0.0/8').message, /is not an IPv4 or IPv6 range in CIDR notation/);
  assert.match(cidrValueHelp('').message, /is empty/);
  assert.equal(cidrValueHelp('300.1.*.*').replacement, undefined);
});
