import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { allow, applyFix, baseline, codes, doc, rule, textOf } from './helpers';

const check = (text: string) => { const d = doc(text); return { d, ds: validateBaseline(d) }; };

test('a clean baseline gives no diagnostics', () => {
  const { ds } = check(baseline({ timeWindowRules: [rule()], allowlistRules: [allow(['203.0.113.0/24', '2001:db8::/32'])] }));
  assert.deepEqual(ds, []);
});

test('MA200: a syntax error is reported at its place and the rest is still checked', () => {
  const text = '{ "securityGroups": { "default": { "timeWindowRules": [ { "ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true, "minThreshold": 9, "maxThreshold": 1, "timeWindowSize": "PT15M" } } } }';
  const { ds } = check(text);
  assert.equal(codes(ds, 'MA200').length >= 1, true);
  assert.equal(codes(ds, 'MA202').length, 1);
});

test('MA201: a misspelt property is one diagnostic on its key with a rename fix', () => {
  const { d, ds } = check(baseline({ timeWindowRules: [{ ...rule(), maxThreshold: undefined, maxTreshold: 5 }] }));
  const m = codes(ds, 'MA201');
  assert.equal(m.length, 1, JSON.stringify(m));
  assert.equal(textOf(d, m[0]), '"maxTreshold"');
  assert.match(m[0].message, /Did you mean `maxThreshold`/);
  assert.match(applyFix(d, m[0]), /"maxThreshold": 5/);
});

test('MA201: a wrong type points at the value; a numeric string gets a fix', () => {
  const { d, ds } = check(baseline({ timeWindowRules: [rule({ minThreshold: '0' })] }));
  const m = codes(ds, 'MA201');
  assert.equal(m.length, 1);
  assert.equal(textOf(d, m[0]), '"0"');
  assert.match(m[0].message, /`minThreshold` must be an integer, not a string/);
  assert.match(applyFix(d, m[0]), /"minThreshold": 0,/);
});

test('MA201: a missing property is named on the rule type, never "must match exactly one schema"', () => {
  const { d, ds } = check(baseline({ timeWindowRules: [{ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 1 }] }));
  const m = codes(ds, 'MA201');
  assert.equal(m.length, 1);
  assert.equal(textOf(d, m[0]), '"ActiveConnectionsNotInAllowedRange"');
  assert.match(m[0].message, /time-window rule is missing the required property `timeWindowSize`/);
  assert.ok(ds.every((x) => !/exactly one|must match/.test(x.message)));
});

test('MA201: an unknown rule type suggests the near one; an allowlist type in timeWindowRules says where it belongs', () => {
  const { ds } = check(baseline({ timeWindowRules: [rule({ ruleType: 'ActiveConectionsNotInAllowedRange' }), rule({ ruleType: 'ConnectionToIpNotAllowed' })] }));
  const m = codes(ds, 'MA201');
  assert.equal(m.length, 2);
  assert.match(m[0].message, /Did you mean `ActiveConnectionsNotInAllowedRange`/);
  assert.match(m[1].message, /belongs in allowlistRules or denylistRules/);
});

test('MA202: min above max fires with a swap fix; min equal to max does not', () => {
  const { d, ds } = check(baseline({ timeWindowRules: [rule({ minThreshold: 30, maxThreshold: 5 })] }));
  const m = codes(ds, 'MA202');
  assert.equal(m.length, 1);
  const fixed = applyFix(d, m[0]);
  assert.match(fixed, /"minThreshold": 5,\s+"maxThreshold": 30/);
  assert.deepEqual(codes(check(fixed).ds, 'MA202'), []);
  assert.deepEqual(codes(check(baseline({ timeWindowRules: [rule({ minThreshold: 5, maxThreshold: 5 })] })).ds, 'MA202'), []);
});

