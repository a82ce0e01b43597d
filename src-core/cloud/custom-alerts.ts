// Custom alerts (docs/agent-facts.md §4.3): the device's security group's rules over its view. Count rules judge each
// tumbling window against [minThreshold, maxThreshold]; ConnectionToIpNotAllowed judges each remote address
// the device connected to against the allowlist or denylist. All are Low and named IoT_CA_<ruleType>.
import { ruleTypeInfo } from '../baseline/rule-types';
import { cidrContains, type Cidr } from '../intel/ip';
import type { Finding, FlowEvidence, SourceLocation } from '../findings/finding';
import { formatDuration, formatTime } from '../findings/time-text';
import type { FlowActivity, RemoteActivity } from './activity';
import type { CloudOptions } from './cloud-options';
import { addressKey, wordsToBigint } from './cloud-record';
import type { DeviceView, ViewName } from './device-view';
import { countText, DistinctCounter, type DistinctBudget } from '../util/distinct-counter';
import { NumberSet } from '../util/number-set';
import { evidenceFlows } from './evidence';
import type { AddressListRule, CountRule } from './security-groups';
import type { WindowValue } from './rule-counters';

const CONNECTION_REMEDIATION = 'Investigate the device logs. Learn where the connection originated and determine if it is benign or malicious. If malicious, remove possible malware and understand source. If benign, add the source to the allowed IP list.';

export function inAllowedRange(v: number, r: Pick<CountRule, 'min' | 'max'>, o: CloudOptions): { tooMany: boolean; tooFew: boolean } {
  return o.thresholdBounds === 'inclusive' ? { tooMany: v > r.max, tooFew: v < r.min } : { tooMany: v >= r.max, tooFew: v <= r.min };
}

function counted(rule: CountRule): string {
  const c = rule.counter;
  if (c.kind === 'active-connections') return 'active connections';
  const what: Record<string, string> = {
    d2cMessage: 'device-to-cloud messages', c2dMessage: 'cloud-to-device messages', c2dRejected: 'rejected cloud-to-device messages',
    directMethod: 'direct method invokes', twinUpdate: 'twin updates', unauthorizedOperation: 'unauthorized operations', queuePurge: 'command queue purges',
  };
  return `${what[c.event]}${c.protocol ? ` (${c.protocol.toUpperCase()})` : ''}`;
}

export function countRuleFindings(device: string, view: DeviceView, from: number, to: number, o: CloudOptions): Finding[] {
  const out: Finding[] = [];
  if (view.counters.empty) return out;
  for (const [rule, windows] of view.counters.finish(from, to)) {
    const bad: (WindowValue & { why: 'above' | 'below' })[] = [];
    for (const w of windows) {
      const r = inAllowedRange(w.observed, rule, o);
      if (r.tooMany) bad.push({ ...w, why: 'above' });
      else if (r.tooFew && w.full) bad.push({ ...w, why: 'below' });
    }
    if (bad.length === 0) continue;
    const worst = bad.reduce((a, b) => (Math.abs(b.observed - (b.why === 'above' ? rule.max : rule.min)) > Math.abs(a.observed - (a.why === 'above' ? rule.max : rule.min)) ? b : a));
    const span = rule.windowSeconds !== undefined ? `the ${formatDuration(rule.windowSeconds)} window ending ${formatTime(worst.end)}` : 'the whole run';
    const info = ruleTypeInfo(rule.ruleType);
    const judged = windows.filter((w) => w.full || w.observed > 0).length;
    out.push({
      id: `MA410:${device}:${rule.group}:${rule.list}[${rule.index}]`,
      code: 'MA410',
      kind: 'alert',
      severity: 'Low',
      origin: 'cloud',
      alertType: `IoT_CA_${rule.ruleType}`,
      title: info?.displayName ?? rule.ruleType,
      message: `${countText(worst.observed, worst.estimated === true)} ${counted(rule)} in ${span} (allowed ${rule.min}-${rule.max}${o.thresholdBounds === 'exclusive' ? ', ends excluded' : ''}); ${bad.length} of ${judged} window${judged === 1 ? '' : 's'} out of range.`,
      device,
      firstTime: bad[0].start === -Infinity ? from : Math.max(bad[0].start, from),
      lastTime: Math.min(bad[bad.length - 1].end, to),
      count: bad.length,
      evidence: {
        rule: { group: rule.group, ruleType: rule.ruleType, list: rule.list, index: rule.index },
        window: { start: worst.start, end: worst.end, seconds: rule.windowSeconds ?? worst.end - worst.start },
        observed: worst.observed,
        allowed: { min: rule.min, max: rule.max },
        facts: {
          windowsOutOfRange: bad.length,
          windowsJudged: judged,
          windows: bad.slice(0, o.maxWindowsPerFinding).map((w) => `${formatTime(w.end)}: ${countText(w.observed, w.estimated === true)}`).join('; '),
          ...(bad.some((w) => w.estimated) ? { estimated: 'more than 50,000 distinct flows in a window: counted with an estimate (about 1.6% error)' } : {}),
          ...(rule.windowText ? { timeWindowSize: rule.windowText } : {}),
        },
      },
      locations: [rule.location],
      agentVisible: rule.counter.kind === 'active-connections' ? view.view === 'agent' : null,
      remediation: rule.counter.kind === 'active-connections'
        ? 'Investigate the device logs. Learn where the connections originated; if they are benign, widen the allowed range of the rule.'
        : 'Check what drives these hub operations for the device; if the rate is expected, widen the allowed range of the rule.',
    });
  }
  return out;
}

