// The pipeline's stages as a whole: a guessed device reads its capture once and gives the same result as
// the named device; findings need nothing but traffic for the hints; the cloud stage changes no agent figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { defaultCloudOptions } from '../../../src-core/cloud/cloud-options';
import type { CloudInputs } from '../../../src-core/cloud/cloud-stage';
import { writeScenario } from '../agent/capture-fixtures';
import { tempDir, T0 } from '../agent/fixtures';
import type { Scenario } from '../../../src-core/traffic/scenario';

const detections = (): CloudInputs => ({ options: { ...defaultCloudOptions }, feedFiles: new Map(), credentials: [], config: { ...rtosBaseAgentConfig }, where: { locate: () => undefined } });

function scenario(flows: number): Scenario {
  return {
    start: T0,
    device: { ipv4: '192.168.1.50', mac: '02:00:00:00:00:50' },
    flows: [
      ...Array.from({ length: flows }, (_, i) => ({ protocol: 'tcp' as const, peer: `52.1.${i >> 8}.${(i & 255) + 1}`, port: 443, start: i * 0.2, packets: 4, interval: 0.5 })),
      { protocol: 'tcp', peer: '198.41.30.241', port: 1883, start: 3, packets: 10, interval: 1 },
    ],
  };
}

test('a guessed device reads the capture once and gives the result of the named device', (t) => {
  const dir = tempDir(t);
  const path = writeScenario(dir, 'c.pcap', scenario(40));
  const named = runSimulation({ capture: path, config: { ...rtosBaseAgentConfig }, devices: [['192.168.1.50']], seed: 3, detections: detections() });
  for (const guessPackets of [10, 50, 100_000]) {
    const guessed = runSimulation({ capture: path, config: { ...rtosBaseAgentConfig }, devices: [], seed: 3, detections: detections(), guessPackets });
    assert.equal(guessed.summary.guessedDeviceIp, '192.168.1.50');
    // One read: the capture's packets are counted once.
    assert.equal(guessed.summary.packetsRead, named.summary.packetsRead, `guessPackets ${guessPackets}`);
    assert.deepEqual(guessed.devices[0].agent, named.devices[0].agent, `guessPackets ${guessPackets}`);
    assert.deepEqual(guessed.findings, named.findings);
    const partial = guessed.summary.notes.some((n) => n.includes('guessed from the first'));
    assert.equal(partial, guessPackets < guessed.summary.packetsRead, 'a guess from a prefix says so');
  }
});

test('the cloud stage changes no figure of the agent model', (t) => {
  const dir = tempDir(t);
  const path = writeScenario(dir, 'c.pcap', scenario(80));
  const plain = runSimulation({ capture: path, config: { ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: 16 }, devices: [['192.168.1.50']], seed: 9 });
  const withCloud = runSimulation({ capture: path, config: { ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: 16 }, devices: [['192.168.1.50']], seed: 9, detections: detections() });
  assert.deepEqual(withCloud.devices, plain.devices);
  assert.deepEqual(plain.findings, []);
  const codes = withCloud.findings.map((f) => f.code).sort();
  assert.ok(codes.includes('MA430'), 'plaintext MQTT with a global broker');
  assert.ok(codes.includes('MA432'), 'the 16-entry cache overflowed');
});

test('the ground truth reaches the cloud period by period: flows the full cache dropped are findings the agent missed', (t) => {
  const dir = tempDir(t);
  // 30 flows in one cycle against an 8-entry cache: the plaintext MQTT flow starts last and is never recorded.
  const s: Scenario = {
    start: T0,
    device: { ipv4: '192.168.1.50', mac: '02:00:00:00:00:50' },
    flows: [
      ...Array.from({ length: 30 }, (_, i) => ({ protocol: 'udp' as const, peer: `52.2.0.${i + 1}`, port: 443, start: 0.01 * i, packets: 2, interval: 0.01 })),
      { protocol: 'tcp', peer: '198.41.30.241', port: 1883, start: 0.5, packets: 4, interval: 0.1 },
    ],
  };
  const path = writeScenario(dir, 'c.pcap', s);
  const cfg = { ...rtosBaseAgentConfig, maxIpv4ObjectsInCache: 8, firstForceCollectionIntervalSeconds: 10 };
  const r = runSimulation({ capture: path, config: cfg, devices: [['192.168.1.50']], seed: 1, detections: detections() });
  const mqtt = r.findings.find((f) => f.id === 'MA430:192.168.1.50:MQTT');
  assert.ok(mqtt, 'the ground truth shows the plaintext MQTT flow');
  assert.equal(mqtt.agentVisible, false);
  const big = runSimulation({ capture: path, config: { ...cfg, maxIpv4ObjectsInCache: 64 }, devices: [['192.168.1.50']], seed: 1, detections: detections() });
  assert.equal(big.findings.find((f) => f.id === 'MA430:192.168.1.50:MQTT')?.agentVisible, true);
});

