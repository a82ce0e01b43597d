// Shared evidence helpers: the flows listed for a finding (largest first, bounded) and their totals.
import type { FlowEvidence } from '../findings/finding';

export interface ListedFlows {
  flows: FlowEvidence[];
  /** Flows not listed (beyond the bound, or not kept by the activity table). */
  notListed: number;
  /** All flows behind the finding. */
  count: number;
  bytesIn: number;
  bytesOut: number;
}

export function evidenceFlows(all: readonly FlowEvidence[], max: number, notKept = 0): ListedFlows {
  let bytesIn = 0;
  let bytesOut = 0;
  for (const f of all) (bytesIn += f.bytesIn), (bytesOut += f.bytesOut);
  const listed = [...all]
    .sort((a, b) => a.firstTime - b.firstTime || b.bytesIn + b.bytesOut - (a.bytesIn + a.bytesOut))
    .slice(0, max)
    .map(({ protocol, local, localPort, remote, remotePort, bytesIn: i, bytesOut: o, firstTime, lastTime, direction }) =>
      ({ protocol, local, localPort, remote, remotePort, bytesIn: i, bytesOut: o, firstTime, lastTime, direction }));
  return { flows: listed, notListed: all.length - listed.length + notKept, count: all.length + notKept, bytesIn, bytesOut };
}
