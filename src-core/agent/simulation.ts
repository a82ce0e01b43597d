// Runs one agent model per device over the simulation's inputs: captures (pcap, pcapng), Zeek conn.logs
// (synthetic packets, approximate) and NDJSON event scripts (hub state, hand-written packets, cloud
// events), and gathers each device's report with the ground truth beside it.
import type { AgentConfig } from '../config/agent-config';
import { formatIpv4, formatIpv6 } from '../traffic/ip-address';
import { packetFromEvent } from '../traffic/event-script';
import { DecodedPacket } from '../traffic/packet';
import { readTrace, type TraceResult } from '../traffic/trace-reader';
import { AgentModel, type AgentReport } from './agent';
import { feedConnLog } from './conn-log-packets';
import { guessDeviceAddress, parseDeviceAddresses, type PacketFeeder } from './device-guess';
import type { TruthFlow } from './ground-truth';
import { detectInputKind, type InputKind } from './input-kind';
import { readScriptInput, summariseCloudEvents, type CloudEvent, type DeviceScript } from './script-input';
import type { HubEvent } from './state-machine';
import { appendAll } from '../util/append';

export { parseDeviceAddresses, guessDeviceAddress } from './device-guess';

/** A device to simulate. `capture` replaces the shared traffic for this device. */
export interface DeviceSpec {
  id?: string;
  addresses: string[];
  securityGroup?: string;
  capture?: string;
}

export interface SimulationInput {
  /** Traffic for every device without its own: pcap, pcapng, conn.log or event script, told by content. */
  capture?: string;
  /** A Zeek conn.log, whatever its first lines look like (replaces `capture` as the shared traffic). */
  connLog?: string;
  /** An NDJSON event script for all devices (events name theirs with `device`). */
  events?: string;
  config: AgentConfig;
  /** One entry per device: its addresses as text, or a full spec. Empty: guess one device. */
  devices: (string[] | DeviceSpec)[];
  seed: number;
  /** Hub connection changes for every device (besides those of event scripts). */
  hubEvents?: HubEvent[];
  /** The hub connection when no hub event says otherwise (profile `simulation.hubConnected`; default up). */
  hubConnected?: boolean;
  /** Epoch seconds the agents start at (profile `simulation.startTime`); earlier packets are skipped. */
  startTime?: number;
  /** Simulated seconds after the start; later packets are not read. */
  durationSeconds?: number;
  /** Called every `progressEvery` packets. */
  onProgress?: (packets: number) => void;
  progressEvery?: number;
  /** Most flows listed per device in the report (the counts cover them all). */
  maxFlowsListed?: number;
}

export interface InputSummary {
  file: string;
  kind: InputKind | 'unknown';
  format: string;
  /** Packets read (synthetic ones for a conn.log; packet events, with their count, for a script). */
  packets: number;
  /** conn.log: flows in the log; script: events. */
  records?: number;
  /** True for a conn.log: the packets are synthesised from flow totals. */
  approximate: boolean;
  error?: string;
  notes: string[];
}

export interface DeviceResult {
  id: string;
  securityGroup: string;
  addresses: string[];
  /** The traffic file this device's packets came from (besides script packets). */
  traffic?: string;
  /** Its traffic came from a conn.log: packet times and sizes are spread from flow totals. */
  approximate: boolean;
  agent: AgentReport;
  truth: {
    flows: number;
    packets: number;
    bytes: number;
    /** Flows with at least one packet the agent did not record. */
    flowsPartlyMissed: number;
    /** Flows the agent recorded no packet of. */
    flowsNeverRecorded: number;
    flowsListed: TruthFlowView[];
    flowsNotListed: number;
  };
  /** Event-script events for the cloud analytics: totals per type, and each event with its time. */
  cloudEvents: { summary: ReturnType<typeof summariseCloudEvents>; events: CloudEvent[] };
}

export interface TruthFlowView extends Omit<TruthFlow, 'local' | 'remote'> {
  local: string;
  remote: string;
}

