// The simulator's pipeline, stage by stage: the inputs (traffic files, event scripts, the devices), each
// device's agent fed packet by packet (one per-packet path, one read of every file), the simulated cloud
// that hears what each agent sends and what really happened, and the findings and report at the end.
import { AgentModel } from '../agent/agent';
import { feedConnLog } from '../agent/conn-log-packets';
import { DeviceGuesser, parseDeviceAddresses } from '../agent/device-guess';
import { detectInputKind, type InputKind } from '../agent/input-kind';
import { readScriptInput, type DeviceScript } from '../agent/script-input';
import type { AgentObserver } from '../agent/agent-report';
import type { DeviceAddresses } from '../agent/capture';
import { CloudStage, type DeviceCloud } from '../cloud/cloud-stage';
import { packetFromEvent } from '../traffic/event-script';
import { clonePacket, DecodedPacket } from '../traffic/packet';
import { readTrace } from '../traffic/trace-reader';
import { appendAll } from '../util/append';
import { boundMessage, MESSAGE_MAX } from '../findings/text-safety';
import type { Finding } from '../findings/finding';
import { deviceResult } from './device-result';
import { TruthTotals } from './truth-totals';
import { DnsWatch } from './dns-watch';
import { guessFromScript, onlyScriptDevice } from './script-device';
import type { DeviceSpec, InputSummary, SimulationInput, SimulationResult } from './simulation-types';

export type { DeviceSpec, InputSummary, SimulationInput, SimulationResult, DeviceResult, TruthFlowView } from './simulation-types';
export { parseDeviceAddresses, guessDeviceAddress } from '../agent/device-guess';

const EMPTY_SCRIPT = (): DeviceScript => ({ hubEvents: [], sendEvents: [], packets: [], cloudEvents: [] });
type PacketHandler = (p: DecodedPacket) => boolean | void;

export function runSimulation(input: SimulationInput): SimulationResult {
  const run = new SimulationRun(input);
  run.readInputs();
  run.replayTraffic();
  run.finishDevices();
  return run.report();
}

/** One run of the pipeline; its methods are the stages, called in order by runSimulation. */
class SimulationRun {
  private readonly inputs: InputSummary[] = [];
  private readonly errors: string[] = [];
  private readonly notes: string[] = [];
  private readonly kinds = new Map<string, InputKind | undefined>();
  private readonly shared: string | undefined;
  private readonly cloud: CloudStage | undefined;
  private readonly end: number;
  private specs: DeviceSpec[] = [];
  private ids: string[] = [];
  private scripts: DeviceScript[] = [];
  private agents: AgentModel[] = [];
  private clouds: (DeviceCloud | undefined)[] = [];
  private addresses: DeviceAddresses[] = [];
  /** Each device's traffic file (its own, else the shared one), and the devices each file feeds. */
  private traffic: (string | undefined)[] = [];
  private groups = new Map<string, number[]>();
  /** Set when the device must be guessed from this file as it is read. */
  private guessFrom: string | undefined;
  private guessed: string | undefined;
  // Times in typed arrays: a double in a closure variable would be boxed on every packet.
  private times = new Float64Array(2).fill(NaN);
  private firstTimes = new Float64Array(0);
  private nextScript = new Int32Array(0);
  private enabled = new Uint8Array(0);
  /** Per device: when its agent started, and the last packet time it is fed (the duration's end, `until`). */
  private starts = new Float64Array(0);
  private cuts = new Float64Array(0);
  private readonly scriptPacket = new DecodedPacket();
  private count = 0;
  private skipped = 0;
  private nextProgress: number;
  private dns: DnsWatch | undefined;
  /** Per device: the ground truth's totals, fed by the flows it lets go of and, at the end, by the rest. */
  private totals: TruthTotals[] = [];
  private results: SimulationResult['devices'] = [];