test('MA203: a window that is not ISO-8601 fires; PT1H30M does not', () => {
  assert.equal(codes(check(baseline({ timeWindowRules: [rule({ timeWindowSize: '15m' })] })).ds, 'MA203').length, 1);
  assert.equal(codes(check(baseline({ timeWindowRules: [rule({ timeWindowSize: '15m' })] })).ds, 'MA201').length, 0);
  assert.deepEqual(codes(check(baseline({ timeWindowRules: [rule({ timeWindowSize: 'PT1H30M' })] })).ds, 'MA203'), []);
});

test('MA204: a window under the 10 s collection interval fires; PT10S does not', () => {
  assert.equal(codes(check(baseline({ timeWindowRules: [rule({ timeWindowSize: 'PT5S' })] })).ds, 'MA204').length, 1);
  assert.deepEqual(codes(check(baseline({ timeWindowRules: [rule({ timeWindowSize: 'PT10S' })] })).ds, 'MA204'), []);
});

test('MA205: a value that is not a CIDR fires; IPv4, IPv6 and bare addresses do not', () => {
  const { d, ds } = check(baseline({ allowlistRules: [allow(['10.0.0/8', '203.0.113.0/24', '2001:db8::/48', '198.51.100.7'])] }));
  const m = codes(ds, 'MA205');
  assert.equal(m.length, 1);
  assert.equal(textOf(d, m[0]), '"10.0.0/8"');
});

test('MA205 does not apply to string lists of other rule types', () => {
  assert.deepEqual(codes(check(baseline({ allowlistRules: [{ ruleType: 'ProcessNotAllowed', isEnabled: true, allowlistValues: ['sshd'] }] })).ds, 'MA205'), []);
});

test('MA206: host bits set fires with a fix to the network address; a clean network does not', () => {
  const { d, ds } = check(baseline({ allowlistRules: [allow(['192.168.1.7/24'])] }));
  const m = codes(ds, 'MA206');
  assert.equal(m.length, 1);
  assert.match(applyFix(d, m[0]), /"192\.168\.1\.0\/24"/);
  assert.deepEqual(codes(check(baseline({ allowlistRules: [allow(['192.168.1.0/24'])] })).ds, 'MA206'), []);
});

test('MA207: a range inside another (either order) and a repeat fire; disjoint ranges do not', () => {
  const { d, ds } = check(baseline({ allowlistRules: [allow(['10.1.0.0/16', '10.0.0.0/8', '203.0.113.0/24', '203.0.113.0/24'])] }));
  const m = codes(ds, 'MA207');
  assert.equal(m.length, 2);
  assert.deepEqual(m.map((x) => textOf(d, x)).sort(), ['"10.1.0.0/16"', '"203.0.113.0/24"']);
  assert.equal(m[0].related?.length, 1);
  assert.deepEqual(codes(check(baseline({ allowlistRules: [allow(['10.0.0.0/16', '10.1.0.0/16'])] })).ds, 'MA207'), []);
});

test('MA208: an allowlist with 0.0.0.0/0 or ::/0 fires; the same in a denylist does not', () => {
  assert.equal(codes(check(baseline({ allowlistRules: [allow(['0.0.0.0/0', '::/0'])] })).ds, 'MA208').length, 2);
  assert.deepEqual(codes(check(baseline({ denylistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, denylistValues: ['0.0.0.0/0'] }] })).ds, 'MA208'), []);
});

test('MA209: an identical rule twice fires with a removal fix; MA210: one type twice with different values', () => {
  const { d, ds } = check(baseline({ timeWindowRules: [rule(), rule()] }));
  assert.equal(codes(ds, 'MA209').length, 1);
  assert.deepEqual(codes(ds, 'MA210'), []);
  const fixed = JSON.parse(applyFix(d, codes(ds, 'MA209')[0]));
  assert.equal(fixed.securityGroups.default.timeWindowRules.length, 1);
  const two = check(baseline({ timeWindowRules: [rule(), rule({ maxThreshold: 50 })] })).ds;
  assert.equal(codes(two, 'MA210').length, 1);
  assert.deepEqual(codes(two, 'MA209'), []);
  const distinct = check(baseline({ timeWindowRules: [rule(), rule({ ruleType: 'MqttC2DMessagesNotInAllowedRange' })] })).ds;
  assert.deepEqual([...codes(distinct, 'MA209'), ...codes(distinct, 'MA210')], []);
});

