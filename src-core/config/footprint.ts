// What a configuration costs: the static emitter page, the flow pools' RAM and the bytes a full cycle sends,
// from the agent's own formulas (docs/agent-facts.md §3.9, §3.11, §5.1).

/** page_allocator.h: MAX_MESSAGE_SIZE = 500 + 36*IPv4 + 60*IPv6 (the process cache is 0 on RTOS). */
export const MESSAGE_BASE_BYTES = 500;
/** Wire bytes per flow record (NXREADME; §3.11: 160 + 36 n / 162 + 60 n with every field set). */
export const IPV4_RECORD_BYTES = 36;
export const IPV6_RECORD_BYTES = 60;
/** RAM per pool entry (NXREADME "per additional connection"). */
export const IPV4_ENTRY_RAM = 52;
export const IPV6_ENTRY_RAM = 200;
/** NXREADME: "Total = Metadata (e.g. 300 bytes) + IPv4 * 36 + IPv6 * 60"; exact for 64/64 (6444, §3.11). */
export const MESSAGE_METADATA_BYTES = 300;
/** §3.11: heartbeat + system information add 122 bytes to the largest message (6444 vs 6322 network-only). */
export const HEARTBEAT_SYSINFO_BYTES = 122;
/** §3.11: the largest 64/64 message puts 6372 of its bytes in the page's front half, so everything but the
 *  records takes 6372 - 64*36 - 64*60 = 228 bytes there. Checked against §3.11's "at most 71 IPv4 with 64
 *  IPv6" and "at most 68 IPv6 with 64 IPv4" in a 13312-byte page. */
export const FRONT_OVERHEAD_BYTES = 228;
/** §3.11: the custom allocator's 512-byte builder stack caps one vector at about 115 IPv4 / 109 IPv6 records. */
export const MAX_IPV4_RECORDS_PER_VECTOR = 115;
export const MAX_IPV6_RECORDS_PER_VECTOR = 109;
/** depends_configuration.cmake: the page size with ASC_DYNAMIC_MEMORY_ENABLED. */
export const DYNAMIC_PAGE_SIZE = 14016;

export interface FootprintInput {
  ipv4: number;
  ipv6: number;
  dynamicMemory?: boolean;
  /** FLATCC_EMITTER_PAGE_SIZE when the configuration sets it by hand (it is normally derived). */
  pageSize?: number;
  /** ASC_EMITTER_PAGE_CACHE_SIZE (1 with static memory). */
  pageCacheSize?: number;
  highIntervalSeconds?: number;
  lowIntervalSeconds?: number;
}

export interface Footprint {
  ipv4: number;
  ipv6: number;
  maxMessageSize: number;
  pageSize: number;
  pageCacheSize: number;
  /** Static RAM of the emitter pages (0 with dynamic memory: pages are malloc'd). */
  emitterRam: number;
  /** RAM of the flow pools: 52 B per IPv4 entry, 200 B per IPv6 entry. */
  objectRam: number;
  totalRam: number;
  /** Bytes of the largest message (a full cycle with heartbeat and system information), the README's estimate. */
  largestMessage: number;
  /** Bytes of the largest message in the page's front half, and what the front half holds. */
  largestMessageFront: number;
  pageFront: number;
  /** A full message cannot be built in the page (static memory only). */
  pageOverflow: boolean;
  /** One cycle can hold more records than the builder stack takes. */
  vectorOverflow: { ipv4: boolean; ipv6: boolean };
  /** Wire bytes per hour if every cycle is full (network every HIGH interval, heartbeat + sysinfo every LOW). */
  bytesPerHourAtFullCache: number;
}

/** The emitter page size page_allocator.h derives; the rounding can go below 2*max (§3.9). */
export function emitterPageSize(maxMessageSize: number): number {
  // (x + 63) & ~127 in the C header; done in floating point so absurd caches do not wrap at 32 bits.
  return Math.floor((2 * maxMessageSize + 63) / 128) * 128;
}

export function maxMessageSize(ipv4: number, ipv6: number): number {
  return MESSAGE_BASE_BYTES + IPV4_RECORD_BYTES * ipv4 + IPV6_RECORD_BYTES * ipv6;
}

export function computeFootprint(input: FootprintInput): Footprint {
  const ipv4 = Math.max(0, Math.trunc(input.ipv4));
  const ipv6 = Math.max(0, Math.trunc(input.ipv6));
  const max = maxMessageSize(ipv4, ipv6);
  const dynamic = input.dynamicMemory === true;
  const pageSize = dynamic ? DYNAMIC_PAGE_SIZE : input.pageSize ?? emitterPageSize(max);
  const pageCacheSize = dynamic ? 0 : Math.max(1, input.pageCacheSize ?? 1);
  const emitterRam = pageSize * pageCacheSize;
  const objectRam = IPV4_ENTRY_RAM * ipv4 + IPV6_ENTRY_RAM * ipv6;
  const largestMessage = MESSAGE_METADATA_BYTES + IPV4_RECORD_BYTES * ipv4 + IPV6_RECORD_BYTES * ipv6;
  const largestMessageFront = FRONT_OVERHEAD_BYTES + IPV4_RECORD_BYTES * ipv4 + IPV6_RECORD_BYTES * ipv6;
  const pageFront = Math.floor(pageSize / 2);
  const high = Math.max(1, input.highIntervalSeconds ?? 10);
  const low = Math.max(1, input.lowIntervalSeconds ?? 60);
  const perHour = (3600 / high) * (largestMessage - HEARTBEAT_SYSINFO_BYTES) + (3600 / low) * HEARTBEAT_SYSINFO_BYTES;
  return {
    ipv4, ipv6, maxMessageSize: max, pageSize, pageCacheSize, emitterRam, objectRam,
    totalRam: emitterRam + objectRam, largestMessage, largestMessageFront, pageFront,
    pageOverflow: !dynamic && largestMessageFront > pageFront,
    vectorOverflow: { ipv4: ipv4 > MAX_IPV4_RECORDS_PER_VECTOR, ipv6: ipv6 > MAX_IPV6_RECORDS_PER_VECTOR },
    bytesPerHourAtFullCache: Math.round(perHour),
  };
}

/** Records of one IP version that still fit in the page's front half beside `other` records of the other. */
export function recordsThatFit(pageSize: number, version: 4 | 6, other: number): number {
  const otherBytes = version === 4 ? IPV6_RECORD_BYTES * other : IPV4_RECORD_BYTES * other;
  const per = version === 4 ? IPV4_RECORD_BYTES : IPV6_RECORD_BYTES;
  return Math.max(0, Math.floor((Math.floor(pageSize / 2) - FRONT_OVERHEAD_BYTES - otherBytes) / per));
}