  constructor(private readonly input: SimulationInput) {
    this.shared = input.connLog ?? input.capture;
    this.cloud = input.detections ? new CloudStage(input.detections) : undefined;
    const start = input.startTime;
    this.end = start !== undefined && input.durationSeconds !== undefined ? start + input.durationSeconds : Infinity;
    this.nextProgress = input.progressEvery ?? 200_000;
  }

  private kindOf(file: string): InputKind | undefined {
    if (!this.kinds.has(file)) {
      if (file === this.input.connLog) this.kinds.set(file, 'conn-log');
      else {
        const k = detectInputKind(file);
        if ('error' in k) {
          this.errors.push(k.error);
          this.inputs.push({ file, kind: 'unknown', format: 'unknown', packets: 0, approximate: false, error: k.error, notes: [] });
        }
        this.kinds.set(file, 'error' in k ? undefined : k.kind);
      }
    }
    return this.kinds.get(file);
  }

  // Stage 1: the inputs. Which devices, their scripts, their traffic; a device to guess waits for its file's read.
  readInputs(): void {
    const input = this.input;
    const specs: DeviceSpec[] = input.devices.map((d) => (Array.isArray(d) ? { addresses: d } : d));
    const needGuess = specs.length === 0 || (specs.length === 1 && specs[0].addresses.length === 0);
    const file = specs[0]?.capture ?? this.shared;
    const kind = file ? this.kindOf(file) : undefined;
    const script = [input.events, kind === 'event-script' ? file : undefined].find((f): f is string => !!f);
    if (!needGuess) {
      // One device given by address alone, and a script written for one device by name: the script is about
      // that device (its events are routed by name, and would otherwise all be ignored).
      const name = specs.length === 1 && specs[0].id === undefined && script ? onlyScriptDevice(script) : undefined;
      if (name !== undefined && !specs[0].addresses.includes(name)) {
        this.notes.push(`${script}: its events name device '${name}', the one device simulated (${specs[0].addresses.join(', ')}): they are applied to it`);
        return this.setUpDevices([{ ...specs[0], id: name }]);
      }
      return this.setUpDevices(specs);
    }
    if (file && kind && kind !== 'event-script') {
      this.guessFrom = file;
      this.specs = specs.length ? specs : [{ addresses: [] }];
      return;
    }
    const fromScript = script ? guessFromScript(script) : undefined;
    const address = fromScript?.address;
    // An address the script names is the script's word, not a guess: only a guess is reported as one.
    if (!fromScript?.named) this.guessed = address;
    if (!address) this.notes.push('no device address given and none could be guessed (no unicast traffic): nothing simulated');
    const id = specs[0]?.id ?? fromScript?.id;
    this.setUpDevices(address ? [{ ...specs[0], ...(id !== undefined ? { id } : {}), addresses: [address] }] : []);
  }

