// Learning from a conn.log and from an event script: the same guarantee as from a capture (no custom alert
// on the same input, with no margin even), which holds the learner's span to the pipeline's for each kind.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir, file } from '../agent/fixtures';
import { defaultCloudOptions } from '../../../src-core/cloud/cloud-options';
import { CUSTOM_ALERTS, DEVICE, HUB, T0, learnTo, normalFlows, simulate, writeCapture } from './learn-fixtures';

function connLog(): string {
  const lines = ['#separator \\x09', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes'];
  for (let m = 0; m < 16; m++) {
    lines.push([T0 + m * 60 + 5, `C${m}`, DEVICE.ipv4, 50000 + m, HUB, 8883, 'tcp', '-', 4, 300, 400, 'SF', 3, 420, 3, 520].join('\t'));
    if (m % 3 === 0) lines.push([T0 + m * 60 + 7, `D${m}`, DEVICE.ipv4, 40000 + m, '192.168.1.1', 53, 'udp', 'dns', 0.1, 40, 80, 'SF', 1, 68, 1, 108].join('\t'));
  }
  lines.push([T0 + 30, 'N1', '192.168.1.101', 50101, DEVICE.ipv4, 502, 'tcp', '-', 2, 100, 100, 'SF', 2, 180, 2, 180].join('\t'));
  return `${lines.join('\n')}\n`;
}

function eventScript(): string {
  const lines = [JSON.stringify({ start: T0 })];
  const packet = (t: number, out: boolean, peer: string, proto: string, sport: number, dport: number) =>
    JSON.stringify({ t, type: 'packet', src: out ? DEVICE.ipv4 : peer, dst: out ? peer : DEVICE.ipv4, proto, sport, dport, bytes: 80 });
  for (let m = 0; m < 11; m++) {
    lines.push(packet(m * 60 + 5, true, HUB, 'tcp', 50000 + m, 8883), packet(m * 60 + 6, false, HUB, 'tcp', 8883, 50000 + m));
    if (m >= 5) lines.push(packet(m * 60 + 8, true, `52.169.10.${m}`, 'udp', 45000 + m, 443));
  }
  // The hub link drops and comes back long after the last packet: the run (and its full, empty windows) lasts to it.
  lines.push(JSON.stringify({ t: 1400, type: 'hubDisconnected' }), JSON.stringify({ t: 1500, type: 'hubConnected' }));
  return `${lines.join('\n')}\n`;
}

describe('learning from other inputs', () => {
  for (const margin of [50, 0]) {
    test(`a conn.log (margin ${margin}%): no custom alert on the same log`, (t) => {
      const dir = tempDir(t);
      const log = file(dir, 'conn.log', connLog());
      const b = join(dir, `c${margin}.baseline.json`);
      const r = learnTo(log, b, { marginPercent: margin });
      assert.equal(r.traffic.simulation.summary.format, 'zeek-tsv');
      assert.deepEqual(r.allowlist, [`${HUB}/32`, '192.168.1.1/32']);
      assert.deepEqual(r.diagnostics, []);
      assert.deepEqual(simulate(log, b).findings.filter((f) => CUSTOM_ALERTS.has(f.code) || f.code === 'MA402').map((f) => f.message), []);
    });

    test(`an event script with hub events after the packets (margin ${margin}%): no custom alert on the same script`, (t) => {
      const dir = tempDir(t);
      const script = file(dir, 'events.ndjson', eventScript());
      const b = join(dir, `e${margin}.baseline.json`);
      const r = learnTo(script, b, { marginPercent: margin });
      assert.equal(r.traffic.devices[0].span?.to, T0 + 1500, 'the run lasts to the last hub event');
      assert.equal(r.thresholds.observed.minFull, 0, 'the windows after the last packet are full and empty');
      assert.equal(r.thresholds.min, 0);
      assert.ok(r.allowlist.includes(`${HUB}/32`) && r.allowlist.includes('52.169.10.10/32'));
      assert.deepEqual(simulate(script, b).findings.filter((f) => CUSTOM_ALERTS.has(f.code) || f.code === 'MA402').map((f) => f.message), []);
    });
  }

  test('first-record alignment, an event script whose hub-side events come before its first packet: the learner sets the grid as the cloud does', (t) => {
    const dir = tempDir(t);
    // Device-to-cloud messages the hub logged at t=0, the first packet at 100: with first-record alignment the
    // hub's events are the windows' origin (T0), so the burst at 320-435 s falls in one window, (T0+300, T0+600].
    // Windows from the first record instead (about T0+100) would cut the burst in two and learn half of it.
    const lines = [JSON.stringify({ start: T0 }), JSON.stringify({ t: 0, type: 'd2cMessage', count: 3 })];
    const packet = (at: number, peer: string, proto: string, sport: number, dport: number) => JSON.stringify({ t: at, type: 'packet', src: DEVICE.ipv4, dst: peer, proto, sport, dport, bytes: 80 });
    lines.push(packet(100, HUB, 'tcp', 50000, 8883));
    for (let i = 0; i < 24; i++) lines.push(packet(320 + 5 * i, `52.169.10.${i + 1}`, 'udp', 45000 + i, 443));
    const script = file(dir, 'events.ndjson', `${lines.join('\n')}\n`);
    const options = { ...defaultCloudOptions, windowAlignment: 'first-record' as const };
    const b = join(dir, 'fr.baseline.json');
    const r = learnTo(script, b, { marginPercent: 0, options });
    assert.deepEqual(r.traffic.simulation.summary.notes, []);
    assert.equal(r.thresholds.max, 24);
    assert.deepEqual(simulate(script, b, undefined, undefined, options).findings.filter((f) => CUSTOM_ALERTS.has(f.code)).map((f) => f.message), []);
    // And a capture with first-record alignment.
    const cap = writeCapture(dir, 'normal.pcap', normalFlows());
    const c = join(dir, 'frc.baseline.json');
    learnTo(cap, c, { marginPercent: 0, options });
    assert.deepEqual(simulate(cap, c, undefined, undefined, options).findings.filter((f) => CUSTOM_ALERTS.has(f.code)).map((f) => f.message), []);
  });
});
