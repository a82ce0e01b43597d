// Hints of this project's own (not the cloud's) about the agent's own health, from its report and the ground
// truth's flows: a flow cache that overflowed, messages dropped, a hung or silent agent, time without a hub,
// traffic it cannot see. (Plaintext protocols and open ports, from a view's records: traffic-hints.ts.)
import type { AgentConfig } from '../config/agent-config';
import type { AgentReport } from '../agent/agent-report';
import type { GroundTruth, TruthFlow } from '../agent/ground-truth';
import { NOT_SEEN_REASONS } from '../agent/capture';
import { computeFootprint, MAX_IPV4_RECORDS_PER_VECTOR, MAX_IPV6_RECORDS_PER_VECTOR } from '../config/footprint';
import { largestMessageFit } from '../agent/message-fit';
import type { Finding, FlowEvidence, SourceLocation } from '../findings/finding';
import { formatDuration, formatTime } from '../findings/time-text';
import type { ConfigLocator } from './config-locator';
import { addressText, protocolOfIp } from './cloud-record';

const place = (l: ConfigLocator, option: string): SourceLocation[] => {
  const p = l.locate(option);
  return p ? [p.location] : [];
};

export interface AgentHealthInput {
  device: string;
  config: AgentConfig;
  report: AgentReport;
  /** The device's flows as they happened, folded (every flow of the run: those the ground truth let go of
   *  during the run and those it held at the end). */
  truth: TruthFlowTally;
  where: ConfigLocator;
}

