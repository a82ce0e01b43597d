// MA402, a check of this project's own: a device reached an address its group's learned profile knows
// (`X.learned.json` beside the baseline, written by `microagent learn`), on a protocol or service port never
// seen with that address while learning. The cloud's allowlist knows addresses only, so a C2 channel to an
// allowed host (the device talked to it on another port while learning) passes it; this does not.
// One finding per device and address, over a view's activity like the other view-based analyses.
import type { Finding } from '../findings/finding';
import { compareServices, serviceOf } from '../learn/learned-profile';
import type { LoadedLearnedProfile } from '../learn/learned-profile-loader';
import { addressKey } from './cloud-record';
import type { CloudOptions } from './cloud-options';
import type { DeviceView } from './device-view';
import { evidenceFlows } from './evidence';

const listed = (services: readonly string[], max = 6) => (services.length <= max ? services.join(', ') : `${services.slice(0, max).join(', ')} and ${services.length - max} more`);

export function learnedPortFindings(device: string, securityGroup: string, view: DeviceView, learned: LoadedLearnedProfile, o: CloudOptions): Finding[] {
  const group = learned.groups.get(securityGroup.toLowerCase());
  if (!group) return [];
  const out: Finding[] = [];
  for (const a of view.activity.remotes()) {
    const known = group.remotes.get(addressKey(a.version, a.words));
    if (!known) continue;
    const fresh = [...a.flows.values()].filter((f) => !known.services.has(serviceOf(f)));
    if (fresh.length === 0) continue;
    const services = [...new Set(fresh.map(serviceOf))].sort(compareServices);
    const before = [...known.services].sort(compareServices);
    const ev = evidenceFlows(fresh, o.maxFlowsPerFinding);
    out.push({
      id: `MA402:${device}:${group.name}:${a.text}`,
      code: 'MA402',
      kind: 'alert',
      severity: 'Low',
      origin: 'project',
      title: 'Known address on a port never seen while learning',
      message: `${device} reached ${a.text} on ${listed(services)}, never seen with it while learning (learned: ${before.length ? listed(before) : 'no service'}): ${ev.count} flow${ev.count === 1 ? '' : 's'}. The cloud's allowlist knows addresses only and would let this through.`,
      device,
      firstTime: Math.min(...fresh.map((f) => f.firstTime)),
      lastTime: Math.max(...fresh.map((f) => f.lastTime)),
      count: fresh.reduce((n, f) => n + f.records, 0),
      evidence: {
        remote: a.text,
        flows: ev.flows,
        ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}),
        bytesIn: ev.bytesIn,
        bytesOut: ev.bytesOut,
        facts: { newServices: services.join(', '), learnedServices: before.join(', '), securityGroup: group.name },
      },
      locations: [known.location],
      agentVisible: view.view === 'agent',
      remediation: `Find what on the device talks to ${a.text} on ${listed(services, 3)}. If it is expected (a new feature, a firmware update), learn the baseline again or add the service to the address's entry in the learned profile; if not, treat the channel as suspect: the address being allowed does not make it safe.`,
    });
  }
  return out;
}
