// The simulated cloud: it hears each device's agent (the records of every message actually sent, with their
// time) and, apart, the ground truth, runs the same analyses over both, and turns them into findings. A
// finding the ground truth raises and the agent's data does not is kept with agentVisible false: what the
// agent, as configured, missed.
import type { AgentObserver, AgentReport, CycleReport } from '../agent/agent-report';
import type { GroundTruth, TruthPeriodFlow } from '../agent/ground-truth';
import type { NetworkRecordV4, NetworkRecordV6 } from '../agent/schema/message';
import type { AgentConfig } from '../config/agent-config';
import type { IndicatorSet } from '../intel/indicator-set';
import { parseIpv4, parseIpv6, ipv6BytesToWords } from '../traffic/ip-address';
import { compareFindings, type Finding, type SourceLocation } from '../findings/finding';
import { DEFAULT_CLOUD_LIMITS, type CloudLimits } from './cloud-limits';
import type { CloudOptions } from './cloud-options';
import { addressKey, addressText, protocolOfIp, protocolOfSchema, recordFlowKey, type CloudRecord } from './cloud-record';
import type { ConfigLocator } from './config-locator';
import { AddressAlertLedger, countRuleFindings } from './custom-alerts';
import { DeviceView } from './device-view';
import { agentHealthHints, TruthFlowTally } from './hygiene';
import type { LoadedLearnedProfile } from '../learn/learned-profile-loader';
import type { HubSettings } from './hub-settings';
import { hubFindings, sharedCredentialFindings, type CredentialUse } from './recommendations';
import type { HubCounterEvent, LoadedSecurityGroups, SecurityGroupRules } from './security-groups';
import { DomainTally, type FeedFiles } from './threat-intel';
import { ViewFindings } from './view-findings';
import { DistinctBudget } from '../util/distinct-counter';
import { shortValue } from '../findings/text-safety';

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
  /** How much state to keep per device and view (default DEFAULT_CLOUD_LIMITS; tests lower them). */
  limits?: Partial<CloudLimits>;
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
  /** Of the notes, those that say what was summarised to keep the state bounded. */
  bounded: string[];
}

const HUB_COUNTED = new Set<string>(['d2cMessage', 'c2dMessage', 'c2dRejected', 'directMethod', 'twinUpdate', 'unauthorizedOperation', 'queuePurge']);

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
      this.notes.push(`device ${spec.id}: security group "${shortValue(spec.securityGroup)}" is not in ${groups.file}; no custom alert applies to it`);
    }
    const learned = this.inputs.learned;
    if (learned && !learned.groups.has(spec.securityGroup.toLowerCase())) this.notes.push(`device ${spec.id}: security group "${shortValue(spec.securityGroup)}" is not in ${learned.file}; MA402 is not evaluated for it`);
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
    return { findings: placed.sort(compareFindings), notes: this.notes, bounded: this.devices.flatMap((d) => d.bounded) };
  }
}

