// The recommendations (MA420-MA423) from a profile's devices and hub settings, and from `--hub` files:
// shared credentials, the IP filter's default action (network rule sets, the legacy filter, no rules),
// permissive rules against simulation.permissiveRulePrefixLength, diagnostics off or unknown; an IotHubs
// resource and an ARM template with and without a diagnostic setting, through the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src-core/findings/finding';
import { cli } from '../agent/fixtures';
import { hubFromFile } from '../../../src-core/cloud/hub-settings';
import { DEVICE_ADDRESSES, detect, ids, lineOf, one, scenario, tempDir, udp, withCode, writeScenario } from './detection-fixtures';

const FLOWS = [udp('20.49.110.5', 0, 8883)];
const recs = (fs: readonly Finding[]) => fs.filter((f) => f.kind === 'recommendation');
const hubRun = (t: { after: (fn: () => void) => void }, hub: unknown, simulation: object = {}) => {
  const dir = tempDir(t);
  const r = detect(dir, { flows: FLOWS, profile: { ...(hub === undefined ? {} : { hub }), simulation } });
  return { ...r, text: readFileSync(r.paths.profile!, 'utf8') };
};

test('MA420: two devices with the same credentialFingerprint each get the recommendation, pointing at both; a device with its own gets none', async (t) => {
  const dir = tempDir(t);
  const caps = ['a', 'b', 'c'].map((n, i) => writeScenario(dir, `${n}.pcap`, { ...scenario([udp('20.49.110.5', i, 8883)]), device: { ipv4: `192.168.1.${60 + i}`, mac: `02:00:00:00:00:6${i}` } }));
  const profile = {
    devices: [
      { id: 'lock-a', addresses: ['192.168.1.60'], capture: caps[0], credentialFingerprint: 'sha256:AB12CD34' },
      { id: 'lock-b', addresses: ['192.168.1.61'], capture: caps[1], credentialFingerprint: ' sha256:ab12cd34 ' },
      { id: 'lock-c', addresses: ['192.168.1.62'], capture: caps[2], credentialFingerprint: 'sha256:ffff0000' },
    ],
  };
  const path = join(dir, 'microagent.json');
  const text = `${JSON.stringify(profile, null, 2)}\n`;
  writeFileSync(path, text);
  const r = await cli(['simulate', '--profile', path, '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const findings: Finding[] = JSON.parse(r.stdout).findings;
  assert.deepEqual(ids(findings, 'MA420'), ['MA420:lock-a', 'MA420:lock-b']);
  const a = one(findings, 'MA420', (f) => f.device === 'lock-a');
  assert.deepEqual([a.kind, a.severity, a.origin, a.alertType, a.agentVisible], ['recommendation', 'High', 'cloud', 'IoT_SharedCredentials', null]);
  assert.equal(a.evidence.facts?.sharedWith, 'lock-b');
  assert.match(a.message, /lock-a authenticates with the same credential as lock-b/);
  assert.deepEqual(a.locations.map((l) => [l.file, l.range.start.line, l.role]), [[path, lineOf(text, 'sha256:AB12CD34'), 'profile'], [path, lineOf(text, ' sha256:ab12cd34 '), 'profile']]);
  // Each device's finding is at its own credential first (SARIF and the editor show a finding at its first
  // location), the devices it shares it with after.
  const b = one(findings, 'MA420', (f) => f.device === 'lock-b');
  assert.deepEqual(b.locations.map((l) => l.range.start.line), [lineOf(text, ' sha256:ab12cd34 '), lineOf(text, 'sha256:AB12CD34')]);
});

test('MA421: networkRuleSets.defaultAction Allow; Deny (or absent, the SDKs\' default) raises nothing', (t) => {
  const allow = hubRun(t, { networkRuleSets: { defaultAction: 'Allow', ipRules: [{ filterName: 'plant', action: 'Allow', ipMask: '20.49.110.0/24' }] } });
  const f = one(allow.findings, 'MA421');
  assert.deepEqual([f.id, f.kind, f.severity, f.alertType, f.agentVisible], ['MA421:hub', 'recommendation', 'Medium', 'IoT_IPFilter_DenyAll', null]);
  assert.match(f.message, /networkRuleSets\.defaultAction is Allow/);
  assert.deepEqual([f.locations[0].file, f.locations[0].range.start.line], [allow.paths.profile, lineOf(allow.text, '"defaultAction"')]);
  assert.deepEqual(recs(hubRun(t, { networkRuleSets: { defaultAction: 'Deny', ipRules: [{ filterName: 'plant', action: 'Allow', ipMask: '20.49.110.0/24' }] } }).findings), []);
  assert.deepEqual(recs(hubRun(t, { networkRuleSets: { ipRules: [{ filterName: 'plant', action: 'Allow', ipMask: '20.49.110.0/24' }] } }).findings), []);
});

test('MA421: a legacy IP filter without a final rule rejecting 0.0.0.0/0, or no rules at all; with that final reject, nothing', (t) => {
  const open = hubRun(t, { ipFilterRules: [{ filterName: 'plant', action: 'Accept', ipMask: '20.49.110.0/24' }, { filterName: 'bad', action: 'Reject', ipMask: '45.155.205.0/24' }] });
  const f = one(open.findings, 'MA421');
  assert.match(f.message, /the legacy IP filter has no final rule rejecting 0\.0\.0\.0\/0/);
  assert.equal(f.locations[0].range.start.line, lineOf(open.text, '45.155.205.0/24'), 'points at the last rule');
  const none = one(hubRun(t, {}).findings, 'MA421');
  assert.match(none.message, /the hub has no IP filter rules, so every address is accepted/);
  assert.equal(none.locations[0].range.start.line, lineOf(hubRun(t, {}).text, '"hub"'));
  const closed = hubRun(t, { ipFilterRules: [{ filterName: 'plant', action: 'Accept', ipMask: '20.49.110.0/24' }, { filterName: 'rest', action: 'Reject', ipMask: '0.0.0.0/0' }] });
  assert.deepEqual(recs(closed.findings), []);
  // No hub settings at all: the hub recommendations are not evaluated, and the run says so.
  const absent = hubRun(t, undefined);
  assert.deepEqual(recs(absent.findings), []);
  assert.ok(absent.notes.some((n) => /no hub settings given/.test(n)), absent.notes.join('\n'));
});

test('MA422: an accepting rule with a prefix shorter than simulation.permissiveRulePrefixLength (16 by default); rejecting rules never', (t) => {
  const hub = {
    ipFilterRules: [
      { filterName: 'half', action: 'Accept', ipMask: '0.0.0.0/1' },
      { filterName: 'isp', action: 'Accept', ipMask: '20.32.0.0/12' },
      { filterName: 'site', action: 'Accept', ipMask: '20.49.0.0/16' },
      { filterName: 'one', action: 'Accept', ipMask: '20.49.110.5' },
      { filterName: 'rest', action: 'Reject', ipMask: '0.0.0.0/0' },
    ],
  };
  const dflt = hubRun(t, hub);
  assert.deepEqual(ids(dflt.findings, 'MA422'), ['MA422:hub:0.0.0.0/1', 'MA422:hub:20.32.0.0/12']);
  const half = one(dflt.findings, 'MA422', (f) => f.id.endsWith('0.0.0.0/1'));
  assert.deepEqual([half.kind, half.severity, half.alertType], ['recommendation', 'Medium', 'IoT_IPFilter_PermissiveRule']);
  assert.match(half.message, /IP filter rule "half" allows 0\.0\.0\.0\/1: 2,147,483,648 addresses \(a prefix shorter than \/16 counts as large here\)/);
  assert.equal(half.locations[0].range.start.line, lineOf(dflt.text, '0.0.0.0/1'));
  assert.deepEqual(withCode(dflt.findings, 'MA421'), [], 'the last rule rejects 0.0.0.0/0');
  assert.deepEqual(ids(hubRun(t, hub, { permissiveRulePrefixLength: 8 }).findings, 'MA422'), ['MA422:hub:0.0.0.0/1']);
  assert.deepEqual(ids(hubRun(t, hub, { permissiveRulePrefixLength: 24 }).findings, 'MA422'), ['MA422:hub:0.0.0.0/1', 'MA422:hub:20.32.0.0/12', 'MA422:hub:20.49.0.0/16']);
  // Network rule sets' Allow rules count the same way.
  assert.deepEqual(ids(hubRun(t, { networkRuleSets: { defaultAction: 'Deny', ipRules: [{ filterName: 'wide', action: 'Allow', ipMask: '10.0.0.0/8' }] } }).findings, 'MA422'), ['MA422:hub:10.0.0.0/8']);
});

test('MA423: diagnostics false raises it at the setting; true or unknown raises nothing', (t) => {
  const off = hubRun(t, { diagnostics: false, networkRuleSets: { defaultAction: 'Deny', ipRules: [] } });
  const f = one(off.findings, 'MA423');
  assert.deepEqual([f.id, f.kind, f.severity, f.agentVisible], ['MA423:hub', 'recommendation', 'Low', null]);
  assert.equal(f.locations[0].range.start.line, lineOf(off.text, '"diagnostics"'));
  assert.deepEqual(recs(hubRun(t, { diagnostics: true, networkRuleSets: { defaultAction: 'Deny', ipRules: [] } }).findings), []);
  assert.deepEqual(recs(hubRun(t, { networkRuleSets: { defaultAction: 'Deny', ipRules: [] } }).findings), []);
});

const HUB_RESOURCE = {
  id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/plant/providers/Microsoft.Devices/IotHubs/door-hub',
  name: 'door-hub', type: 'Microsoft.Devices/IotHubs', location: 'westeurope',
  sku: { name: 'S1', tier: 'Standard', capacity: 1 },
  properties: {
    networkRuleSets: { defaultAction: 'Deny', applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: 'everyone', action: 'Allow', ipMask: '0.0.0.0/0' }] },
    hostName: 'door-hub.azure-devices.net',
  },
};

