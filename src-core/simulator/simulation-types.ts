// The simulation's input and result shapes: what `runSimulation` takes, and what `microagent simulate`
// prints as JSON (and the panel shows).
import type { AgentConfig } from '../config/agent-config';
import type { AgentObserver, AgentReport } from '../agent/agent-report';
import type { TruthFlow } from '../agent/ground-truth';
import type { InputKind } from '../agent/input-kind';
import type { CloudEvent, summariseCloudEvents } from '../agent/script-input';
import type { HubEvent, SendEvent } from '../agent/state-machine';
import type { TraceResult } from '../traffic/trace-reader';
import type { CloudInputs } from '../cloud/cloud-stage';
import type { Finding } from '../findings/finding';

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
  /** Sends failing while the hub stays connected, for every device (profile `simulation.sendsFailing`; besides
   *  the event scripts' `sendsFailing` / `sendsRecovered`). */
  sendEvents?: SendEvent[];
  /** `--until`: each device's run ends there, exactly (later packets are not read): an epoch time, or seconds
   *  after the device's agent started (its first packet or script event, or `startTime`). */
  until?: { time: number } | { seconds: number };
  /** The hub connection when no hub event says otherwise (profile `simulation.hubConnected`; default up). */
  hubConnected?: boolean;
  /** Epoch seconds the agents start at (profile `simulation.startTime`); earlier packets are skipped. */
  startTime?: number;
  /** Simulated seconds after the start; later packets are not read. */
  durationSeconds?: number;
  /** The simulated cloud's inputs (feeds, baseline, hub settings...); absent: no findings are made. */
  detections?: CloudInputs;
  /** List each cycle's records in the device's report (`simulate --records`). */
  keepRecords?: boolean;
  /** Another listener per device beside the cloud (the baseline learner), hearing what the agent sends and what really happened. */
  observe?: (device: { index: number; id: string; addresses: string[] }) => AgentObserver | undefined;
  /** Called every `progressEvery` packets. */
  onProgress?: (packets: number) => void;
  progressEvery?: number;
  /** Most flows listed per device in the report (the counts cover them all). */
  maxFlowsListed?: number;
  /** Live flows each device's ground truth holds before it lets go of the idlest half (default 32,768; tests lower it). */
  maxTruthFlows?: number;
  /** Packets read ahead to guess the device when none is named (default 200,000; the guess then holds for the rest). */
  guessPackets?: number;
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

export interface TruthFlowView extends Omit<TruthFlow, 'local' | 'remote'> {
  local: string;
  remote: string;
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
    /** Flows the ground truth let go of during the run to stay bounded (the ones idle longest once it held
     *  32,768), folded into these totals; a 5-tuple that sent again after that counts as a new flow. Absent
     *  when none was. */
    flowsFolded?: number;
  };
  /** Event-script events for the cloud analytics: totals per type, and each event with its time. */
  cloudEvents: { summary: ReturnType<typeof summariseCloudEvents>; events: CloudEvent[] };
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
  /** What the simulated cloud and this project's checks raised, most severe first (empty without detections). */
  findings: Finding[];
  /** What the detections stage had to say about its inputs (rules left out, groups not found). */
  detectionNotes: string[];
  /** What the run summarised to keep its state bounded (findings past a limit, counts estimated, flows and remotes
   *  let go of during the run; docs/detections.md, "Bounded state"); absent when nothing was. The cloud's are
   *  among detectionNotes too; SARIF carries these as notes. */
  bounded?: string[];
}
