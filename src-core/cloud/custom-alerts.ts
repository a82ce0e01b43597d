// Custom alerts (docs/agent-facts.md §4.3): the device's security group's rules over its view. Count rules judge each
// tumbling window against [minThreshold, maxThreshold]; ConnectionToIpNotAllowed judges each remote address
// the device connected to against the allowlist or denylist. All are Low and named IoT_CA_<ruleType>.
import { ruleTypeInfo } from '../baseline/rule-types';
import { cidrContains, type Cidr } from '../intel/ip';
import type { Finding } from '../findings/finding';
import { formatDuration, formatTime } from '../findings/time-text';
import type { RemoteActivity } from './activity';
import type { CloudOptions } from './cloud-options';
import { wordsToBigint } from './cloud-record';
import type { DeviceView } from './device-view';
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
      message: `${worst.observed} ${counted(rule)} in ${span} (allowed ${rule.min}-${rule.max}${o.thresholdBounds === 'exclusive' ? ', ends excluded' : ''}); ${bad.length} of ${judged} window${judged === 1 ? '' : 's'} out of range.`,
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
          windows: bad.slice(0, o.maxWindowsPerFinding).map((w) => `${formatTime(w.end)}: ${w.observed}`).join('; '),
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

export function addressListFindings(device: string, view: DeviceView, rules: readonly AddressListRule[], o: CloudOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    for (const a of view.activity.remotes()) {
      // Multicast and broadcast are no host a device "connects to"; the agent records unicast only by default.
      if (a.group) continue;
      const outbound = [...a.flows.values()].filter((f) => f.direction === 'outbound');
      if (outbound.length === 0) continue;
      const hit = rule.cidrs.find((c) => contains(c.cidr, a));
      if (rule.kind === 'allowlist' ? hit : !hit) continue;
      const ev = evidenceFlows(outbound, o.maxFlowsPerFinding);
      const host = a.version === 4 ? `${a.text}/32` : `${a.text}/128`;
      const code = rule.kind === 'allowlist' ? 'MA411' : 'MA412';
      const fix = rule.kind === 'allowlist' ? allowlistFix(rule, host) : undefined;
      out.push({
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
        firstTime: Math.min(...outbound.map((f) => f.firstTime)),
        lastTime: Math.max(...outbound.map((f) => f.lastTime)),
        count: outbound.reduce((n, f) => n + f.records, 0),
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
        agentVisible: view.view === 'agent',
        remediation: CONNECTION_REMEDIATION,
        ...(fix ? { suggestedFix: fix } : {}),
      });
    }
  }
  return out;
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

/**
 * One finding per device and list rule: the per-address alerts of `atoms` (MA411/MA412) merged, the
 * addresses listed, the allowlist fix adding them all. Other findings pass through.
 */
export function mergeAddressAlerts(findings: readonly Finding[], o: CloudOptions): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.code !== 'MA411' && f.code !== 'MA412') out.push(f);
    else {
      // The rule's part of the id (an IPv6 address or a device id may hold colons: cut the address off by length).
      const key = f.id.slice(0, f.id.length - f.evidence.remote!.length - 1);
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
  }
  for (const [key, atoms] of groups) {
    if (atoms.length === 1) {
      out.push({ ...atoms[0], id: key + (atoms[0].agentVisible === false ? ':missed' : '') });
      continue;
    }
    const first = atoms[0];
    const remotes = atoms.map((a) => a.evidence.remote!);
    const flows = atoms.flatMap((a) => a.evidence.flows ?? []);
    const listed = flows.slice(0, o.maxFlowsPerFinding);
    const rule = first.evidence.rule!;
    const shown = atoms.slice(0, 5).map((a) => `${a.evidence.remote} (${a.evidence.facts?.ports})`).join(', ');
    const fixes = atoms.map((a) => a.suggestedFix).filter((x): x is NonNullable<Finding['suggestedFix']> => !!x);
    const locations = [first.locations[0], ...new Map(atoms.flatMap((a) => a.locations.slice(1)).map((l) => [`${l.file}:${l.range.start.line}:${l.range.start.character}`, l])).values()];
    out.push({
      ...first,
      id: key + (first.agentVisible === false ? ':missed' : ''),
      message: `${first.device} connected to ${atoms.length} addresses ${first.code === 'MA411' ? `no range of the ${rule.group} allowlist covers` : `on the ${rule.group} denylist`}: ${shown}${atoms.length > 5 ? ` and ${atoms.length - 5} more` : ''}.`,
      firstTime: Math.min(...atoms.map((a) => a.firstTime!)),
      lastTime: Math.max(...atoms.map((a) => a.lastTime!)),
      count: atoms.reduce((n, a) => n + a.count, 0),
      evidence: {
        ...first.evidence,
        remote: `${remotes[0]} and ${remotes.length - 1} more`,
        flows: listed,
        flowsNotListed: flows.length - listed.length + atoms.reduce((n, a) => n + (a.evidence.flowsNotListed ?? 0), 0),
        bytesIn: atoms.reduce((n, a) => n + (a.evidence.bytesIn ?? 0), 0),
        bytesOut: atoms.reduce((n, a) => n + (a.evidence.bytesOut ?? 0), 0),
        facts: { addresses: remotes.length, listed: remotes.slice(0, 50).join(', ') },
      },
      locations,
      ...(fixes.length ? { suggestedFix: { ...fixes[0], title: `Allow these ${Math.min(fixes.length, 50)} addresses in ${rule.group}`, newText: fixes.slice(0, 50).map((f, i) => (i === 0 ? f.newText : `, ${f.newText.replace(/^, /, '')}`)).join('') } } : {}),
    });
  }
  return out;
}
