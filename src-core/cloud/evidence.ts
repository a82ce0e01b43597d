// Shared evidence helpers: the flows listed for a finding (earliest first, then the largest, bounded) and
// their totals; all at once (evidenceFlows) or flow by flow in bounded memory (EvidenceSample).
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

/** Listing order: the earliest first; at the same time the larger first; ties keep the order of arrival. */
function before(a: FlowEvidence, b: FlowEvidence): number {
  return a.firstTime - b.firstTime || b.bytesIn + b.bytesOut - (a.bytesIn + a.bytesOut);
}

function evidenceOf({ protocol, local, localPort, remote, remotePort, bytesIn, bytesOut, firstTime, lastTime, direction }: FlowEvidence): FlowEvidence {
  return { protocol, local, localPort, remote, remotePort, bytesIn, bytesOut, firstTime, lastTime, direction };
}

export function evidenceFlows(all: readonly FlowEvidence[], max: number, notKept = 0): ListedFlows {
  const s = new EvidenceSample(max);
  for (const f of all) s.add(f);
  s.addNotKept(notKept);
  return s.result();
}

/**
 * The same listing built one flow at a time: keeps the `max` first in listing order (a sorted array, each
 * flow placed after the ones equal to it, as a stable sort would) and totals over all. Gives exactly what
 * evidenceFlows gives on the same flows in the same order.
 */
export class EvidenceSample {
  private readonly kept: FlowEvidence[] = [];
  count = 0;
  notKept = 0;
  bytesIn = 0;
  bytesOut = 0;

  constructor(private readonly max: number) {}

  add(f: FlowEvidence): void {
    this.count++;
    this.bytesIn += f.bytesIn;
    this.bytesOut += f.bytesOut;
    const kept = this.kept;
    if (this.max <= 0) return;
    if (kept.length === this.max && before(f, kept[kept.length - 1]) >= 0) return;
    let at = kept.length;
    while (at > 0 && before(f, kept[at - 1]) < 0) at--;
    kept.splice(at, 0, evidenceOf(f));
    if (kept.length > this.max) kept.pop();
  }

  /** Flows behind the finding that were counted but not kept anywhere (an activity table's overflow). */
  addNotKept(n: number): void {
    this.notKept += n;
  }

  result(): ListedFlows {
    const flows = this.kept.map(evidenceOf);
    return { flows, notListed: this.count - flows.length + this.notKept, count: this.count + this.notKept, bytesIn: this.bytesIn, bytesOut: this.bytesOut };
  }
}
