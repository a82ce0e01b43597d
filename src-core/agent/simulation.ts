// Runs agent models over a capture: guesses the device when none is named, streams the packets to one
// model per device, and gathers their reports with the ground truth beside them.
import type { AgentConfig } from '../config/agent-config';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6, ipv6BytesToWords } from '../traffic/ip-address';
import type { DecodedPacket } from '../traffic/packet';
import { readTrace, type TraceResult } from '../traffic/trace-reader';
import { AgentModel, type AgentReport } from './agent';
import type { DeviceAddresses } from './capture';
import type { HubEvent } from './state-machine';
import type { TruthFlow } from './ground-truth';

export interface SimulationInput {
  capture: string;
  config: AgentConfig;
  /** One entry per device; each entry lists that device's addresses as text. Empty: guess one device. */
  devices: string[][];
  seed: number;
  hubEvents?: HubEvent[];
  /** Called every `progressEvery` packets. */
  onProgress?: (packets: number) => void;
  progressEvery?: number;
  /** Most flows listed per device in the report (the counts cover them all). */
  maxFlowsListed?: number;
}

export interface DeviceResult {
  addresses: string[];
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
}

export interface TruthFlowView extends Omit<TruthFlow, 'local' | 'remote'> {
  local: string;
  remote: string;
}

export interface SimulationResult {
  summary: {
    capture: string;
    format: TraceResult['format'];
    packetsRead: number;
    readError?: string;
    notes: string[];
    seed: number;
    guessedDeviceIp?: string;
    firstPacketTime: number | null;
    lastPacketTime: number | null;
  };
  devices: DeviceResult[];
}

export function parseDeviceAddresses(texts: string[]): DeviceAddresses {
  const out: DeviceAddresses = { ipv4: [], ipv6: [] };
  for (const t of texts) {
    const v4 = parseIpv4(t);
    if (v4 !== undefined) {
      out.ipv4.push(v4);
      continue;
    }
    const v6 = parseIpv6(t);
    if (v6 === undefined) throw new Error(`'${t}' is not an IPv4 or IPv6 address`);
    out.ipv6.push(ipv6BytesToWords(v6));
  }
  return out;
}

const isUnicast4 = (a: number) => a !== 0 && a !== 0xffffffff && a >>> 28 !== 14;

/** The address that takes part in the most distinct flows (unicast only); ties go to the first seen. */
export function guessDeviceAddress(capture: string): string | undefined {
  const flows = new Set<string>();
  const counts = new Map<string, number>();
  const bump = (a: string) => counts.set(a, (counts.get(a) ?? 0) + 1);
  readTrace(capture, (p) => {
    if (flows.size > 2_000_000) return false;
    let a: string, b: string;
    if (p.ipVersion === 4) {
      a = formatIpv4(p.src4);
      b = formatIpv4(p.dst4);
      const key = `${a}|${b}|${p.protocol}|${p.srcPort}|${p.dstPort}`;
      const rev = `${b}|${a}|${p.protocol}|${p.dstPort}|${p.srcPort}`;
      if (flows.has(key) || flows.has(rev)) return;
      flows.add(key);
      if (isUnicast4(p.src4)) bump(a);
      if (isUnicast4(p.dst4)) bump(b);
    } else if (p.ipVersion === 6) {
      a = formatIpv6(p.src6);
      b = formatIpv6(p.dst6);
      const key = `${a}|${b}|${p.protocol}|${p.srcPort}|${p.dstPort}`;
      const rev = `${b}|${a}|${p.protocol}|${p.dstPort}|${p.srcPort}`;
      if (flows.has(key) || flows.has(rev)) return;
      flows.add(key);
      if (p.src6[0] >>> 24 !== 0xff) bump(a);
      if (p.dst6[0] >>> 24 !== 0xff) bump(b);
    }
  });
  let best: string | undefined;
  let bestCount = 0;
  for (const [a, c] of counts) if (c > bestCount) (best = a), (bestCount = c);
  return best;
}

function flowView(f: TruthFlow): TruthFlowView {
  const fmt = (w: number[]) => (f.ipVersion === 4 ? formatIpv4(w[0]) : formatIpv6(w));
  return { ...f, local: fmt(f.local), remote: fmt(f.remote) };
}

export function runSimulation(input: SimulationInput): SimulationResult {
  let deviceTexts = input.devices;
  let guessed: string | undefined;
  if (deviceTexts.length === 0) {
    guessed = guessDeviceAddress(input.capture);
    deviceTexts = guessed ? [[guessed]] : [];
  }
  const agents = deviceTexts.map(
    (texts) => new AgentModel(input.config, parseDeviceAddresses(texts), { seed: input.seed, hubEvents: input.hubEvents }),
  );
  let first: number | null = null;
  let last: number | null = null;
  let count = 0;
  const every = input.progressEvery ?? 200_000;
  const trace = readTrace(input.capture, (p: DecodedPacket) => {
    if (first === null) {
      first = p.time;
      // The agent is enabled at the capture's first frame, whatever it is (reference §3.12 convention).
      for (const a of agents) a.enable(p.time);
    }
    last = p.time;
    for (const a of agents) a.onPacket(p);
    if (++count % every === 0) input.onProgress?.(count);
  });
  const maxListed = input.maxFlowsListed ?? 1000;
  const devices: DeviceResult[] = agents.map((a, i) => {
    const report = a.finish(last === null ? undefined : last);
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
      addresses: deviceTexts[i],
      agent: report,
      truth: {
        flows: a.truth.flowCount, packets, bytes, flowsPartlyMissed: partly, flowsNeverRecorded: never,
        flowsListed: listed, flowsNotListed: Math.max(0, a.truth.flowCount - listed.length),
      },
    };
  });
  return {
    summary: {
      capture: input.capture,
      format: trace.format,
      packetsRead: trace.packets,
      ...(trace.error ? { readError: trace.error.message } : {}),
      notes: trace.notes,
      seed: input.seed,
      ...(guessed ? { guessedDeviceIp: guessed } : {}),
      firstPacketTime: first,
      lastPacketTime: last,
    },
    devices,
  };
}