export class DeviceCloud implements AgentObserver {
  readonly agentView: DeviceView;
  readonly truthView: DeviceView;
  readonly notes: string[] = [];
  /** Of the notes, those about state kept bounded (findings not listed, comparisons not made, remotes let go of). */
  readonly bounded: string[] = [];
  private readonly agentFindings: ViewFindings;
  private readonly truthFindings: ViewFindings;
  private readonly domains: DomainTally | undefined;
  /** The ground truth's flows, folded as the agent's table lets go of them and, at the end, the rest. */
  private readonly truthFlows = new TruthFlowTally();
  private ended: { report: AgentReport; from: number; to: number } | undefined;
  private readonly periodScratch: TruthPeriodFlow = { flow: 0, ipVersion: 4, local: [], remote: [], localPort: 0, remotePort: 0, ipProtocol: 0, initiator: 'local', bytesIn: 0, bytesOut: 0, recordable: false };
  private readonly recordScratch: CloudRecord = { ipVersion: 4, local: [], remote: [], localPort: 0, remotePort: 0, protocol: 'TCP', bytesIn: 0, bytesOut: 0, flowKey: 0 };
  private readonly agentScratch: CloudRecord = { ipVersion: 4, local: [], remote: [], localPort: 0, remotePort: 0, protocol: 'TCP', bytesIn: 0, bytesOut: 0, flowKey: 0 };
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
    const limits = { ...DEFAULT_CLOUD_LIMITS, ...inputs.limits };
    this.agentView = new DeviceView('agent', group, inputs.options, text, limits);
    this.truthView = new DeviceView('truth', group, inputs.options, text, limits);
    const ledger = new AddressAlertLedger();
    const budget = new DistinctBudget(limits.distinctBudget);
    this.agentFindings = new ViewFindings(spec.id, spec.securityGroup, this.agentView, inputs, ledger, limits.subjectsPerCode, budget);
    this.truthFindings = new ViewFindings(spec.id, spec.securityGroup, this.truthView, inputs, ledger, limits.subjectsPerCode, budget);
    this.domains = inputs.indicators ? new DomainTally(spec.id, inputs.indicators, inputs.feedFiles, limits.subjectsPerCode, budget) : undefined;
  }

  messageSent(sendTime: number, cycle: CycleReport, ipv4: readonly NetworkRecordV4[], ipv6: readonly NetworkRecordV6[]): void {
    // The hub counts every security message; the network records carry their collection time.
    this.agentView.addSecurityMessage(sendTime);
    this.truthView.addSecurityMessage(sendTime);
    const t = cycle.time;
    // The 5-tuple key only feeds the count rules' distinct flows: not made when the group has none.
    const keyed = !this.agentView.counters.empty;
    const x = this.agentScratch;
    for (const r of ipv4) {
      (x.local as number[])[0] = r.local;
      (x.remote as number[])[0] = r.remote;
      (x.local as number[]).length = (x.remote as number[]).length = 1;
      this.agentView.addRecord(t, agentRecord(4, r, x, keyed));
    }
    for (const r of ipv6) {
      x.local = Array.from(r.local);
      x.remote = Array.from(r.remote);
      this.agentView.addRecord(t, agentRecord(6, r, x, keyed));
    }
  }

  truthPeriod(time: number, truth: GroundTruth, flows: number): void {
    // One flow object and one record reused for the whole period: the view copies what it keeps.
    const f = this.periodScratch;
    const r = this.recordScratch;
    for (let i = 0; i < flows; i++) {
      truth.periodFlowInto(i, f);
      r.ipVersion = f.ipVersion;
      r.local = f.local;
      r.remote = f.remote;
      r.localPort = f.localPort;
      r.remotePort = f.remotePort;
      r.protocol = protocolOfIp(f.ipProtocol);
      r.bytesIn = f.bytesIn;
      r.bytesOut = f.bytesOut;
      r.flowKey = f.flow;
      r.initiator = f.initiator;
      this.truthView.addRecord(time, r);
    }
  }

  /** A hub-side event from an event script: the same in both views (it does not depend on the agent). */
  hubEvent(e: HubLogEvent): void {
    if (!HUB_COUNTED.has(e.type)) return;
    this.agentView.addHubEvents(e.time, e.type as HubCounterEvent, e.protocol, e.count);
    this.truthView.addHubEvents(e.time, e.type as HubCounterEvent, e.protocol, e.count);
  }

  /** A DNS name the device asked for or got an answer about, seen in its capture (matched as it is seen). */
  dnsName(time: number, name: string, answer?: string): void {
    this.domains?.add(time, name, answer);
  }

  /** Live flow f of `truth` is being let go of during the run (its totals are final). */
  truthFlowEnded(truth: GroundTruth, f: number): void {
    this.truthFlows.add(truth, f);
  }

  /** The device's agent has finished: its report, its ground truth (the flows it still holds), and the span its traffic covered. */
  end(report: AgentReport, truth: GroundTruth, from: number, to: number): void {
    for (let f = 0; f < truth.liveFlowCount; f++) this.truthFlows.add(truth, f);
    this.ended = { report, from, to };
  }

  findings(): Finding[] {
    const { options: o } = this.inputs;
    const id = this.spec.id;
    const from = this.ended?.from ?? Math.min(this.agentView.firstTime, this.truthView.firstTime);
    const to = this.ended?.to ?? Math.max(this.agentView.lastTime, this.truthView.lastTime);
    // The agent's view first: the ground truth's address alerts are judged against the ones the agent raised.
    this.agentView.activity.drain();
    this.truthView.activity.drain();
    const counts = (view: DeviceView) => (Number.isFinite(from) && Number.isFinite(to) ? countRuleFindings(id, view, from, to, o) : []);
    const seen = [...this.agentFindings.findings(), ...counts(this.agentView)];
    const ids = new Set(seen.map((f) => f.id));
    // What only the ground truth shows: the agent, as configured, missed it. Where the agent's view had more
    // subjects of a code than it lists, a ground-truth finding it does not list may still have been seen.
    const unsure = this.agentFindings.overflowedCodes();
    const missed = [...this.truthFindings.findings(), ...counts(this.truthView)]
      .filter((f) => !ids.has(f.id) && !unsure.has(f.code) && f.agentVisible !== null)
      .map((f) => ({ ...f, agentVisible: false }));
    const out = [...seen, ...missed];
    if (this.domains) out.push(...this.domains.findings());
    if (this.ended) out.push(...agentHealthHints({ device: id, config: this.inputs.config, report: this.ended.report, truth: this.truthFlows, where: this.inputs.where }));
    const bounded = [...this.agentFindings.notes(), ...this.truthFindings.notes(), ...(this.domains?.notes() ?? [])];
    for (const code of unsure) bounded.push(`device ${id}: ${code} findings only the ground truth lists are left out: the agent's records had more subjects than are listed, so whether it saw them is not known`);
    for (const v of [this.agentView, this.truthView]) {
      if (v.activity.remotesRetired) bounded.push(`device ${id}: the ${v.view === 'agent' ? "agent's records" : 'ground truth'} had more remotes or flows than are held at once; ${v.activity.remotesRetired} remotes idle longest were analysed and let go during the run (a remote seen again after that adds to the same findings)`);
    }
    this.notes.length = 0;
    this.notes.push(...bounded);
    this.bounded.length = 0;
    this.bounded.push(...bounded);
    return out;
  }
}

/** The agent's record as the cloud reads it, written into `into` (whose address arrays the caller has set). */
function agentRecord(version: 4 | 6, r: NetworkRecordV4 | NetworkRecordV6, into: CloudRecord, keyed: boolean): CloudRecord {
  const protocol = protocolOfSchema(r.protocol);
  into.ipVersion = version;
  into.localPort = r.localPort;
  into.remotePort = r.remotePort;
  into.protocol = protocol;
  into.bytesIn = r.bytesIn;
  into.bytesOut = r.bytesOut;
  into.flowKey = keyed ? recordFlowKey(version, into.local, into.remote, r.localPort, r.remotePort, protocol) : 0;
  into.initiator = undefined;
  return into;
}
