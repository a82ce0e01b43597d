// Threat-intelligence matching (docs/agent-facts.md §4.1): every global unicast remote address a view holds, IPv4 and
// IPv6, against the indicator set; one alert per device and indicator. DNS names seen in captures against
// domain indicators are a check of this project's own (the agent sends no names). Both fold their input one
// remote (or one name) at a time into a bounded state per indicator, so a day of traffic costs no more.
import type { IndicatorMatch, IndicatorSet } from '../intel/indicator-set';
import type { Finding, SourceLocation } from '../findings/finding';
import type { RemoteActivity } from './activity';
import { EvidenceSample } from './evidence';
import { embeddedIpv4 } from './cloud-record';
import { shortValue } from '../findings/text-safety';
import { countText, DistinctCounter, type DistinctBudget } from '../util/distinct-counter';
import { addressKey } from './cloud-record';
import type { ViewName } from './device-view';

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

/** The indicator a remote matches, if any (also used to keep such an address out of allowlist fixes). */
export function indicatorOf(set: IndicatorSet, a: RemoteActivity): IndicatorMatch | undefined {
  if (a.version === 4) return set.lookupIPv4(a.words[0] >>> 0);
  // An IPv4 host reached through NAT64 or as an IPv4-mapped address is matched as that IPv4 host too.
  const v4 = embeddedIpv4(a.words);
  return set.lookupIPv6Words(a.words) ?? (v4 !== undefined ? set.lookupIPv4(v4) : undefined);
}

const indicatorKey = (m: IndicatorMatch) => `${m.feed}\u0000${m.line}\u0000${m.value}`;

interface IndicatorHits {
  match: IndicatorMatch;
  firstRemote: string;
  /** Distinct remote addresses (a remote the view let go of and saw again counts once). */
  remotes: DistinctCounter;
  records: number;
  firstTime: number;
  lastTime: number;
  flows: EvidenceSample;
  directions: Set<string>;
}

/** Matched indicators beyond the per-code limit: counted, not listed. */
class Overflow {
  readonly subjects: DistinctCounter;
  sightings = 0;
  records = 0;

  constructor(budget: DistinctBudget) {
    this.subjects = new DistinctCounter(Infinity, budget);
  }
}

/** MA400 for one device and view, fed remote by remote. */
export class SuspiciousIpTally {
  private readonly hits = new Map<string, IndicatorHits>();
  private readonly overflow: Overflow;

  constructor(
    private readonly device: string,
    private readonly view: ViewName,
    private readonly set: IndicatorSet,
    private readonly files: FeedFiles,
    private readonly maxFlows: number,
    private readonly maxSubjects: number,
    private readonly budget: DistinctBudget,
  ) {
    this.overflow = new Overflow(budget);
  }

  add(a: RemoteActivity): void {
    if (!a.global) return;
    const m = indicatorOf(this.set, a);
    if (!m) return;
    const key = indicatorKey(m);
    let h = this.hits.get(key);
    if (!h) {
      if (this.hits.size >= this.maxSubjects) {
        this.overflow.subjects.add(key);
        this.overflow.sightings++;
        this.overflow.records += a.records;
        return;
      }
      h = { match: m, firstRemote: a.text, remotes: new DistinctCounter(Infinity, this.budget), records: 0, firstTime: a.firstTime, lastTime: a.lastTime, flows: new EvidenceSample(this.maxFlows), directions: new Set() };
      this.hits.set(key, h);
    }
    h.remotes.add(addressKey(a.version, a.words));
    h.records += a.records;
    h.firstTime = Math.min(h.firstTime, a.firstTime);
    h.lastTime = Math.max(h.lastTime, a.lastTime);
    for (const f of a.flows) {
      h.flows.add(f);
      h.directions.add(f.direction);
    }
    h.flows.addNotKept(a.flowsNotKept);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    const device = this.device;
    for (const h of this.hits.values()) {
      const m = h.match;
      const ev = h.flows.result();
      const direction = h.directions.size === 2 ? 'both ways' : h.directions.has('outbound') ? 'outbound' : 'inbound';
      const n = h.remotes.size;
      const remoteText = n === 1 ? h.firstRemote : `${h.firstRemote} and ${countText(n - 1, h.remotes.estimated)} more`;
      const loc = feedLineLocation(m, this.files);
      out.push({
        id: `MA400:${device}:${m.value}`,
        code: 'MA400',
        kind: 'alert',
        severity: 'Medium',
        origin: 'cloud',
        title: SUSPICIOUS_IP_TITLE,
        message: `${device} ${direction === 'inbound' ? 'was contacted by' : 'communicated with'} ${remoteText}, listed as ${m.value} in ${m.feed} line ${m.line}${m.label ? ` (${shortValue(m.label)})` : ''}: ${ev.count} flow${ev.count === 1 ? '' : 's'}, ${ev.bytesIn} bytes in, ${ev.bytesOut} bytes out.`,
        device,
        firstTime: h.firstTime,
        lastTime: h.lastTime,
        count: h.records,
        evidence: {
          remote: remoteText,
          indicator: { value: m.value, kind: m.kind, feed: m.feed, line: m.line, ...(m.label ? { label: shortValue(m.label, 300) } : {}) },
          flows: ev.flows,
          ...(ev.notListed ? { flowsNotListed: ev.notListed } : {}),
          bytesIn: ev.bytesIn,
          bytesOut: ev.bytesOut,
          facts: { direction },
        },
        locations: loc ? [loc] : [],
        agentVisible: this.view === 'agent',
        remediation: REMEDIATION,
      });
    }
    return out;
  }

