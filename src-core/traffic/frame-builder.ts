// Builds one frame (link header, IPv4/IPv6 with options or extension headers, TCP/UDP/ICMP with valid
// checksums) into a reused buffer: the generator and the tests make their captures with it.

export type LinkKind = 'ethernet' | 'raw' | 'sll' | 'sll2' | 'null' | 'loop';

export interface FrameSpec {
  link: LinkKind;
  srcMac?: Uint8Array;
  dstMac?: Uint8Array;
  /** 802.1Q VLAN ids, outermost first (the outer ones use 802.1ad when there are several). */
  vlans?: number[];
  /** Linux packet type for SLL/SLL2 (0 to us, 1 broadcast, 2 multicast, 4 outgoing). */
  sllPacketType?: number;
  /** 4-byte (IPv4) or 16-byte (IPv6) addresses. */
  src: Uint8Array;
  dst: Uint8Array;
  /** IP protocol number of the transport (6, 17, 1, 58, or any other for an opaque payload). */
  protocol: number;
  sport?: number;
  dport?: number;
  tcpFlags?: number;
  seq?: number;
  ack?: number;
  icmpType?: number;
  icmpCode?: number;
  /** Transport payload: given bytes, or this many pattern bytes. */
  payload?: Uint8Array;
  payloadLength?: number;
  ttl?: number;
  ipId?: number;
  /** IPv4 options length in bytes (multiple of 4, up to 40), filled with NOPs and an end marker. */
  ipv4OptionsLength?: number;
  /** IPv4 fragment offset in 8-byte units, and the more-fragments flag. */
  fragmentOffset?: number;
  moreFragments?: boolean;
  /** IPv6 extension headers in order: type (0, 43, 44, 60, 51, or another) and length in bytes. */
  ipv6Ext?: { type: number; length: number; fragmentOffset?: number; more?: boolean }[];
}

const ZERO_MAC = new Uint8Array(6);

/** Writes the frame into `out` from index 0 and returns its length. */
export function buildFrame(spec: FrameSpec, out: Uint8Array): number {
  const v6 = spec.src.length === 16;
  let o = 0;
  const etherType = v6 ? 0x86dd : 0x0800;
  switch (spec.link) {
    case 'ethernet': {
      out.set(spec.dstMac ?? ZERO_MAC, 0);
      out.set(spec.srcMac ?? ZERO_MAC, 6);
      o = 12;
      const vlans = spec.vlans ?? [];
      vlans.forEach((id, i) => {
        const tpid = vlans.length > 1 && i < vlans.length - 1 ? 0x88a8 : 0x8100;
        o = put16(out, o, tpid);
        o = put16(out, o, id & 0x0fff);
      });
      o = put16(out, o, etherType);
      break;
    }
    case 'sll': {
      o = put16(out, 0, spec.sllPacketType ?? 0);
      o = put16(out, o, 1); // ARPHRD_ETHER
      o = put16(out, o, 6);
      out.set(spec.srcMac ?? ZERO_MAC, o);
      out[o + 6] = out[o + 7] = 0;
      o = put16(out, o + 8, etherType);
      break;
    }
    case 'sll2': {
      o = put16(out, 0, etherType);
      o = put16(out, o, 0);
      o = put32(out, o, 1); // interface index
      o = put16(out, o, 1);
      out[o++] = spec.sllPacketType ?? 0;
      out[o++] = 6;
      out.set(spec.srcMac ?? ZERO_MAC, o);
      out[o + 6] = out[o + 7] = 0;
      o += 8;
      break;
    }
    case 'null': {
      // Little-endian host order, as a BSD or macOS machine writes it.
      const af = v6 ? 30 : 2;
      out[0] = af;
      out[1] = out[2] = out[3] = 0;
      o = 4;
      break;
    }
    case 'loop':
      o = put32(out, 0, v6 ? 24 : 2);
      break;
    case 'raw':
      break;
  }
  return o + (v6 ? buildIpv6(spec, out, o) : buildIpv4(spec, out, o));
}

function transportHeaderLength(protocol: number): number {
  return protocol === 6 ? 20 : protocol === 17 || protocol === 1 || protocol === 58 ? 8 : 0;
}

function payloadLength(spec: FrameSpec): number {
  return spec.payload ? spec.payload.length : spec.payloadLength ?? 0;
}

function buildIpv4(spec: FrameSpec, out: Uint8Array, ip: number): number {
  const opts = spec.ipv4OptionsLength ?? 0;
  const ihl = 20 + opts;
  const later = (spec.fragmentOffset ?? 0) > 0;
  const th = later ? 0 : transportHeaderLength(spec.protocol);
  const total = ihl + th + payloadLength(spec);
  out[ip] = 0x40 | (ihl / 4);
  out[ip + 1] = 0;
  put16(out, ip + 2, total);
  put16(out, ip + 4, spec.ipId ?? 0);
  put16(out, ip + 6, (spec.moreFragments ? 0x2000 : 0) | ((spec.fragmentOffset ?? 0) & 0x1fff));
  out[ip + 8] = spec.ttl ?? 64;
  out[ip + 9] = spec.protocol;
  out[ip + 10] = out[ip + 11] = 0;
  out.set(spec.src, ip + 12);
  out.set(spec.dst, ip + 16);
  for (let i = 0; i < opts; i++) out[ip + 20 + i] = i === opts - 1 ? 0 : 1; // NOPs, then end of list
  put16(out, ip + 10, checksum(out, ip, ihl, 0));
  if (later) {
    writePayload(spec, out, ip + ihl);
  } else {
    writeTransport(spec, out, ip + ihl, total - ihl, pseudo4(spec, total - ihl));
  }
  return total;
}

