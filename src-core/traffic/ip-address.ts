// Parses and formats IPv4/IPv6 addresses in the forms the traffic code keeps them: IPv4 as an
// unsigned 32-bit number, IPv6 as four big-endian words, and both as bytes for frame building.
import { formatIpv4, formatIpv6Groups, parseIpv6Groups } from '../net/ip-text';
import { parseIPv4 } from '../intel/ip';

/**
 * Dotted-quad IPv4 text to an unsigned 32-bit number: the one IPv4 text parser, the strict one that feeds and
 * baselines use (four decimal parts 0..255, no leading zeros, which some tools read as octal). The traffic side
 * needs nothing looser: addresses in captures are binary, Zeek's conn.log and tshark write canonical dotted
 * quads, and in the texts people write (profiles' device addresses, event scripts, learned profiles) `010.0.0.1`
 * is ambiguous, so it is refused rather than read as decimal.
 */
export const parseIpv4: (text: string) => number | undefined = parseIPv4;

/** IPv6 text (with `::` and an optional dotted IPv4 tail) to 16 bytes, or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  const groups = parseIpv6Groups(text, parseIpv4);
  if (!groups) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

/** An address of either version as bytes (4 or 16), or undefined when it does not parse. */
export function parseIpBytes(text: string): Uint8Array | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return new Uint8Array([v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255]);
  return text.includes(':') ? parseIpv6(text) : undefined;
}

export { formatIpv4 };

/** Four big-endian words to RFC 5952 text (longest zero run compressed). */
export function formatIpv6(words: ArrayLike<number>): string {
  const g: number[] = [];
  for (let i = 0; i < 4; i++) g.push(words[i] >>> 16, words[i] & 0xffff);
  return formatIpv6Groups(g);
}

export function ipv6BytesToWords(bytes: Uint8Array, out = new Uint32Array(4)): Uint32Array {
  for (let i = 0; i < 4; i++) out[i] = ((bytes[i * 4] << 24) | (bytes[i * 4 + 1] << 16) | (bytes[i * 4 + 2] << 8) | bytes[i * 4 + 3]) >>> 0;
  return out;
}