function template(diagnostics: 'on' | 'off' | 'none', defaultAction = 'Deny') {
  const hub = { type: 'Microsoft.Devices/IotHubs', apiVersion: '2023-06-30', name: 'door-hub', location: 'westeurope', sku: { name: 'S1', capacity: 1 },
    properties: { networkRuleSets: { defaultAction, applyToBuiltInEventHubEndpoint: true, ipRules: [{ filterName: 'plant', action: 'Allow', ipMask: '20.49.110.0/24' }] } } };
  const diag = { type: 'Microsoft.Insights/diagnosticSettings', apiVersion: '2021-05-01-preview', name: 'hub-logs',
    scope: "[resourceId('Microsoft.Devices/IotHubs', 'door-hub')]", dependsOn: ["[resourceId('Microsoft.Devices/IotHubs', 'door-hub')]"],
    properties: { workspaceId: "[parameters('workspaceId')]", logs: [{ category: 'Connections', enabled: diagnostics === 'on' }, { category: 'DeviceTelemetry', enabled: false }] } };
  return { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
    parameters: { workspaceId: { type: 'string' } }, resources: diagnostics === 'none' ? [hub] : [hub, diag] };
}

async function simulateHub(t: { after: (fn: () => void) => void }, hubJson: unknown) {
  const dir = tempDir(t);
  const cap = writeScenario(dir, 'd.pcap', scenario(FLOWS));
  const hub = join(dir, 'hub.json');
  const text = `${JSON.stringify(hubJson, null, 2)}\n`;
  writeFileSync(hub, text);
  const r = await cli(['simulate', '--capture', cap, '--device-ip', DEVICE_ADDRESSES.join(','), '--hub', hub, '--format', 'json'], dir);
  return { ...r, hub, text, findings: (r.status === 0 ? JSON.parse(r.stdout).findings : []) as Finding[] };
}