  /** Reads the event scripts for the devices, and makes each device's agent and its side of the cloud. */
  private setUpDevices(specs: DeviceSpec[]): void {
    const input = this.input;
    this.specs = specs;
    this.ids = specs.map((s, i) => s.id ?? (s.addresses.length ? s.addresses.join(',') : `device-${i + 1}`));
    this.scripts = specs.map(EMPTY_SCRIPT);
    const named = specs.map((s, i) => ({ id: this.ids[i], addresses: s.addresses }));
    const readScript = (file: string, only?: number) => {
      const r = readScriptInput(file, only === undefined ? named : [named[only]]);
      let packets = 0;
      r.devices.forEach((d, j) => {
        const s = this.scripts[only === undefined ? j : only];
        appendAll(s.hubEvents, d.hubEvents);
        appendAll(s.sendEvents!, d.sendEvents ?? []);
        appendAll(s.packets, d.packets);
        appendAll(s.cloudEvents, d.cloudEvents);
        if (d.firstTime !== undefined) s.firstTime = Math.min(s.firstTime ?? Infinity, d.firstTime);
        if (d.lastTime !== undefined) s.lastTime = Math.max(s.lastTime ?? -Infinity, d.lastTime);
        for (const p of d.packets) packets += p.count;
      });
      if (r.error) this.errors.push(r.error);
      this.inputs.push({ file, kind: 'event-script', format: 'ndjson', packets, records: r.events, approximate: false, error: r.error, notes: r.notes });
    };
    if (input.events) readScript(input.events);
    if (this.shared && this.kindOf(this.shared) === 'event-script') readScript(this.shared);
    specs.forEach((s, i) => {
      if (s.capture && this.kindOf(s.capture) === 'event-script') readScript(s.capture, i);
    });
    for (const s of this.scripts) {
      s.hubEvents.sort((a, b) => a.time - b.time);
      s.sendEvents!.sort((a, b) => a.time - b.time);
      s.packets.sort((a, b) => a.time - b.time);
      s.cloudEvents.sort((a, b) => a.time - b.time);
    }

    this.addresses = specs.map((s) => parseDeviceAddresses(s.addresses));
    this.clouds = specs.map((s, i) => this.cloud?.device({ id: this.ids[i], securityGroup: s.securityGroup ?? 'default', addresses: s.addresses }));
    this.clouds.forEach((c, i) => {
      for (const e of this.scripts[i].cloudEvents) c?.hubEvent(e);
    });
    this.agents = specs.map((s, i) => {
      const hubEvents = [...(input.hubEvents ?? []), ...this.scripts[i].hubEvents];
      const sendEvents = [...(input.sendEvents ?? []), ...(this.scripts[i].sendEvents ?? [])];
      const extra = input.observe?.({ index: i, id: this.ids[i], addresses: s.addresses });
      return new AgentModel(input.config, this.addresses[i], {
        seed: input.seed, hubEvents, sendEvents, hubInitiallyConnected: hubEvents.length ? undefined : input.hubConnected, observer: bothObservers(this.clouds[i], extra),
        keepRecords: input.keepRecords, maxTruthFlows: input.maxTruthFlows,
      });
    });
    this.totals = this.agents.map((a, i) => {
      const totals = new TruthTotals(input.maxFlowsListed ?? 1000);
      const cloud = this.clouds[i];
      a.truth.onRetire((truth, f) => totals.add(truth, f));
      if (cloud) a.truth.onRetire((truth, f) => cloud.truthFlowEnded(truth, f));
      return totals;
    });
    const indicators = input.detections?.indicators;
    if (this.cloud && indicators && indicators.stats.domains > 0) this.dns = new DnsWatch(this.addresses, this.clouds as DeviceCloud[]);

    this.traffic = specs.map((s) => {
      const f = s.capture ?? this.shared;
      const k = f ? this.kindOf(f) : undefined;
      return f && k && k !== 'event-script' ? f : undefined;
    });
    this.groups = new Map();
    this.traffic.forEach((f, i) => f && this.groups.set(f, [...(this.groups.get(f) ?? []), i]));
    const n = specs.length;
    this.times = new Float64Array(2 + n).fill(NaN); // [first, last, per-device last]
    this.firstTimes = new Float64Array(n).fill(NaN);
    this.nextScript = new Int32Array(n);
    this.enabled = new Uint8Array(n).fill(input.startTime !== undefined ? 1 : 0);
    this.starts = new Float64Array(n).fill(NaN);
    this.cuts = new Float64Array(n).fill(this.end);
    if (input.startTime !== undefined) this.agents.forEach((a, i) => (a.enable(input.startTime!), this.started(i, input.startTime!)));
  }

  /** Device i's agent started at `start`: `--until` in seconds counts from there. */
  private started(i: number, start: number): void {
    this.starts[i] = start;
    this.cuts[i] = Math.min(this.end, this.untilOf(i) ?? Infinity);
  }

  /** Where `--until` ends device i's run (epoch seconds), or undefined without it (or before its agent starts). */
  private untilOf(i: number): number | undefined {
    const u = this.input.until;
    if (!u) return undefined;
    if ('time' in u) return u.time;
    return Number.isNaN(this.starts[i]) ? undefined : this.starts[i] + u.seconds;
  }