  /** Whether indicators matched past the limit (their MA400 findings are not listed). */
  get overflowed(): boolean {
    return this.overflow.sightings > 0;
  }

  notes(): string[] {
    const o = this.overflow;
    if (!o.sightings) return [];
    return [`device ${this.device}: ${countText(o.subjects.size, o.subjects.estimated)} more indicators matched in the ${viewText(this.view)} beyond the first ${this.maxSubjects} (${o.records} records); they have no MA400 finding of their own`];
  }
}

export function viewText(view: ViewName): string {
  return view === 'agent' ? "agent's records" : 'ground truth';
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

/** Names listed per indicator (the evidence shows 8), each with the addresses answered for it. */
const NAMES_LISTED = 8;

interface DomainHits {
  match: IndicatorMatch;
  /** The first names seen under the indicator, with their sightings; the others are counted in `names`. */
  listed: DnsSighting[];
  names: DistinctCounter;
  /** Addresses answered for names past the listed ones (up to 8, in the order seen). */
  laterAnswers: string[];
  count: number;
  firstTime: number;
  lastTime: number;
}

/**
 * MA401 for one device: each DNS name is matched against the domain indicators when it is seen, and only
 * names on a list are kept (per indicator: the first names and a count of the rest), so a device that looks
 * up millions of names costs what its listed names cost.
 */
export class DomainTally {
  private readonly hits = new Map<string, DomainHits>();
  private readonly overflow: Overflow;

  constructor(
    private readonly device: string,
    private readonly set: IndicatorSet,
    private readonly files: FeedFiles,
    private readonly maxSubjects: number,
    private readonly budget: DistinctBudget,
  ) {
    this.overflow = new Overflow(budget);
  }

  /** A DNS name the device asked for or got an answer about, seen in its capture. */
  add(time: number, name: string, answer?: string): void {
    const key = name.toLowerCase().replace(/\.$/, '');
    const m = this.set.lookupDomain(key);
    if (!m) return;
    const k = indicatorKey(m);
    let h = this.hits.get(k);
    if (!h) {
      if (this.hits.size >= this.maxSubjects) {
        this.overflow.subjects.add(k);
        this.overflow.sightings++;
        return;
      }
      h = { match: m, listed: [], names: new DistinctCounter(Infinity, this.budget), laterAnswers: [], count: 0, firstTime: time, lastTime: time };
      this.hits.set(k, h);
    }
    h.names.add(key);
    h.count++;
    h.firstTime = Math.min(h.firstTime, time);
    h.lastTime = Math.max(h.lastTime, time);
    let s = h.listed.find((x) => x.name === key);
    if (!s && h.listed.length < NAMES_LISTED) {
      s = { name: key, firstTime: time, lastTime: time, count: 0, answers: [] };
      h.listed.push(s);
    }
    if (s) {
      s.count++;
      s.lastTime = Math.max(s.lastTime, time);
      if (answer && s.answers.length < 8 && !s.answers.includes(answer)) s.answers.push(answer);
    } else if (answer && h.laterAnswers.length < 8 && !h.laterAnswers.includes(answer)) h.laterAnswers.push(answer);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    const device = this.device;
    for (const h of this.hits.values()) {
      const m = h.match;
      const loc = feedLineLocation(m, this.files);
      const answers = [...new Set([...h.listed.flatMap((s) => s.answers), ...h.laterAnswers])].slice(0, 8);
      const n = h.names.size;
      const nameText = n === 1 ? h.listed[0].name : `${h.listed[0].name} and ${countText(n - 1, h.names.estimated)} more`;
      out.push({
        id: `MA401:${device}:${m.value}`,
        code: 'MA401',
        kind: 'alert',
        severity: 'Medium',
        origin: 'project',
        title: 'DNS name on a threat-intelligence list',
        message: `${device} looked up ${nameText}, listed as ${m.value} in ${m.feed} line ${m.line}${m.label ? ` (${shortValue(m.label)})` : ''}${answers.length ? `; answered ${answers.join(', ')}` : ''}. The agent sends no DNS names: the cloud would not have raised this.`,
        device,
        firstTime: h.firstTime,
        lastTime: h.lastTime,
        count: h.count,
        evidence: {
          remote: nameText,
          indicator: { value: m.value, kind: m.kind, feed: m.feed, line: m.line, ...(m.label ? { label: shortValue(m.label, 300) } : {}) },
          facts: { names: h.listed.map((s) => s.name).join(', '), ...(answers.length ? { answers: answers.join(', ') } : {}) },
        },
        locations: loc ? [loc] : [],
        agentVisible: false,
        remediation: 'Find what on the device resolves this name and why; block the name at the resolver if it is not legitimate.',
      });
    }
    return out;
  }

  notes(): string[] {
    const o = this.overflow;
    if (!o.sightings) return [];
    return [`device ${this.device}: ${countText(o.subjects.size, o.subjects.estimated)} more domain indicators matched DNS names beyond the first ${this.maxSubjects} (${o.sightings} lookups); they have no MA401 finding of their own`];
  }
}
