// A simulation workspace whose inputs carry markup and script in every field that can reach the alert panel
// or the HTML report: DNS names in a capture, file names (a capture and a feed named like an <img> tag), feed
// comments and labels in each feed format (list, CSV, STIX, MISP), a feed's display name, an indicator value that
// does not parse, a baseline's group name, device ids, credential fingerprints, the hub's IP filter rule names,
// and the strings of an event script (method names, users, operations, reasons). Everything is generated here
// with the project's own CLI (`microagent gen`); no file is copied from elsewhere.
//
// Every payload names its field (`window.microagentPwned = '<field>'`, or an alert with the field's name), so a
// script that ever runs says which field let it through.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths.mjs';

export const MARK = 'microagentPwned';
const DEVICE_IP = '192.168.9.2';
const C2_IP = '45.155.205.9';
const CSV_IP = '185.220.101.7';
const STIX_IP = '193.142.146.35';
const MISP_IP = '89.248.165.52';

/** Markup that runs script if it is ever parsed as HTML, in the shapes that break out of text, attributes and tags. */
export function payloads(field) {
  const set = `window.${MARK}='${field}'`;
  return {
    img: `<img src=x onerror="${set}">`,
    script: `<script>${set}</script>`,
    attr: `"'><svg onload="${set}">`,
    // A dialog is what an attacker's proof usually is: the checks fail on any dialog.
    alert: `<img src=y onerror="alert('${field}')">`,
  };
}

/** One string per field: some text, then each payload; `tag` lets a check find the field in the page's text. */
function hostile(field, parts = ['img', 'script', 'attr']) {
  const p = payloads(field);
  return `${field}:${parts.map((k) => p[k]).join('')}`;
}

/** A DNS name whose labels carry markup (each label at most 63 bytes; dots only between labels). */
function hostileDnsName(field) {
  return `${field}<img src=x onerror=${MARK}=1>.x<script>${MARK}=2</script>.c2.evil.example`;
}

function gen(scenario, out) {
  const scenarioFile = `${out}.scenario.json`;
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario));
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'microagent.js'), 'gen', scenarioFile, '--out', out, '--force'], { encoding: 'utf8' });
  fs.rmSync(scenarioFile, { force: true });
  if (r.status !== 0) throw new Error(`microagent gen failed for ${out}: ${r.stderr}`);
}

/**
 * Writes the workspace into `dir` (created fresh). Returns the profile's path and, per surface (the HTML report,
 * the panel), the text each field must show there literally: its own text with its markup, as text.
 */
