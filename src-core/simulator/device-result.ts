// One device's part of the simulation result: the agent's report, the ground truth's totals with the
// first flows listed, and the event script's cloud events.
import type { AgentModel } from '../agent/agent';
import type { AgentReport } from '../agent/agent-report';
import type { TruthFlow } from '../agent/ground-truth';
import { summariseCloudEvents, type DeviceScript } from '../agent/script-input';
import { formatIpv4, formatIpv6 } from '../traffic/ip-address';
import type { DeviceResult, DeviceSpec, TruthFlowView } from './simulation-types';

function flowView(f: TruthFlow): TruthFlowView {
  const fmt = (w: number[]) => (f.ipVersion === 4 ? formatIpv4(w[0]) : formatIpv6(w));
  return { ...f, local: fmt(f.local), remote: fmt(f.remote) };
}

export function deviceResult(
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
