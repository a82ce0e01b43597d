// MA113 (a cache the serializer's 512-byte builder stack cannot hold) and MA114 (a full message that
// overflows the emitter page), from docs/agent-facts.md §3.9 and §3.11.
//
// MA114 has two tiers. Every full cycle overflowing (the largest message of TCP records does not fit: a page
// set by hand too small) hangs the agent's thread with asserts on: an error (a warning when the message is
// only dropped). Only a full cycle of UDP records with traffic both ways overflowing, which the shipped
// 64/64 caches already do, is information (a hint with asserts off): it takes over a hundred distinct UDP
// flows with traffic both ways in one cycle, and NetX Duo ships that way, so it must not make every
// RTOS_BASE project carry a warning. That tier is measured with the agent model's encoder (udp-limits.ts).
import { formatDuration } from '../../findings/time-text';
import type { Fix } from '../../language/types';
import { computeFootprint, emitterPageSize, MAX_IPV4_RECORDS_PER_VECTOR, MAX_IPV6_RECORDS_PER_VECTOR } from '../footprint';
import type { OptionSetting } from '../model';
import { numberOf } from '../option-values';
import { udpPageLimits, type UdpPageLimits } from '../udp-limits';
import type { RuleContext } from './context';

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';
const PAGE = 'FLATCC_EMITTER_PAGE_SIZE';

export function messageSize(ctx: RuleContext): void {
  const { agent, values } = ctx.resolved;
  if (!agent.networkActivityEnabled) return;
  for (const [version, limit, n] of [[4, MAX_IPV4_RECORDS_PER_VECTOR, agent.maxIpv4ObjectsInCache], [6, MAX_IPV6_RECORDS_PER_VECTOR, agent.maxIpv6ObjectsInCache]] as const) {
    if (n <= limit) continue;
    const name = `${NA}MAX_IPV${version}_OBJECTS_IN_CACHE`;
    const s = ctx.own(name);
    ctx.report('MA113', ctx.anchor(name, 'value'),
      `${name} is ${n}, but the serializer's 512-byte builder stack holds at most about ${limit} IPv${version} records in one message: the first cycle with more flows fails, and every later message fails too, so the agent goes silent until it is re-initialised.`,
      { fixes: s ? [ctx.replaceValue(s, String(limit), `Set to ${limit}`)].filter((f) => f !== undefined) : undefined });
  }
  // Set by hand: a `#define` or `set()` with a value (CMake's `/* #undef FLATCC_EMITTER_PAGE_SIZE */` is not).
  const own = ctx.own(PAGE);
  const pageSet = own && (own.via === 'define' || own.via === 'set') && own.valueRange ? own : undefined;
  const handPage = agent.dynamicMemoryEnabled ? undefined : numberOf(values, PAGE);
  const fp = computeFootprint({
    ipv4: agent.maxIpv4ObjectsInCache, ipv6: agent.ipv6Disabled ? 0 : agent.maxIpv6ObjectsInCache, dynamicMemory: agent.dynamicMemoryEnabled,
    pageSize: handPage, pageCacheSize: numberOf(values, 'ASC_EMITTER_PAGE_CACHE_SIZE'),
  });
  const hangs = !agent.assertsDisabled;
  if (fp.pageOverflow) {
    const anchorName = pageSet ? PAGE : ctx.own(`${NA}MAX_IPV6_OBJECTS_IN_CACHE`) ? `${NA}MAX_IPV6_OBJECTS_IN_CACHE` : `${NA}MAX_IPV4_OBJECTS_IN_CACHE`;
    const needed = emitterPageSize(fp.maxMessageSize);
    ctx.report('MA114', ctx.anchor(anchorName, 'value'),
      `With full caches (${fp.ipv4} IPv4 + ${fp.ipv6} IPv6 flows) the largest message needs about ${fp.largestMessageFront} bytes in the front half of the ${fp.pageSize}-byte emitter page, which holds ${fp.pageFront}: ` +
      (hangs ? 'FlatCC\'s assert (NX_ASSERT) then hangs the agent\'s thread.' : 'with asserts off the message is dropped and nothing is sent that cycle.'),
      { severity: hangs ? 'error' : 'warning',
        fixes: pageSet ? [ctx.replaceValue(pageSet, String(needed), `Set to ${needed} (the derived size)`), ctx.deleteStatement(pageSet, `Remove ${PAGE} (let the build derive it)`)].filter((f) => f !== undefined) : undefined });
    return;
  }
  if (fp.vectorOverflow.ipv4 || fp.vectorOverflow.ipv6) return; // MA113 said it: those builds fail first
  if (ctx.nx('NX_AZURE_DISABLE_IOT_SECURITY_MODULE')) return; // MA110: the agent is not built at all
  const udp = udpPageLimits({ ...agent, ...(handPage !== undefined ? { emitterPageSize: handPage } : {}) });
  if (!udp || udp.fits) return;
  const cycle = formatDuration(agent.highPriorityIntervalSeconds);
  const lines: Array<[OptionSetting, 4 | 6 | 'page']> = [];
  const v4 = ctx.own(`${NA}MAX_IPV4_OBJECTS_IN_CACHE`);
  const v6 = ctx.own(`${NA}MAX_IPV6_OBJECTS_IN_CACHE`);
  if (v4) lines.push([v4, 4]);
  if (v6 && udp.ipv6 > 0) lines.push([v6, 6]);
  if (pageSet) lines.push([pageSet, 'page']);
  const fix = smallerCaches(udp, v4, v6);
  for (const [s, what] of lines) {
    ctx.report('MA114', s.valueRange ?? s.nameRange, udpMessage(udp, what, hangs, cycle, handPage !== undefined),
      { severity: hangs ? 'information' : 'hint', fixes: fix ? [fix] : undefined });
  }
}

