// Decodes the IP header and the transport header of one frame into the reused DecodedPacket, the way
// the agent's collector reads them (docs/agent-facts.md §3.5): bounds-checked, never throws, never allocates.
import { DecodedPacket } from './packet';

/** Resets the per-frame fields that decoding fills in (the reader sets time, frame and lengths). */
export function resetDecoded(p: DecodedPacket): void {
  p.ipVersion = 0;
  p.linkBroadcastOrMulticast = false;
  p.src4 = 0;
  p.dst4 = 0;
  p.protocol = 0;
  p.ipv4OptionsLength = 0;
  p.ipv6ExtensionLength = 0;
  p.ipv6UnwalkableHeader = false;
  p.transportBytes = 0;
  p.isLaterFragment = false;
  p.isFirstFragment = false;
  p.srcPort = 0;
  p.dstPort = 0;
  p.tcpFlags = 0;
  p.icmpType = 0;
  p.icmpCode = 0;
  p.ipOffset = -1;
  p.payloadOffset = -1;
  p.payloadLength = 0;
  p.truncatedHeader = false;
}

/**
 * Decodes an IP packet starting at `off` in `b`, with `end` one past the last captured byte.
 * `linkTold` is true when the link layer already decided broadcast/multicast; otherwise the IP
 * destination decides it.
 */
export function decodeIp(p: DecodedPacket, b: Uint8Array, off: number, end: number, linkTold: boolean): void {
  if (end - off < 1) {
    p.truncatedHeader = true;
    return;
  }
  const version = b[off] >> 4;
  if (version === 4) decodeIpv4(p, b, off, end, linkTold);
  else if (version === 6) decodeIpv6(p, b, off, end, linkTold);
  // Anything else is not IP: ipVersion stays 0.
}

function decodeIpv4(p: DecodedPacket, b: Uint8Array, off: number, end: number, linkTold: boolean): void {
  p.ipVersion = 4;
  p.ipOffset = off;
  if (end - off < 20) {
    p.truncatedHeader = true;
    return;
  }
  const ihl = (b[off] & 15) * 4;
  const total = (b[off + 2] << 8) | b[off + 3];
  p.protocol = b[off + 9];
  p.src4 = ((b[off + 12] << 24) | (b[off + 13] << 16) | (b[off + 14] << 8) | b[off + 15]) >>> 0;
  p.dst4 = ((b[off + 16] << 24) | (b[off + 17] << 16) | (b[off + 18] << 8) | b[off + 19]) >>> 0;
  if (!linkTold) p.linkBroadcastOrMulticast = p.dst4 === 0xffffffff || p.dst4 >>> 28 === 14;
  if (ihl < 20 || end - off < ihl) {
    p.truncatedHeader = true;
    return;
  }
  p.ipv4OptionsLength = ihl - 20;
  p.transportBytes = total > ihl ? total - ihl : 0;
  const frag = (b[off + 6] << 8) | b[off + 7];
  const fragOffset = frag & 0x1fff;
  if (fragOffset !== 0) {
    p.isLaterFragment = true;
    return;
  }
  if (frag & 0x2000) p.isFirstFragment = true;
  // Ethernet pads short frames: the datagram ends at its total length, not at the capture's end.
  const ipEnd = total >= ihl && off + total < end ? off + total : end;
  decodeTransport(p, b, off + ihl, ipEnd);
}