export function agentHealthHints(input: AgentHealthInput): Finding[] {
  const { device, config: cfg, report: r, where } = input;
  const out: Finding[] = [];
  const hint = (code: string, severity: Finding['severity'], title: string, message: string, extra: Partial<Finding> & { subject?: string }): Finding => {
    const { subject, ...rest } = extra;
    return {
      code, kind: 'hint', severity, origin: 'project', title, message, device, count: 1, evidence: {}, locations: [], agentVisible: null, remediation: '',
      ...rest, id: `${code}:${device}${subject ? `:${subject}` : ''}`,
    };
  };
  const cycles = r.cycles;
  const cycleTimes = (pred: (c: (typeof cycles)[number]) => boolean) => {
    const hit = cycles.filter(pred);
    return hit.length ? { firstTime: hit[0].time, lastTime: hit[hit.length - 1].time, count: hit.length } : {};
  };

  if (r.packetsDropped > 0) {
    // Which IP version's pool turned packets away (a version whose pool filled exactly, or is switched off, may have lost none).
    const poolDrops = input.truth.poolDrops;
    for (const version of [4, 6] as const) {
      const cap = version === 4 ? cfg.maxIpv4ObjectsInCache : cfg.maxIpv6ObjectsInCache;
      const peak = version === 4 ? r.peakFlowsPerCycle.ipv4 : r.peakFlowsPerCycle.ipv6;
      // The pool is taken before the lookup (§3.12): once a cycle's flows fill it, every later packet of the
      // cycle is dropped, known flows included. So a cycle of `peak` flows needs `peak + 1` entries, and a
      // cache exactly the peak's size (the pool emptied) can still lose packets.
      if (poolDrops[version] === 0 || peak < cap) continue;
      const needed = peak + 1;
      const option = `ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV${version}_OBJECTS_IN_CACHE`;
      // Built for real: the largest message each size allows (UDP records both ways), in the page it derives.
      const sized = (n: number): AgentConfig => ({ ...cfg, emitterPageSize: undefined, ...(version === 4 ? { maxIpv4ObjectsInCache: n } : { maxIpv6ObjectsInCache: n }) });
      const fitNow = largestMessageFit(cfg);
      const fitPeak = largestMessageFit(sized(needed));
      // The largest size between today's and the needed one whose largest message still fits (when today's does).
      let best = needed;
      if (!fitPeak.fits && fitNow.fits) {
        let lo = cap;
        let hi = needed;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (largestMessageFit(sized(mid)).fits) lo = mid;
          else hi = mid;
        }
        best = lo;
      }
      // What stops the size just above `best` (the page can bind long before the builder stack does).
      const blocker = fitPeak.fits || !fitNow.fits ? undefined : largestMessageFit(sized(best + 1)).failure;
      const stack = version === 4 ? MAX_IPV4_RECORDS_PER_VECTOR : MAX_IPV6_RECORDS_PER_VECTOR;
      const fp = computeFootprint({ ipv4: sized(best).maxIpv4ObjectsInCache, ipv6: cfg.ipv6Disabled ? 0 : sized(best).maxIpv6ObjectsInCache, dynamicMemory: cfg.dynamicMemoryEnabled });
      const safety = fitPeak.fits
        ? `and its largest message (${fitPeak.bytes} bytes, every record UDP with traffic both ways) still fits the ${fitPeak.pageSize}-byte emitter page it derives (${fp.totalRam} bytes of RAM in all)`
        : !fitNow.fits
          ? `no less safe than today: a full cycle of UDP records both ways already overflows today's emitter page (${fitNow.failure}), and would at ${needed} too (see MA114 on the cache lines)`
          : blocker === 'builder-stack'
            ? `but ${best + 1} records pass the builder's 512-byte stack (about ${stack} IPv${version} records a message); ${best} is the largest size whose full cycle still builds`
            : `but from ${best + 1} entries a full cycle of UDP records both ways would not fit the emitter page (${blocker}); ${best} is the largest size whose full cycle still fits`;
      const suggested = fitPeak.fits || !fitNow.fits ? needed : best;
      const p = where.locate(option);
      const drops = cycleTimes((c) => c.drops > 0);
      out.push(hint('MA432', 'Medium', 'Flow cache overflowed',
        `The IPv${version} flow cache (${cap} entries) filled: ${r.packetsDropped} packets went unrecorded in ${drops.count ?? 0} cycle${drops.count === 1 ? '' : 's'}, known flows included. The busiest cycle had ${peak} IPv${version} flows; a cache of ${needed} would have held it (one more than the flows: the pool is taken before the lookup, so the entry that empties it drops every later packet of the cycle), ${safety}.`,
        { subject: `ipv${version}`, ...drops, locations: p ? [p.location] : [],
          evidence: { facts: { cache: cap, peakFlowsPerCycle: peak, packetsDropped: r.packetsDropped, suggestedCache: suggested, largestMessageFitsAtPeak: fitPeak.fits, ram: fp.totalRam } },
          remediation: `Set ${option} to ${suggested}${suggested < needed ? ' and accept that the busiest cycles still lose a few records' : ''}.`,
          ...(p?.valueRange && suggested > cap ? { suggestedFix: { title: `Set ${option} to ${suggested}`, file: p.location.file, range: p.valueRange, newText: String(suggested) } } : {}),
        }));
    }
  }
  const cacheLocations = [...place(where, 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE'), ...place(where, 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE')];
  if (r.messagesDropped > 0) {
    out.push(hint('MA433', 'Medium', 'Messages dropped as too big',
      `${r.messagesDropped} message${r.messagesDropped === 1 ? '' : 's'} did not fit the ${r.emitterPageSize ?? '?'}-byte emitter page and ${r.messagesDropped === 1 ? 'was' : 'were'} dropped (NX_DISABLE_ASSERT is set, so the agent goes on): those cycles' records never reached the cloud.`,
      { ...cycleTimes((c) => c.outcome === 'dropped-too-big'), count: r.messagesDropped, locations: cacheLocations,
        remediation: 'Lower the flow caches so that a full cycle fits the page (the hover on the cache options shows the largest message).' }));
  }
  if (r.hung) {
    out.push(hint('MA434', 'High', 'Agent hung',
      `At ${formatTime(r.hung.time)} a message did not fit (${r.hung.reason}) and NX_ASSERT stopped the thread running the agent: nothing was collected or sent after that, and the Azure IoT middleware thread it shares hangs with it.`,
      { firstTime: r.hung.time, lastTime: r.hung.time, locations: [...cacheLocations, ...place(where, 'NX_DISABLE_ASSERT')],
        remediation: 'Lower the flow caches so that a full cycle fits, or define NX_DISABLE_ASSERT in nx_user.h so an oversize message is dropped instead of hanging the thread.' }));
  }
  if (r.silentFrom !== null) {
    out.push(hint('MA435', 'High', 'Agent silent',
      `At ${formatTime(r.silentFrom)} a message held more records than the builder's 512-byte stack takes and failed, and the builder's stack position stays wrong after it: every later message failed too, so the agent sent nothing from then on.`,
      { ...cycleTimes((c) => c.outcome === 'builder-stack-failure'), locations: cacheLocations,
        remediation: `Keep each cache at or below ${MAX_IPV4_RECORDS_PER_VECTOR} IPv4 / ${MAX_IPV6_RECORDS_PER_VECTOR} IPv6 entries.` }));
  }
  const suspended = suspendedSeconds(r);
  if (r.messagesLostUnsent > 0 || suspended.seconds > 0) {
    out.push(hint('MA436', 'Low', 'Time without a hub',
      `${r.messagesLostUnsent} message${r.messagesLostUnsent === 1 ? '' : 's'} ${r.messagesLostUnsent === 1 ? 'was' : 'were'} discarded unsent while no hub was connected${suspended.seconds > 0 ? `, and the agent spent ${formatDuration(suspended.seconds)} SUSPENDED (collectors stopped, nothing recorded)` : ''}: what happened then never reached the cloud.`,
      { ...(suspended.first !== undefined ? { firstTime: suspended.first, lastTime: suspended.last } : cycleTimes((c) => c.outcome === 'lost-unsent')),
        count: Math.max(1, r.messagesLostUnsent), locations: place(where, 'ASC_SECURITY_MODULE_PENDING_TIME'),
        evidence: { facts: { messagesLostUnsent: r.messagesLostUnsent, secondsSuspended: suspended.seconds } },
        remediation: 'Keep the hub connection up (reconnect logic, network monitoring); a longer ASC_SECURITY_MODULE_PENDING_TIME keeps collecting longer, but messages built while PENDING are still discarded.' }));
  }
  out.push(...poolLeakHints(r, hint, where));
  out.push(...input.truth.hiddenTraffic(device, where));
  return out;
}

