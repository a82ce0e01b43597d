// Picks the device when none is named: the unicast address that takes part in the most distinct flows.
// The simulator counts as it reads, so the first read can serve both the guess and the replay.
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

/** Counts distinct flows per unicast address; stops counting new flows after two million. */
export class DeviceGuesser {
  private readonly flows = new Set<string>();
  private readonly counts = new Map<string, number>();

  get full(): boolean {
    return this.flows.size > 2_000_000;
  }

  observe(p: DecodedPacket): void {
    if (this.full) return;
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
    if (this.flows.has(key) || this.flows.has(rev)) return;
    this.flows.add(key);
    if (srcUnicast) this.bump(a);
    if (dstUnicast) this.bump(b);
  }

  private bump(a: string): void {
    this.counts.set(a, (this.counts.get(a) ?? 0) + 1);
  }

  /** The address in the most distinct flows (ties go to the first seen), and how sure the count is. */
  best(): { address: string | undefined; flows: number; runnerUp: number; total: number } {
    let best: string | undefined;
    let bestCount = 0;
    let second = 0;
    for (const [a, c] of this.counts) {
      if (c > bestCount) (second = bestCount), (best = a), (bestCount = c);
      else if (c > second) second = c;
    }
    return { address: best, flows: bestCount, runnerUp: second, total: this.flows.size };
  }
}

/** The address in the most distinct flows (unicast only); ties go to the first seen. */
export function guessDeviceAddress(feed: PacketFeeder): string | undefined {
  const g = new DeviceGuesser();
  feed((p) => {
    if (g.full) return false;
    g.observe(p);
  });
  return g.best().address;
}