test('--hub with an IotHubs resource (as the REST API or az prints it): its rules are judged, diagnostics stay unknown', async (t) => {
  const r = await simulateHub(t, HUB_RESOURCE);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(ids(recs(r.findings)), ['MA422:hub:0.0.0.0/0']);
  const f = r.findings.find((x) => x.code === 'MA422')!;
  assert.deepEqual([f.locations[0].file, f.locations[0].range.start.line], [r.hub, lineOf(r.text, '0.0.0.0/0')]);
  // `az iot hub show --query properties`: the properties alone.
  const props = await simulateHub(t, { ...HUB_RESOURCE.properties, networkRuleSets: { ...HUB_RESOURCE.properties.networkRuleSets, defaultAction: 'Allow' } });
  assert.deepEqual(ids(recs(props.findings)), ['MA421:hub', 'MA422:hub:0.0.0.0/0']);
});

test('--hub with an ARM template: a diagnostic setting with a log enabled means diagnostics on; none, or all logs off, raises MA423', async (t) => {
  const on = await simulateHub(t, template('on'));
  assert.equal(on.status, 0, on.stderr);
  assert.deepEqual(recs(on.findings), []);
  const none = await simulateHub(t, template('none'));
  const f = one(none.findings, 'MA423');
  assert.equal(f.locations[0].file, none.hub);
  assert.equal(f.locations[0].range.start.line, lineOf(none.text, '"properties"'), 'at the hub resource\'s properties');
  const off = await simulateHub(t, template('off'));
  assert.deepEqual(ids(recs(off.findings)), ['MA423:hub']);
  // The template's network rule set is judged as well.
  assert.deepEqual(ids(recs((await simulateHub(t, template('on', 'Allow'))).findings)), ['MA421:hub']);
});

