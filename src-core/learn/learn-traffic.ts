// Learning a security group's normal behaviour from traffic: one run of the simulator's pipeline over the
// input (the same agent model, seed and configuration `microagent simulate` uses), with a learner beside
// each device's cloud that is itself the cloud's device side (`DeviceCloud`), given a group holding one
// ActiveConnectionsNotInAllowedRange rule with no limit. So the records, their times, the flow keys, the
// window grid and bounds, the "full" windows and the directions are the cloud's own, in both views (what the
// agent sent and the ground truth). What comes out: the per-window distinct-flow counts, the remote
// addresses connected to, and the services seen with every remote address.
import type { InputKind } from '../agent/input-kind';
import { readScriptInput, type DeviceScript } from '../agent/script-input';
import { DeviceCloud, type CloudInputs } from '../cloud/cloud-stage';
import { defaultCloudOptions, type CloudOptions } from '../cloud/cloud-options';
import type { ConfigLocator } from '../cloud/config-locator';
import type { WindowValue } from '../cloud/rule-counters';
import type { CountRule, SecurityGroupRules } from '../cloud/security-groups';
import type { AgentConfig } from '../config/agent-config';
import { runSimulation } from '../simulator/run-simulation';
import type { SimulationResult } from '../simulator/simulation-types';
import { deviceSpan, type RunSpan } from './device-span';
import { scriptFrom } from './script-cut';
import type { LearnRange } from './time-range';
import { collectRemote, collectRemotes, type SeenRemote } from './view-remotes';
import { observeWindows, type ObservedWindows } from './window-thresholds';

export interface LearnTrafficInput {
  file: string;
  kind: InputKind;
  /** One entry per device (its addresses); empty: the one device is guessed, as simulate does. */
  devices: string[][];
  config: AgentConfig;
  locator?: ConfigLocator;
  seed: number;
  range: LearnRange;
  group: string;
  window: { seconds: number; text: string };
  /** The cloud's open choices (window alignment and bounds, outbound); defaults as simulate's. */
  options?: CloudOptions;
}

export interface LearnedDevice {
  id: string;
  addresses: string[];
  /** The span the cloud judges the device's windows over (undefined: no traffic). */
  span?: RunSpan;
  windows: ObservedWindows;
}

export interface LearnedTraffic {
  devices: LearnedDevice[];
  /** All devices and both views together. */
  windows: ObservedWindows;
  /** Every remote address, by text. */
  remotes: Map<string, SeenRemote>;
  simulation: SimulationResult;
}

const NO_PLACE = { file: '', role: 'rule' as const, label: 'learning', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

export function learnTraffic(input: LearnTrafficInput): LearnedTraffic {
  const options = input.options ?? { ...defaultCloudOptions };
  const rule: CountRule = {
    group: input.group, ruleType: 'ActiveConnectionsNotInAllowedRange', list: 'timeWindowRules', index: 0, location: NO_PLACE,
    counter: { kind: 'active-connections' }, min: 0, max: Infinity, windowSeconds: input.window.seconds, windowText: input.window.text,
  };
  const group: SecurityGroupRules = { name: input.group, countRules: [rule], listRules: [] };
  const cloudInputs: CloudInputs = { options, feedFiles: new Map(), credentials: [], config: input.config, where: input.locator ?? { locate: () => undefined } };
  const learners: DeviceCloud[] = [];
  // Every remote of every view: the ones a view lets go of during a long run come here as they go.
  const remotes = new Map<string, SeenRemote>();
  const scripts: DeviceScript[] = [];
  const { start, end } = input.range;
  const script = input.kind === 'event-script';
  // An event script's packet events before --from are not skipped by the pipeline: learn from a copy without them.
  const cut = script && start !== undefined ? scriptFrom(input.file, start) : undefined;
  const file = cut?.path ?? input.file;
  let simulation: SimulationResult;
  try {
    simulation = runSimulation({
      ...(script ? { events: file } : input.kind === 'conn-log' ? { connLog: file } : { capture: file }),
      config: input.config,
      devices: input.devices,
      seed: input.seed,
      // A cut: the agents start at --from (earlier packets skipped), and the file is read up to --to.
      startTime: start,
      durationSeconds: end !== undefined && start !== undefined ? end - start : undefined,
      observe: (d) => {
        const learner = new DeviceCloud({ id: d.id, securityGroup: input.group, addresses: d.addresses }, cloudInputs, group);
        learners[d.index] = learner;
        learner.agentView.activity.onRetire((a) => collectRemote(a, remotes));
        learner.truthView.activity.onRetire((a) => collectRemote(a, remotes));
        if (script) {
          // The device's part of the script, as the pipeline routes it: its times bound the span, and its
          // hub-side events reach the cloud before any record (with first-record alignment they can set the grid).
          const part = readScriptInput(file, [{ id: d.id, addresses: d.addresses }]).devices[0];
          scripts[d.index] = part;
          for (const e of [...part.cloudEvents].sort((x, y) => x.time - y.time)) learner.hubEvent(e);
        }
        return learner;
      },
    });
  } finally {
    cut?.remove();
  }
  if (cut) renameInput(simulation, cut.path, input.file);

  const lists: WindowValue[][] = [];
  const devices: LearnedDevice[] = simulation.devices.map((d, i) => {
    const learner = learners[i];
    const span = deviceSpan({
      kind: input.kind, startTime: start, end: end ?? Infinity,
      firstPacketTime: simulation.summary.firstPacketTime, lastPacketTime: simulation.summary.lastPacketTime, script: scripts[i],
    });
    const finite = Number.isFinite(span.from) && Number.isFinite(span.to);
    const mine: WindowValue[][] = [];
    for (const view of learner ? [learner.agentView, learner.truthView] : []) {
      collectRemotes(view, remotes);
      if (finite) mine.push(...view.counters.finish(span.from, span.to).values());
    }
    lists.push(...mine);
    return { id: d.id, addresses: d.addresses, ...(finite ? { span } : {}), windows: observeWindows(mine) };
  });
  return { devices, windows: observeWindows(lists), remotes, simulation };
}

/** Names the original script wherever the run's summary names the cut copy. */
function renameInput(sim: SimulationResult, from: string, to: string): void {
  const r = (t: string) => t.split(from).join(to);
  const sum = sim.summary;
  if (sum.capture !== undefined) sum.capture = r(sum.capture);
  if (sum.readError !== undefined) sum.readError = r(sum.readError);
  sum.errors = sum.errors.map(r);
  sum.notes = sum.notes.map(r);
  for (const i of sum.inputs) {
    i.file = r(i.file);
    if (i.error !== undefined) i.error = r(i.error);
    i.notes = i.notes.map(r);
  }
  for (const d of sim.devices) for (const e of d.cloudEvents.events) e.file = r(e.file);
}
