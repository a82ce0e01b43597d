// The simulated cloud keeps bounded state (docs/detections.md, "Bounded state"): remotes its tables let go of
// during a run are analysed as they go, never dropped; DNS names are matched as they are seen; past the
// per-code limit the first subjects keep their findings and a note counts the rest; counts past the exact
// budget are estimates and say so. Small limits make small captures go past them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScenarioFlow } from '../../../src-core/traffic/scenario';
import { DEVICE_ID, detect, group, one, tempDir, udp, withCode } from './detection-fixtures';

const peer = (i: number) => `52.${160 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

/** 400 one-off UDP flows to distinct global peers, plaintext MQTT to three of them, and three inbound
 *  exchanges from global peers the device answers (an open port). */
function manyRemotes(): ScenarioFlow[] {
  const flows: ScenarioFlow[] = [];
  for (let i = 1; i <= 400; i++) flows.push(udp(peer(i), i * 0.5, 5000 + (i % 7)));
  for (let i = 0; i < 3; i++) flows.push({ protocol: 'tcp', peer: `198.41.30.${10 + i}`, port: 1883, start: 30 + i * 40, packets: 4, size: 60, interval: 0.5 });
  for (let i = 0; i < 3; i++) flows.push({ protocol: 'udp', peer: `185.220.101.${20 + i}`, port: 5683, initiator: 'peer', start: 50 + i * 50, packets: 2, size: 40, interval: 0.1 });
  return flows;
}

const FEED = '52.160.0.0/24 # the first 255 peers\n52.160.1.7\n52.160.1.9\n185.220.101.0/24\n';
const BASELINE = group({ allowlistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['52.160.1.0/24'] }] });

test('remotes let go of during the run are analysed, not lost: tables of 20 remotes give the findings of unbounded ones, and a note says so', (t) => {
  const dir = tempDir(t);
  const flows = manyRemotes();
  const unbounded = detect(dir, { flows, feeds: { 'bad.netset': FEED }, baseline: BASELINE });
  const small = detect(dir, { flows, feeds: { 'bad.netset': FEED }, baseline: BASELINE, limits: { remotes: 20, flows: 40 } });
  assert.ok(unbounded.findings.length >= 6, `a run with findings of every kind: ${unbounded.findings.map((f) => f.id).join(', ')}`);
  for (const code of ['MA400', 'MA411', 'MA430', 'MA431']) assert.ok(withCode(unbounded.findings, code).length > 0, `${code} raised`);
  assert.deepEqual(small.findings, unbounded.findings);
  assert.ok(small.notes.some((n) => /remotes idle longest were analysed and let go during the run/.test(n)), small.notes.join('\n'));
  assert.ok(!unbounded.notes.some((n) => /let go/.test(n)), 'no note when nothing was let go of');
});

test('a ground truth of 64 flows gives the totals, the first flows listed and the findings of an unbounded one; the folded flows are counted', (t) => {
  const dir = tempDir(t);
  const flows = manyRemotes();
  const unbounded = detect(dir, { flows, feeds: { 'bad.netset': FEED }, baseline: BASELINE });
  const small = detect(dir, { flows, feeds: { 'bad.netset': FEED }, baseline: BASELINE, maxTruthFlows: 64 });
  const { flowsFolded, ...truth } = small.result.devices[0].truth;
  assert.ok(flowsFolded !== undefined && flowsFolded > 300, `most flows folded (${flowsFolded})`);
  assert.deepEqual(truth, unbounded.result.devices[0].truth);
  assert.equal(unbounded.result.devices[0].truth.flowsFolded, undefined);
  assert.deepEqual(small.findings, unbounded.findings);
});

test('a DNS name on a list is found after 12,000 other names: names are matched as they are seen, and only listed ones kept', (t) => {
  const dir = tempDir(t);
  const flows: ScenarioFlow[] = [];
  for (let i = 0; i < 12_000; i++) flows.push({ protocol: 'dns', peer: '192.168.1.1', name: `n${i}.cdn.example.com`, answer: '93.184.216.34', start: i * 0.01 });
  flows.push({ protocol: 'dns', peer: '192.168.1.1', name: 'c2.evil.example', answer: '45.155.205.10', start: 125 });
  const { findings, notes } = detect(dir, { flows, feeds: { 'domains.txt': 'evil.example\n' } });
  const f = one(findings, 'MA401');
  assert.match(f.message, /looked up c2\.evil\.example, listed as evil\.example/);
  assert.ok(!notes.some((n) => /DNS names/.test(n)), notes.join('\n'));
});

test('past the per-code limit the first subjects keep their findings, a note counts the others, and the ground truth\'s are not called missed', (t) => {
  const dir = tempDir(t);
  const feed = Array.from({ length: 10 }, (_, i) => `45.155.205.${10 + i}`).join('\n');
  const flows = Array.from({ length: 10 }, (_, i) => udp(`45.155.205.${10 + i}`, 1 + i));
  const { findings, notes } = detect(dir, { flows, feeds: { 'bad.netset': `${feed}\n` }, limits: { subjectsPerCode: 3 } });
  const alerts = withCode(findings, 'MA400');
  assert.equal(alerts.length, 3, 'the first three indicators the agent\'s records matched');
  assert.ok(alerts.every((f) => f.agentVisible === true));
  assert.ok(notes.some((n) => n === `device ${DEVICE_ID}: 7 more indicators matched in the agent's records beyond the first 3 (7 records); they have no MA400 finding of their own`), notes.join('\n'));
  assert.ok(notes.some((n) => /MA400 findings only the ground truth lists are left out/.test(n)), notes.join('\n'));
});

test('a count past the exact budget is an estimate and says so; within it, exact', (t) => {
  const dir = tempDir(t);
  const flows = Array.from({ length: 60 }, (_, i) => udp(peer(i + 1), 1 + i * 0.5));
  const baseline = group({ allowlistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['10.0.0.0/8'] }] });
  const exact = one(detect(dir, { flows, baseline }).findings, 'MA411');
  assert.match(exact.message, /connected to 60 addresses/);
  assert.equal(exact.evidence.facts?.addresses, 60);
  assert.equal(exact.evidence.facts?.addressesEstimated, undefined);
  const estimated = one(detect(dir, { flows, baseline, limits: { distinctBudget: 10 } }).findings, 'MA411');
  assert.match(estimated.message, /connected to about \d+ addresses .* and about \d+ more\.$/);
  assert.equal(estimated.evidence.facts?.addressesEstimated, true);
  assert.ok(Math.abs((estimated.evidence.facts?.addresses as number) - 60) <= 3, `close to 60: ${estimated.evidence.facts?.addresses}`);
});