  private enableAt(i: number, t: number): void {
    const start = Math.min(t, this.scripts[i].firstTime ?? Infinity, this.input.startTime ?? Infinity);
    this.agents[i].enable(start);
    this.started(i, start);
    this.enabled[i] = 1;
    if (Number.isNaN(this.firstTimes[i])) this.firstTimes[i] = Math.min(t, this.scripts[i].firstTime ?? Infinity);
  }

  private noteTime(i: number, t: number): void {
    const times = this.times;
    if (!(times[0] <= t)) times[0] = t;
    if (!(times[1] >= t)) times[1] = t;
    if (!(times[2 + i] >= t)) times[2 + i] = t;
  }

  /** Feeds device i's script packets up to time t (interleaved with its captured ones). */
  private feedScriptUpTo(i: number, t: number): void {
    const list = this.scripts[i].packets;
    const p = this.scriptPacket;
    while (this.nextScript[i] < list.length && list[this.nextScript[i]].time <= t) {
      const ev = list[this.nextScript[i]++];
      // The profile's start and duration (and --until) cut script packets as they cut captured ones.
      if (ev.time > this.cuts[i]) continue;
      if (this.input.startTime !== undefined && ev.time < this.input.startTime) {
        this.skipped += ev.count;
        continue;
      }
      packetFromEvent(ev, p);
      if (!this.enabled[i]) this.enableAt(i, ev.time);
      for (let c = 0; c < ev.count; c++) this.agents[i].onPacket(p);
      this.count += ev.count;
      this.noteTime(i, ev.time);
    }
  }

  // Stage 2: each file read once, every packet through the agents that own it.
  replayTraffic(): void {
    if (this.guessFrom) this.replayGuessing(this.guessFrom);
    for (const [file, members] of this.groups) {
      if (file === this.guessFrom) continue;
      this.record(this.stream(file, this.kindOf(file)!, this.packetHandler(members)));
    }
    if (this.skipped) this.notes.push(`${this.skipped} packets before the start time were skipped`);
  }

  private record(summary: InputSummary): void {
    this.inputs.push(summary);
    if (summary.error) this.errors.push(summary.error);
  }

  /**
   * Reads the one device's file once: packets are kept (copied) while the address in the most flows is
   * counted, until the file ends or `guessPackets` were read; then the device is set up, the kept packets
   * are replayed and the rest of the file goes straight to its agent.
   */
  private replayGuessing(file: string): void {
    const limit = this.input.guessPackets ?? 200_000;
    const guesser = new DeviceGuesser();
    const kept: DecodedPacket[] = [];
    let handler: PacketHandler | undefined;
    let stopped = false;
    const decide = (whole: boolean) => {
      const best = guesser.best();
      this.guessed = best.address;
      if (!best.address) {
        this.notes.push('no device address given and none could be guessed (no unicast traffic): nothing simulated');
        this.setUpDevices([]);
        return undefined;
      }
      if (!whole) this.notes.push(`device address guessed from the first ${kept.length} packets of ${file} (${best.flows} of ${best.total} flows)`);
      this.setUpDevices([{ ...this.specs[0], addresses: [best.address] }]);
      const h = this.packetHandler(this.groups.get(file) ?? []);
      for (const p of kept) if (h(p) === false) return (stopped = true), h;
      kept.length = 0;
      return h;
    };
    const summary = this.stream(file, this.kindOf(file)!, (p) => {
      if (stopped) return false;
      if (handler) return handler(p);
      guesser.observe(p);
      kept.push(clonePacket(p, p.protocol === 17 && (p.srcPort === 53 || p.dstPort === 53)));
      if (kept.length >= limit || guesser.full) {
        handler = decide(false);
        if (!handler || stopped) return false;
      }
    });
    if (!handler && !stopped) decide(true);
    this.record(summary);
  }

