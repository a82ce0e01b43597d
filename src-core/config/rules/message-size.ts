// MA113 (a cache the serializer's 512-byte builder stack cannot hold) and MA114 (a full message that
// overflows the emitter page), from the figures of reference §3.9 and §3.11.
import { computeFootprint, emitterPageSize, MAX_IPV4_RECORDS_PER_VECTOR, MAX_IPV6_RECORDS_PER_VECTOR } from '../footprint';
import { numberOf } from '../option-values';
import type { RuleContext } from './context';

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

export function messageSize(ctx: RuleContext): void {
  const { agent, values } = ctx.resolved;
  if (!agent.networkActivityEnabled) return;
  for (const [version, limit, n] of [[4, MAX_IPV4_RECORDS_PER_VECTOR, agent.maxIpv4ObjectsInCache], [6, MAX_IPV6_RECORDS_PER_VECTOR, agent.maxIpv6ObjectsInCache]] as const) {
    if (n <= limit) continue;
    const name = `${NA}MAX_IPV${version}_OBJECTS_IN_CACHE`;
    const s = ctx.own(name);
    ctx.report('MA113', ctx.anchor(name, 'value'),
      `${name} is ${n}, but the serializer's 512-byte builder stack holds at most about ${limit} IPv${version} records in one message: the first cycle with more flows fails, and every later message fails too, so the agent goes silent until it is re-initialised (reference §3.11).`,
      { fixes: s ? [ctx.replaceValue(s, String(limit), `Set to ${limit}`)].filter((f) => f !== undefined) : undefined });
  }
  const pageSet = ctx.own('FLATCC_EMITTER_PAGE_SIZE');
  const fp = computeFootprint({
    ipv4: agent.maxIpv4ObjectsInCache, ipv6: agent.maxIpv6ObjectsInCache, dynamicMemory: agent.dynamicMemoryEnabled,
    pageSize: numberOf(values, 'FLATCC_EMITTER_PAGE_SIZE'), pageCacheSize: numberOf(values, 'ASC_EMITTER_PAGE_CACHE_SIZE'),
  });
  if (!fp.pageOverflow) return;
  const hangs = !agent.assertsDisabled;
  const anchorName = pageSet ? 'FLATCC_EMITTER_PAGE_SIZE' : ctx.own(`${NA}MAX_IPV6_OBJECTS_IN_CACHE`) ? `${NA}MAX_IPV6_OBJECTS_IN_CACHE` : `${NA}MAX_IPV4_OBJECTS_IN_CACHE`;
  const needed = emitterPageSize(fp.maxMessageSize);
  ctx.report('MA114', ctx.anchor(anchorName, 'value'),
    `With full caches (${fp.ipv4} IPv4 + ${fp.ipv6} IPv6 flows) the largest message needs about ${fp.largestMessageFront} bytes in the front half of the ${fp.pageSize}-byte emitter page, which holds ${fp.pageFront}: ` +
    (hangs ? 'FlatCC\'s assert (NX_ASSERT) then hangs the agent\'s thread (reference §3.11).' : 'with asserts off the message is dropped and nothing is sent that cycle.'),
    { severity: hangs ? 'error' : 'warning',
      fixes: pageSet ? [ctx.replaceValue(pageSet, String(needed), `Set to ${needed} (the derived size)`), ctx.deleteStatement(pageSet, 'Remove FLATCC_EMITTER_PAGE_SIZE (let the build derive it)')].filter((f) => f !== undefined) : undefined });
}