function contains(c: Cidr, a: RemoteActivity): boolean {
  if (c.version !== a.version) return false;
  if (c.version === 4) return cidrContains(c, { version: 4, network: a.words[0] >>> 0, prefix: 32, hostBitsSet: false });
  return cidrContains(c, { version: 6, network: wordsToBigint(a.words), prefix: 128, hostBitsSet: false });
}

/** One remote's alert under one list rule (MA411/MA412), before the alerts of a rule are merged. */
function addressAlert(device: string, view: ViewName, rule: AddressListRule, a: RemoteActivity, outbound: readonly FlowActivity[], hit: AddressListRule['cidrs'][number] | undefined, o: CloudOptions): Finding {
  const ev = evidenceFlows(outbound, o.maxFlowsPerFinding);
  const host = a.version === 4 ? `${a.text}/32` : `${a.text}/128`;
  const code = rule.kind === 'allowlist' ? 'MA411' : 'MA412';
  const fix = rule.kind === 'allowlist' ? allowlistFix(rule, host) : undefined;
  let first = Infinity;
  let last = -Infinity;
  let count = 0;
  for (const f of outbound) (first = Math.min(first, f.firstTime)), (last = Math.max(last, f.lastTime)), (count += f.records);
  return {
    id: `${code}:${device}:${rule.group}:${rule.list}[${rule.index}]:${a.text}`,
    code,
    kind: 'alert',
    severity: 'Low',
    origin: 'cloud',
    alertType: `IoT_CA_${rule.ruleType}`,
    title: ruleTypeInfo(rule.ruleType)?.displayName ?? rule.ruleType,
    message: rule.kind === 'allowlist'
      ? `${device} connected to ${a.text}, which no range of the ${rule.group} allowlist covers: ${ev.count} outbound flow${ev.count === 1 ? '' : 's'} (${describePorts(outbound)}).`
      : `${device} connected to ${a.text}, inside ${hit!.text} on the ${rule.group} denylist: ${ev.count} outbound flow${ev.count === 1 ? '' : 's'} (${describePorts(outbound)}).`,
    device,
    firstTime: first,
    lastTime: last,
    count,
    evidence: {
      remote: a.text,
      rule: { group: rule.group, ruleType: rule.ruleType, list: rule.list, index: rule.index },
      flows: ev.flows,
      ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}),
      bytesIn: ev.bytesIn,
      bytesOut: ev.bytesOut,
      facts: { ports: describePorts(outbound), ...(hit ? { listedAs: hit.text } : {}) },
    },
    locations: [rule.location, ...(hit ? [hit.location] : [])],
    agentVisible: view === 'agent',
    remediation: CONNECTION_REMEDIATION,
    ...(fix ? { suggestedFix: fix } : {}),
  };
}

/** Addresses named in a merged alert's facts and fixed by its quick fix. */
const ADDRESSES_LISTED = 50;
/** Addresses shown, with their ports, in a merged alert's message. */
const ADDRESSES_SHOWN = 5;

/** One rule's per-address alerts folded into one finding: the first in full, the others as counts and the first few listed. */
interface RuleAlerts {
  rule: AddressListRule;
  first: Finding;
  alerts: number;
  remotes: DistinctCounter;
  listed: string[];
  shown: string[];
  flows: FlowEvidence[];
  flowsTotal: number;
  firstTime: number;
  lastTime: number;
  count: number;
  bytesIn: number;
  bytesOut: number;
  hitLocations: Map<string, SourceLocation>;
  fixes: NonNullable<Finding['suggestedFix']>[];
  /** Listed addresses the fix leaves out because a threat feed names them. */
  withheld: number;
}

/**
 * Which remotes the agent's view raised an address alert for (rule and address), so the ground truth's alert
 * for the same remote is not reported as one the agent missed. Bounded: past `max` entries, a ground-truth
 * alert for an address not in it cannot be judged and is left out (counted in a note).
 */