test('MA211: rule types an RTOS device cannot feed are information with the reason; MQTT and connection rules are not', () => {
  for (const t of ['FailedLocalLoginsNotInAllowedRange', 'AmqpC2DMessagesNotInAllowedRange', 'HttpD2CMessagesNotInAllowedRange']) {
    const m = codes(check(baseline({ timeWindowRules: [rule({ ruleType: t })] })).ds, 'MA211');
    assert.equal(m.length, 1, t);
    assert.equal(m[0].severity, 'information');
  }
  assert.match(codes(check(baseline({ allowlistRules: [{ ruleType: 'ProcessNotAllowed', isEnabled: true, allowlistValues: [] }] })).ds, 'MA211')[0].message, /process/);
  assert.deepEqual(codes(check(baseline({ timeWindowRules: [rule(), rule({ ruleType: 'MqttC2DMessagesNotInAllowedRange' })] })).ds, 'MA211'), []);
});

test('MA212: a disabled rule with values fires; a disabled 0/0 rule and an empty disabled list do not', () => {
  assert.equal(codes(check(baseline({ timeWindowRules: [rule({ isEnabled: false })] })).ds, 'MA212').length, 1);
  assert.equal(codes(check(baseline({ allowlistRules: [allow(['203.0.113.0/24'], { isEnabled: false })] })).ds, 'MA212').length, 1);
  assert.deepEqual(codes(check(baseline({ timeWindowRules: [rule({ isEnabled: false, maxThreshold: 0 })], allowlistRules: [allow([], { isEnabled: false })] })).ds, 'MA212'), []);
});

test('MA213: a trailing comma is information with a fix; comments alone are accepted silently', () => {
  const text = '{\n  // comment\n  "securityGroups": { "default": { "allowlistRules": [], } }\n}';
  const d = doc(text);
  const ds = validateBaseline(d);
  assert.equal(ds.length, 1, JSON.stringify(ds));
  assert.equal(ds[0].code, 'MA213');
  assert.deepEqual(validateBaseline(doc(applyFix(d, ds[0]))), []);
  assert.deepEqual(validateBaseline(doc('{ /* c */ "securityGroups": {} // end\n}')), []);
});

test('an ARM template with a deviceSecurityGroups resource is read as it is, other resources left alone', () => {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
    resources: [
      { type: 'Microsoft.Devices/IotHubs', apiVersion: '2021-07-02', name: 'hub', location: 'westeurope', sku: { name: 'S1' }, properties: { anything: 1 } },
      { type: 'Microsoft.Security/deviceSecurityGroups', apiVersion: '2019-08-01', name: 'door-locks', scope: "[resourceId('Microsoft.Devices/IotHubs', 'hub')]",
        properties: { timeWindowRules: [rule({ minThreshold: 40 })], allowlistRules: [allow([])], denylistRules: [], thresholdRules: [] } },
    ],
  };
  const d = doc(JSON.stringify(template, null, 2), '/ws/template.json');
  const ds = validateBaseline(d);
  assert.deepEqual(ds.map((x) => x.code), ['MA202']);
  const bare = doc(JSON.stringify(template.resources[1]), '/ws/dsg.json');
  assert.deepEqual(validateBaseline(bare).map((x) => x.code), ['MA202']);
  const wrong = JSON.parse(JSON.stringify(template));
  wrong.resources[1].properties.timeWindowRules[0].isEnabled = 'yes';
  assert.deepEqual(validateBaseline(doc(JSON.stringify(wrong), '/ws/t.json')).map((x) => x.code), ['MA201', 'MA202']);
});

test('bad input never throws: empty, not JSON, an array, deep nesting', () => {
  for (const t of ['', 'nonsense', '[]', '{"securityGroups": 5}', '['.repeat(5000), '{"securityGroups": {"g": {"timeWindowRules": [1, null, "x"]}}}']) {
    const ds = validateBaseline(doc(t));
    assert.ok(Array.isArray(ds));
  }
});
