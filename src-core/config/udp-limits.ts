// The page limit for UDP records (docs/agent-facts.md §3.11, "UDP records"). A UDP record writes the
// protocol byte that TCP's default leaves out, so the largest message a configuration can build is a cycle
// of UDP flows with traffic both ways. Measured for real with the agent model's encoder (largestMessageFit:
// every cache entry such a record, plus heartbeat and system information) in the page the configuration
// derives, or the one it sets by hand. The config rules (MA114) and the hover read it.
import { largestMessageFit } from '../agent/message-fit';
import type { AgentConfig } from './agent-config';

export interface UdpPageLimits {
  /** The page the configuration builds its messages in. */
  pageSize: number;
  /** The caches in effect (IPv6 is 0 with NX_DISABLE_IPV6). */
  ipv4: number;
  ipv6: number;
  /** A full cycle of UDP records both ways fits the page; `bytes` is that message's size when it does. */
  fits: boolean;
  bytes?: number;
  /** In this page: the most UDP IPv4 records that fit beside `ipv6` UDP IPv6 records, and the reverse. */
  maxIpv4: number;
  maxIpv6: number;
  /** The largest n such that caches of at most n entries per IP version (with the page derived from them,
   *  unless it is set by hand) fit a full UDP cycle, and so does every smaller n. */
  safeCache: number;
}

const memo = new Map<string, UdpPageLimits | undefined>();
const MEMO_SIZE = 64;

/**
 * The UDP limits of a configuration, or undefined where they do not apply: the collector is off, UDP is
 * not collected, pages are malloc'd (ASC_DYNAMIC_MEMORY_ENABLED), or the caches are above what the builder
 * stack takes (MA113 speaks then). `cfg.emitterPageSize` is the hand-set page, when there is one.
 */
export function udpPageLimits(cfg: AgentConfig): UdpPageLimits | undefined {
  const ipv4 = cfg.networkActivityEnabled ? cfg.maxIpv4ObjectsInCache : 0;
  const ipv6 = cfg.networkActivityEnabled && !cfg.ipv6Disabled ? cfg.maxIpv6ObjectsInCache : 0;
  if (!cfg.networkActivityEnabled || cfg.udpDisabled || cfg.dynamicMemoryEnabled || ipv4 + ipv6 === 0) return undefined;
  // Everything that changes the message's size or the page: the same key, the same answer.
  const key = [ipv4, ipv6, cfg.emitterPageSize, cfg.heartbeatEnabled, cfg.systemInformationEnabled, cfg.securityModuleId,
    cfg.securityModuleVersion, cfg.osInfo, cfg.highPriorityIntervalSeconds, cfg.lowPriorityIntervalSeconds].join('|');
  if (memo.has(key)) return memo.get(key);
  const out = measure(cfg, ipv4, ipv6);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, out);
  return out;
}

function measure(cfg: AgentConfig, ipv4: number, ipv6: number): UdpPageLimits | undefined {
  const sized = (n4: number, n6: number, page = cfg.emitterPageSize): AgentConfig =>
    ({ ...cfg, maxIpv4ObjectsInCache: n4, maxIpv6ObjectsInCache: n6, emitterPageSize: page });
  const full = largestMessageFit(sized(ipv4, ipv6));
  if (!full.fits && full.failure !== 'page-overflow') return undefined;
  const pageSize = full.pageSize;
  if (full.fits) return { pageSize, ipv4, ipv6, fits: true, bytes: full.bytes, maxIpv4: ipv4, maxIpv6: ipv6, safeCache: Math.max(ipv4, ipv6) };
  // In a fixed page more records never take less room: a binary search is exact.
  const most = (limit: number, fitsWith: (n: number) => boolean): number => {
    let lo = 0;
    let hi = limit;
    if (!fitsWith(0)) return 0;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fitsWith(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const maxIpv4 = most(ipv4, (n) => largestMessageFit(sized(n, ipv6, pageSize)).fits);
  const maxIpv6 = ipv6 === 0 ? 0 : most(ipv6, (n) => largestMessageFit(sized(ipv4, n, pageSize)).fits);
  // A derived page shrinks with the caches, and its rounding makes the fit go on and off: walk up from one
  // entry and stop at the first size that does not fit, so every size up to the answer is safe.
  let safeCache = 0;
  for (let n = 1; n < Math.max(ipv4, ipv6); n++) {
    if (!largestMessageFit(sized(Math.min(ipv4, n), Math.min(ipv6, n))).fits) break;
    safeCache = n;
  }
  return { pageSize, ipv4, ipv6, fits: false, maxIpv4, maxIpv6, safeCache };
}
