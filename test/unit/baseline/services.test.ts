import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFor } from '../../../src-core/language/services';
import { baselineService } from '../../../src-core/baseline/services/baseline-service';
import { profileService } from '../../../src-core/baseline/services/profile-service';
import { baseline, doc, memoryFiles, rule, allow } from './helpers';

const ctx = memoryFiles({});

test('files are routed to the right service by name and content', () => {
  assert.equal(serviceFor('/w/x.baseline.json', '{}')?.id, 'baseline');
  assert.equal(serviceFor('/w/azuredeploy.json', '{"resources":[{"type":"Microsoft.Security/deviceSecurityGroups"}]}')?.id, 'baseline');
  assert.equal(serviceFor('/w/microagent.json', '{}')?.id, 'profile');
  assert.equal(serviceFor('/w/lab.microagent.json', '{}')?.id, 'profile');
  assert.equal(serviceFor('/w/bad.netset', '1.2.3.4')?.id, 'threat-feed');
  assert.equal(serviceFor('/w/report.json', '{"type": "bundle", "objects": [{"type":"indicator","pattern":"[ipv4-addr:value = \'1.2.3.4\']"}]}')?.id, 'threat-feed');
  assert.equal(serviceFor('/w/package.json', '{"name": "x"}'), undefined);
});

test('hover on a rule type says what it detects, what feeds it and that the alert is Low', () => {
  const text = baseline({ timeWindowRules: [rule()] });
  const d = doc(text);
  const at = d.positionAt(text.indexOf('ActiveConnections') + 3);
  const h = baselineService.hover!(d, at, ctx);
  assert.ok(h);
  assert.match(h.contents, /Number of active connections/);
  assert.match(h.contents, /NetworkActivity/);
  assert.match(h.contents, /severity \*\*Low\*\*/);
});

test('hover on an allowlist value shows the range it covers; on a key shows the schema description', () => {
  const text = baseline({ allowlistRules: [allow(['10.0.0.0/30'])] });
  const d = doc(text);
  assert.match(baselineService.hover!(d, d.positionAt(text.indexOf('10.0.0.0/30') + 2), ctx)!.contents, /4 addresses.*private/);
  assert.match(baselineService.hover!(d, d.positionAt(text.indexOf('"isEnabled"') + 2), ctx)!.contents, /Whether the custom alert rule is enabled/);
});

test('completion offers rule types with descriptions, missing property names, and whole-rule snippets', () => {
  const text = '{ "securityGroups": { "g": { "timeWindowRules": [ { "ruleType": "", "isEnabled": true } ] } } }';
  const d = doc(text);
  const types = baselineService.complete!(d, d.positionAt(text.indexOf('""') + 1), ctx);
  assert.ok(types.some((c) => c.label === 'MqttC2DMessagesNotInAllowedRange' && /MQTT/.test(c.documentation ?? '')));
  assert.ok(!types.some((c) => c.label === 'ConnectionToIpNotAllowed'));
  const keysText = '{ "securityGroups": { "g": { "timeWindowRules": [ { "isEnabled": true, "" } ] } } }';
  const kd = doc(keysText);
  const keys = baselineService.complete!(kd, kd.positionAt(keysText.lastIndexOf('""') + 1), ctx).map((c) => c.label);
  assert.ok(keys.includes('minThreshold') && keys.includes('timeWindowSize'));
  assert.ok(!keys.includes('isEnabled') && !keys.includes('displayName'));
  const arrText = '{ "securityGroups": { "g": { "allowlistRules": [  ] } } }';
  const ad = doc(arrText);
  const snippets = baselineService.complete!(ad, ad.positionAt(arrText.indexOf('[ ') + 1), ctx);
  assert.ok(snippets.some((c) => c.kind === 'snippet' && /ConnectionToIpNotAllowed/.test(c.insertText ?? '')));
});

test('symbols list groups with their rules; profile symbols list devices and feeds', () => {
  const text = baseline({ timeWindowRules: [rule()], allowlistRules: [allow(['10.0.0.0/8'])] }, 'door-locks');
  const syms = baselineService.symbols!(doc(text), ctx);
  assert.equal(syms.length, 1);
  assert.equal(syms[0].name, 'door-locks');
  assert.deepEqual(syms[0].children?.map((c) => c.name), ['ActiveConnectionsNotInAllowedRange', 'ConnectionToIpNotAllowed']);
  assert.equal(syms[0].children?.[0].detail, '0..30 per PT15M');
  const p = doc(JSON.stringify({ feeds: ['a.netset'], devices: [{ id: 'lock-1', securityGroup: 'door-locks' }] }), '/w/microagent.json');
  assert.deepEqual(profileService.symbols!(p, ctx).map((s) => `${s.kind}:${s.name}`), ['device:lock-1', 'feed:a.netset']);
});

test('profile completion offers device snippets and hub enum values', () => {
  const text = '{ "hub": { "networkRuleSets": { "defaultAction": "" } }, "devices": [  ] }';
  const d = doc(text, '/w/microagent.json');
  assert.deepEqual(profileService.complete!(d, d.positionAt(text.indexOf('""') + 1), ctx).filter((c) => c.kind === 'enum').map((c) => c.label), ['Deny', 'Allow']);
  assert.ok(profileService.complete!(d, d.positionAt(text.indexOf('[ ') + 1), ctx).some((c) => c.kind === 'snippet' && /"id"/.test(c.insertText ?? '')));
});