export function writeHostileCorpus(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const expected = { report: {}, panel: {} };
  const note = (field, text, surfaces = ['report', 'panel']) => {
    for (const s of surfaces) expected[s][field] = text;
    return text;
  };

  // A capture named like a tag ("/" cannot be in a file name; everything else of the payload can).
  // The report lists its inputs; the panel names no capture.
  const captureName = note('capture file name', `<img src=x onerror=${MARK}=7>.pcap`, ['report']);
  const dnsName = hostileDnsName('dns');
  // The DNS decoder lowercases names and writes a space as \032: the label after the first is shown as it is.
  note('DNS name', `x<script>${MARK.toLowerCase()}=2</script>.c2.evil.example`);
  gen({
    start: 1700000000,
    device: { ipv4: DEVICE_IP, mac: '02:00:00:00:09:02' },
    flows: [
      { protocol: 'dns', peer: '192.168.9.1', name: dnsName, answer: C2_IP, start: 1 },
      { protocol: 'tcp', peer: C2_IP, port: 4444, start: 2, packets: 6, interval: 0.5 },
      { protocol: 'tcp', peer: CSV_IP, port: 443, start: 3, packets: 4 },
      { protocol: 'tcp', peer: STIX_IP, port: 443, start: 4, packets: 4 },
      { protocol: 'tcp', peer: MISP_IP, port: 443, start: 5, packets: 4 },
      { protocol: 'tcp', peer: '203.0.113.80', port: 23, initiator: 'peer', start: 6, packets: 4 },
    ],
  }, path.join(dir, captureName));

  // Feeds, one per format, each with markup in whatever free text it carries.
  const listName = `list<svg onload=${MARK}=8>.netset`;
  note('feed file name', listName.slice(0, 10));
  fs.writeFileSync(path.join(dir, listName),
    `# ${hostile('list header comment')}\n${C2_IP} # ${note('list comment', hostile('list comment'))}\n` +
    `evil.example # ${hostile('domain comment', ['img', 'script', 'attr', 'alert'])}\n${hostile('bad indicator', ['img'])}\n`);
  const csvLabel = note('csv label', hostile('csv label', ['img', 'script']));
  fs.writeFileSync(path.join(dir, 'abuse.csv'), `ip,port,malware,comment\n${CSV_IP},443,"${csvLabel.replace(/"/g, '""')}",x\n`);
  fs.writeFileSync(path.join(dir, 'bundle.stix.json'), JSON.stringify({
    type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects: [{
      type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-000000000002',
      created: '2024-01-01T00:00:00Z', modified: '2024-01-01T00:00:00Z', valid_from: '2024-01-01T00:00:00Z',
      name: note('stix name', hostile('stix name')), description: hostile('stix description'),
      pattern_type: 'stix', pattern: `[ipv4-addr:value = '${STIX_IP}']`,
    }],
  }, null, 2));
  fs.writeFileSync(path.join(dir, 'event.misp.json'), JSON.stringify({
    Event: { info: hostile('misp info'), Attribute: [{ type: 'ip-dst', value: MISP_IP, to_ids: true, comment: note('misp comment', hostile('misp comment')) }] },
  }, null, 2));

  // A baseline whose group name is markup; its allowlist leaves the feeds' addresses out, so it fires.
  const group = note('security group', hostile('group', ['img', 'script']));
  fs.writeFileSync(path.join(dir, 'hostile.baseline.json'), JSON.stringify({
    securityGroups: { [group]: { allowlistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['192.168.9.0/24'] }] } },
  }, null, 2));

  // An event script for a second device: method names, users, operations and reasons carry markup. Only the JSON
  // report carries them today (cloudEvents); they are here so that a page that starts to show them is checked.
  const scriptDevice = note('script device id', hostile('script device', ['img']));
  fs.writeFileSync(path.join(dir, 'events.ndjson'), [
    { start: 1700000000, device: scriptDevice, comment: hostile('script comment') },
    { t: 0, type: 'hubConnected', protocol: 'mqtt' },
    { t: 5, type: 'directMethod', name: hostile('method', ['img']), count: 2 },
    { t: 6, type: 'failedLocalLogin', user: hostile('user', ['script']), src: '192.168.9.77', count: 12 },
    { t: 7, type: 'unauthorizedOperation', operation: hostile('operation', ['attr']), count: 3 },
    { t: 8, type: 'hubDisconnected', reason: hostile('disconnect reason', ['img']) },
    { t: 9, type: 'sendsFailing', reason: hostile('sends reason', ['img']) },
    { t: 12, type: 'sendsRecovered' },
    { t: 13, type: 'hubConnected' },
    { t: 70, type: 'c2dRejected', count: 2 },
  ].map((l) => JSON.stringify(l)).join('\n') + '\n');

  // Compared, never shown (MA420 names the devices): it is here in case a report ever shows it.
  const fingerprint = hostile('fingerprint', ['img']);
  const profile = {
    baseline: 'hostile.baseline.json',
    feeds: [listName, { path: 'abuse.csv', name: note('feed display name', hostile('feed name', ['img', 'attr'])) }, 'bundle.stix.json', 'event.misp.json'],
    hub: {
      networkRuleSets: {
        defaultAction: 'Allow', applyToBuiltInEventHubEndpoint: false,
        ipRules: [{ filterName: note('hub rule name', hostile('hub rule', ['img', 'script'])), action: 'Allow', ipMask: '0.0.0.0/1' }],
      },
      ipFilterRules: [{ filterName: note('legacy hub rule name', hostile('legacy rule', ['attr'])), action: 'Accept', ipMask: '0.0.0.0/2' }],
      diagnostics: false,
    },
    devices: [
      { id: note('device id', hostile('device', ['img', 'script', 'alert'])), securityGroup: group, addresses: [DEVICE_IP], capture: captureName, credentialFingerprint: fingerprint },
      { id: scriptDevice, securityGroup: group, addresses: ['192.168.9.3'], capture: 'events.ndjson', credentialFingerprint: fingerprint },
    ],
    simulation: { seed: 3 },
  };
  const profileFile = path.join(dir, 'hostile.microagent.json');
  fs.writeFileSync(profileFile, JSON.stringify(profile, null, 2));
  return { profile: profileFile, expected };
}
