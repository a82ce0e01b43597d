// The learned profile: this project's own record of what a security group's devices did while learning,
// kept beside the baseline (`X.baseline.json` -> `X.learned.json`). The cloud's allowlist knows addresses
// only; the learned profile also knows, per remote address, the protocols and service ports seen with it,
// so that MA402 (src-core/cloud/learned-ports.ts) can tell a known host reached on a new port.
import type { CloudProtocol } from '../cloud/cloud-record';
import { parseIpv4 } from '../traffic/ip-address';

/** The format's version, written as the file's `learnedProfile` property. */
export const LEARNED_PROFILE_VERSION = 1;

/** One remote address of a group: the services seen with it ("TCP 8883", "UDP 53", "ICMP", "other"). */
export interface LearnedRemoteJson {
  services: string[];
}

export interface LearnedProfileJson {
  learnedProfile: typeof LEARNED_PROFILE_VERSION;
  generatedBy: string;
  /** What it was learned from (informative: nothing reads it back). */
  source?: { input: string; kind: string; from: string | null; to: string | null; devices: string[] };
  /** Security groups by name (case-insensitive, as baselines' are), each with its remote addresses. */
  groups: Record<string, { remotes: Record<string, LearnedRemoteJson> }>;
}

/**
 * A flow's service as the learned profile writes it: the protocol and the service port, which is the
 * remote port when the cloud reads the flow as outbound (the device is the client) and the device's own
 * port when inbound; ICMP and other protocols have no ports.
 */
export function serviceOf(f: { protocol: CloudProtocol; direction: 'outbound' | 'inbound'; localPort: number; remotePort: number }): string {
  if (f.protocol === 'ICMP' || f.protocol === 'other') return f.protocol;
  return `${f.protocol} ${f.direction === 'outbound' ? f.remotePort : f.localPort}`;
}

/** Orders services for writing and messages: TCP, UDP by port, then ICMP, then other. */
export function compareServices(a: string, b: string): number {
  const rank = (s: string) => (s.startsWith('TCP ') ? 0 : s.startsWith('UDP ') ? 1 : s === 'ICMP' ? 2 : 3);
  const port = (s: string) => Number(s.split(' ')[1] ?? 0);
  return rank(a) - rank(b) || port(a) - port(b) || a.localeCompare(b);
}

/** Where the learned profile of a baseline lives: `X.baseline.json` (or `.jsonc`, or `X.json`) -> `X.learned.json`. */
export function learnedPathFor(baselinePath: string): string {
  const m = /(\.baseline)?\.jsonc?$/i.exec(baselinePath);
  return `${m ? baselinePath.slice(0, m.index) : baselinePath}.learned.json`;
}

/** The learned profile's text (stable: groups, addresses and services sorted). */
export function learnedProfileText(p: LearnedProfileJson): string {
  const groups: LearnedProfileJson['groups'] = {};
  for (const g of Object.keys(p.groups).sort()) {
    const remotes: Record<string, LearnedRemoteJson> = {};
    for (const a of Object.keys(p.groups[g].remotes).sort(compareAddressText)) {
      remotes[a] = { services: [...new Set(p.groups[g].remotes[a].services)].sort(compareServices) };
    }
    groups[g] = { remotes };
  }
  return `${JSON.stringify({ ...p, groups }, null, 2)}\n`;
}

/** IPv4 before IPv6, each in numeric order (text with `:` is IPv6). */
export function compareAddressText(a: string, b: string): number {
  const v6a = a.includes(':');
  const v6b = b.includes(':');
  if (v6a !== v6b) return v6a ? 1 : -1;
  if (!v6a) {
    const n = (s: string) => parseIpv4(s) ?? 0;
    return n(a) - n(b);
  }
  return expand6(a).localeCompare(expand6(b));
}

function expand6(s: string): string {
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0')).join(':');
}
