// The configuration in effect for a project, as the editor's configuration view shows it: which file and
// distribution, which nx_user.h, the intervals in human units, the collector's switches and caches, what it
// costs (RAM, the largest message) and the limits it has to stay under (the emitter page, the builder stack).
import { SourceDocument } from '../../language/document';
import type { CheckContext } from '../../language/service';
import type { Range } from '../../language/types';
import { largestMessageFit } from '../../agent/message-fit';
import { computeFootprint, MAX_IPV4_RECORDS_PER_VECTOR, MAX_IPV6_RECORDS_PER_VECTOR } from '../footprint';
import { numberOf } from '../option-values';
import { resolveAgentConfig } from '../resolve-agent-config';
import { formatDuration } from '../../findings/time-text';
import { loadConfig } from './load';

export interface SummaryItem {
  label: string;
  value: string;
  /** Why it matters or where it comes from (a tooltip). */
  detail?: string;
  /** The option behind it, and where it is written (absent: a default). */
  option?: string;
  location?: { file: string; range: Range };
  /** A limit that is not kept. */
  problem?: boolean;
}

export interface SummarySection {
  title: string;
  items: SummaryItem[];
}

export interface ConfigurationSummary {
  file: string;
  sections: SummarySection[];
}

export function configurationSummary(file: string, text: string, ctx: CheckContext): ConfigurationSummary {
  const doc = new SourceDocument(file, text);
  const { config, nxUser } = loadConfig(doc, ctx);
  const resolved = resolveAgentConfig(config, nxUser);
  const a = resolved.agent;
  const at = (option: string): Pick<SummaryItem, 'option' | 'location'> => {
    const s = config.effective.get(option) ?? nxUser?.effective.get(option);
    return { option, ...(s ? { location: { file: s.file, range: s.statementRange } } : {}) };
  };
  const seconds = (option: string, label: string, value: number, detail: string): SummaryItem => ({ label, value: `${formatDuration(value)}${value >= 60 ? ` (${value} s)` : ''}`, detail, ...at(option) });
  const onOff = (v: boolean) => (v ? 'on' : 'off');

  const files: SummaryItem[] = [
    { label: 'Configuration', value: file, detail: config.kind === 'dist' ? 'a CMake distribution file' : 'a C header' },
    { label: 'Distribution', value: config.distribution, detail: 'whose defaults fill the options the file does not set' },
    { label: 'nx_user.h', value: nxUser ? nxUser.file : 'none found', detail: nxUser ? 'NX_DISABLE_IPV6 and NX_DISABLE_ASSERT are read from it' : 'set microAgent.nxUserPath, or put nx_user.h in the project', problem: !nxUser },
  ];
  const intervals: SummaryItem[] = [
    seconds('ASC_FIRST_COLLECTION_INTERVAL', 'First collection', a.firstCollectionIntervalSeconds, 'the first collection falls at a random time between this and three times this after the module starts'),
    seconds('ASC_HIGH_PRIORITY_INTERVAL', 'Network activity every', a.highPriorityIntervalSeconds, 'the network collector drains its flow cache into a message this often'),
    seconds('ASC_LOW_PRIORITY_INTERVAL', 'Heartbeat and system information every', a.lowPriorityIntervalSeconds, 'the low-priority collectors run this often'),
    seconds('ASC_SECURITY_MODULE_PENDING_TIME', 'Suspended after no hub for', a.pendingTimeSeconds, 'then the collectors stop until a hub connects'),
    seconds('ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', 'Retry a send every', a.retryTimeSeconds, 'no back-off; the next collection discards an unsent message'),
  ];
  const collector: SummaryItem[] = [
    { label: 'Network activity collector', value: onOff(a.networkActivityEnabled), ...at('ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED') },
    { label: 'TCP / UDP / ICMP', value: `${onOff(!a.tcpDisabled)} / ${onOff(!a.udpDisabled)} / ${onOff(!a.icmpDisabled)}`, detail: 'a switched-off protocol is invisible to the agent' },
    { label: 'Unicast only', value: onOff(a.captureUnicastOnly), ...at('ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY') },
    { label: 'IPv6', value: a.ipv6Disabled ? 'off (NX_DISABLE_IPV6)' : 'on', ...at('NX_DISABLE_IPV6') },
    { label: 'IPv4 flow cache', value: `${a.maxIpv4ObjectsInCache} flows a cycle`, detail: 'more distinct flows in a cycle and every later packet of the cycle is dropped', ...at('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE') },
    { label: 'IPv6 flow cache', value: a.ipv6Disabled ? 'none (IPv6 off)' : `${a.maxIpv6ObjectsInCache} flows a cycle`, ...at('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE') },
  ];
  const ipv6 = a.ipv6Disabled ? 0 : a.maxIpv6ObjectsInCache;
  const fp = computeFootprint({
    ipv4: a.networkActivityEnabled ? a.maxIpv4ObjectsInCache : 0, ipv6: a.networkActivityEnabled ? ipv6 : 0, dynamicMemory: a.dynamicMemoryEnabled,
    pageSize: numberOf(resolved.values, 'FLATCC_EMITTER_PAGE_SIZE'), pageCacheSize: numberOf(resolved.values, 'ASC_EMITTER_PAGE_CACHE_SIZE'),
    highIntervalSeconds: a.highPriorityIntervalSeconds, lowIntervalSeconds: a.lowPriorityIntervalSeconds,
  });
  // A hand-set page replaces the derived one (page_allocator.h derives it only when the build did not set it).
  const page = a.dynamicMemoryEnabled ? undefined : numberOf(resolved.values, 'FLATCC_EMITTER_PAGE_SIZE');
  const fit = largestMessageFit({ ...a, ...(page !== undefined ? { emitterPageSize: page } : {}) });
  const cost: SummaryItem[] = [
    { label: 'Static RAM', value: `${fp.totalRam} B`, detail: `emitter page ${fp.emitterRam} B + flow pools ${fp.objectRam} B (52 B per IPv4, 200 B per IPv6 entry)` },
    { label: 'Emitter page', value: a.dynamicMemoryEnabled ? 'malloc\'d' : `${fp.pageSize} B`, detail: 'a message is built in its front half', ...at('FLATCC_EMITTER_PAGE_SIZE') },
    { label: 'Largest message (TCP records)', value: `${fp.largestMessage} B`, detail: 'a full cycle with heartbeat and system information, as the NetX Duo README counts it' },
    { label: 'At full cache', value: `${Math.round(fp.bytesPerHourAtFullCache / 1024)} KiB an hour`, detail: 'if every cycle filled the cache' },
  ];
  const limits: SummaryItem[] = [
    { label: 'A full cycle of UDP records both ways', value: fit.fits ? `fits (${fit.bytes} B)` : `does not fit (${fit.failure})`, detail: fit.fits ? 'the largest message this configuration can build' : 'a busy cycle would hang the agent (or drop the message with NX_DISABLE_ASSERT)', problem: !fit.fits },
    { label: 'Builder stack', value: `${MAX_IPV4_RECORDS_PER_VECTOR} IPv4 / ${MAX_IPV6_RECORDS_PER_VECTOR} IPv6 records a message`, detail: 'a cycle with more records makes the agent silent', problem: fp.vectorOverflow.ipv4 || fp.vectorOverflow.ipv6 },
  ];
  return {
    file,
    sections: [
      { title: 'Files', items: files },
      { title: 'Intervals', items: intervals },
      { title: 'Network collector', items: collector },
      { title: 'Cost', items: cost },
      { title: 'Limits', items: limits },
    ],
  };
}
