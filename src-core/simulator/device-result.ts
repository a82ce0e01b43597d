// One device's part of the simulation result: the agent's report, the ground truth's totals with the
// first flows listed, and the event script's cloud events.
import type { AgentModel } from '../agent/agent';
import type { AgentReport } from '../agent/agent-report';
import { summariseCloudEvents, type DeviceScript } from '../agent/script-input';
import type { DeviceResult, DeviceSpec } from './simulation-types';
import type { TruthTotals } from './truth-totals';

/** `totals` already holds the flows the ground truth let go of during the run; the live ones are added here. */
export function deviceResult(
  a: AgentModel, report: AgentReport, spec: DeviceSpec, id: string, traffic: string | undefined, approximate: boolean, s: DeviceScript, totals: TruthTotals,
): DeviceResult {
  for (let f = 0; f < a.truth.liveFlowCount; f++) totals.add(a.truth, f);
  const listed = totals.flowsListed();
  const folded = a.truth.retiredFlowCount;
  return {
    id,
    securityGroup: spec.securityGroup ?? 'default',
    addresses: spec.addresses,
    ...(traffic ? { traffic } : {}),
    approximate,
    agent: report,
    truth: {
      flows: a.truth.flowCount, packets: totals.packets, bytes: totals.bytes, flowsPartlyMissed: totals.flowsPartlyMissed, flowsNeverRecorded: totals.flowsNeverRecorded,
      flowsListed: listed, flowsNotListed: Math.max(0, a.truth.flowCount - listed.length),
      ...(folded ? { flowsFolded: folded } : {}),
    },
    cloudEvents: { summary: summariseCloudEvents(s.cloudEvents), events: s.cloudEvents },
  };
}
