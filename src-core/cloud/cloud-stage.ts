// The simulated cloud: it hears each device's agent (the records of every message actually sent, with their
// time) and, apart, the ground truth, runs the same analyses over both, and turns them into findings. A
// finding the ground truth raises and the agent's data does not is kept with agentVisible false: what the
// agent, as configured, missed.
import type { AgentObserver, AgentReport, CycleReport } from '../agent/agent-report';
import type { GroundTruth, TruthFlow } from '../agent/ground-truth';
import type { NetworkRecordV4, NetworkRecordV6 } from '../agent/schema/message';
import type { AgentConfig } from '../config/agent-config';
import type { IndicatorSet } from '../intel/indicator-set';
import { parseIpv4, parseIpv6, ipv6BytesToWords } from '../traffic/ip-address';
import { compareFindings, type Finding, type SourceLocation } from '../findings/finding';
import { MAX_REMOTES } from './activity';
import type { CloudOptions } from './cloud-options';
import { addressKey, addressText, protocolOfIp, protocolOfSchema, recordFlowKey, type CloudRecord } from './cloud-record';
import type { ConfigLocator } from './config-locator';
import { addressListFindings, countRuleFindings, mergeAddressAlerts } from './custom-alerts';
import { DeviceView } from './device-view';
import { agentHealthHints, trafficHints } from './hygiene';
import { learnedPortFindings } from './learned-ports';
import type { LoadedLearnedProfile } from '../learn/learned-profile-loader';
import type { HubSettings } from './hub-settings';
import { hubFindings, sharedCredentialFindings, type CredentialUse } from './recommendations';
import type { HubCounterEvent, LoadedSecurityGroups, SecurityGroupRules } from './security-groups';
import { suspiciousDomainFindings, suspiciousIpFindings, type DnsSighting, type FeedFiles } from './threat-intel';

export interface CloudInputs {
  options: CloudOptions;
  /** The indicator set of every feed (absent: no threat-intelligence matching). */
  indicators?: IndicatorSet;
  feedFiles: FeedFiles;
  securityGroups?: LoadedSecurityGroups;
  /** The learned profile beside the baseline (`X.learned.json`): MA402 (absent: not evaluated). */
  learned?: LoadedLearnedProfile;
  hub?: HubSettings;
  credentials: CredentialUse[];
  config: AgentConfig;
  where: ConfigLocator;
  /** Each device's entry in the profile: where findings about a device with no better place point (code
   *  scanning shows no result without a location). */
  deviceLocations?: ReadonlyMap<string, SourceLocation>;
}

export interface CloudDeviceSpec {
  id: string;
  securityGroup: string;
  addresses: string[];
}

/** A hub-side event the cloud counts (from an event script: IoT Hub's own logs of the device). */
export interface HubLogEvent {
  time: number;
  type: string;
  count: number;
  protocol?: string;
}

export interface CloudResult {
  findings: Finding[];
  notes: string[];
}

const HUB_COUNTED = new Set<string>(['d2cMessage', 'c2dMessage', 'c2dRejected', 'directMethod', 'twinUpdate', 'unauthorizedOperation', 'queuePurge']);
const MAX_DNS_NAMES = 10_000;

export class CloudStage {
  private readonly devices: DeviceCloud[] = [];
  private readonly notes: string[] = [];

  constructor(private readonly inputs: CloudInputs) {
    if (inputs.securityGroups) this.notes.push(...inputs.securityGroups.notes);
    if (inputs.hub) this.notes.push(...inputs.hub.notes);
  }

  /** The cloud's side of one device; the pipeline hands it to the device's agent as its observer. */
  device(spec: CloudDeviceSpec): DeviceCloud {
    const groups = this.inputs.securityGroups;
    const group = groups?.groups.get(spec.securityGroup.toLowerCase());
    if (groups && !group) {
      this.notes.push(`device ${spec.id}: security group "${spec.securityGroup}" is not in ${groups.file}; no custom alert applies to it`);
    }
    const learned = this.inputs.learned;
    if (learned && !learned.groups.has(spec.securityGroup.toLowerCase())) this.notes.push(`device ${spec.id}: security group "${spec.securityGroup}" is not in ${learned.file}; MA402 is not evaluated for it`);
    const d = new DeviceCloud(spec, this.inputs, group);
    this.devices.push(d);
    return d;
  }

  finish(): CloudResult {
    const findings: Finding[] = [];
    for (const d of this.devices) findings.push(...d.findings());
    findings.push(...sharedCredentialFindings(this.inputs.credentials));
    if (this.inputs.hub) findings.push(...hubFindings(this.inputs.hub, this.inputs.options.permissiveRulePrefixLength, this.notes));
    for (const d of this.devices) this.notes.push(...d.notes);
    const places = this.inputs.deviceLocations;
    const placed = places ? findings.map((f) => (f.locations.length === 0 && f.device !== undefined && places.has(f.device) ? { ...f, locations: [places.get(f.device)!] } : f)) : findings;
    return { findings: placed.sort(compareFindings), notes: this.notes };
  }
}

export class DeviceCloud implements AgentObserver {
  readonly agentView: DeviceView;
  readonly truthView: DeviceView;
  readonly notes: string[] = [];
  private readonly dns = new Map<string, DnsSighting>();
  private dnsNotKept = 0;
  private ended: { report: AgentReport; truthFlows: () => Iterable<TruthFlow>; from: number; to: number } | undefined;
  private readonly deviceAddresses = new Map<number | string, string>();