  /** The per-packet path for the devices a file feeds. */
  private packetHandler(members: number[]): PacketHandler {
    const start = this.input.startTime;
    const startAt = start ?? -Infinity;
    const end = this.end;
    const cuts = this.cuts;
    const times = this.times;
    const every = this.input.progressEvery ?? 200_000;
    const progress = this.input.onProgress;
    const dns = this.dns;
    if (members.length === 0) return () => false;
    // The common case, one device and no script packets to merge, gets a callback without the loop.
    const i0 = members[0];
    const only = members.length === 1 && this.scripts[i0].packets.length === 0 ? this.agents[i0] : undefined;
    if (only) {
      // The device's own end: the duration's, or --until's once its agent has started.
      let cut = cuts[i0];
      return (p) => {
        const t = p.time;
        if (t > cut) return false;
        if (t < startAt) {
          this.skipped++;
          return;
        }
        if (this.enabled[i0] === 0) {
          this.enableAt(i0, t);
          cut = cuts[i0];
          if (t > cut) return false;
        }
        only.onPacket(p);
        if (dns !== undefined && p.protocol === 17 && (p.srcPort === 53 || p.dstPort === 53)) dns.observe(p, members);
        if (!(times[2 + i0] >= t)) times[2 + i0] = t;
        if (!(times[0] <= t)) times[0] = t;
        if (!(times[1] >= t)) times[1] = t;
        if (++this.count >= this.nextProgress) (this.nextProgress += every), progress?.(this.count);
      };
    }
    return (p) => {
      const t = p.time;
      if (t > end) return false;
      if (start !== undefined && t < start) {
        this.skipped++;
        return;
      }
      for (let m = 0; m < members.length; m++) {
        const i = members[m];
        if (this.nextScript[i] < this.scripts[i].packets.length) this.feedScriptUpTo(i, t);
        if (this.enabled[i] === 0) this.enableAt(i, t);
        if (t > cuts[i]) continue;
        this.agents[i].onPacket(p);
        if (!(times[2 + i] >= t)) times[2 + i] = t;
      }
      if (dns !== undefined && p.protocol === 17 && (p.srcPort === 53 || p.dstPort === 53)) dns.observe(p, members);
      if (!(times[0] <= t)) times[0] = t;
      if (!(times[1] >= t)) times[1] = t;
      if (++this.count >= this.nextProgress) (this.nextProgress += every), progress?.(this.count);
    };
  }

  /** Streams a capture or a conn.log to `onPacket` and describes what was read. */
  private stream(file: string, kind: InputKind, onPacket: PacketHandler): InputSummary {
    if (kind === 'conn-log') {
      const r = feedConnLog(file, onPacket);
      const notes = [...r.notes];
      notes.unshift(`${file}: a conn.log has no packets; each flow's packets and bytes are spread evenly over its duration (approximate)`);
      return { file, kind, format: r.format, packets: r.packets, records: r.flows, approximate: true, error: r.error, notes };
    }
    const r = readTrace(file, onPacket);
    return { file, kind, format: r.format, packets: r.packets, approximate: false, error: r.error?.message, notes: r.notes };
  }

  // Stage 3: every agent runs to the end of its inputs and hands its cloud side its report.
  finishDevices(): void {
    this.results = this.agents.map((a, i) => {
      this.feedScriptUpTo(i, Infinity);
      const s = this.scripts[i];
      if (!this.enabled[i] && s.firstTime !== undefined) this.enableAt(i, s.firstTime);
      // The run goes on to the later of the device's last packet and its last script event, plus one full
      // low-priority interval (AgentModel.finish); or exactly to --until.
      const last = this.times[2 + i];
      const lastT = Math.max(Number.isNaN(last) ? -Infinity : last, Math.min(s.lastTime ?? -Infinity, this.cuts[i]));
      const until = this.enabled[i] ? this.untilOf(i) : undefined;
      const report = a.finish(this.enabled[i] && lastT > -Infinity ? lastT : undefined, until);
      const file = this.traffic[i];
      const first = Number.isNaN(this.firstTimes[i]) ? this.input.startTime ?? lastT : this.firstTimes[i];
      this.clouds[i]?.end(report, a.truth, first, until ?? lastT);
      return deviceResult(a, report, this.specs[i], this.ids[i], file, file ? this.kindOf(file) === 'conn-log' : false, s, this.totals[i]);
    });
    // A device whose traffic file holds none of its packets is almost always a wrong address in the profile
    // or on the command line; an empty result would otherwise read as a quiet device.
    this.results.forEach((d, i) => {
      const file = this.traffic[i];
      const read = file ? this.inputs.find((x) => x.file === file) : undefined;
      if (read && read.packets > 0 && d.truth.packets === 0) {
        this.notes.push(`device ${d.id}: none of the ${read.packets} packets of ${file} is to or from its address${d.addresses.length === 1 ? '' : 'es'} (${d.addresses.join(', ')}): check the device's addresses`);
      }
    });
  }