export class AddressAlertLedger {
  /** IPv4 alerts as numbers in a typed-array set (2 MiB for 100,000); IPv6 ones as text. */
  private readonly seen4 = new NumberSet();
  private readonly seen6 = new Set<string>();
  overflowed = false;

  constructor(private readonly max = 100_000) {}

  /** Rule i's alert for remote a, as a key: a number for IPv4 (no string a remote), else text. */
  static key(i: number, a: RemoteActivity): number | string {
    return a.version === 4 ? i * 2 ** 32 + (a.words[0] >>> 0) : `${i}|${a.text}`;
  }

  private has(key: number | string): boolean {
    return typeof key === 'number' ? this.seen4.has(key) : this.seen6.has(key);
  }

  add(key: number | string): void {
    if (this.seen4.size + this.seen6.size < this.max) {
      if (typeof key === 'number') this.seen4.add(key);
      else this.seen6.add(key);
    } else if (!this.has(key)) this.overflowed = true;
  }

  /** true: the agent raised it; false: it did not; undefined: not known (the ledger overflowed). */
  raised(key: number | string): boolean | undefined {
    if (this.has(key)) return true;
    return this.overflowed ? undefined : false;
  }
}

/**
 * ConnectionToIpNotAllowed (MA411) and the denylist (MA412) for one device and view, fed remote by remote:
 * each remote the device connected to is judged against each list rule, and a rule's alerts are merged into
 * one finding per device and rule (the addresses listed, the allowlist fix adding them all). In the ground
 * truth's view, a remote the agent's view already alerted on under the same rule is skipped: only what the
 * agent missed is reported.
 */
export class AddressListTally {
  private readonly byRule: (RuleAlerts | undefined)[];
  /** Ground truth only: alerts not judged because the agent's ledger overflowed. */
  notJudged = 0;

  constructor(
    private readonly device: string,
    private readonly view: ViewName,
    private readonly rules: readonly AddressListRule[],
    private readonly o: CloudOptions,
    private readonly ledger: AddressAlertLedger,
    private readonly budget: DistinctBudget,
    /** Whether a threat feed names the remote: an allowlist fix never proposes to allow such an address. */
    private readonly onThreatFeed: (a: RemoteActivity) => boolean = () => false,
  ) {
    this.byRule = rules.map(() => undefined);
  }

  /**
   * The agent's view: remote a just got its first outbound flow, so each rule that would alert on it is put in
   * the ledger now, while the ground truth may still hold the remote or be about to let go of it.
   */
  noteOutbound(a: RemoteActivity): void {
    if (a.group) return;
    this.rules.forEach((rule, i) => {
      const hit = rule.cidrs.find((c) => contains(c.cidr, a));
      if (rule.kind === 'allowlist' ? !hit : hit) this.ledger.add(AddressAlertLedger.key(i, a));
    });
  }

  add(a: RemoteActivity): void {
    // Multicast and broadcast are no host a device "connects to"; the agent records unicast only by default.
    if (a.group || this.rules.length === 0) return;
    const outbound = a.flows.filter((f) => f.direction === 'outbound');
    if (outbound.length === 0) return;
    this.rules.forEach((rule, i) => {
      const hit = rule.cidrs.find((c) => contains(c.cidr, a));
      if (rule.kind === 'allowlist' ? hit : !hit) return;
      const key = AddressAlertLedger.key(i, a);
      if (this.view === 'agent') this.ledger.add(key);
      else {
        const raised = this.ledger.raised(key);
        if (raised === undefined) this.notJudged++;
        if (raised !== false) return;
      }
      this.fold(i, a, outbound, hit);
    });
  }