export interface SimulationResult {
  summary: {
    /** The shared traffic file, when there is one. */
    capture?: string;
    format: TraceResult['format'] | 'zeek-tsv' | 'zeek-json' | 'event-script' | 'mixed';
    packetsRead: number;
    /** The first input problem (kept for one-capture callers); `errors` has them all. */
    readError?: string;
    errors: string[];
    notes: string[];
    seed: number;
    guessedDeviceIp?: string;
    firstPacketTime: number | null;
    lastPacketTime: number | null;
    /** Some device's traffic was synthesised from conn.log flows. */
    approximate: boolean;
    inputs: InputSummary[];
  };
  devices: DeviceResult[];
}

const EMPTY_SCRIPT = (): DeviceScript => ({ hubEvents: [], packets: [], cloudEvents: [] });

export function runSimulation(input: SimulationInput): SimulationResult {
  const inputs: InputSummary[] = [];
  const errors: string[] = [];
  const notes: string[] = [];
  const kinds = new Map<string, InputKind | undefined>();
  const kindOf = (file: string): InputKind | undefined => {
    if (!kinds.has(file)) {
      if (file === input.connLog) kinds.set(file, 'conn-log');
      else {
        const k = detectInputKind(file);
        if ('error' in k) {
          errors.push(k.error);
          inputs.push({ file, kind: 'unknown', format: 'unknown', packets: 0, approximate: false, error: k.error, notes: [] });
        }
        kinds.set(file, 'error' in k ? undefined : k.kind);
      }
    }
    return kinds.get(file);
  };
  const shared = input.connLog ?? input.capture;
  let specs: DeviceSpec[] = input.devices.map((d) => (Array.isArray(d) ? { addresses: d } : d));

  // No device named (or one without addresses): the address in the most flows of its traffic.
  let guessed: string | undefined;
  if (specs.length === 0 || (specs.length === 1 && specs[0].addresses.length === 0)) {
    const file = specs[0]?.capture ?? shared;
    const kind = file ? kindOf(file) : undefined;
    if (file && kind && kind !== 'event-script') guessed = guessDeviceAddress((cb) => void streamTraffic(file, kind, cb));
    else {
      const script = [input.events, kind === 'event-script' ? file : undefined].find((f): f is string => !!f);
      if (script) guessed = guessDeviceAddress(scriptFeeder(readScriptInput(script, [{ id: '', addresses: [] }]).devices[0]));
    }
    specs = guessed ? [{ ...specs[0], addresses: [guessed] }] : [];
    if (!guessed) notes.push('no device address given and none could be guessed (no unicast traffic): nothing simulated');
  }
  const ids = specs.map((s, i) => s.id ?? (s.addresses.length ? s.addresses.join(',') : `device-${i + 1}`));
  const named = specs.map((s, i) => ({ id: ids[i], addresses: s.addresses }));

  // Event scripts: the shared one(s) for every device, a device's own for it alone.
  const scripts: DeviceScript[] = specs.map(EMPTY_SCRIPT);
  const readScript = (file: string, only?: number) => {
    const r = readScriptInput(file, only === undefined ? named : [named[only]]);
    let packets = 0;
    r.devices.forEach((d, j) => {
      const s = scripts[only === undefined ? j : only];
      appendAll(s.hubEvents, d.hubEvents);
      appendAll(s.packets, d.packets);
      appendAll(s.cloudEvents, d.cloudEvents);
      if (d.firstTime !== undefined) s.firstTime = Math.min(s.firstTime ?? Infinity, d.firstTime);
      if (d.lastTime !== undefined) s.lastTime = Math.max(s.lastTime ?? -Infinity, d.lastTime);
      for (const p of d.packets) packets += p.count;
    });
    if (r.error) errors.push(r.error);
    inputs.push({ file, kind: 'event-script', format: 'ndjson', packets, records: r.events, approximate: false, error: r.error, notes: r.notes });
  };
  if (input.events) readScript(input.events);
  if (shared && kindOf(shared) === 'event-script') readScript(shared);
  specs.forEach((s, i) => {
    if (s.capture && kindOf(s.capture) === 'event-script') readScript(s.capture, i);
  });
  for (const s of scripts) {
    s.hubEvents.sort((a, b) => a.time - b.time);
    s.packets.sort((a, b) => a.time - b.time);
    s.cloudEvents.sort((a, b) => a.time - b.time);
  }

  const agents = specs.map((s, i) => {
    const hubEvents = [...(input.hubEvents ?? []), ...scripts[i].hubEvents];
    return new AgentModel(input.config, parseDeviceAddresses(s.addresses), {
      seed: input.seed, hubEvents, hubInitiallyConnected: hubEvents.length ? undefined : input.hubConnected,
    });
  });

  // Each device's traffic file (its own, else the shared one), grouped so a file is read once.
  const traffic = specs.map((s) => {
    const f = s.capture ?? shared;
    const k = f ? kindOf(f) : undefined;
    return f && k && k !== 'event-script' ? f : undefined;
  });
  const groups = new Map<string, number[]>();
  traffic.forEach((f, i) => f && groups.set(f, [...(groups.get(f) ?? []), i]));

  const start = input.startTime;
  const end = start !== undefined && input.durationSeconds !== undefined ? start + input.durationSeconds : Infinity;
  // Times in typed arrays: a double in a closure variable would be boxed on every packet.
  const times = new Float64Array(2 + agents.length).fill(NaN); // [first, last, per-agent last]
  const nextScript = new Int32Array(agents.length);
  const scriptPacket = new DecodedPacket();
  let count = 0;
  let skipped = 0;
  const every = input.progressEvery ?? 200_000;
  const enableAt = (i: number, t: number) => agents[i].enable(Math.min(t, scripts[i].firstTime ?? Infinity, start ?? Infinity));
  if (start !== undefined) agents.forEach((a) => a.enable(start));
  const feedScriptUpTo = (i: number, t: number) => {
    const list = scripts[i].packets;
    while (nextScript[i] < list.length && list[nextScript[i]].time <= t) {
      const ev = list[nextScript[i]++];
      if (ev.time > end) continue;
      packetFromEvent(ev, scriptPacket);
      if (!agentEnabled[i]) (enableAt(i, ev.time), (agentEnabled[i] = 1));
      for (let c = 0; c < ev.count; c++) agents[i].onPacket(scriptPacket);
      count += ev.count;
      noteTime(i, ev.time);
    }
  };
  const agentEnabled = new Uint8Array(agents.length).fill(start !== undefined ? 1 : 0);
  const noteTime = (i: number, t: number) => {
    if (!(times[0] <= t)) times[0] = t;
    if (!(times[1] >= t)) times[1] = t;
    if (!(times[2 + i] >= t)) times[2 + i] = t;
  };

  const progress = input.onProgress;
  let nextProgress = every;
  for (const [file, members] of groups) {
    const kind = kindOf(file)!;
    // The common case, one device and no script packets to merge, gets a callback without the loop.
    const i0 = members[0];
    const only = members.length === 1 && scripts[i0].packets.length === 0 ? agents[i0] : undefined;
    const startAt = start ?? -Infinity;
    const single = (p: DecodedPacket): boolean | void => {
      const t = p.time;
      if (t > end) return false;
      if (t < startAt) {
        skipped++;
        return;
      }
      if (agentEnabled[i0] === 0) (enableAt(i0, t), (agentEnabled[i0] = 1));
      only!.onPacket(p);
      if (!(times[2 + i0] >= t)) times[2 + i0] = t;
      if (!(times[0] <= t)) times[0] = t;
      times[1] = t;
      if (++count >= nextProgress) (nextProgress += every), progress?.(count);
    };
    const summary = streamTraffic(file, kind, only ? single : (p) => {
      const t = p.time;
      if (t > end) return false;
      if (start !== undefined && t < start) {
        skipped++;
        return;
      }
      for (let m = 0; m < members.length; m++) {
        const i = members[m];
        if (nextScript[i] < scripts[i].packets.length) feedScriptUpTo(i, t);
        if (agentEnabled[i] === 0) (enableAt(i, t), (agentEnabled[i] = 1));
        agents[i].onPacket(p);
        if (!(times[2 + i] >= t)) times[2 + i] = t;
      }
      if (!(times[0] <= t)) times[0] = t;
      times[1] = t;
      if (++count >= nextProgress) (nextProgress += every), progress?.(count);
    });
    inputs.push(summary);
    if (summary.error) errors.push(summary.error);
  }
  if (skipped) notes.push(`${skipped} packets before the start time were skipped`);

  const maxListed = input.maxFlowsListed ?? 1000;
  const devices: DeviceResult[] = agents.map((a, i) => {
    feedScriptUpTo(i, Infinity);
    const s = scripts[i];
    if (!agentEnabled[i] && s.firstTime !== undefined) (enableAt(i, s.firstTime), (agentEnabled[i] = 1));
    // The run goes on to the device's last packet or script event, then to the next collection.
    const lastT = Math.max(Number.isNaN(times[2 + i]) ? -Infinity : times[2 + i], Math.min(s.lastTime ?? -Infinity, end));
    const report = a.finish(agentEnabled[i] && lastT > -Infinity ? lastT : undefined);
    return deviceResult(a, report, specs[i], ids[i], traffic[i], traffic[i] ? kindOf(traffic[i]!) === 'conn-log' : false, s, maxListed);
  });
  const sharedSummary = shared ? inputs.find((x) => x.file === shared) : undefined;
  const formats = new Set(inputs.map((x) => x.format));
  return {
    summary: {
      ...(shared ? { capture: shared } : {}),
      format: (sharedSummary?.format ?? (formats.size === 1 ? [...formats][0] : 'mixed')) as SimulationResult['summary']['format'],
      packetsRead: inputs.reduce((n, x) => n + x.packets, 0),
      ...(errors.length ? { readError: errors[0] } : {}),
      errors,
      notes: [...notes, ...inputs.flatMap((x) => x.notes)],
      seed: input.seed,
      ...(guessed ? { guessedDeviceIp: guessed } : {}),
      firstPacketTime: Number.isNaN(times[0]) ? null : times[0],
      lastPacketTime: Number.isNaN(times[1]) ? null : times[1],
      approximate: devices.some((d) => d.approximate),
      inputs,
    },
    devices,
  };
}