/**
 * MA438: the agent's pool leak after a suspension (agent facts §3.13.5): while SUSPENDED each packet at the IP
 * filter took a flow-pool object the stopped collector never gave back, and the pool does not reset until a
 * reboot. A pool gone (the collector blind) is High; a pool that only shrank is Medium.
 */
function poolLeakHints(r: AgentReport, hint: (code: string, severity: Finding['severity'], title: string, message: string, extra: Partial<Finding> & { subject?: string }) => Finding, where: ConfigLocator): Finding[] {
  const out: Finding[] = [];
  for (const version of [4, 6] as const) {
    const l = version === 4 ? r.poolLeak?.ipv4 : r.poolLeak?.ipv6;
    if (!l || l.leaked === 0) continue;
    const outage = l.outageFrom !== null ? formatTime(l.outageFrom) : 'the start';
    const option = `ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV${version}_OBJECTS_IN_CACHE`;
    const facts: Record<string, number> = { leaked: l.leaked, poolSize: l.poolSize, failedWhileSuspended: l.failedWhileSuspended };
    if (l.blindFrom !== null) facts.blindFrom = l.blindFrom;
    if (l.outageFrom !== null) facts.outageFrom = l.outageFrom;
    const cause = `while the agent was SUSPENDED, each ${version === 4 ? 'outbound IPv4' : 'outbound IPv6'} packet took an object from the collector's pool of ${l.poolSize} that the stopped collector never gave back (the agent's IP filter hook stays set after a suspension), and the pool only resets when the device reboots`;
    const blind = l.blindFrom !== null;
    out.push(hint('MA438', blind ? 'High' : 'Medium', 'Network monitoring lost after a hub outage',
      blind
        ? `IPv${version} network monitoring lost after the hub outage at ${outage}; reboot or avoid outbound traffic while suspended. ${cause[0].toUpperCase()}${cause.slice(1)}: the pool ran out at ${formatTime(l.blindFrom!)}, and from then on the IPv${version} collector recorded nothing.`
        : `IPv${version} network monitoring reduced after the hub outage at ${outage}; reboot or avoid outbound traffic while suspended. ${cause[0].toUpperCase()}${cause.slice(1)}: ${l.leaked} of ${l.poolSize} objects are gone, so each cycle now records at most ${l.poolSize - l.leaked} IPv${version} flows.`,
      { subject: `ipv${version}`, firstTime: l.firstLeak ?? undefined, lastTime: l.blindFrom ?? l.firstLeak ?? undefined, count: l.leaked,
        locations: [...place(where, 'ASC_SECURITY_MODULE_PENDING_TIME'), ...place(where, option)],
        evidence: { facts },
        remediation: 'Reboot the device after a hub outage long enough to suspend the agent, or keep it from sending while the hub is unreachable; a longer ASC_SECURITY_MODULE_PENDING_TIME puts the suspension off. The fault is in the agent (`_collector_network_activity_port_deinit` clears nx_ip_packet_filter but not nx_ip_packet_filter_extended).' }));
  }
  return out;
}

function suspendedSeconds(r: AgentReport): { seconds: number; first?: number; last?: number } {
  let seconds = 0;
  let first: number | undefined;
  let last: number | undefined;
  const end = r.cycles.length ? r.cycles[r.cycles.length - 1].time : undefined;
  r.state.forEach((c, i) => {
    if (c.state !== 'suspended') return;
    const to = r.state[i + 1]?.time ?? end ?? c.time;
    seconds += Math.max(0, to - c.time);
    first ??= c.time;
    last = to;
  });
  return { seconds, first, last };
}

