// Hints of this project's own from a view's records: plaintext protocols (MA430) and ports the device
// answers from global peers (MA431). Fed remote by remote into a bounded state per service or port.
import type { Finding } from '../findings/finding';
import { servicePort, type FlowActivity, type RemoteActivity } from './activity';
import type { CloudOptions } from './cloud-options';
import { EvidenceSample } from './evidence';
import type { ViewName } from './device-view';
import { viewText } from './threat-intel';
import { countText, DistinctCounter, type DistinctBudget } from '../util/distinct-counter';

/** Cleartext services: Telnet and FTP carry logins, so any peer counts; MQTT and HTTP only with global peers. */
const PLAINTEXT: Record<number, { name: string; anyPeer: boolean; instead: string }> = {
  23: { name: 'Telnet', anyPeer: true, instead: 'remove the Telnet service, or replace it with an authenticated, encrypted channel (SSH, or a device management API over TLS)' },
  // The alternate Telnet port IoT botnets (Mirai and its heirs) scan as much as 23.
  2323: { name: 'Telnet', anyPeer: true, instead: 'remove the Telnet service, or replace it with an authenticated, encrypted channel (SSH, or a device management API over TLS)' },
  21: { name: 'FTP', anyPeer: true, instead: 'use an encrypted transfer (HTTPS, SFTP, FTPS) or the hub\'s device update' },
  1883: { name: 'MQTT', anyPeer: false, instead: 'use MQTT over TLS (port 8883), as the Azure IoT middleware does for the hub' },
  80: { name: 'HTTP', anyPeer: false, instead: 'use HTTPS (port 443)' },
  8080: { name: 'HTTP', anyPeer: false, instead: 'use HTTPS (port 443)' },
};

/** The flows of one service or port: a sample to list, the distinct peers (the first three named), the span. */
class FlowGroup {
  readonly sample: EvidenceSample;
  readonly peers: DistinctCounter;
  readonly firstPeers: string[] = [];
  count = 0;
  firstTime = Infinity;
  lastTime = -Infinity;
  serves = false;

  constructor(maxFlows: number, budget: DistinctBudget) {
    this.sample = new EvidenceSample(maxFlows);
    this.peers = new DistinctCounter(Infinity, budget);
  }

  add(f: FlowActivity): void {
    this.sample.add(f);
    this.peers.add(f.remote);
    if (this.firstPeers.length < 3 && !this.firstPeers.includes(f.remote)) this.firstPeers.push(f.remote);
    this.count++;
    this.firstTime = Math.min(this.firstTime, f.firstTime);
    this.lastTime = Math.max(this.lastTime, f.lastTime);
    if (f.direction === 'inbound') this.serves = true;
  }

  /** "a, b, c and 12 more" / "a, b, c, ..." */
  peersText(more: (n: string) => string): string {
    const n = this.peers.size;
    return `${this.firstPeers.join(', ')}${n > 3 ? more(countText(n - 3, this.peers.estimated)) : ''}`;
  }
}

export class TrafficHintTally {
  private readonly plain = new Map<string, FlowGroup>();
  private readonly accepted = new Map<string, FlowGroup>();
  /** Open ports past the per-code limit: counted, not listed. */
  private readonly portsNotListed: DistinctCounter;
  private flowsNotListed = 0;

  constructor(
    private readonly device: string,
    private readonly view: ViewName,
    private readonly o: CloudOptions,
    private readonly maxSubjects: number,
    private readonly budget: DistinctBudget,
  ) {
    this.portsNotListed = new DistinctCounter(Infinity, budget);
  }

  add(a: RemoteActivity): void {
    if (a.group) return;
    for (const f of a.flows) {
      if (f.protocol !== 'TCP' && f.protocol !== 'UDP') continue;
      const port = servicePort(f);
      const p = f.protocol === 'TCP' ? PLAINTEXT[port] : undefined;
      if (p && (p.anyPeer || a.global)) this.group(this.plain, p.name, Infinity)?.add(f);
      // A port the device answers on from the internet: inbound, and the device sent something back.
      if (f.direction === 'inbound' && a.global && f.bytesOut > 0 && (f.protocol === 'UDP' || f.bytesIn > 0)) {
        const k = `${f.protocol}/${f.localPort}`;
        const g = this.group(this.accepted, k, this.maxSubjects);
        if (g) g.add(f);
        else (this.portsNotListed.add(k), this.flowsNotListed++);
      }
    }
  }

  private group(map: Map<string, FlowGroup>, key: string, max: number): FlowGroup | undefined {
    let g = map.get(key);
    if (!g && map.size < max) map.set(key, (g = new FlowGroup(this.o.maxFlowsPerFinding, this.budget)));
    return g;
  }

  findings(): Finding[] {
    const device = this.device;
    const visible = this.view === 'agent';
    const out: Finding[] = [];
    for (const [name, g] of this.plain) {
      const svc = Object.values(PLAINTEXT).find((p) => p.name === name)!;
      const ev = g.sample.result();
      out.push({
        id: `MA430:${device}:${name}`, code: 'MA430', kind: 'hint', severity: 'Medium', origin: 'project',
        title: `Plaintext ${name}`,
        message: `${device} ${g.serves ? 'serves' : 'uses'} ${name} in clear text with ${g.peersText((n) => ` and ${n} more`)}: ${ev.count} flow${ev.count === 1 ? '' : 's'}, ${ev.bytesIn + ev.bytesOut} bytes anyone on the path can read or change.`,
        device, firstTime: g.firstTime, lastTime: g.lastTime, count: g.count,
        evidence: { flows: ev.flows, ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}), bytesIn: ev.bytesIn, bytesOut: ev.bytesOut, remote: g.firstPeers[0] },
        locations: [], agentVisible: visible,
        remediation: `${svc.instead[0].toUpperCase()}${svc.instead.slice(1)}.`,
      });
    }
    for (const [k, g] of this.accepted) {
      const ev = g.sample.result();
      const n = g.peers.size;
      out.push({
        id: `MA431:${device}:${k}`, code: 'MA431', kind: 'hint', severity: 'Low', origin: 'project',
        title: 'Port open to the internet',
        message: `${device} answered ${countText(n, g.peers.estimated)} global peer${n === 1 ? '' : 's'} (${g.peersText(() => ', ...')}) on its ${k.replace('/', ' port ')}.`,
        device, firstTime: g.firstTime, lastTime: g.lastTime, count: g.count,
        evidence: { flows: ev.flows, ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}), bytesIn: ev.bytesIn, bytesOut: ev.bytesOut, remote: g.firstPeers[0], facts: { port: k } },
        locations: [], agentVisible: visible,
        remediation: 'Close the port, or let the gateway or firewall in front of the device drop connections from the internet to it.',
      });
    }
    return out;
  }

  /** Whether open ports were seen past the limit (their MA431 findings are not listed). */
  get overflowed(): boolean {
    return this.flowsNotListed > 0;
  }

  notes(): string[] {
    if (!this.flowsNotListed) return [];
    return [`device ${this.device}: ${countText(this.portsNotListed.size, this.portsNotListed.estimated)} more ports answered global peers in the ${viewText(this.view)} beyond the first ${this.maxSubjects} (${this.flowsNotListed} flows); they have no MA431 finding of their own`];
  }
}