  constructor(
    readonly spec: CloudDeviceSpec,
    private readonly inputs: CloudInputs,
    group: SecurityGroupRules | undefined,
  ) {
    for (const a of spec.addresses) {
      const v4 = parseIpv4(a);
      if (v4 !== undefined) this.deviceAddresses.set(v4, a);
      else {
        const v6 = parseIpv6(a);
        if (v6) {
          const w = [...ipv6BytesToWords(v6)];
          this.deviceAddresses.set(addressKey(6, w), addressText(6, w));
        }
      }
    }
    const text = (version: 4 | 6, words: readonly number[]) => this.deviceAddresses.get(addressKey(version, words)) ?? addressText(version, words);
    this.agentView = new DeviceView('agent', group, inputs.options, text);
    this.truthView = new DeviceView('truth', group, inputs.options, text);
  }

  messageSent(sendTime: number, cycle: CycleReport, ipv4: readonly NetworkRecordV4[], ipv6: readonly NetworkRecordV6[]): void {
    // The hub counts every security message; the network records carry their collection time.
    this.agentView.addSecurityMessage(sendTime);
    this.truthView.addSecurityMessage(sendTime);
    const t = cycle.time;
    for (const r of ipv4) this.agentView.addRecord(t, agentRecord(4, [r.local], [r.remote], r));
    for (const r of ipv6) this.agentView.addRecord(t, agentRecord(6, Array.from(r.local), Array.from(r.remote), r));
  }

  truthPeriod(time: number, truth: GroundTruth, flows: number): void {
    for (let i = 0; i < flows; i++) {
      const f = truth.periodFlow(i);
      this.truthView.addRecord(time, {
        ipVersion: f.ipVersion, local: f.local, remote: f.remote, localPort: f.localPort, remotePort: f.remotePort,
        protocol: protocolOfIp(f.ipProtocol), bytesIn: f.bytesIn, bytesOut: f.bytesOut, flowKey: f.flow, initiator: f.initiator,
      });
    }
  }

  /** A hub-side event from an event script: the same in both views (it does not depend on the agent). */
  hubEvent(e: HubLogEvent): void {
    if (!HUB_COUNTED.has(e.type)) return;
    this.agentView.addHubEvents(e.time, e.type as HubCounterEvent, e.protocol, e.count);
    this.truthView.addHubEvents(e.time, e.type as HubCounterEvent, e.protocol, e.count);
  }

  /** A DNS name the device asked for or got an answer about, seen in its capture. */
  dnsName(time: number, name: string, answer?: string): void {
    const key = name.toLowerCase().replace(/\.$/, '');
    let s = this.dns.get(key);
    if (!s) {
      if (this.dns.size >= MAX_DNS_NAMES) {
        this.dnsNotKept++;
        return;
      }
      s = { name: key, firstTime: time, lastTime: time, count: 0, answers: [] };
      this.dns.set(key, s);
    }
    s.count++;
    s.lastTime = Math.max(s.lastTime, time);
    if (answer && s.answers.length < 8 && !s.answers.includes(answer)) s.answers.push(answer);
  }

  /** The device's agent has finished: its report, its ground truth, and the span its traffic covered. */
  end(report: AgentReport, truthFlows: () => Iterable<TruthFlow>, from: number, to: number): void {
    this.ended = { report, truthFlows, from, to };
  }

  findings(): Finding[] {
    const { options: o, indicators, feedFiles } = this.inputs;
    const id = this.spec.id;
    const from = this.ended?.from ?? Math.min(this.agentView.firstTime, this.truthView.firstTime);
    const to = this.ended?.to ?? Math.max(this.agentView.lastTime, this.truthView.lastTime);
    const analyse = (view: DeviceView): Finding[] => [
      ...(indicators ? suspiciousIpFindings(id, view, indicators, feedFiles, o.maxFlowsPerFinding) : []),
      ...(Number.isFinite(from) && Number.isFinite(to) ? countRuleFindings(id, view, from, to, o) : []),
      ...addressListFindings(id, view, view.group?.listRules ?? [], o),
      ...trafficHints(id, view, o),
      ...(this.inputs.learned ? learnedPortFindings(id, this.spec.securityGroup, view, this.inputs.learned, o) : []),
    ];
    const seen = analyse(this.agentView);
    const ids = new Set(seen.map((f) => f.id));
    // What only the ground truth shows: the agent, as configured, missed it.
    const missed = analyse(this.truthView).filter((f) => !ids.has(f.id)).map((f) => ({ ...f, agentVisible: f.agentVisible === null ? null : false }));
    const out = [...mergeAddressAlerts(seen, o), ...mergeAddressAlerts(missed.filter((f) => f.agentVisible === false), o)];
    if (indicators) out.push(...suspiciousDomainFindings(id, this.dns.values(), indicators, feedFiles));
    if (this.ended) out.push(...agentHealthHints({ device: id, config: this.inputs.config, report: this.ended.report, truthFlows: this.ended.truthFlows, where: this.inputs.where }));
    this.notes.length = 0;
    for (const v of [this.agentView, this.truthView]) {
      if (v.activity.remotesNotKept) this.notes.push(`device ${id}: more than ${MAX_REMOTES} remote addresses in the ${v.view === 'agent' ? "agent's records" : 'ground truth'}; ${v.activity.remotesNotKept} records of later ones were not analysed`);
    }
    if (this.dnsNotKept) this.notes.push(`device ${id}: more than ${MAX_DNS_NAMES} DNS names; ${this.dnsNotKept} sightings of later ones were not matched`);
    return out;
  }
}

function agentRecord(version: 4 | 6, local: number[], remote: number[], r: NetworkRecordV4 | NetworkRecordV6): CloudRecord {
  const protocol = protocolOfSchema(r.protocol);
  return {
    ipVersion: version, local, remote, localPort: r.localPort, remotePort: r.remotePort, protocol, bytesIn: r.bytesIn, bytesOut: r.bytesOut,
    flowKey: recordFlowKey(version, local, remote, r.localPort, r.remotePort, protocol),
  };
}