const POOL_FULL = NOT_SEEN_REASONS.indexOf('pool-full');
const IPV6_DISABLED = NOT_SEEN_REASONS.indexOf('ipv6-disabled');
const PROTOCOL_DISABLED = NOT_SEEN_REASONS.indexOf('protocol-disabled');

/** Ground-truth flows listed per hidden-traffic finding. */
const HIDDEN_FLOWS_LISTED = 20;

interface HiddenBucket {
  packets: number;
  flows: FlowEvidence[];
  count: number;
  first: number;
  last: number;
  option: string;
  what: string;
}

/**
 * What the agent-health hints read of the ground truth, folded flow by flow: the packets a full pool turned
 * away per IP version, and the traffic a switched-off protocol or IP version hides from the agent (MA437).
 */
export class TruthFlowTally {
  readonly poolDrops = { 4: 0, 6: 0 };
  private readonly hidden = new Map<string, HiddenBucket>();

  /** Adds live flow i of `truth` (read through its accessors; a flow object only for hidden traffic). */
  add(truth: GroundTruth, i: number): void {
    this.poolDrops[truth.versionOf(i)] += truth.missedOf(i, POOL_FULL);
    if (truth.missedOf(i, IPV6_DISABLED) === 0 && truth.missedOf(i, PROTOCOL_DISABLED) === 0) return;
    const f = truth.flow(i);
    for (const [reason, packets] of Object.entries(f.missed)) {
      if (!packets) continue;
      let key: string | undefined;
      let option = '';
      let what = '';
      if (reason === 'ipv6-disabled') (key = 'IPv6'), (option = 'NX_DISABLE_IPV6'), (what = 'IPv6 (NX_DISABLE_IPV6 removes its capture code)');
      else if (reason === 'protocol-disabled') {
        const proto = f.ipProtocol === 6 ? 'TCP' : f.ipProtocol === 17 ? 'UDP' : 'ICMP';
        key = proto;
        option = `ASC_COLLECTOR_NETWORK_ACTIVITY_${proto}_DISABLED`;
        what = `${proto} (switched off)`;
      }
      if (!key) continue;
      const b = this.hidden.get(key) ?? { packets: 0, flows: [], count: 0, first: f.firstTime, last: f.lastTime, option, what };
      b.packets += packets;
      b.count++;
      b.first = Math.min(b.first, f.firstTime);
      b.last = Math.max(b.last, f.lastTime);
      if (b.flows.length < HIDDEN_FLOWS_LISTED) b.flows.push(truthEvidence(f));
      this.hidden.set(key, b);
    }
  }

  /** MA437: traffic a switched-off protocol or IP version hides from the agent (from the ground truth's reasons). */
  hiddenTraffic(device: string, where: ConfigLocator): Finding[] {
    const out: Finding[] = [];
    for (const [key, b] of this.hidden) {
      const p = where.locate(b.option);
      out.push({
        id: `MA437:${device}:${key}`, code: 'MA437', kind: 'hint', severity: 'Low', origin: 'project', title: 'Traffic the agent cannot see',
        message: `${b.packets} packets in ${b.count} flow${b.count === 1 ? '' : 's'} of ${device} are ${b.what}: the agent reports none of them, so no cloud rule can judge them.`,
        device, firstTime: b.first, lastTime: b.last, count: b.count,
        evidence: { flows: b.flows, ...(b.count > b.flows.length ? { flowsNotListed: b.count - b.flows.length } : {}), facts: { packets: b.packets, option: b.option } },
        locations: p ? [p.location] : [], agentVisible: false,
        remediation: `Turn ${b.option === 'NX_DISABLE_IPV6' ? 'IPv6 capture back on (remove NX_DISABLE_IPV6)' : `the ${key} collector back on (remove ${b.option})`} if this traffic matters, or accept the blind spot.`,
      });
    }
    return out;
  }
}

/** A ground-truth flow as finding evidence (its direction is who really started it). */
export function truthEvidence(f: TruthFlow): FlowEvidence {
  return {
    protocol: protocolOfIp(f.ipProtocol),
    local: addressText(f.ipVersion, f.local), localPort: f.localPort, remote: addressText(f.ipVersion, f.remote), remotePort: f.remotePort,
    bytesIn: f.bytesIn, bytesOut: f.bytesOut, firstTime: f.firstTime, lastTime: f.lastTime,
    direction: f.initiator === 'local' ? 'outbound' : 'inbound',
  };
}
