// What the agent, as configured, let the cloud see against what really happened: the same traffic raises a
// finding from the agent's records (agentVisible true) with a cache big enough, and only from the ground
// truth (agentVisible false) with a cache too small or a collector switched off; a finding both views
// raise is reported once; an allowlist alert splits into what the agent reported and what it missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src-core/findings/finding';
import type { ScenarioFlow } from '../../../src-core/traffic/scenario';
import { DEVICE_ID, GROUP, cfg, detect, group, one, tempDir, udp, withCode } from './detection-fixtures';

const FEED = { 'c2.netset': '45.155.205.0/24  # botnet C2\n' };
/** Five short UDP exchanges, then the C2 check-in and a plaintext MQTT session: 7 flows in the first period. */
const FLOWS: ScenarioFlow[] = [
  ...Array.from({ length: 5 }, (_, i) => udp(`52.160.0.${i + 1}`, 0.1 + i * 0.05, 5000 + i)),
  udp('45.155.205.233', 1, 443),
  { protocol: 'tcp', peer: '198.41.30.241', port: 1883, start: 2, packets: 6, size: 60 },
];

const unique = (fs: readonly Finding[]) => assert.equal(new Set(fs.map((f) => f.id)).size, fs.length, `duplicate ids: ${fs.map((f) => f.id).join(', ')}`);

test('a cache too small: the C2 contact and the plaintext MQTT appear only in the ground truth (agentVisible false); a big enough cache shows them (true)', (t) => {
  const dir = tempDir(t);
  const small = detect(dir, { flows: FLOWS, feeds: FEED, config: cfg({ maxIpv4ObjectsInCache: 4 }) });
  assert.ok(small.result.devices[0].truth.flowsNeverRecorded >= 3, 'the flows after the 4th never reached the cache');
  const missedC2 = one(small.findings, 'MA400');
  assert.equal(missedC2.id, `MA400:${DEVICE_ID}:45.155.205.0/24`);
  assert.equal(missedC2.agentVisible, false);
  assert.equal(one(small.findings, 'MA430').agentVisible, false);
  assert.equal(one(small.findings, 'MA432').agentVisible, null, 'the overflow itself is about the agent, not its data');
  unique(small.findings);

  const big = detect(dir, { flows: FLOWS, feeds: FEED, config: cfg() });
  const seenC2 = one(big.findings, 'MA400');
  assert.equal(seenC2.id, missedC2.id, 'the same finding, by id');
  assert.equal(seenC2.agentVisible, true);
  assert.equal(one(big.findings, 'MA430').agentVisible, true);
  assert.deepEqual(withCode(big.findings, 'MA432'), []);
  unique(big.findings);
  // The evidence is what each view had: the truth's flow has the bytes the agent never sent.
  assert.deepEqual([missedC2.evidence.bytesIn, missedC2.evidence.bytesOut], [seenC2.evidence.bytesIn, seenC2.evidence.bytesOut]);
});

test('a collector switched off: a listed peer over UDP only the ground truth shows, beside MA437 naming the switch', (t) => {
  const dir = tempDir(t);
  const { findings } = detect(dir, { flows: [udp('45.155.205.233', 1, 443), { protocol: 'tcp', peer: '45.155.205.234', port: 443, start: 2, packets: 4 }], feeds: FEED, config: cfg({ udpDisabled: true }) });
  // The TCP flow to the same /24 is seen, so the one alert per indicator is the agent's (the UDP flow is not in its evidence).
  const f = one(findings, 'MA400');
  assert.equal(f.agentVisible, true);
  assert.deepEqual(f.evidence.flows!.map((x) => x.protocol), ['TCP']);
  assert.equal(one(findings, 'MA437').evidence.facts?.option, 'ASC_COLLECTOR_NETWORK_ACTIVITY_UDP_DISABLED');
  // With only the UDP flow, the alert exists only in the ground truth.
  const only = detect(dir, { flows: [udp('45.155.205.233', 1, 443)], feeds: FEED, config: cfg({ udpDisabled: true }) });
  assert.equal(one(only.findings, 'MA400').agentVisible, false);
});

test('allowlist alerts split: the addresses the agent reported in one MA411, those only the ground truth shows in a second, ":missed" one', (t) => {
  const dir = tempDir(t);
  const { findings } = detect(dir, { flows: FLOWS, config: cfg({ maxIpv4ObjectsInCache: 4 }), baseline: group({ allowlistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['192.168.1.0/24'] }] }) });
  const seen = one(findings, 'MA411', (f) => f.agentVisible === true);
  const missed = one(findings, 'MA411', (f) => f.agentVisible === false);
  assert.equal(seen.id, `MA411:${DEVICE_ID}:${GROUP}:allowlistRules[0]`);
  assert.equal(missed.id, `${seen.id}:missed`);
  const addresses = (f: Finding) => String(f.evidence.facts?.listed ?? f.evidence.remote).split(', ');
  const a = addresses(seen);
  const b = addresses(missed);
  assert.equal(a.length + b.length, 7, 'every peer outside the allowlist, in one or the other');
  assert.ok(b.includes('45.155.205.233') && b.includes('198.41.30.241'), `missed: ${b.join(', ')}`);
  assert.deepEqual(a.filter((x) => b.includes(x)), [], 'no address in both');
});

test('a count rule the truth breaks and the agent does not (its cache hid the flows) is raised from the ground truth', (t) => {
  const dir = tempDir(t);
  const baseline = group({ timeWindowRules: [{ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 5, timeWindowSize: 'PT5M' }] });
  const small = one(detect(dir, { flows: FLOWS, baseline, config: cfg({ maxIpv4ObjectsInCache: 4 }) }).findings, 'MA410');
  assert.deepEqual([small.agentVisible, small.evidence.observed], [false, 7]);
  const big = one(detect(dir, { flows: FLOWS, baseline }).findings, 'MA410');
  assert.deepEqual([big.agentVisible, big.evidence.observed, big.id], [true, 7, small.id]);
});
