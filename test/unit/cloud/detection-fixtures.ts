// Inputs for the detection tests, all generated here into a temp folder: captures from scenarios, event
// scripts, baselines, feeds, profiles and hub files; `detect` runs the simulator with the simulated cloud
// the way `microagent simulate` wires it (loadDetectionInputs), and returns the findings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation, type DeviceSpec, type SimulationResult } from '../../../src-core/simulator/run-simulation';
import { loadDetectionInputs } from '../../../src-core/simulator/detection-inputs';
import { readProfile } from '../../../src-core/baseline/profile-model';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import type { CloudOptions } from '../../../src-core/cloud/cloud-options';
import type { CloudLimits } from '../../../src-core/cloud/cloud-limits';
import type { ConfigLocator } from '../../../src-core/cloud/config-locator';
import type { IndicatorSet } from '../../../src-core/intel/indicator-set';
import type { Finding } from '../../../src-core/findings/finding';
import type { Range } from '../../../src-core/language/types';
import type { Scenario, ScenarioFlow } from '../../../src-core/traffic/scenario';
import { T0 } from '../agent/fixtures';
import { writeScenario } from '../agent/capture-fixtures';

export { T0, tempDir, file } from '../agent/fixtures';
export { writeScenario } from '../agent/capture-fixtures';

export const DEVICE = { ipv4: '192.168.1.50', ipv6: 'fd00::50', mac: '02:00:00:00:00:50' };
export const DEVICE_ADDRESSES = [DEVICE.ipv4, DEVICE.ipv6];
export const DEVICE_ID = 'dev-1';
export const GROUP = 'sensors';

/** RTOS_BASE with the first collection 10 s after the first frame: collections at T0+10, T0+20, ... */
export const cfg = (over: Partial<AgentConfig> = {}): AgentConfig => ({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, ...over });

export const scenario = (flows: ScenarioFlow[], start = T0): Scenario => ({ start, device: DEVICE, gatewayMac: '02:00:00:00:00:01', flows });

/** A short UDP exchange (device -> peer, one answer) at `start` seconds: recorded in the period that holds it. */
export const udp = (peer: string, start: number, port = 5000, extra: Partial<ScenarioFlow> = {}): ScenarioFlow =>
  ({ protocol: 'udp', peer, port, start, packets: 2, size: 48, interval: 0.01, ...extra });

export interface DetectOptions {
  /** Flows of a capture written for the test (the device is DEVICE). */
  flows?: ScenarioFlow[];
  capture?: string;
  events?: string;
  devices?: DeviceSpec[];
  config?: AgentConfig;
  locator?: ConfigLocator;
  /** A baseline object (written as JSON) or its text. */
  baseline?: unknown;
  /** Feed file name -> text. */
  feeds?: Record<string, string>;
  /** Replaces the feeds' indicator set (to test the cloud's own guards apart from the feed reader's). */
  indicators?: IndicatorSet;
  /** A simulation profile (written as microagent.json): hub, credentials, simulation options. */
  profile?: Record<string, unknown>;
  /** A --hub file: an object (written as JSON) or its text. */
  hubFile?: unknown;
  options?: Partial<CloudOptions>;
  hubConnected?: boolean;
  /** The cloud's state limits (lowered to make a small test go past them). */
  limits?: Partial<CloudLimits>;
  /** Live flows the ground truth holds (lowered likewise). */
  maxTruthFlows?: number;
}

export interface Detected {
  result: SimulationResult;
  findings: Finding[];
  notes: string[];
  errors: string[];
  paths: { baseline?: string; feeds: Record<string, string>; profile?: string; hub?: string; capture?: string };
}

const json = (v: unknown) => (typeof v === 'string' ? v : `${JSON.stringify(v, null, 2)}\n`);

let captures = 0;

export function detect(dir: string, o: DetectOptions): Detected {
  const paths: Detected['paths'] = { feeds: {} };
  let capture = o.capture;
  if (o.flows) capture = paths.capture = writeScenario(dir, `traffic-${++captures}.pcap`, scenario(o.flows));
  if (o.baseline !== undefined) writeFileSync((paths.baseline = join(dir, 'groups.baseline.json')), json(o.baseline));
  for (const [name, text] of Object.entries(o.feeds ?? {})) writeFileSync((paths.feeds[name] = join(dir, name)), text);
  if (o.profile) writeFileSync((paths.profile = join(dir, 'microagent.json')), json(o.profile));
  if (o.hubFile !== undefined) writeFileSync((paths.hub = join(dir, 'hub.json')), json(o.hubFile));
  const config = o.config ?? cfg();
  const profileText = paths.profile ? readFileSync(paths.profile, 'utf8') : undefined;
  const loaded = loadDetectionInputs({
    profile: paths.profile && profileText !== undefined ? { model: readProfile(paths.profile, profileText), text: profileText } : undefined,
    baseline: paths.baseline,
    feeds: Object.values(paths.feeds).map((path) => ({ path, format: 'auto' as const })),
    hubFile: paths.hub,
    config,
    locator: o.locator ?? { locate: () => undefined },
    options: o.options,
  }, (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  });
  if (o.indicators) loaded.inputs.indicators = o.indicators;
  if (o.limits) loaded.inputs.limits = o.limits;
  const result = runSimulation({
    capture, events: o.events, config, seed: 1, hubConnected: o.hubConnected, maxTruthFlows: o.maxTruthFlows,
    devices: o.devices ?? [{ id: DEVICE_ID, securityGroup: GROUP, addresses: DEVICE_ADDRESSES }],
    detections: loaded.inputs,
  });
  return { result, findings: result.findings, notes: [...loaded.notes, ...result.detectionNotes], errors: [...loaded.errors, ...result.summary.errors], paths };
}

export const withCode = (fs: readonly Finding[], code: string): Finding[] => fs.filter((f) => f.code === code);

/** One finding of `code`, failing with every finding's id when there is not exactly one. */
export function one(fs: readonly Finding[], code: string, pred: (f: Finding) => boolean = () => true): Finding {
  const hit = fs.filter((f) => f.code === code && pred(f));
  if (hit.length !== 1) throw new Error(`expected one ${code}, got ${hit.length}: ${fs.map((f) => f.id).join(', ')}`);
  return hit[0];
}

/** The findings' ids, sorted (for exact comparisons). */
export const ids = (fs: readonly Finding[], code?: string): string[] => fs.filter((f) => !code || f.code === code).map((f) => f.id).sort();

/** Applies a finding's edit (LSP-style zero-based line/character range) to a text. */
export function applyEdit(text: string, range: Range, newText: string): string {
  const offset = (line: number, character: number) => {
    let at = 0;
    for (let l = 0; l < line; l++) {
      const nl = text.indexOf('\n', at);
      if (nl < 0) throw new Error(`line ${line} is past the end of the text`);
      at = nl + 1;
    }
    return at + character;
  };
  const start = offset(range.start.line, range.start.character);
  const end = offset(range.end.line, range.end.character);
  return text.slice(0, start) + newText + text.slice(end);
}

/** The 0-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in the text`);
  return text.slice(0, i).split('\n').length - 1;
}

/** One security group `GROUP` holding the given rule lists. */
export const group = (rules: { timeWindowRules?: object[]; thresholdRules?: object[]; allowlistRules?: object[]; denylistRules?: object[] }) =>
  ({ securityGroups: { [GROUP]: { timeWindowRules: [], thresholdRules: [], allowlistRules: [], denylistRules: [], ...rules } } });
