import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateProfile } from '../../../src-core/baseline/validate-profile';
import { readProfile } from '../../../src-core/baseline/profile-model';
import { applyFix, baseline, codes, doc, memoryFiles, rule, textOf } from './helpers';

const files = {
  '/ws/asc_config.h': '#define ASC_COMPONENT_SECURITY_MODULE\n',
  '/ws/locks.baseline.json': baseline({ timeWindowRules: [rule()] }, 'door-locks'),
  '/ws/feeds/bad.netset': '203.0.113.9\n',
  '/ws/cap/lock1.pcap': '',
};
const ctx = memoryFiles(files);
const good = {
  agentConfig: 'asc_config.h', baseline: 'locks.baseline.json', feeds: ['feeds/bad.netset', { path: 'feeds/bad.netset', format: 'list' }],
  hub: { ipFilterRules: [{ filterName: 'office', action: 'Accept', ipMask: '203.0.113.0/24' }], networkRuleSets: { defaultAction: 'Deny', applyToBuiltInEventHubEndpoint: true, ipRules: [] }, diagnostics: false },
  devices: [
    { id: 'lock-1', securityGroup: 'door-locks', addresses: ['192.168.1.20', 'fe80::1'], capture: 'cap/lock1.pcap', credentialFingerprint: 'ab12' },
    { id: 'lock-2', securityGroup: 'Door-Locks', addresses: ['192.168.1.21'] },
  ],
  simulation: { seed: 7 },
};
const check = (p: unknown) => { const d = doc(JSON.stringify(p, null, 2), '/ws/microagent.json'); return { d, ds: validateProfile(d, ctx) }; };

test('a clean profile gives no diagnostics (group names are case-insensitive)', () => {
  assert.deepEqual(check(good).ds, []);
});

test('MA301: schema faults on the node at fault: unknown key, wrong enum with a fix, missing id', () => {
  const { d, ds } = check({ ...good, hub: { ...good.hub, ipFilterRules: [{ filterName: 'x', action: 'Accpt', ipMask: '1.2.3.0/24' }] }, devices: [{ securityGroup: 'door-locks' }], extra: 1 });
  const m = codes(ds, 'MA301');
  assert.equal(m.length, 3, JSON.stringify(m.map((x) => x.message)));
  assert.ok(m.some((x) => textOf(d, x) === '"extra"'));
  const en = m.find((x) => textOf(d, x) === '"Accpt"')!;
  assert.match(applyFix(d, en), /"action": "Accept"/);
  assert.ok(m.some((x) => /missing the required property `id`/.test(x.message)));
});

test('MA302: files that do not exist fire, relative to the profile folder; existing ones do not', () => {
  const { d, ds } = check({ ...good, baseline: 'nope.baseline.json', feeds: [{ path: 'feeds/missing.csv' }], devices: [{ id: 'a', capture: 'x.pcap' }] });
  assert.deepEqual(codes(ds, 'MA302').map((x) => textOf(d, x)), ['"nope.baseline.json"', '"feeds/missing.csv"', '"x.pcap"']);
});

test('MA303: a device in a group the baseline does not define fires with a did-you-mean fix; default when absent does not', () => {
  const { d, ds } = check({ ...good, devices: [{ id: 'a', securityGroup: 'door-lock' }, { id: 'b' }] });
  const m = codes(ds, 'MA303');
  assert.equal(m.length, 1);
  assert.match(applyFix(d, m[0]), /"securityGroup": "door-locks"/);
});

test('MA304: addresses and IP filter masks that do not parse fire; a range as a device address fires', () => {
  const { d, ds } = check({ ...good, hub: { ipFilterRules: [{ filterName: 'x', action: 'Reject', ipMask: '1.2.3.400/24' }] },
    devices: [{ id: 'a', addresses: ['192.168.1.300', '10.0.0.0/24', '2001:db8::5'] }] });
  assert.deepEqual(codes(ds, 'MA304').map((x) => textOf(d, x)), ['"1.2.3.400/24"', '"192.168.1.300"', '"10.0.0.0/24"']);
});

test('MA305: two devices with one address (in any spelling) fire; MA306: one device id twice', () => {
  const { ds } = check({ ...good, devices: [{ id: 'a', addresses: ['2001:db8::1'] }, { id: 'b', addresses: ['2001:DB8:0::1'] }, { id: 'a' }] });
  assert.equal(codes(ds, 'MA305').length, 1);
  assert.equal(codes(ds, 'MA306').length, 1);
  assert.deepEqual([...codes(check(good).ds, 'MA305'), ...codes(check(good).ds, 'MA306')], []);
});

test('readProfile resolves paths, defaults the group to "default" and keeps ARM hub settings as written', () => {
  const p = readProfile('/ws/microagent.json', JSON.stringify({ ...good, devices: [{ id: 'x', addresses: ['10.0.0.1'] }] }));
  assert.equal(p.baseline, '/ws/locks.baseline.json');
  assert.equal(p.feeds[1].format, 'list');
  assert.equal(p.devices[0].securityGroup, 'default');
  assert.deepEqual(p.hub.ipFilterRules, [{ filterName: 'office', action: 'Accept', ipMask: '203.0.113.0/24' }]);
  assert.equal(p.hub.networkRuleSets?.defaultAction, 'Deny');
  assert.equal(p.simulation.seed, 7);
  assert.equal(p.simulation.permissiveRulePrefixLength, 16);
});

test('MA301: a time that is neither seconds nor an ISO-8601 time is one fault, one message naming both forms', () => {
  // Before: ajv's anyOf gave three messages on the same value (not a number; not a date-time; no schema in anyOf).
  const { d, ds } = check({ ...good, simulation: { sendsFailing: [{ from: 0, to: 'abc' }, { from: -5 }, { from: '2024-01-01T00:00:00Z', to: 90 }] } });
  const m = codes(ds, 'MA301');
  assert.equal(m.length, 2, JSON.stringify(m.map((x) => x.message)));
  assert.equal(textOf(d, m[0]), '"abc"');
  assert.match(m[0].message, /^`to` must be a number from 0 to 4294967295 or an ISO-8601 date-time \(such as 2024-01-01T00:00:00Z\)\.$/);
  assert.equal(textOf(d, m[1]), '-5');
  assert.match(m[1].message, /^`from` must be a number from 0 to 4294967295 or an ISO-8601 date-time/);
});
