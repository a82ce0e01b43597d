// Link-layer decoding: finds the IP header behind Ethernet (with VLAN tags), raw IP, Linux cooked
// (SLL, SLL2) and BSD loopback headers, and tells whether the frame was link broadcast or multicast.
import { DecodedPacket } from './packet';
import { decodeIp, decodeIpv4Common, decodeIpv6Common, resetDecoded } from './ip-decode';

export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW_DLT12: 12,
  RAW_DLT14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LinkType));

export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

export function linkTypeName(linkType: number): string {
  for (const [name, value] of Object.entries(LinkType)) if (value === linkType) return name;
  return `link type ${linkType}`;
}

/** BSD address-family values that mean IPv6 on the systems that write DLT_NULL captures. */
function isAfInet6(af: number): boolean {
  return af === 10 || af === 24 || af === 28 || af === 30;
}

/** Decodes the frame `b[start, end)` into `p` (after resetting it); one function per link type. */
export type FrameDecoder = (p: DecodedPacket, b: Uint8Array, start: number, end: number) => void;

/**
 * Decodes the frame `b[start, end)` of the given link type into `p` (after resetting it).
 * Unsupported link types and non-IP frames leave ipVersion 0.
 */
export function decodeFrame(p: DecodedPacket, linkType: number, b: Uint8Array, start: number, end: number): void {
  frameDecoderFor(linkType)(p, b, start, end);
}

/**
 * The decoder of one link type, chosen once per file or interface: the readers' loops then call one
 * small function every packet (one monomorphic call site) instead of a switch over every link type.
 * `fastPaths` false gives the general decoders alone (the reference the tests compare the fast paths with).
 */
export function frameDecoderFor(linkType: number, fastPaths = true): FrameDecoder {
  switch (linkType) {
    case LinkType.ETHERNET:
      return fastPaths ? decodeEthernet : decodeEthernetGeneral;
    case LinkType.RAW:
    case LinkType.RAW_DLT12:
    case LinkType.RAW_DLT14:
    case LinkType.IPV4:
    case LinkType.IPV6:
      return fastPaths ? decodeRaw : decodeRawGeneral;
    case LinkType.LINUX_SLL:
      return decodeSll;
    case LinkType.LINUX_SLL2:
      return decodeSll2;
    case LinkType.NULL:
      return decodeNull;
    case LinkType.LOOP:
      return decodeLoop;
    default:
      return decodeUnsupported;
  }
}

function decodeEthernet(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  if (end - start >= 14) {
    const group = (b[start] & 1) === 1;
    const type = (b[start + 12] << 8) | b[start + 13];
    // The common frame (untagged IPv4 or IPv6, TCP or UDP) is decoded in one pass without the reset.
    if (type === 0x0800 ? decodeIpv4Common(p, b, start + 14, end, true, group) : type === 0x86dd && decodeIpv6Common(p, b, start + 14, end, true, group)) return;
    resetDecoded(p);
    p.linkBroadcastOrMulticast = group;
    if (type === 0x0800 || type === 0x86dd) return decodeIp(p, b, start + 14, end, true);
    return ethertype(p, b, start + 12, end, true);
  }
  resetDecoded(p);
  p.truncatedHeader = true;
}

function decodeEthernetGeneral(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  resetDecoded(p);
  if (end - start < 14) {
    p.truncatedHeader = true;
    return;
  }
  p.linkBroadcastOrMulticast = (b[start] & 1) === 1;
  ethertype(p, b, start + 12, end, true);
}

function decodeRaw(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  if (decodeIpv4Common(p, b, start, end, false, false) || decodeIpv6Common(p, b, start, end, false, false)) return;
  decodeRawGeneral(p, b, start, end);
}

function decodeRawGeneral(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  resetDecoded(p);
  decodeIp(p, b, start, end, false);
}

function decodeSll(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  resetDecoded(p);
  if (end - start < 16) {
    p.truncatedHeader = true;
    return;
  }
  const told = sllPacketType(p, (b[start] << 8) | b[start + 1]);
  ethertype(p, b, start + 14, end, told);
}

function decodeSll2(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  resetDecoded(p);
  if (end - start < 20) {
    p.truncatedHeader = true;
    return;
  }
  const told = sllPacketType(p, b[start + 10]);
  ethertype(p, b, start, end, told, start + 20);
}

/** DLT_NULL stores the family in the writer's byte order; LOOP always in network order. */
function decodeNull(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  decodeBsdLoopback(p, b, start, end, false);
}

function decodeLoop(p: DecodedPacket, b: Uint8Array, start: number, end: number): void {
  decodeBsdLoopback(p, b, start, end, true);
}

function decodeBsdLoopback(p: DecodedPacket, b: Uint8Array, start: number, end: number, networkOrder: boolean): void {
  resetDecoded(p);
  if (end - start < 4) {
    p.truncatedHeader = true;
    return;
  }
  const be = ((b[start] << 24) | (b[start + 1] << 16) | (b[start + 2] << 8) | b[start + 3]) >>> 0;
  const le = ((b[start + 3] << 24) | (b[start + 2] << 16) | (b[start + 1] << 8) | b[start]) >>> 0;
  const af = networkOrder ? be : be < 0x10000 ? be : le;
  if (af === 2 || isAfInet6(af)) decodeIp(p, b, start + 4, end, false);
}

function decodeUnsupported(p: DecodedPacket): void {
  resetDecoded(p);
}

/** Linux packet types 1 (broadcast) and 2 (multicast) answer the question; outgoing (4) does not say. */
function sllPacketType(p: DecodedPacket, type: number): boolean {
  if (type === 1 || type === 2) {
    p.linkBroadcastOrMulticast = true;
    return true;
  }
  return type !== 4;
}

/**
 * Reads the EtherType at `at` (skipping any 802.1Q / 802.1ad / QinQ tags) and decodes IP behind it.
 * `dataStart` overrides where the payload starts (SLL2 puts the type first, the payload after 20 bytes).
 */
function ethertype(p: DecodedPacket, b: Uint8Array, at: number, end: number, linkTold: boolean, dataStart = -1): void {
  let type = (b[at] << 8) | b[at + 1];
  let data = dataStart >= 0 ? dataStart : at + 2;
  while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    if (end - data < 4) {
      p.truncatedHeader = true;
      return;
    }
    type = (b[data + 2] << 8) | b[data + 3];
    data += 4;
  }
  if (type === 0x0800 || type === 0x86dd) decodeIp(p, b, data, end, linkTold);
  // ARP, STP (802.3 length field), LLDP and the rest: a packet with ipVersion 0.
}
