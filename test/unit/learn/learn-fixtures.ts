// Generated traffic and in-process learn/simulate runs for the learn tests. Every capture is written by the
// project's own generator (src-core/traffic); nothing third-party.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PcapWriter } from '../../../src-core/traffic/pcap-writer';
import { generateScenario } from '../../../src-core/traffic/generator';
import type { Scenario, ScenarioFlow } from '../../../src-core/traffic/scenario';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import { detectInputKind } from '../../../src-core/agent/input-kind';
import { learnBaseline, type LearnBaselineInput, type LearnedBaselineResult } from '../../../src-core/learn/learn-baseline';
import { learnedPathFor } from '../../../src-core/learn/learned-profile';
import { writeOutputsAtomically } from '../../../src-core/learn/output-files';
import { loadDetectionInputs } from '../../../src-core/simulator/detection-inputs';
import { runSimulation } from '../../../src-core/simulator/run-simulation';
import type { CloudOptions } from '../../../src-core/cloud/cloud-options';
import type { SimulationResult } from '../../../src-core/simulator/simulation-types';

/** A multiple of 300: PT5M windows (epoch-aligned) start with the capture. */
export const T0 = 1700000100;
export const DEVICE = { ipv4: '192.168.1.50', ipv6: 'fd00::50', mac: '02:00:00:00:00:50' };
export const HUB = '20.49.110.5';

export function writeCapture(dir: string, name: string, flows: ScenarioFlow[], start = T0): string {
  const s: Scenario = { start, device: DEVICE, gatewayMac: '02:00:00:00:00:01', flows };
  const path = join(dir, name);
  const w = new PcapWriter(path);
  generateScenario(s, w);
  w.close();
  return path;
}

/**
 * A device's normal 16 minutes: MQTT/TLS to the hub once a minute (a new connection each time), DNS to the
 * gateway, NTP, a ping, CoAP over IPv6, and in the second five minutes a burst of telemetry uploads, so the
 * full windows hold different counts.
 */
export function normalFlows(): ScenarioFlow[] {
  const flows: ScenarioFlow[] = [];
  for (let m = 0; m < 16; m++) {
    flows.push({ protocol: 'tcp', peer: HUB, port: 8883, localPort: 50000 + m, start: m * 60 + 5, packets: 6, interval: 1 });
    flows.push({ protocol: 'udp', peer: '192.168.1.1', port: 53, localPort: 40000 + m, start: m * 60 + 2, packets: 2, interval: 0.1 });
  }
  flows.push({ protocol: 'udp', peer: '162.159.200.1', port: 123, localPort: 123, start: 30, packets: 2, interval: 0.2 });
  flows.push({ protocol: 'icmp', peer: '192.168.1.1', start: 40, packets: 2, interval: 0.5 });
  flows.push({ protocol: 'udp', peer: '2603:1030:20e:3::23c', port: 5683, localPort: 45000, start: 50, packets: 4, interval: 1 });
  for (let i = 0; i < 5; i++) flows.push({ protocol: 'tcp', peer: `52.169.10.${10 + i}`, port: 443, localPort: 51000 + i, start: 320 + i * 20, packets: 4, interval: 1 });
  return flows;
}

export function learnFrom(file: string, baselinePath: string, extra: Partial<LearnBaselineInput> = {}): LearnedBaselineResult {
  const kind = detectInputKind(file);
  if ('error' in kind) throw new Error(kind.error);
  return learnBaseline({
    file, kind: kind.kind, devices: [[DEVICE.ipv4, DEVICE.ipv6]], config: { ...rtosBaseAgentConfig }, seed: 1, range: {},
    group: 'default', window: { seconds: 300, text: 'PT5M' }, marginPercent: 50, baselinePath, ...extra,
  });
}

/** Learns and writes the baseline and the learned profile beside it. */
export function learnTo(file: string, baselinePath: string, extra: Partial<LearnBaselineInput> = {}): LearnedBaselineResult {
  const r = learnFrom(file, baselinePath, extra);
  writeOutputsAtomically([{ path: baselinePath, text: r.baseline }, { path: learnedPathFor(baselinePath), text: r.learnedProfile }]);
  return r;
}

/** `microagent simulate --capture file --baseline baseline`, in process (seed 1, RTOS_BASE configuration). */
export function simulate(file: string, baseline: string, devices: string[][] = [[DEVICE.ipv4, DEVICE.ipv6]], config: AgentConfig = { ...rtosBaseAgentConfig }, options?: Partial<CloudOptions>): SimulationResult & { notes: string[] } {
  const readText = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const d = loadDetectionInputs({ baseline, feeds: [], config, locator: { locate: () => undefined }, options }, readText);
  if (d.errors.length) throw new Error(d.errors.join('; '));
  const r = runSimulation({ capture: file, config, devices, seed: 1, detections: d.inputs });
  return { ...r, notes: [...d.notes, ...r.detectionNotes] };
}

export const CUSTOM_ALERTS = new Set(['MA410', 'MA411', 'MA412']);