function decodeIpv6(p: DecodedPacket, b: Uint8Array, off: number, end: number, linkTold: boolean): void {
  p.ipVersion = 6;
  p.ipOffset = off;
  if (end - off < 40) {
    p.truncatedHeader = true;
    return;
  }
  const payloadLength = (b[off + 4] << 8) | b[off + 5];
  for (let i = 0; i < 4; i++) {
    const s = off + 8 + i * 4;
    const d = off + 24 + i * 4;
    p.src6[i] = ((b[s] << 24) | (b[s + 1] << 16) | (b[s + 2] << 8) | b[s + 3]) >>> 0;
    p.dst6[i] = ((b[d] << 24) | (b[d + 1] << 16) | (b[d + 2] << 8) | b[d + 3]) >>> 0;
  }
  if (!linkTold) p.linkBroadcastOrMulticast = b[off + 24] === 0xff;
  const ipEnd = off + 40 + payloadLength < end ? off + 40 + payloadLength : end;
  let next = b[off + 6];
  let at = off + 40;
  let ext = 0;
  // Every header is at least 8 bytes long, so the walk ends within the captured bytes.
  for (;;) {
    if (next === 6 || next === 17 || next === 58) break;
    let len: number;
    if (next === 0 || next === 43 || next === 60) {
      if (ipEnd - at < 2) return truncated6(p, next, ext, payloadLength);
      len = (b[at + 1] + 1) * 8;
    } else if (next === 44) {
      len = 8;
      if (ipEnd - at < 8) return truncated6(p, next, ext, payloadLength);
      const fo = ((b[at + 2] << 8) | b[at + 3]) >> 3;
      if (fo !== 0) p.isLaterFragment = true;
      else if (b[at + 3] & 1) p.isFirstFragment = true;
    } else if (next === 51) {
      if (ipEnd - at < 2) return truncated6(p, next, ext, payloadLength);
      len = (b[at + 1] + 2) * 4;
    } else {
      // ESP, no-next-header, IGMP-like or unknown: the agent stops here and ignores the packet.
      p.ipv6UnwalkableHeader = true;
      break;
    }
    if (ipEnd - at < len) return truncated6(p, next, ext, payloadLength);
    next = b[at];
    at += len;
    ext += len;
    if (p.isLaterFragment) break;
  }
  p.protocol = next;
  p.ipv6ExtensionLength = ext;
  p.transportBytes = payloadLength > ext ? payloadLength - ext : 0;
  if (p.isLaterFragment || p.ipv6UnwalkableHeader) return;
  decodeTransport(p, b, at, ipEnd);
}

function truncated6(p: DecodedPacket, next: number, ext: number, payloadLength: number): void {
  p.protocol = next;
  p.ipv6ExtensionLength = ext;
  p.transportBytes = payloadLength > ext ? payloadLength - ext : 0;
  p.truncatedHeader = true;
}

function decodeTransport(p: DecodedPacket, b: Uint8Array, at: number, ipEnd: number): void {
  const avail = ipEnd - at;
  switch (p.protocol) {
    case 6: {
      if (avail < 20) {
        p.truncatedHeader = true;
        return;
      }
      p.srcPort = (b[at] << 8) | b[at + 1];
      p.dstPort = (b[at + 2] << 8) | b[at + 3];
      p.tcpFlags = b[at + 13];
      const doff = (b[at + 12] >> 4) * 4;
      if (doff < 20 || avail < doff) {
        p.truncatedHeader = true;
        return;
      }
      p.payloadOffset = at + doff;
      p.payloadLength = avail - doff;
      return;
    }
    case 17: {
      if (avail < 8) {
        p.truncatedHeader = true;
        return;
      }
      p.srcPort = (b[at] << 8) | b[at + 1];
      p.dstPort = (b[at + 2] << 8) | b[at + 3];
      const udpLen = (b[at + 4] << 8) | b[at + 5];
      p.payloadOffset = at + 8;
      p.payloadLength = udpLen >= 8 && udpLen - 8 < avail - 8 ? udpLen - 8 : avail - 8;
      return;
    }
    case 1:
    case 58: {
      if (avail < 4) {
        p.truncatedHeader = true;
        return;
      }
      p.icmpType = b[at];
      p.icmpCode = b[at + 1];
      p.payloadOffset = at + 4;
      p.payloadLength = avail - 4;
      return;
    }
    default:
      return;
  }
}

/**
 * The common datagram in one pass: IPv4, not a fragment, TCP or UDP with whole headers. It writes every
 * field `resetDecoded` + `decodeIp` would (each once: no reset first) and returns true; for anything
 * else it writes nothing and returns false, and the caller takes the general path. `linkTold` and
 * `linkBroadcast` are what the link layer decided (when it did not, the IP destination decides).
 * Kept small enough to be one function V8 optimises whole; a test compares it with the general path.
 */