function buildIpv6(spec: FrameSpec, out: Uint8Array, ip: number): number {
  const exts = spec.ipv6Ext ?? [];
  let extLen = 0;
  for (const e of exts) extLen += e.length;
  const later = exts.some((e) => e.type === 44 && (e.fragmentOffset ?? 0) > 0);
  const th = later ? 0 : transportHeaderLength(spec.protocol);
  const plen = extLen + th + payloadLength(spec);
  put32(out, ip, 0x60000000);
  put16(out, ip + 4, plen);
  out[ip + 6] = exts.length > 0 ? exts[0].type : spec.protocol;
  out[ip + 7] = spec.ttl ?? 64;
  out.set(spec.src, ip + 8);
  out.set(spec.dst, ip + 24);
  let at = ip + 40;
  exts.forEach((e, i) => {
    out.fill(0, at, at + e.length);
    out[at] = i + 1 < exts.length ? exts[i + 1].type : spec.protocol;
    if (e.type === 51) out[at + 1] = e.length / 4 - 2;
    else if (e.type === 44) put16(out, at + 2, ((e.fragmentOffset ?? 0) << 3) | (e.more ? 1 : 0));
    else out[at + 1] = e.length / 8 - 1;
    if (e.type === 0 || e.type === 60) {
      // PadN filling the rest of the header, so the options themselves are well formed.
      out[at + 2] = 1;
      out[at + 3] = e.length - 4;
    }
    at += e.length;
  });
  if (later) writePayload(spec, out, at);
  else writeTransport(spec, out, at, plen - extLen, pseudo6(spec, plen - extLen));
  return 40 + plen;
}

function pseudo4(spec: FrameSpec, len: number): number {
  return sum16(spec.src, 0, 4) + sum16(spec.dst, 0, 4) + spec.protocol + len;
}

function pseudo6(spec: FrameSpec, len: number): number {
  return sum16(spec.src, 0, 16) + sum16(spec.dst, 0, 16) + spec.protocol + (len >>> 16) + (len & 0xffff);
}

function writeTransport(spec: FrameSpec, out: Uint8Array, at: number, len: number, pseudo: number): void {
  const p = spec.protocol;
  if (p === 6) {
    put16(out, at, spec.sport ?? 0);
    put16(out, at + 2, spec.dport ?? 0);
    put32(out, at + 4, spec.seq ?? 0);
    put32(out, at + 8, spec.ack ?? 0);
    out[at + 12] = 5 << 4;
    out[at + 13] = spec.tcpFlags ?? 0x18;
    put16(out, at + 14, 65535);
    put32(out, at + 16, 0);
    writePayload(spec, out, at + 20);
    put16(out, at + 16, checksum(out, at, len, pseudo));
  } else if (p === 17) {
    put16(out, at, spec.sport ?? 0);
    put16(out, at + 2, spec.dport ?? 0);
    put16(out, at + 4, len);
    put16(out, at + 6, 0);
    writePayload(spec, out, at + 8);
    put16(out, at + 6, checksum(out, at, len, pseudo) || 0xffff);
  } else if (p === 1 || p === 58) {
    out[at] = spec.icmpType ?? 8;
    out[at + 1] = spec.icmpCode ?? 0;
    put16(out, at + 2, 0);
    put16(out, at + 4, spec.sport ?? 0); // identifier
    put16(out, at + 6, spec.seq ?? 0);
    writePayload(spec, out, at + 8);
    put16(out, at + 2, checksum(out, at, len, p === 58 ? pseudo : 0));
  } else {
    writePayload(spec, out, at);
  }
}

function writePayload(spec: FrameSpec, out: Uint8Array, at: number): void {
  if (spec.payload) out.set(spec.payload, at);
  else {
    const n = spec.payloadLength ?? 0;
    for (let i = 0; i < n; i++) out[at + i] = (i * 7 + 0x41) & 0xff;
  }
}

function sum16(b: Uint8Array, at: number, len: number): number {
  let s = 0;
  for (let i = 0; i + 1 < len; i += 2) s += (b[at + i] << 8) | b[at + i + 1];
  if (len & 1) s += b[at + len - 1] << 8;
  return s;
}

function checksum(b: Uint8Array, at: number, len: number, initial: number): number {
  let s = initial + sum16(b, at, len);
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
  return ~s & 0xffff;
}

function put16(b: Uint8Array, at: number, v: number): number {
  b[at] = (v >>> 8) & 255;
  b[at + 1] = v & 255;
  return at + 2;
}

function put32(b: Uint8Array, at: number, v: number): number {
  b[at] = (v >>> 24) & 255;
  b[at + 1] = (v >>> 16) & 255;
  b[at + 2] = (v >>> 8) & 255;
  b[at + 3] = v & 255;
  return at + 4;
}