  // Stage 4: the cloud's findings and the report.
  report(): SimulationResult {
    const cloud = this.cloud?.finish();
    const inputs = this.inputs;
    const sharedSummary = this.shared ? inputs.find((x) => x.file === this.shared) : undefined;
    const formats = new Set(inputs.map((x) => x.format));
    const times = this.times;
    return {
      summary: {
        ...(this.shared ? { capture: this.shared } : {}),
        format: (sharedSummary?.format ?? (formats.size === 1 ? [...formats][0] : 'mixed')) as SimulationResult['summary']['format'],
        packetsRead: inputs.reduce((n, x) => n + x.packets, 0),
        ...(this.errors.length ? { readError: this.errors[0] } : {}),
        errors: this.errors,
        notes: [...this.notes, ...inputs.flatMap((x) => x.notes)],
        seed: this.input.seed,
        ...(this.guessed ? { guessedDeviceIp: this.guessed } : {}),
        firstPacketTime: Number.isNaN(times[0]) ? null : times[0],
        lastPacketTime: Number.isNaN(times[1]) ? null : times[1],
        approximate: this.results.some((d) => d.approximate),
        inputs,
      },
      devices: this.results,
      // Messages quote inputs (feed labels, names): bounded here once for every report and the panel.
      findings: (cloud?.findings ?? []).map(boundFinding),
      detectionNotes: cloud?.notes ?? [],
      ...this.boundedNotes(cloud?.bounded ?? []),
    };
  }

  /** What was summarised to stay bounded (the cloud's notes and the ground truth's folded flows), when anything was. */
  private boundedNotes(cloud: string[]): Pick<SimulationResult, 'bounded'> {
    const truth = this.results.filter((d) => d.truth.flowsFolded).map((d) => `device ${d.id}: the ground truth folded ${d.truth.flowsFolded} flows idle longest into its totals during the run (a 5-tuple that sent again after that counts as a new flow)`);
    const all = [...truth, ...cloud];
    return all.length ? { bounded: all } : {};
  }
}

/** A finding whose title and message are at most about MESSAGE_MAX characters (the same object when they are). */
function boundFinding(f: Finding): Finding {
  if (f.message.length <= MESSAGE_MAX && f.title.length <= MESSAGE_MAX) return f;
  return { ...f, title: boundMessage(f.title), message: boundMessage(f.message) };
}

/** One observer that tells two (either may be absent). */
function bothObservers(a: AgentObserver | undefined, b: AgentObserver | undefined): AgentObserver | undefined {
  if (!a || !b) return a ?? b;
  return {
    ...(a.messageSent || b.messageSent ? { messageSent: (...args) => (a.messageSent?.(...args), b.messageSent?.(...args)) } : {}),
    ...(a.messageDone || b.messageDone ? { messageDone: (...args) => (a.messageDone?.(...args), b.messageDone?.(...args)) } : {}),
    ...(a.truthPeriod || b.truthPeriod ? { truthPeriod: (...args) => (a.truthPeriod?.(...args), b.truthPeriod?.(...args)) } : {}),
  } as AgentObserver;
}
