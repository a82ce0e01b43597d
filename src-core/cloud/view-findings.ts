// The findings one view of a device raises from its remotes (threat intelligence, the address lists, the
// plaintext and open-port hints, the learned ports): each remote is folded into every analysis when the
// view's activity table lets go of it (during the run, past its limits, or at the end), so the analyses see
// every remote once and hold a bounded state, whatever the length of the run.
import type { Finding } from '../findings/finding';
import type { RemoteActivity } from './activity';
import type { CloudInputs } from './cloud-stage';
import { AddressListTally, type AddressAlertLedger } from './custom-alerts';
import type { DeviceView } from './device-view';
import { LearnedPortTally } from './learned-ports';
import { indicatorOf, SuspiciousIpTally } from './threat-intel';
import { TrafficHintTally } from './traffic-hints';
import type { DistinctBudget } from '../util/distinct-counter';

export class ViewFindings {
  private readonly ips: SuspiciousIpTally | undefined;
  private readonly lists: AddressListTally;
  private readonly traffic: TrafficHintTally;
  private readonly learned: LearnedPortTally | undefined;

  constructor(device: string, securityGroup: string, view: DeviceView, inputs: CloudInputs, ledger: AddressAlertLedger, maxSubjects: number, budget: DistinctBudget) {
    const o = inputs.options;
    this.ips = inputs.indicators ? new SuspiciousIpTally(device, view.view, inputs.indicators, inputs.feedFiles, o.maxFlowsPerFinding, maxSubjects, budget) : undefined;
    const indicators = inputs.indicators;
    this.lists = new AddressListTally(device, view.view, view.group?.listRules ?? [], o, ledger, budget, indicators ? (a) => indicatorOf(indicators, a) !== undefined : undefined);
    this.traffic = new TrafficHintTally(device, view.view, o, maxSubjects, budget);
    this.learned = inputs.learned ? new LearnedPortTally(device, securityGroup, view.view, inputs.learned, o) : undefined;
    view.activity.onRetire((a) => this.add(a));
    // The ledger learns the agent's address alerts as they arise, not when its table lets go of the remote.
    if (view.view === 'agent') view.activity.onFirstOutbound((a) => this.lists.noteOutbound(a));
  }

  private add(a: RemoteActivity): void {
    this.ips?.add(a);
    this.lists.add(a);
    this.traffic.add(a);
    this.learned?.add(a);
  }

  findings(): Finding[] {
    return [...(this.ips?.findings() ?? []), ...this.lists.findings(), ...this.traffic.findings(), ...(this.learned?.findings() ?? [])];
  }

  /** Codes whose subjects went past the limit: which of their findings the agent's view has is not fully known. */
  overflowedCodes(): Set<string> {
    const codes = new Set<string>();
    if (this.ips?.overflowed) codes.add('MA400');
    if (this.traffic.overflowed) codes.add('MA431');
    return codes;
  }

  notes(): string[] {
    return [...(this.ips?.notes() ?? []), ...this.lists.notes(), ...this.traffic.notes()];
  }
}
