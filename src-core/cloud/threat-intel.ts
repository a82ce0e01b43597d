// Threat-intelligence matching (docs/agent-facts.md §4.1): every global unicast remote address a view holds, IPv4 and
// IPv6, against the indicator set; one alert per device and indicator. DNS names seen in captures against
// domain indicators are a check of this project's own (the agent sends no names).
import type { IndicatorMatch, IndicatorSet } from '../intel/indicator-set';
import type { Finding, FlowEvidence, SourceLocation } from '../findings/finding';
import type { RemoteActivity } from './activity';
import type { DeviceView } from './device-view';
import { evidenceFlows } from './evidence';
import { embeddedIpv4 } from './cloud-record';

export const SUSPICIOUS_IP_TITLE = 'Communication with a suspicious IP address detected';
const REMEDIATION = 'Verify if the connection is legitimate. Consider blocking communication with the suspicious IP.';

/** Where each feed (by the name the indicator set knows it by) lives on disk, for findings that point at its line. */
export type FeedFiles = ReadonlyMap<string, string>;

export function feedLineLocation(m: IndicatorMatch, files: FeedFiles): SourceLocation | undefined {
  const file = files.get(m.feed);
  if (!file) return undefined;
  const line = Math.max(0, m.line - 1);
  return { file, role: 'indicator', label: `${m.value} (feed line ${m.line})`, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } };
}

function lookup(set: IndicatorSet, a: RemoteActivity): IndicatorMatch | undefined {
  if (a.version === 4) return set.lookupIPv4(a.words[0] >>> 0);
  // An IPv4 host reached through NAT64 or as an IPv4-mapped address is matched as that IPv4 host too.
  const v4 = embeddedIpv4(a.words);
  return set.lookupIPv6Words(a.words) ?? (v4 !== undefined ? set.lookupIPv4(v4) : undefined);
}

export function suspiciousIpFindings(device: string, view: DeviceView, set: IndicatorSet, files: FeedFiles, maxFlows: number): Finding[] {
  const byIndicator = new Map<string, { match: IndicatorMatch; remotes: RemoteActivity[] }>();
  for (const a of view.activity.remotes()) {
    if (!a.global) continue;
    const m = lookup(set, a);
    if (!m) continue;
    const key = `${m.feed}\u0000${m.line}\u0000${m.value}`;
    const hit = byIndicator.get(key);
    if (hit) hit.remotes.push(a);
    else byIndicator.set(key, { match: m, remotes: [a] });
  }
  const out: Finding[] = [];
  for (const { match: m, remotes } of byIndicator.values()) {
    const flows: FlowEvidence[] = remotes.flatMap((r) => [...r.flows.values()]);
    const ev = evidenceFlows(flows, maxFlows, remotes.reduce((n, r) => n + r.flowsNotKept, 0));
    const first = Math.min(...remotes.map((r) => r.firstTime));
    const last = Math.max(...remotes.map((r) => r.lastTime));
    const directions = new Set(flows.map((f) => f.direction));
    const direction = directions.size === 2 ? 'both ways' : directions.has('outbound') ? 'outbound' : 'inbound';
    const remoteText = remotes.length === 1 ? remotes[0].text : `${remotes[0].text} and ${remotes.length - 1} more`;
    const loc = feedLineLocation(m, files);
    out.push({
      id: `MA400:${device}:${m.value}`,
      code: 'MA400',
      kind: 'alert',
      severity: 'Medium',
      origin: 'cloud',
      title: SUSPICIOUS_IP_TITLE,
      message: `${device} ${direction === 'inbound' ? 'was contacted by' : 'communicated with'} ${remoteText}, listed as ${m.value} in ${m.feed} line ${m.line}${m.label ? ` (${m.label})` : ''}: ${ev.count} flow${ev.count === 1 ? '' : 's'}, ${ev.bytesIn} bytes in, ${ev.bytesOut} bytes out.`,
      device,
      firstTime: first,
      lastTime: last,
      count: remotes.reduce((n, r) => n + r.records, 0),
      evidence: {
        remote: remoteText,
        indicator: { value: m.value, kind: m.kind, feed: m.feed, line: m.line, ...(m.label ? { label: m.label } : {}) },
        flows: ev.flows,
        ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}),
        bytesIn: ev.bytesIn,
        bytesOut: ev.bytesOut,
        facts: { direction },
      },
      locations: loc ? [loc] : [],
      agentVisible: view.view === 'agent',
      remediation: REMEDIATION,
    });
  }
  return out;
}

/** A DNS name a device asked for or was answered, with when and what it resolved to. */
export interface DnsSighting {
  name: string;
  firstTime: number;
  lastTime: number;
  count: number;
  /** Addresses answered for it (up to a few). */
  answers: string[];
}

export function suspiciousDomainFindings(device: string, names: Iterable<DnsSighting>, set: IndicatorSet, files: FeedFiles): Finding[] {
  const byIndicator = new Map<string, { match: IndicatorMatch; names: DnsSighting[] }>();
  for (const n of names) {
    const m = set.lookupDomain(n.name);
    if (!m) continue;
    const key = `${m.feed}\u0000${m.line}\u0000${m.value}`;
    const hit = byIndicator.get(key);
    if (hit) hit.names.push(n);
    else byIndicator.set(key, { match: m, names: [n] });
  }
  const out: Finding[] = [];
  for (const { match: m, names: seen } of byIndicator.values()) {
    const loc = feedLineLocation(m, files);
    const answers = [...new Set(seen.flatMap((s) => s.answers))].slice(0, 8);
    const nameText = seen.length === 1 ? seen[0].name : `${seen[0].name} and ${seen.length - 1} more`;
    out.push({
      id: `MA401:${device}:${m.value}`,
      code: 'MA401',
      kind: 'alert',
      severity: 'Medium',
      origin: 'project',
      title: 'DNS name on a threat-intelligence list',
      message: `${device} looked up ${nameText}, listed as ${m.value} in ${m.feed} line ${m.line}${m.label ? ` (${m.label})` : ''}${answers.length ? `; answered ${answers.join(', ')}` : ''}. The agent sends no DNS names: the cloud would not have raised this.`,
      device,
      firstTime: Math.min(...seen.map((s) => s.firstTime)),
      lastTime: Math.max(...seen.map((s) => s.lastTime)),
      count: seen.reduce((n, s) => n + s.count, 0),
      evidence: {
        remote: nameText,
        indicator: { value: m.value, kind: m.kind, feed: m.feed, line: m.line, ...(m.label ? { label: m.label } : {}) },
        facts: { names: seen.map((s) => s.name).slice(0, 8).join(', '), ...(answers.length ? { answers: answers.join(', ') } : {}) },
      },
      locations: loc ? [loc] : [],
      agentVisible: false,
      remediation: 'Find what on the device resolves this name and why; block the name at the resolver if it is not legitimate.',
    });
  }
  return out;
}