// A hand-written script usually names its device in the header; without --device-ip the guess must still see
// the script's packets (they were routed to no device, so nothing was simulated) and keep its events.
for (const named of ['10.1.2.3', 'door-1']) {
  test(`an event script whose header names its device ("${named}") and no device given: the device is guessed from its packets and gets its events`, (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'events.ndjson');
    const packet = (t: number) => JSON.stringify({ t, type: 'packet', src: '10.1.2.3', dst: '20.49.110.5', proto: 'tcp', sport: 50000, dport: 8883, bytes: 200 });
    writeFileSync(path, [
      JSON.stringify({ start: T0, device: named }),
      packet(1),
      JSON.stringify({ t: 30, type: 'directMethod', protocol: 'mqtt', name: 'reboot', count: 2 }),
      packet(90),
    ].join('\n') + '\n');
    const r = runSimulation({ events: path, config: { ...rtosBaseAgentConfig }, devices: [], seed: 1, detections: detections() });
    assert.equal(r.devices.length, 1, r.summary.notes.join('\n'));
    // Named by its address, the script says which device it is: no guess to report.
    assert.equal(r.summary.guessedDeviceIp, named === '10.1.2.3' ? undefined : '10.1.2.3');
    assert.deepEqual(r.devices[0].addresses, ['10.1.2.3']);
    assert.equal(r.devices[0].id, named);
    assert.equal(r.devices[0].cloudEvents.summary.directMethod?.count, 2, 'the direct methods reach the device');
    assert.equal(r.devices[0].truth.packets, 2, 'its packets were simulated');
    assert.ok(!r.summary.notes.some((n) => n.includes('not one of the simulated devices')), r.summary.notes.join('\n'));
  });
}

test('an event script naming one device by name, run with one device given by address: its events go to that device, and a note says so', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'events.ndjson');
  const packet = (t: number) => JSON.stringify({ t, type: 'packet', src: '10.1.2.3', dst: '20.49.110.5', proto: 'tcp', sport: 50000, dport: 8883, bytes: 200 });
  writeFileSync(path, [JSON.stringify({ start: T0, device: 'door-1' }), packet(1), JSON.stringify({ t: 30, type: 'directMethod', protocol: 'mqtt', name: 'reboot' }), packet(90)].join('\n') + '\n');
  const r = runSimulation({ events: path, config: { ...rtosBaseAgentConfig }, devices: [['10.1.2.3']], seed: 1, detections: detections() });
  assert.equal(r.devices.length, 1);
  assert.equal(r.devices[0].id, 'door-1');
  assert.equal(r.devices[0].truth.packets, 2, 'its packets were simulated');
  assert.equal(r.devices[0].cloudEvents.summary.directMethod?.count, 1);
  assert.ok(r.summary.notes.some((n) => n.includes("its events name device 'door-1', the one device simulated (10.1.2.3): they are applied to it")), r.summary.notes.join('\n'));
  // Two devices given: the script's name matches neither, and that is said, not guessed.
  const two = runSimulation({ events: path, config: { ...rtosBaseAgentConfig }, devices: [['10.1.2.3'], ['10.1.2.4']], seed: 1, detections: detections() });
  assert.ok(two.summary.notes.some((n) => n.includes("device 'door-1' is not one of the simulated devices")), two.summary.notes.join('\n'));
});

test('a device none of whose file\'s packets are its own gets a note naming the file and the addresses to check', (t) => {
  const dir = tempDir(t);
  const path = writeScenario(dir, 'w.pcap', {
    start: T0,
    device: { ipv4: '192.168.1.50', mac: '02:00:00:00:00:50' },
    flows: [{ protocol: 'udp', peer: '52.2.0.1', port: 443, start: 0, packets: 3, interval: 0.1 }],
  });
  const wrong = runSimulation({ capture: path, config: { ...rtosBaseAgentConfig }, devices: [['10.9.9.9']], seed: 1 });
  assert.ok(wrong.summary.notes.some((n) => n === `device 10.9.9.9: none of the 3 packets of ${path} is to or from its address (10.9.9.9): check the device's addresses`), wrong.summary.notes.join('\n'));
  const right = runSimulation({ capture: path, config: { ...rtosBaseAgentConfig }, devices: [['192.168.1.50']], seed: 1 });
  assert.ok(!right.summary.notes.some((n) => n.includes('check the device\'s addresses')), right.summary.notes.join('\n'));
});