/** What the cache (or page) line says: the limit, what happens, and the two ways out. */
export function udpMessage(udp: UdpPageLimits, what: 4 | 6 | 'page', hangs: boolean, cycle: string, pageByHand: boolean): string {
  const beside4 = udp.ipv6 > 0 ? `beside ${udp.ipv6} UDP IPv6 records at most ${udp.maxIpv4} UDP IPv4 records fit` : `at most ${udp.maxIpv4} UDP IPv4 records fit`;
  const beside6 = `beside ${udp.ipv4} UDP IPv4 records at most ${udp.maxIpv6} UDP IPv6 records fit`;
  const limit = what === 4 ? `${beside4} (this cache holds ${udp.ipv4})`
    : what === 6 ? `${beside6} (this cache holds ${udp.ipv6})`
      : udp.ipv6 > 0 ? `${beside4}, and ${beside6}` : beside4;
  const smaller = `smaller caches (${pageByHand ? 'in this page' : 'the page is derived from them and shrinks with them'}: caches of at most ${udp.safeCache} entries each fit${pageByHand ? '; or a larger FLATCC_EMITTER_PAGE_SIZE' : ''})`;
  const head = `A busy ${cycle} cycle of UDP flows with traffic both ways can overflow the ${udp.pageSize}-byte emitter page: a UDP record also writes its protocol byte, so ${limit}.`;
  return hangs
    ? `${head} FlatCC's assert (NX_ASSERT) then hangs the thread that runs the agent. Ways out: ${smaller}, or NX_DISABLE_ASSERT in nx_user.h, so that such a message is dropped instead.`
    : `${head} With asserts off such a message is dropped and nothing is sent that cycle. Way out: ${smaller}.`;
}

/** One fix that brings every cache above the safe size down to it together (one alone would not do); none
 *  when such a cache is not written in this file. */
function smallerCaches(udp: UdpPageLimits, v4: OptionSetting | undefined, v6: OptionSetting | undefined): Fix | undefined {
  if (udp.safeCache < 1) return undefined;
  const edits = [];
  for (const [s, n] of [[v4, udp.ipv4], [v6, udp.ipv6]] as const) {
    if (n <= udp.safeCache) continue;
    if (!s?.valueRange) return undefined;
    edits.push({ range: s.valueRange, newText: String(udp.safeCache) });
  }
  return edits.length ? { title: `Set the flow caches to ${udp.safeCache} (a full UDP cycle then fits)`, edits } : undefined;
}
