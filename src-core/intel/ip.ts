// IPv4/IPv6 address and CIDR parsing and formatting: strict, allocation-light, shared by feeds and baselines.
// IPv4 values are unsigned 32-bit numbers; IPv6 values are 128-bit bigints.
import { formatIpv4, formatIpv6Groups, parseIpv6Groups } from '../net/ip-text';

export interface Cidr4 { version: 4; network: number; prefix: number; /** The written address had bits set past the prefix. */ hostBitsSet: boolean }
export interface Cidr6 { version: 6; network: bigint; prefix: number; hostBitsSet: boolean }
export type Cidr = Cidr4 | Cidr6;

const MAX128 = (1n << 128n) - 1n;

/** Dotted quad, four decimal parts 0..255, no leading zeros (they read as octal in some tools). */
export function parseIPv4(s: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
      if (parts > 4) return undefined;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && part === 0) return undefined;
      part = part * 10 + (c - 48);
      digits++;
      if (digits > 3) return undefined;
    } else return undefined;
  }
  return parts === 4 ? value : undefined;
}

export function parseIPv6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined;
  const groups = parseIpv6Groups(s, parseIPv4);
  if (!groups) return undefined;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

export type Address = { version: 4; value: number } | { version: 6; value: bigint };

export function parseAddress(s: string): Address | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = parseIPv6(s);
  return v6 === undefined ? undefined : { version: 6, value: v6 };
}

/** `a.b.c.d/len`, an IPv6 prefix, or a bare address (a host prefix). */
export function parseCidr(text: string): Cidr | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const lenText = slash < 0 ? undefined : s.slice(slash + 1);
  if (lenText !== undefined && !/^\d{1,3}$/.test(lenText)) return undefined;
  const v4 = parseIPv4(addr);
  if (v4 !== undefined) {
    const prefix = lenText === undefined ? 32 : Number(lenText);
    if (prefix > 32) return undefined;
    const network = prefix === 0 ? 0 : (v4 & mask4(prefix)) >>> 0;
    return { version: 4, network, prefix, hostBitsSet: network !== v4 };
  }
  const v6 = parseIPv6(addr);
  if (v6 === undefined) return undefined;
  const prefix = lenText === undefined ? 128 : Number(lenText);
  if (prefix > 128) return undefined;
  const network = v6 & mask6(prefix);
  return { version: 6, network, prefix, hostBitsSet: network !== v6 };
}

export function mask4(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function mask6(prefix: number): bigint {
  return prefix === 0 ? 0n : (MAX128 >> BigInt(128 - prefix)) << BigInt(128 - prefix);
}

/** First and last address a CIDR covers. */
export function bounds4(c: Cidr4): [number, number] {
  return [c.network, c.network + (2 ** (32 - c.prefix) - 1)];
}
export function bounds6(c: Cidr6): [bigint, bigint] {
  return [c.network, c.network | (MAX128 >> BigInt(c.prefix))];
}

export const formatIPv4 = formatIpv4;

/** RFC 5952 canonical text: lower case, the longest run of two or more zero groups as `::`. */
export function formatIPv6(v: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  return formatIpv6Groups(groups);
}

export function formatCidr(c: Cidr): string {
  return c.version === 4 ? `${formatIPv4(c.network)}/${c.prefix}` : `${formatIPv6(c.network)}/${c.prefix}`;
}

/** Whether `outer` covers every address of `inner` (same version). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || outer.prefix > inner.prefix) return false;
  if (outer.version === 4) return ((inner.network as number) & mask4(outer.prefix)) >>> 0 === outer.network;
  return ((inner.network as bigint) & mask6(outer.prefix)) === outer.network;
}
