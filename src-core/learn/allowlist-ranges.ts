// The learned allowlist: every remote address the device connected to (outbound, as the cloud reads it;
// multicast and broadcast left out, as the cloud never judges them), as host prefixes (/32, /128).
// Aggregation is off by default: a host prefix allows exactly what was seen, and a new host in the same
// network is what the allowlist is there to notice. With `aggregate`, hosts that share a network of that
// prefix length with at least one other learned host are written as that network (a cloud service spread
// over a few addresses of one /24, say); a host alone in its network stays a host prefix. The ranges
// written never overlap (no MA207) and never cover everything (no MA208).
import { formatCidr, mask4, mask6 } from '../intel/ip';
import { wordsToBigint } from '../cloud/cloud-record';
import { compareAddressText } from './learned-profile';

export interface Aggregation {
  /** IPv4 prefix length to group hosts by (8-31), or undefined for host prefixes only. */
  v4?: number;
  /** IPv6 prefix length (16-127), or undefined. */
  v6?: number;
}

export interface AllowlistHost {
  version: 4 | 6;
  words: readonly number[];
  text: string;
}

export const AGGREGATE_LIMITS = { v4: [8, 31], v6: [16, 127] } as const;

/** The allowlist values, IPv4 first, each version in address order. */
export function allowlistRanges(hosts: Iterable<AllowlistHost>, aggregate: Aggregation = {}): string[] {
  const v4 = new Map<string, { network: number; hosts: string[] }>();
  const v6 = new Map<string, { network: bigint; hosts: string[] }>();
  const single: string[] = [];
  for (const h of hosts) {
    if (h.version === 4) {
      if (aggregate.v4 === undefined) single.push(`${h.text}/32`);
      else {
        const network = (h.words[0] & mask4(aggregate.v4)) >>> 0;
        const g = v4.get(String(network)) ?? { network, hosts: [] };
        g.hosts.push(h.text);
        v4.set(String(network), g);
      }
    } else if (aggregate.v6 === undefined) single.push(`${h.text}/128`);
    else {
      const network = wordsToBigint(h.words) & mask6(aggregate.v6);
      const g = v6.get(network.toString()) ?? { network, hosts: [] };
      g.hosts.push(h.text);
      v6.set(network.toString(), g);
    }
  }
  for (const g of v4.values()) {
    if (g.hosts.length > 1) single.push(formatCidr({ version: 4, network: g.network, prefix: aggregate.v4!, hostBitsSet: false }));
    else single.push(`${g.hosts[0]}/32`);
  }
  for (const g of v6.values()) {
    if (g.hosts.length > 1) single.push(formatCidr({ version: 6, network: g.network, prefix: aggregate.v6!, hostBitsSet: false }));
    else single.push(`${g.hosts[0]}/128`);
  }
  const addr = (c: string) => c.slice(0, c.indexOf('/'));
  return [...new Set(single)].sort((a, b) => compareAddressText(addr(a), addr(b)) || Number(a.split('/')[1]) - Number(b.split('/')[1]));
}
