// MA402, a check of this project's own: a device reached an address its group's learned profile knows
// (`X.learned.json` beside the baseline, written by `microagent learn`), on a protocol or service port never
// seen with that address while learning. The cloud's allowlist knows addresses only, so a C2 channel to an
// allowed host (the device talked to it on another port while learning) passes it; this does not.
// One finding per device and address, folded remote by remote like the other view-based analyses.
import type { Finding } from '../findings/finding';
import { compareServices, serviceOf } from '../learn/learned-profile';
import type { LoadedLearnedProfile } from '../learn/learned-profile-loader';
import { addressKey } from './cloud-record';
import type { CloudOptions } from './cloud-options';
import type { ViewName } from './device-view';
import type { RemoteActivity } from './activity';
import { EvidenceSample } from './evidence';
import { DistinctCounter } from '../util/distinct-counter';

const listed = (services: readonly string[], more: number, max = 6) =>
  services.length + more <= max ? services.join(', ') : `${services.slice(0, max).join(', ')} and ${services.length + more - max} more`;

/** Services kept per address (the message names 6): a port scan through a known address must not grow this. */
const SERVICES_KEPT = 1_000;

interface FreshServices {
  text: string;
  known: { services: ReadonlySet<string>; location: Finding['locations'][number] };
  services: Set<string>;
  servicesNotKept: DistinctCounter;
  flows: EvidenceSample;
  firstTime: number;
  lastTime: number;
  count: number;
}

/** MA402 for one device and view, fed remote by remote (a remote seen again after the view let go of it adds to its finding). */
export class LearnedPortTally {
  private readonly byRemote = new Map<string, FreshServices>();
  private readonly group;

  constructor(
    private readonly device: string,
    securityGroup: string,
    private readonly view: ViewName,
    learned: LoadedLearnedProfile,
    private readonly o: CloudOptions,
  ) {
    this.group = learned.groups.get(securityGroup.toLowerCase());
  }

  add(a: RemoteActivity): void {
    const known = this.group?.remotes.get(addressKey(a.version, a.words));
    if (!known) return;
    let r: FreshServices | undefined;
    for (const f of a.flows) {
      const service = serviceOf(f);
      if (known.services.has(service)) continue;
      r ??= this.byRemote.get(a.text);
      if (!r) {
        r = { text: a.text, known, services: new Set(), servicesNotKept: new DistinctCounter(SERVICES_KEPT), flows: new EvidenceSample(this.o.maxFlowsPerFinding), firstTime: Infinity, lastTime: -Infinity, count: 0 };
        this.byRemote.set(a.text, r);
      }
      if (r.services.has(service) || r.services.size < SERVICES_KEPT) r.services.add(service);
      else r.servicesNotKept.add(service);
      r.flows.add(f);
      r.firstTime = Math.min(r.firstTime, f.firstTime);
      r.lastTime = Math.max(r.lastTime, f.lastTime);
      r.count += f.records;
    }
  }

  findings(): Finding[] {
    const group = this.group;
    if (!group) return [];
    const device = this.device;
    const out: Finding[] = [];
    for (const r of this.byRemote.values()) {
      const services = [...r.services].sort(compareServices);
      const more = r.servicesNotKept.size;
      const before = [...r.known.services].sort(compareServices);
      const ev = r.flows.result();
      out.push({
        id: `MA402:${device}:${group.name}:${r.text}`,
        code: 'MA402',
        kind: 'alert',
        severity: 'Low',
        origin: 'project',
        title: 'Known address on a port never seen while learning',
        message: `${device} reached ${r.text} on ${listed(services, more)}, never seen with it while learning (learned: ${before.length ? listed(before, 0) : 'no service'}): ${ev.count} flow${ev.count === 1 ? '' : 's'}. The cloud's allowlist knows addresses only and would let this through.`,
        device,
        firstTime: r.firstTime,
        lastTime: r.lastTime,
        count: r.count,
        evidence: {
          remote: r.text,
          flows: ev.flows,
          ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}),
          bytesIn: ev.bytesIn,
          bytesOut: ev.bytesOut,
          facts: { newServices: services.join(', '), learnedServices: before.join(', '), securityGroup: group.name },
        },
        locations: [r.known.location],
        agentVisible: this.view === 'agent',
        remediation: `Find what on the device talks to ${r.text} on ${listed(services, more, 3)}. If it is expected (a new feature, a firmware update), learn the baseline again or add the service to the address's entry in the learned profile; if not, treat the channel as suspect: the address being allowed does not make it safe.`,
      });
    }
    return out;
  }
}
