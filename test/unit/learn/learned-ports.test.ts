// MA402 (src-core/cloud/learned-ports.ts) through the whole simulator: the learned profile beside the
// baseline is loaded, a known address on a new protocol or port is reported, pointing at its entry.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { tempDir } from '../agent/fixtures';
import { CUSTOM_ALERTS, HUB, learnTo, normalFlows, simulate, writeCapture } from './learn-fixtures';

describe('MA402: known address on a port never seen while learning', () => {
  test('the hub address on TCP 4444: one MA402, no custom alert; the location is the address in the learned file', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    learnTo(writeCapture(dir, 'normal.pcap', normalFlows()), b);
    const c2 = writeCapture(dir, 'c2.pcap', [...normalFlows(), { protocol: 'tcp', peer: HUB, port: 4444, localPort: 53001, start: 400, packets: 6 }]);
    const s = simulate(c2, b);
    assert.deepEqual(s.findings.filter((f) => CUSTOM_ALERTS.has(f.code)).map((f) => f.message), []);
    const ma402 = s.findings.filter((f) => f.code === 'MA402');
    assert.equal(ma402.length, 1);
    const f = ma402[0];
    assert.equal(f.evidence.remote, HUB);
    assert.equal(f.evidence.facts?.newServices, 'TCP 4444');
    assert.equal(f.evidence.facts?.learnedServices, 'TCP 8883');
    assert.equal(f.agentVisible, true);
    assert.equal(f.origin, 'project');
    assert.match(f.message, /20\.49\.110\.5 on TCP 4444, never seen with it while learning \(learned: TCP 8883\)/);
    assert.deepEqual(f.evidence.flows?.map((x) => `${x.protocol} ${x.remotePort} ${x.direction}`), ['TCP 4444 outbound']);
    const loc = f.locations[0];
    assert.equal(loc.file, join(dir, 'n.learned.json'));
    const line = readFileSync(loc.file, 'utf8').split('\n')[loc.range.start.line];
    assert.equal(line.slice(loc.range.start.character, loc.range.start.character + HUB.length + 2), `"${HUB}"`);
  });

  test('a new protocol counts too (UDP to a TCP-only address); ICMP has no port', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    learnTo(writeCapture(dir, 'normal.pcap', normalFlows()), b);
    const s = simulate(writeCapture(dir, 'x.pcap', [...normalFlows(),
      { protocol: 'udp', peer: HUB, port: 8883, localPort: 53002, start: 400, packets: 2 },
      { protocol: 'icmp', peer: HUB, start: 410, packets: 2 },
      { protocol: 'icmp', peer: '192.168.1.1', start: 420, packets: 2 },
    ]), b);
    const ma402 = s.findings.filter((f) => f.code === 'MA402');
    assert.deepEqual(ma402.map((f) => `${f.evidence.remote}: ${f.evidence.facts?.newServices}`), [`${HUB}: UDP 8883, ICMP`]);
  });

  test('inbound flows: the service port is the device\'s own', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 's.baseline.json');
    const flows = [{ protocol: 'tcp' as const, peer: '192.168.1.101', port: 502, localPort: 50101, initiator: 'peer' as const, start: 1, packets: 4 }];
    learnTo(writeCapture(dir, 'server.pcap', flows), b);
    const learned = JSON.parse(readFileSync(join(dir, 's.learned.json'), 'utf8'));
    assert.deepEqual(learned.groups.default.remotes, { '192.168.1.101': { services: ['TCP 502'] } });
    // The same client on a new source port: the same service; on the device's Telnet port: a new one.
    const again = [{ ...flows[0], localPort: 50999 }, { protocol: 'tcp' as const, peer: '192.168.1.101', port: 23, localPort: 50102, initiator: 'peer' as const, start: 3, packets: 4 }];
    const s = simulate(writeCapture(dir, 'server2.pcap', again), b);
    assert.deepEqual(s.findings.filter((f) => f.code === 'MA402').map((f) => f.evidence.facts?.newServices), ['TCP 23']);
  });

  test('only the ground truth shows it: MA402 with agentVisible false', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    learnTo(writeCapture(dir, 'normal.pcap', normalFlows()), b);
    // UDP to the hub on a new port, with the UDP collector off in the simulated build: the agent never records it.
    const config = { ...rtosBaseAgentConfig, udpDisabled: true };
    const s = simulate(writeCapture(dir, 'x.pcap', [...normalFlows(), { protocol: 'udp', peer: HUB, port: 9999, localPort: 53003, start: 400, packets: 2 }]), b, undefined, config);
    const ma402 = s.findings.filter((f) => f.code === 'MA402');
    assert.equal(ma402.length, 1);
    assert.equal(ma402[0].agentVisible, false);
  });

  test('a group the learned profile does not hold: a note, no MA402', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    learnTo(writeCapture(dir, 'normal.pcap', normalFlows()), b, { group: 'door-locks' });
    const learnedFile = join(dir, 'n.learned.json');
    const s = simulate(writeCapture(dir, 'c2.pcap', [...normalFlows(), { protocol: 'tcp', peer: HUB, port: 4444, localPort: 53001, start: 400, packets: 6 }]), b);
    assert.ok(!s.findings.some((f) => f.code === 'MA402'));
    assert.ok(s.notes.some((n) => n.includes(`security group "default" is not in ${learnedFile}; MA402 is not evaluated`)), s.notes.join('\n'));
  });

  test('a bad learned file: a note naming the file and the place, MA402 skipped, the rest runs', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    learnTo(writeCapture(dir, 'normal.pcap', normalFlows()), b);
    const learnedFile = join(dir, 'n.learned.json');
    const text = readFileSync(learnedFile, 'utf8').replace('"TCP 8883"', '"TCP eighty"');
    writeFileSync(learnedFile, text);
    const c2 = writeCapture(dir, 'c2.pcap', [...normalFlows(), { protocol: 'tcp', peer: HUB, port: 4444, localPort: 53001, start: 400, packets: 6 },
      { protocol: 'tcp', peer: '45.155.205.233', port: 443, localPort: 53000, start: 400, packets: 4 }]);
    const s = simulate(c2, b);
    assert.ok(!s.findings.some((f) => f.code === 'MA402'));
    assert.ok(s.findings.some((f) => f.code === 'MA411'), 'the baseline still applies');
    const line = text.split('\n').findIndex((l) => l.includes('TCP eighty')) + 1;
    const note = s.notes.find((n) => n.startsWith(learnedFile));
    assert.ok(note, s.notes.join('\n'));
    assert.match(note!, new RegExp(`^${learnedFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:\\d+: .*\\(at /groups/default/remotes/20\\.49\\.110\\.5/services/0\\); the learned profile is not used \\(MA402 not evaluated\\)$`));
  });

  test('no learned file beside the baseline: nothing said, nothing raised', (t) => {
    const dir = tempDir(t);
    const b = join(dir, 'n.baseline.json');
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const r = learnTo(cap, b);
    rmSync(join(dir, 'n.learned.json'));
    const s = simulate(writeCapture(dir, 'c2.pcap', [...normalFlows(), { protocol: 'tcp', peer: HUB, port: 4444, localPort: 53001, start: 400, packets: 6 }]), b);
    assert.ok(r.learnedProfile.length > 0);
    assert.ok(!s.findings.some((f) => f.code === 'MA402'));
    assert.ok(!s.notes.some((n) => n.includes('learned')), s.notes.join('\n'));
  });
});