  /**
   * Adds one remote's alert under rule i to the rule's merged finding: what the merged finding shows of it
   * (its address and ports among the first, its flows while the list has room, a fix among the first 50) and
   * its totals; the remote's own finding is built only for the rule's first alert.
   */
  private fold(i: number, a: RemoteActivity, outbound: readonly FlowActivity[], hit: AddressListRule['cidrs'][number] | undefined): void {
    const rule = this.rules[i];
    const max = this.o.maxFlowsPerFinding;
    let r = this.byRule[i];
    const flagged = rule.kind === 'allowlist' && this.onThreatFeed(a);
    if (!r) {
      const first = addressAlert(this.device, this.view, rule, a, outbound, hit, this.o);
      if (flagged) delete first.suggestedFix;
      r = this.byRule[i] = {
        rule, first, alerts: 0, remotes: new DistinctCounter(Infinity, this.budget), listed: [], shown: [], flows: [], flowsTotal: 0,
        firstTime: Infinity, lastTime: -Infinity, count: 0, bytesIn: 0, bytesOut: 0, hitLocations: new Map(), fixes: [], withheld: 0,
      };
    }
    r.alerts++;
    r.remotes.add(addressKey(a.version, a.words));
    const fresh = !r.listed.includes(a.text);
    if (fresh && r.listed.length < ADDRESSES_LISTED) {
      r.listed.push(a.text);
      const fix = rule.kind === 'allowlist' ? allowlistFix(rule, a.version === 4 ? `${a.text}/32` : `${a.text}/128`) : undefined;
      if (fix && !flagged) r.fixes.push(fix);
      else if (flagged) r.withheld++;
    }
    if (fresh && r.shown.length < ADDRESSES_SHOWN) r.shown.push(`${a.text} (${describePorts(outbound)})`);
    if (r.flows.length < max) for (const x of evidenceFlows(outbound, max).flows) if (r.flows.length < max) r.flows.push(x);
    r.flowsTotal += outbound.length;
    for (const f of outbound) {
      r.firstTime = Math.min(r.firstTime, f.firstTime);
      r.lastTime = Math.max(r.lastTime, f.lastTime);
      r.count += f.records;
      r.bytesIn += f.bytesIn;
      r.bytesOut += f.bytesOut;
    }
    if (hit) {
      const l = hit.location;
      const k = `${l.file}:${l.range.start.line}:${l.range.start.character}`;
      if (!r.hitLocations.has(k)) r.hitLocations.set(k, l);
    }
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const r of this.byRule) {
      if (!r) continue;
      const first = r.first;
      const key = first.id.slice(0, first.id.length - first.evidence.remote!.length - 1) + (first.agentVisible === false ? ':missed' : '');
      if (r.alerts === 1) {
        out.push({ ...first, id: key });
        continue;
      }
      const rule = first.evidence.rule!;
      const n = r.remotes.size;
      const est = r.remotes.estimated;
      const fixes = r.fixes;
      out.push({
        ...first,
        id: key,
        message: `${first.device} connected to ${countText(n, est)} address${n === 1 ? '' : 'es'} ${first.code === 'MA411' ? `no range of the ${rule.group} allowlist covers` : `on the ${rule.group} denylist`}: ${r.shown.join(', ')}${n > ADDRESSES_SHOWN ? ` and ${countText(n - ADDRESSES_SHOWN, est)} more` : ''}.`,
        firstTime: r.firstTime,
        lastTime: r.lastTime,
        count: r.count,
        evidence: {
          ...first.evidence,
          remote: `${r.listed[0]} and ${countText(n - 1, est)} more`,
          flows: r.flows,
          flowsNotListed: r.flowsTotal - r.flows.length,
          bytesIn: r.bytesIn,
          bytesOut: r.bytesOut,
          facts: { addresses: n, listed: r.listed.join(', '), ...(est ? { addressesEstimated: true } : {}) },
        },
        locations: [first.locations[0], ...r.hitLocations.values()],
        ...(fixes.length ? { suggestedFix: { ...fixes[0], title: `${fixes.length === 1 ? fixes[0].title : `Allow these ${fixes.length} addresses in ${rule.group}`}${r.withheld ? ` (not the ${r.withheld} a threat feed names)` : ''}`, newText: fixes.map((f, i) => (i === 0 ? f.newText : `, ${f.newText.replace(/^, /, '')}`)).join('') } } : {}),
      });
    }
    return out;
  }

  notes(): string[] {
    if (!this.notJudged) return [];
    return [`device ${this.device}: ${this.notJudged} ground-truth address alerts (MA411/MA412) could not be compared with the agent's (more than 100,000 addresses alerted on) and are not listed as missed`];
  }
}

function describePorts(flows: readonly { protocol: string; remotePort: number }[]): string {
  const ports = [...new Set(flows.map((f) => (f.protocol === 'ICMP' || f.protocol === 'other' ? f.protocol : `${f.protocol} ${f.remotePort}`)))];
  return ports.length <= 4 ? ports.join(', ') : `${ports.slice(0, 4).join(', ')} and ${ports.length - 4} more`;
}

/** Inserts `host` at the end of the rule's allowlistValues. */
function allowlistFix(rule: AddressListRule, host: string): Finding['suggestedFix'] {
  const list = rule.valuesLocation;
  if (!list) return undefined;
  // After the list's last entry, whatever it is: an entry that is not a CIDR is not in `cidrs` but still in the file.
  const last = rule.lastValueLocation ?? rule.cidrs[rule.cidrs.length - 1]?.location;
  if (last) return { title: `Allow ${host} in ${rule.group}`, file: list.file, range: { start: last.range.end, end: last.range.end }, newText: `, "${host}"` };
  const at = { line: list.range.start.line, character: list.range.start.character + 1 };
  return { title: `Allow ${host} in ${rule.group}`, file: list.file, range: { start: at, end: at }, newText: `"${host}"` };
}
