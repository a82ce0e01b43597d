// learnBaseline over generated traffic, simulated back with the cloud stage: the learned baseline validates
// cleanly and raises no custom alert on its own input, in the agent's view or the ground truth's; with no
// margin its range is exactly what the cloud counted (one flow fewer allowed, or one more required, alerts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceDocument } from '../../../src-core/language/document';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { tempDir } from '../agent/fixtures';
import { CUSTOM_ALERTS, DEVICE, HUB, learnFrom, learnTo, normalFlows, simulate, writeCapture } from './learn-fixtures';

function setRange(path: string, min: number, max: number): void {
  const b = JSON.parse(readFileSync(path, 'utf8'));
  Object.assign(b.securityGroups.default.timeWindowRules[0], { minThreshold: min, maxThreshold: max });
  writeFileSync(path, JSON.stringify(b, null, 2));
}

describe('learnBaseline', () => {
  test('learns the outbound remotes as host prefixes and a range with the 50% margin; validates cleanly', (t) => {
    const dir = tempDir(t);
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const r = learnFrom(cap, join(dir, 'n.baseline.json'));
    assert.deepEqual(r.allowlist, [`${HUB}/32`, '52.169.10.10/32', '52.169.10.11/32', '52.169.10.12/32', '52.169.10.13/32', '52.169.10.14/32', '162.159.200.1/32', '192.168.1.1/32', '2603:1030:20e:3::23c/128']);
    const o = r.thresholds.observed;
    assert.ok(o.fullWindows > 0 && o.minFull! > 0 && o.max > o.minFull!, JSON.stringify(o));
    assert.equal(r.thresholds.max, Math.ceil(o.max * 1.5));
    assert.equal(r.thresholds.min, Math.floor(o.minFull! * 0.5));
    assert.deepEqual(validateBaseline(new SourceDocument(join(dir, 'n.baseline.json'), r.baseline)), []);
    assert.deepEqual(r.diagnostics, []);
  });

  test('simulated back over the same capture: no MA410, MA411 or MA412 in either view', (t) => {
    const dir = tempDir(t);
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const b = join(dir, 'n.baseline.json');
    learnTo(cap, b);
    const s = simulate(cap, b);
    assert.deepEqual(s.findings.filter((f) => CUSTOM_ALERTS.has(f.code) || f.code === 'MA402').map((f) => f.message), []);
    assert.ok(!s.notes.some((n) => /not evaluated|left out/.test(n) && !/hub/.test(n)), s.notes.join('\n'));
  });

  test('with no margin the range is exactly the cloud\'s counts: one less room either way alerts', (t) => {
    const dir = tempDir(t);
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const b = join(dir, 'exact.baseline.json');
    const r = learnTo(cap, b, { marginPercent: 0 });
    const { min, max } = r.thresholds;
    assert.equal(max, r.thresholds.observed.max);
    assert.equal(min, r.thresholds.observed.minFull);
    assert.deepEqual(simulate(cap, b).findings.filter((f) => CUSTOM_ALERTS.has(f.code)), []);
    setRange(b, min, max - 1);
    const above = simulate(cap, b).findings.filter((f) => f.code === 'MA410');
    assert.equal(above.length, 1, 'the busiest window is one above');
    assert.equal(above[0].evidence.observed, max);
    setRange(b, min + 1, max);
    const below = simulate(cap, b).findings.filter((f) => f.code === 'MA410');
    assert.equal(below.length, 1, 'the quietest full window is one below');
    assert.equal(below[0].evidence.observed, min);
  });

  test('the ground truth is learned too: a cache that overflows hides flows from the agent, not from the baseline', (t) => {
    const dir = tempDir(t);
    // 40 flows in ten seconds: a 16-entry cache records some, the truth has all.
    const config = { ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: 16 };
    const burst = Array.from({ length: 40 }, (_, i) => ({ protocol: 'udp' as const, peer: `52.170.0.${i + 1}`, port: 443, localPort: 52000 + i, start: 100 + i * 0.2, packets: 2, interval: 0.05 }));
    const cap = writeCapture(dir, 'burst.pcap', [...normalFlows(), ...burst]);
    const b = join(dir, 'burst.baseline.json');
    const r = learnTo(cap, b, { config });
    const s = simulate(cap, b, undefined, config);
    assert.ok(s.devices[0].truth.flowsNeverRecorded > 0, 'the agent missed some flows');
    for (let i = 1; i <= 40; i++) assert.ok(r.allowlist.includes(`52.170.0.${i}/32`), `52.170.0.${i}`);
    assert.deepEqual(s.findings.filter((f) => CUSTOM_ALERTS.has(f.code)).map((f) => `${f.code} ${f.agentVisible} ${f.message}`), []);
    // With no margin too: the range spans both views' counts (the agent's windows hold fewer flows).
    const exact = join(dir, 'burst-exact.baseline.json');
    const e = learnTo(cap, exact, { config, marginPercent: 0 });
    assert.ok(e.thresholds.max > 16, 'the truth\'s busiest window, more than the cache holds');
    assert.deepEqual(simulate(cap, exact, undefined, config).findings.filter((f) => CUSTOM_ALERTS.has(f.code)).map((f) => `${f.code} ${f.agentVisible} ${f.message}`), []);
  });

  test('a new remote on the same capture raises exactly one MA411, naming it', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    learnTo(writeCapture(dir, 'normal.pcap', normalFlows()), b);
    const other = writeCapture(dir, 'new.pcap', [...normalFlows(), { protocol: 'tcp', peer: '45.155.205.233', port: 443, localPort: 53000, start: 400, packets: 4 }]);
    const s = simulate(other, b);
    const alerts = s.findings.filter((f) => CUSTOM_ALERTS.has(f.code));
    assert.equal(alerts.length, 1, alerts.map((f) => f.message).join('\n'));
    assert.equal(alerts[0].code, 'MA411');
    assert.equal(alerts[0].evidence.remote, '45.155.205.233');
    assert.equal(alerts[0].agentVisible, true);
    assert.ok(!s.findings.some((f) => f.code === 'MA402'), 'an unknown address is MA411\'s, not MA402\'s');
  });

  test('IPv6 remotes are allowlisted as /128 and judged like IPv4 ones', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'v6.baseline.json');
    const flows = [
      { protocol: 'udp' as const, peer: '2603:1030:20e:3::23c', port: 5683, localPort: 45000, start: 1, packets: 4 },
      { protocol: 'tcp' as const, peer: '2001:4860:4860::8888', port: 443, localPort: 45001, start: 3, packets: 4 },
    ];
    const r = learnTo(writeCapture(dir, 'v6.pcap', flows), b);
    assert.deepEqual(r.allowlist, ['2001:4860:4860::8888/128', '2603:1030:20e:3::23c/128']);
    assert.deepEqual(validateBaseline(new SourceDocument(b, r.baseline)), []);
    const more = writeCapture(dir, 'v6-new.pcap', [...flows, { protocol: 'tcp', peer: '2a01:111:f100::1', port: 443, localPort: 45002, start: 5, packets: 4 }]);
    const alerts = simulate(more, b).findings.filter((f) => CUSTOM_ALERTS.has(f.code));
    assert.deepEqual(alerts.map((f) => `${f.code} ${f.evidence.remote}`), ['MA411 2a01:111:f100::1']);
  });

  test('no outbound flow: an empty, enabled allowlist that validates; any outbound connection later is reported', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'server.baseline.json');
    // A Modbus server: the peers connect to it.
    const flows = [1, 2, 3].map((i) => ({ protocol: 'tcp' as const, peer: `192.168.1.${100 + i}`, port: 502, localPort: 50100 + i, initiator: 'peer' as const, start: i * 5, packets: 4 }));
    const cap = writeCapture(dir, 'server.pcap', flows);
    const r = learnTo(cap, b);
    assert.deepEqual(r.allowlist, []);
    assert.equal(r.outboundHosts, 0);
    const rule = JSON.parse(r.baseline).securityGroups.default.allowlistRules[0];
    assert.deepEqual(rule, { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: [] });
    assert.deepEqual(validateBaseline(new SourceDocument(b, r.baseline)), []);
    assert.deepEqual(simulate(cap, b).findings.filter((f) => CUSTOM_ALERTS.has(f.code)), []);
    const out = writeCapture(dir, 'server-out.pcap', [...flows, { protocol: 'tcp', peer: '52.169.10.8', port: 443, localPort: 50200, start: 20, packets: 4 }]);
    assert.deepEqual(simulate(out, b).findings.filter((f) => CUSTOM_ALERTS.has(f.code)).map((f) => `${f.code} ${f.evidence.remote}`), ['MA411 52.169.10.8']);
  });

  test('--aggregate writes hosts sharing a network as the network, lone hosts as host prefixes', (t) => {
    const dir = tempDir(t);
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const r = learnFrom(cap, join(dir, 'agg.baseline.json'), { aggregate: { v4: 24, v6: 64 } });
    assert.deepEqual(r.allowlist, [`${HUB}/32`, '52.169.10.0/24', '162.159.200.1/32', '192.168.1.1/32', '2603:1030:20e:3::23c/128']);
    assert.deepEqual(r.diagnostics, []);
  });

  test('two devices of the group: one rule over both, the union of their remotes', (t) => {
    const dir = tempDir(t);
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const r = learnFrom(cap, join(dir, 'two.baseline.json'), { devices: [[DEVICE.ipv4], [DEVICE.ipv6]] });
    assert.equal(r.traffic.devices.length, 2);
    assert.ok(r.allowlist.includes('2603:1030:20e:3::23c/128') && r.allowlist.includes(`${HUB}/32`));
  });
});