test('--hub replaces the profile\'s hub; a file with no IotHubs resource stops the run (exit 2)', async (t) => {
  const dir = tempDir(t);
  const cap = writeScenario(dir, 'd.pcap', scenario(FLOWS));
  const profile = join(dir, 'microagent.json');
  writeFileSync(profile, JSON.stringify({ hub: { networkRuleSets: { defaultAction: 'Allow', ipRules: [] } }, devices: [{ id: 'dev-1', addresses: DEVICE_ADDRESSES, capture: cap }] }));
  const closed = join(dir, 'closed.json');
  writeFileSync(closed, JSON.stringify(template('on')));
  const withProfileHub = await cli(['simulate', '--profile', profile, '--format', 'json'], dir);
  assert.deepEqual(ids(recs(JSON.parse(withProfileHub.stdout).findings)), ['MA421:hub']);
  const replaced = await cli(['simulate', '--profile', profile, '--hub', closed, '--format', 'json'], dir);
  assert.equal(replaced.status, 0, replaced.stderr);
  assert.deepEqual(recs(JSON.parse(replaced.stdout).findings), []);
  const notHub = join(dir, 'storage.json');
  writeFileSync(notHub, JSON.stringify({ resources: [{ type: 'Microsoft.Storage/storageAccounts', name: 'logs' }] }));
  const bad = await cli(['simulate', '--profile', profile, '--hub', notHub], dir);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no Microsoft\.Devices\/IotHubs resource found/);
});

test('--hub with JSON syntax errors: read as far as its syntax allows, with a note saying so (as a baseline\'s)', () => {
  const text = '{ "networkRuleSets": { "defaultAction": "Allow", "ipRules": [ } }';
  const hub = hubFromFile('/w/hub.json', text);
  assert.ok(!('error' in hub), 'what can be read is read');
  assert.equal(hub.networkRuleSets?.defaultAction, 'Allow');
  assert.ok(hub.notes.some((n) => /\/w\/hub\.json: .*JSON syntax errors.*read as far as their syntax allows/.test(n)), hub.notes.join('\n'));
  const clean = hubFromFile('/w/hub.json', '{ "networkRuleSets": { "defaultAction": "Allow", "ipRules": [] } }');
  assert.ok(!('error' in clean) && clean.notes.length === 0);
});
