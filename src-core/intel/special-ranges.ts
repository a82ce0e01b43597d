// Address space that is not global unicast (RFC 6890 and friends): a feed entry touching it would flag every
// local peer, and threat-intelligence matching skips such remote addresses anyway.
import { bounds4, bounds6, parseCidr, type Cidr, type Cidr4, type Cidr6 } from './ip';

interface Special { cidr: string; name: string }

const specials4: Special[] = [
  { cidr: '0.0.0.0/8', name: '"this network" (0.0.0.0/8)' },
  { cidr: '10.0.0.0/8', name: 'private (10.0.0.0/8)' },
  { cidr: '100.64.0.0/10', name: 'carrier-grade NAT shared space (100.64.0.0/10)' },
  { cidr: '127.0.0.0/8', name: 'loopback (127.0.0.0/8)' },
  { cidr: '169.254.0.0/16', name: 'link-local (169.254.0.0/16)' },
  { cidr: '172.16.0.0/12', name: 'private (172.16.0.0/12)' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments (192.0.0.0/24)' },
  { cidr: '192.0.2.0/24', name: 'documentation (192.0.2.0/24)' },
  { cidr: '192.168.0.0/16', name: 'private (192.168.0.0/16)' },
  { cidr: '198.18.0.0/15', name: 'benchmarking (198.18.0.0/15)' },
  { cidr: '198.51.100.0/24', name: 'documentation (198.51.100.0/24)' },
  { cidr: '203.0.113.0/24', name: 'documentation (203.0.113.0/24)' },
  { cidr: '224.0.0.0/4', name: 'multicast (224.0.0.0/4)' },
  { cidr: '240.0.0.0/4', name: 'reserved (240.0.0.0/4, with broadcast)' },
];
const specials6: Special[] = [
  { cidr: '::/128', name: 'unspecified (::)' },
  { cidr: '::1/128', name: 'loopback (::1)' },
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped (::ffff:0:0/96)' },
  { cidr: '100::/64', name: 'discard-only (100::/64)' },
  { cidr: '2001:db8::/32', name: 'documentation (2001:db8::/32)' },
  { cidr: 'fc00::/7', name: 'unique local, private (fc00::/7)' },
  { cidr: 'fe80::/10', name: 'link-local (fe80::/10)' },
  { cidr: 'ff00::/8', name: 'multicast (ff00::/8)' },
];

const table4 = specials4.map((s) => ({ name: s.name, b: bounds4(parseCidr(s.cidr) as Cidr4) }));
const table6 = specials6.map((s) => ({ name: s.name, b: bounds6(parseCidr(s.cidr) as Cidr6) }));
const GLOBAL6: [bigint, bigint] = bounds6(parseCidr('2000::/3') as Cidr6);

export interface SpecialOverlap {
  /** The special range's name, e.g. "private (10.0.0.0/8)". */
  name: string;
  /** The entry lies wholly inside special space, so it can never match a global unicast address. */
  within: boolean;
}

/** The first special range an entry overlaps (covers, or lies within), or undefined for global unicast space. */
export function classifySpecial(c: Cidr): SpecialOverlap | undefined {
  if (c.version === 4) {
    const [s, e] = bounds4(c);
    for (const t of table4) if (s <= t.b[1] && t.b[0] <= e) return { name: t.name, within: s >= t.b[0] && e <= t.b[1] };
    return undefined;
  }
  const [s, e] = bounds6(c);
  for (const t of table6) if (s <= t.b[1] && t.b[0] <= e) return { name: t.name, within: s >= t.b[0] && e <= t.b[1] };
  if (s < GLOBAL6[0] || e > GLOBAL6[1]) return { name: 'outside global unicast (2000::/3)', within: e < GLOBAL6[0] || s > GLOBAL6[1] };
  return undefined;
}

/** classifySpecial for an IPv4 range given as numbers (no objects: the feed loader calls it per line). */
export function classifySpecial4(start: number, end: number): SpecialOverlap | undefined {
  for (const t of table4) if (start <= t.b[1] && t.b[0] <= end) return { name: t.name, within: start >= t.b[0] && end <= t.b[1] };
  return undefined;
}

export function specialRangeOf(c: Cidr): string | undefined {
  return classifySpecial(c)?.name;
}

/** Whether an address or range is global unicast (what threat-intelligence matching applies to). */
export function isGlobalUnicast(c: Cidr): boolean {
  return classifySpecial(c) === undefined;
}
