// The decoded packet that trace readers hand to the agent model. Readers reuse one instance per
// stream (no allocation per packet): a consumer that keeps data past its callback must copy it.

/** Where a record came from, for messages that name the file and place. */
export interface TraceOrigin {
  file: string;
  /** Byte offset of the record (pcap/pcapng) or 1-based line (conn.log, event script). */
  offset: number;
  unit: 'byte' | 'line';
}

export const enum IpProto {
  ICMP = 1,
  IGMP = 2,
  TCP = 6,
  UDP = 17,
  IPV6_ICMP = 58,
}

export class DecodedPacket {
  /** Capture time in seconds since the epoch (fraction kept). */
  time = 0;
  /** 0-based frame number in the trace. */
  frame = 0;
  /** Byte offset of the record in the file. */
  recordOffset = 0;
  /** pcapng interface id (0 for pcap). */
  interfaceId = 0;
  /** Captured and original length of the frame. */
  capturedLength = 0;
  originalLength = 0;

  /** 4, 6, or 0 for a frame that is not IP (ARP, STP, LLDP, ...). */
  ipVersion: 0 | 4 | 6 = 0;
  /** Link-layer destination was broadcast or multicast (or, without a link layer, the IP destination is). */
  linkBroadcastOrMulticast = false;
  /** IPv4 addresses as unsigned 32-bit numbers (a.b.c.d = a<<24|b<<16|c<<8|d). */
  src4 = 0;
  dst4 = 0;
  /** IPv6 addresses as four big-endian 32-bit words (valid while ipVersion is 6). */
  readonly src6 = new Uint32Array(4);
  readonly dst6 = new Uint32Array(4);
  /** The final upper-layer protocol after any IPv6 extension headers (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...). */
  protocol = 0;
  /** IPv4 header options length in bytes (IHL*4 - 20). */
  ipv4OptionsLength = 0;
  /** IPv6 extension headers' total length in bytes (hop-by-hop, routing, fragment, destination, AH). */
  ipv6ExtensionLength = 0;
  /** True when the IPv6 extension-header walk met a header the agent does not walk (ESP, unknown). */
  ipv6UnwalkableHeader = false;
  /** IPv4 total length minus the header, or IPv6 payload length minus extension headers: what the agent counts. */
  transportBytes = 0;
  /** A non-first fragment (no transport header in this packet). */
  isLaterFragment = false;
  /** A first fragment of a fragmented datagram (more-fragments set, offset 0). */
  isFirstFragment = false;
  srcPort = 0;
  dstPort = 0;
  /** TCP flags byte (FIN 1, SYN 2, RST 4, PSH 8, ACK 16), 0 otherwise. */
  tcpFlags = 0;
  /** ICMP / ICMPv6 type and code. */
  icmpType = 0;
  icmpCode = 0;
  /** The bytes holding the captured frame, and where the IP header and the transport payload start in it
   *  (-1 when absent), so that consumers (the DNS decoder) can read further. Readers hand out their
   *  read buffer without copying: the frame is `frameBytes[frameStart, frameStart + capturedLength)`
   *  and ipOffset / payloadOffset index `frameBytes` directly. Valid only during the callback. */
  frameBytes: Uint8Array = new Uint8Array(0);
  /** Index in frameBytes of the frame's first byte (added by the traffic readers; 0 when the frame stands alone). */
  frameStart = 0;
  ipOffset = -1;
  payloadOffset = -1;
  payloadLength = 0;
  /** Set when the frame was too short for a header it claims (the rest of the fields stop there). */
  truncatedHeader = false;
}

/**
 * A copy of `p` that outlives the reader's callback (readers reuse one packet and its buffer). The frame's
 * bytes are copied only with `keepFrame` (a reader's buffer is large; most consumers need the fields only).
 */
export function clonePacket(p: DecodedPacket, keepFrame = false): DecodedPacket {
  const c = new DecodedPacket();
  const { src6, dst6, frameBytes, ...fields } = p;
  Object.assign(c, fields);
  c.src6.set(src6);
  c.dst6.set(dst6);
  if (keepFrame && p.capturedLength > 0) {
    c.frameBytes = frameBytes.slice(p.frameStart, p.frameStart + p.capturedLength);
    const shift = p.frameStart;
    c.frameStart = 0;
    c.ipOffset = p.ipOffset >= 0 ? p.ipOffset - shift : -1;
    c.payloadOffset = p.payloadOffset >= 0 ? p.payloadOffset - shift : -1;
  } else {
    c.frameBytes = new Uint8Array(0);
    c.frameStart = 0;
    c.ipOffset = -1;
    c.payloadOffset = -1;
  }
  return c;
}