export function decodeIpv4Common(p: DecodedPacket, b: Uint8Array, off: number, end: number, linkTold: boolean, linkBroadcast: boolean): boolean {
  if (end - off < 20) return false;
  const vihl = b[off];
  const ihl = (vihl & 15) * 4;
  const protocol = b[off + 9];
  if (vihl >> 4 !== 4 || ihl < 20 || end - off < ihl || (protocol !== 6 && protocol !== 17)) return false;
  // Any fragment (more-fragments set or an offset) goes the general way.
  if (((b[off + 6] << 8) | b[off + 7]) & 0x3fff) return false;
  const total = (b[off + 2] << 8) | b[off + 3];
  const at = off + ihl;
  if (!commonTransport(p, b, at, (total >= ihl && off + total < end ? off + total : end) - at, protocol)) return false;
  const dst4 = ((b[off + 16] << 24) | (b[off + 17] << 16) | (b[off + 18] << 8) | b[off + 19]) >>> 0;
  p.ipVersion = 4;
  p.linkBroadcastOrMulticast = linkTold ? linkBroadcast : dst4 === 0xffffffff || dst4 >>> 28 === 14;
  p.src4 = ((b[off + 12] << 24) | (b[off + 13] << 16) | (b[off + 14] << 8) | b[off + 15]) >>> 0;
  p.dst4 = dst4;
  p.protocol = protocol;
  p.ipv4OptionsLength = ihl - 20;
  p.ipv6ExtensionLength = 0;
  p.ipv6UnwalkableHeader = false;
  p.transportBytes = total > ihl ? total - ihl : 0;
  p.isLaterFragment = false;
  p.isFirstFragment = false;
  p.icmpType = 0;
  p.icmpCode = 0;
  p.ipOffset = off;
  p.truncatedHeader = false;
  return true;
}

/** The same for IPv6 with TCP or UDP right after the fixed header (no extension headers). */
export function decodeIpv6Common(p: DecodedPacket, b: Uint8Array, off: number, end: number, linkTold: boolean, linkBroadcast: boolean): boolean {
  if (end - off < 40 || b[off] >> 4 !== 6) return false;
  const protocol = b[off + 6];
  if (protocol !== 6 && protocol !== 17) return false;
  const payloadLength = (b[off + 4] << 8) | b[off + 5];
  const at = off + 40;
  if (!commonTransport(p, b, at, (at + payloadLength < end ? at + payloadLength : end) - at, protocol)) return false;
  const s6 = p.src6;
  const d6 = p.dst6;
  for (let i = 0; i < 4; i++) {
    const s = off + 8 + i * 4;
    const d = off + 24 + i * 4;
    s6[i] = (b[s] << 24) | (b[s + 1] << 16) | (b[s + 2] << 8) | b[s + 3];
    d6[i] = (b[d] << 24) | (b[d + 1] << 16) | (b[d + 2] << 8) | b[d + 3];
  }
  p.ipVersion = 6;
  p.linkBroadcastOrMulticast = linkTold ? linkBroadcast : b[off + 24] === 0xff;
  p.src4 = 0;
  p.dst4 = 0;
  p.protocol = protocol;
  p.ipv4OptionsLength = 0;
  p.ipv6ExtensionLength = 0;
  p.ipv6UnwalkableHeader = false;
  p.transportBytes = payloadLength;
  p.isLaterFragment = false;
  p.isFirstFragment = false;
  p.icmpType = 0;
  p.icmpCode = 0;
  p.ipOffset = off;
  p.truncatedHeader = false;
  return true;
}

/**
 * TCP or UDP of a common datagram: `avail` bytes from `at` to the datagram's end. Writes the ports,
 * flags and payload fields and returns true when the header is whole; otherwise writes nothing.
 */
function commonTransport(p: DecodedPacket, b: Uint8Array, at: number, avail: number, protocol: number): boolean {
  if (protocol === 6) {
    const doff = (b[at + 12] >> 4) * 4;
    if (avail < 20 || doff < 20 || avail < doff) return false;
    p.tcpFlags = b[at + 13];
    p.payloadOffset = at + doff;
    p.payloadLength = avail - doff;
  } else {
    if (avail < 8) return false;
    const udpLen = (b[at + 4] << 8) | b[at + 5];
    p.tcpFlags = 0;
    p.payloadOffset = at + 8;
    p.payloadLength = udpLen >= 8 && udpLen - 8 < avail - 8 ? udpLen - 8 : avail - 8;
  }
  p.srcPort = (b[at] << 8) | b[at + 1];
  p.dstPort = (b[at + 2] << 8) | b[at + 3];
  return true;
}
