// One device's ground-truth totals for the report, folded flow by flow: the flows the ground truth let go of
// during the run (as they go) and the ones it still holds at the end, so the totals cover every flow while
// the table stays bounded. The first `maxListed` flows (in the order they were first seen) are listed.
import type { GroundTruth, TruthFlow } from '../agent/ground-truth';
import { formatIpv4, formatIpv6 } from '../traffic/ip-address';
import type { TruthFlowView } from './simulation-types';

export function truthFlowView(f: TruthFlow): TruthFlowView {
  const fmt = (w: number[]) => (f.ipVersion === 4 ? formatIpv4(w[0]) : formatIpv6(w));
  return { ...f, local: fmt(f.local), remote: fmt(f.remote) };
}

export class TruthTotals {
  packets = 0;
  bytes = 0;
  flowsPartlyMissed = 0;
  flowsNeverRecorded = 0;
  private readonly listed: { serial: number; view: TruthFlowView }[] = [];

  constructor(private readonly maxListed: number) {}

  /** Adds live flow f of `truth` (read through its accessors: no object a flow). */
  add(truth: GroundTruth, f: number): void {
    const packets = truth.packetsOf(f);
    const agent = truth.agentPacketsOf(f);
    this.packets += packets;
    this.bytes += truth.bytesOf(f);
    if (agent === 0) this.flowsNeverRecorded++;
    else if (agent < packets) this.flowsPartlyMissed++;
    const serial = truth.serialOf(f);
    if (serial < this.maxListed) this.listed.push({ serial, view: truthFlowView(truth.flow(f)) });
  }

  /** The listed flows in the order they were first seen. */
  flowsListed(): TruthFlowView[] {
    return [...this.listed].sort((a, b) => a.serial - b.serial).map((x) => x.view);
  }
}
