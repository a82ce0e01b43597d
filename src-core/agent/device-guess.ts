// Picks the device when none is named: the unicast address that takes part in the most distinct flows.
// Runs once before the simulation, so it may use strings; it stops looking after two million flows.
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6, ipv6BytesToWords } from '../traffic/ip-address';
import type { DecodedPacket } from '../traffic/packet';
import type { DeviceAddresses } from './capture';

/** Streams packets to `cb` until it returns false. */
export type PacketFeeder = (cb: (p: DecodedPacket) => void | boolean) => void;

export function parseDeviceAddresses(texts: string[]): DeviceAddresses {
  const out: DeviceAddresses = { ipv4: [], ipv6: [] };
  for (const t of texts) {
    const v4 = parseIpv4(t);
    if (v4 !== undefined) {
      out.ipv4.push(v4);
      continue;
    }
    const v6 = parseIpv6(t);
    if (v6 === undefined) throw new Error(`'${t}' is not an IPv4 or IPv6 address`);
    out.ipv6.push(ipv6BytesToWords(v6));
  }
  return out;
}

const isUnicast4 = (a: number) => a !== 0 && a !== 0xffffffff && a >>> 28 !== 14;

/** The address in the most distinct flows (unicast only); ties go to the first seen. */
export function guessDeviceAddress(feed: PacketFeeder): string | undefined {
  const flows = new Set<string>();
  const counts = new Map<string, number>();
  const bump = (a: string) => counts.set(a, (counts.get(a) ?? 0) + 1);
  feed((p) => {
    if (flows.size > 2_000_000) return false;
    let a: string, b: string;
    let srcUnicast: boolean, dstUnicast: boolean;
    if (p.ipVersion === 4) {
      a = formatIpv4(p.src4);
      b = formatIpv4(p.dst4);
      srcUnicast = isUnicast4(p.src4);
      dstUnicast = isUnicast4(p.dst4);
    } else if (p.ipVersion === 6) {
      a = formatIpv6(p.src6);
      b = formatIpv6(p.dst6);
      srcUnicast = p.src6[0] >>> 24 !== 0xff;
      dstUnicast = p.dst6[0] >>> 24 !== 0xff;
    } else return;
    const key = `${a}|${b}|${p.protocol}|${p.srcPort}|${p.dstPort}`;
    const rev = `${b}|${a}|${p.protocol}|${p.dstPort}|${p.srcPort}`;
    if (flows.has(key) || flows.has(rev)) return;
    flows.add(key);
    if (srcUnicast) bump(a);
    if (dstUnicast) bump(b);
  });
  let best: string | undefined;
  let bestCount = 0;
  for (const [a, c] of counts) if (c > bestCount) (best = a), (bestCount = c);
  return best;
}
