// What the simulated cloud reads: one network record (a flow's share of one collection period), from a
// message the agent sent or from the ground truth, plus the address helpers every analysis shares.
import { formatIpv4, formatIpv6 } from '../traffic/ip-address';
import { classifySpecial } from '../intel/special-ranges';
import type { OutboundRule } from './cloud-options';

export type CloudProtocol = 'TCP' | 'UDP' | 'ICMP' | 'other';

export interface CloudRecord {
  ipVersion: 4 | 6;
  /** IPv4: one word (a<<24|b<<16|c<<8|d); IPv6: four big-endian words. */
  local: readonly number[];
  remote: readonly number[];
  localPort: number;
  remotePort: number;
  protocol: CloudProtocol;
  bytesIn: number;
  bytesOut: number;
  /** Identifies the flow across periods: the 5-tuple (agent view) or the ground truth's flow number. */
  flowKey: string | number;
  /** Ground truth only: who sent the flow's first packet (or its SYN). */
  initiator?: 'local' | 'remote';
}

export function addressText(version: 4 | 6, words: readonly number[]): string {
  return version === 4 ? formatIpv4(words[0]) : formatIpv6(words);
}

/** A map key for an address: the IPv4 number as a signed 32-bit integer (V8 keeps those unboxed, where half
 *  of all addresses as unsigned numbers would be a heap number a lookup), or the IPv6 words joined. Opaque:
 *  compare keys, never read an address back from one. */
export function addressKey(version: 4 | 6, words: readonly number[]): number | string {
  return version === 4 ? words[0] | 0 : `${words[0]}:${words[1]}:${words[2]}:${words[3]}`;
}

const PROTOCOL_CODE: Record<CloudProtocol, number> = { TCP: 0, UDP: 1, ICMP: 2, other: 3 };

/** The 5-tuple as a short flat string of 16-bit units (a window's distinct flows keep one per flow). */
export function recordFlowKey(version: 4 | 6, local: readonly number[], remote: readonly number[], localPort: number, remotePort: number, protocol: CloudProtocol): string {
  const units = [version | (PROTOCOL_CODE[protocol] << 4), localPort, remotePort];
  for (const w of local) units.push(w >>> 16, w & 0xffff);
  for (const w of remote) units.push(w >>> 16, w & 0xffff);
  return String.fromCharCode(...units);
}

export function wordsToBigint(words: readonly number[]): bigint {
  return (BigInt(words[0] >>> 0) << 96n) | (BigInt(words[1] >>> 0) << 64n) | (BigInt(words[2] >>> 0) << 32n) | BigInt(words[3] >>> 0);
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach an IPv4 host: IPv4-mapped
 * (::ffff:0:0/96) and the NAT64 well-known prefix (64:ff9b::/96, RFC 6052). A device on an IPv6-only
 * network reaches an IPv4 C2 host through them, so IPv4 indicators must still match.
 */
export function embeddedIpv4(words: readonly number[]): number | undefined {
  if (words[0] === 0 && words[1] === 0 && words[2] >>> 0 === 0xffff) return words[3] >>> 0;
  if (words[0] >>> 0 === 0x0064ff9b && words[1] === 0 && words[2] === 0) return words[3] >>> 0;
  return undefined;
}

/** Global unicast: what threat-intelligence matching applies to (no private, loopback, link-local,
 *  multicast, documentation or other special space; docs/agent-facts.md §4.1 and the feeds' known traps). */
export function isGlobalUnicast(version: 4 | 6, words: readonly number[]): boolean {
  const v4 = version === 6 ? embeddedIpv4(words) : undefined;
  if (v4 !== undefined) return isGlobalUnicast(4, [v4]);
  if (version === 4) return classifySpecial({ version: 4, network: words[0] >>> 0, prefix: 32, hostBitsSet: false }) === undefined;
  return classifySpecial({ version: 6, network: wordsToBigint(words), prefix: 128, hostBitsSet: false }) === undefined;
}

/** Multicast or broadcast: never "a connection" to a host (IPv4 224/4 and 255.255.255.255, IPv6 ff00::/8). */
export function isGroupAddress(version: 4 | 6, words: readonly number[]): boolean {
  if (version === 4) return words[0] >>> 28 === 14 || words[0] >>> 0 === 0xffffffff;
  return words[0] >>> 24 === 0xff;
}

/** Whether the cloud reads a record as a connection the device made (see OutboundRule). */
export function isOutbound(r: Pick<CloudRecord, 'protocol' | 'localPort' | 'remotePort' | 'bytesOut'>, rule: OutboundRule): boolean {
  if (rule === 'any') return true;
  if (rule === 'bytes-out') return r.bytesOut > 0;
  if (r.protocol === 'ICMP' || r.protocol === 'other') return r.bytesOut > 0;
  const local = r.localPort;
  const remote = r.remotePort;
  if (remote < 1024 && local >= 1024) return true;
  if (local < 1024 && remote >= 1024) return false;
  // Both privileged or both high: the higher port is the client's (ties: the device's own bytes decide).
  return local !== remote ? local > remote : r.bytesOut > 0;
}

/** The schema's protocol value (TCP 0, UDP 1, ICMP 2) or an IP protocol number, as the cloud names it. */
export function protocolOfSchema(value: number): CloudProtocol {
  return value === 0 ? 'TCP' : value === 1 ? 'UDP' : value === 2 ? 'ICMP' : 'other';
}

export function protocolOfIp(ipProtocol: number): CloudProtocol {
  return ipProtocol === 6 ? 'TCP' : ipProtocol === 17 ? 'UDP' : ipProtocol === 1 || ipProtocol === 58 ? 'ICMP' : 'other';
}