/** Streams a capture or a conn.log to `onPacket` and describes what was read. */
function streamTraffic(file: string, kind: InputKind, onPacket: (p: DecodedPacket) => void | boolean): InputSummary {
  if (kind === 'conn-log') {
    const r = feedConnLog(file, onPacket);
    const notes = [...r.notes];
    notes.unshift(`${file}: a conn.log has no packets; each flow's packets and bytes are spread evenly over its duration (approximate)`);
    return { file, kind, format: r.format, packets: r.packets, records: r.flows, approximate: true, error: r.error, notes };
  }
  const r = readTrace(file, onPacket);
  return { file, kind, format: r.format, packets: r.packets, approximate: false, error: r.error?.message, notes: r.notes };
}

function scriptFeeder(s: DeviceScript): PacketFeeder {
  return (cb) => {
    const p = new DecodedPacket();
    for (const ev of s.packets) if (packetFromEvent(ev, p) && cb(p) === false) return;
  };
}

function flowView(f: TruthFlow): TruthFlowView {
  const fmt = (w: number[]) => (f.ipVersion === 4 ? formatIpv4(w[0]) : formatIpv6(w));
  return { ...f, local: fmt(f.local), remote: fmt(f.remote) };
}

function deviceResult(
  a: AgentModel, report: AgentReport, spec: DeviceSpec, id: string, traffic: string | undefined, approximate: boolean, s: DeviceScript, maxListed: number,
): DeviceResult {
  let packets = 0, bytes = 0, partly = 0, never = 0;
  const listed: TruthFlowView[] = [];
  for (const f of a.truth.flows()) {
    packets += f.packetsIn + f.packetsOut;
    bytes += f.bytesIn + f.bytesOut;
    if (f.agentPackets === 0) never++;
    else if (f.agentPackets < f.packetsIn + f.packetsOut) partly++;
    if (listed.length < maxListed) listed.push(flowView(f));
  }
  return {
    id,
    securityGroup: spec.securityGroup ?? 'default',
    addresses: spec.addresses,
    ...(traffic ? { traffic } : {}),
    approximate,
    agent: report,
    truth: {
      flows: a.truth.flowCount, packets, bytes, flowsPartlyMissed: partly, flowsNeverRecorded: never,
      flowsListed: listed, flowsNotListed: Math.max(0, a.truth.flowCount - listed.length),
    },
    cloudEvents: { summary: summariseCloudEvents(s.cloudEvents), events: s.cloudEvents },
  };
}
