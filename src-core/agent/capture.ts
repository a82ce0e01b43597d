// Where the agent's network collector sees a packet, and what it makes of it (agent facts §3.5, §3.12):
// outbound at the IP packet filter, inbound at the transport receive hooks (unicast only) or at the
// filter, the protocol switches, NX_DISABLE_IPV6, and the real collector's faults 4, 6 and 7.
import type { AgentConfig } from '../config/agent-config';
import type { DecodedPacket } from '../traffic/packet';

/** What happens to a packet on the agent's side. */
export const enum Seen {
  /** Recorded into the flow cache (if the pool has room). */
  Record = 0,
  /** Reaches a hook, takes a pool object and gives it back (counts as a failure when the pool is full). */
  Touch = 1,
  /** Never reaches the collector. */
  Invisible = 2,
  /** Not this device's packet at all. */
  Foreign = 3,
}

/** Why a packet of the device's traffic was not recorded. Indexes into per-reason counters. */
export const NOT_SEEN_REASONS = [
  'pool-full',
  'broadcast-or-multicast',
  'protocol-disabled',
  'other-protocol',
  'ipv6-disabled',
  'inbound-icmpv6',
  'inbound-ipv6-extension-headers',
  'fragment',
  'not-collecting',
] as const;
export type NotSeenReason = (typeof NOT_SEEN_REASONS)[number];
export const enum Why {
  PoolFull = 0,
  BroadcastOrMulticast = 1,
  ProtocolDisabled = 2,
  OtherProtocol = 3,
  Ipv6Disabled = 4,
  InboundIcmpv6 = 5,
  InboundIpv6Ext = 6,
  Fragment = 7,
  NotCollecting = 8,
}

export interface DeviceAddresses {
  ipv4: number[];
  /** Big-endian words, 4 per address. */
  ipv6: Uint32Array[];
}

/** The classification of one packet, reused between packets (no allocation per packet). */
export class CaptureView {
  seen: Seen = Seen.Foreign;
  why: Why = Why.PoolFull;
  outbound = false;
  /** Schema protocol value (TCP 0, UDP 1, ICMP 2) when recorded. */
  protocol = 0;
  localPort = 0;
  remotePort = 0;
  /** Bytes as the agent counts them (with its faults). */
  agentBytes = 0;
  /** Bytes as they really were: transport header plus payload. */
  trueBytes = 0;
}

function isDevice6(words: Uint32Array, device: DeviceAddresses): boolean {
  const own = device.ipv6;
  for (let i = 0; i < own.length; i++) {
    const a = own[i];
    if (a[0] === words[0] && a[1] === words[1] && a[2] === words[2] && a[3] === words[3]) return true;
  }
  return false;
}

function isMulticast6(words: Uint32Array): boolean {
  return words[0] >>> 24 === 0xff;
}

/** Decides direction and visibility of `p` for one device. */
export function classify(p: DecodedPacket, device: DeviceAddresses, cfg: AgentConfig, out: CaptureView): CaptureView {
  out.seen = Seen.Foreign;
  if (p.ipVersion === 0) return out;
  let outbound: boolean;
  let broadcastIn = false;
  if (p.ipVersion === 4) {
    // Plain loops, not includes(): an address above 2^31 passed to a builtin is boxed on every packet.
    const src = p.src4;
    const dst = p.dst4;
    const own = device.ipv4;
    let isSrc = false;
    let isDst = false;
    for (let i = 0; i < own.length; i++) {
      if (own[i] === src) isSrc = true;
      else if (own[i] === dst) isDst = true;
    }
    if (isSrc) outbound = true;
    else if (isDst) outbound = false;
    else if (p.linkBroadcastOrMulticast || p.dst4 === 0xffffffff || p.dst4 >>> 28 === 14) {
      // A broadcast or multicast on the device's link: the device receives it only if it has IPv4.
      if (device.ipv4.length === 0) return out;
      outbound = false;
      broadcastIn = true;
    } else return out;
  } else {
    if (isDevice6(p.src6, device)) outbound = true;
    else if (isDevice6(p.dst6, device)) outbound = false;
    else if (isMulticast6(p.dst6) && device.ipv6.length > 0) {
      outbound = false;
      broadcastIn = true;
    } else return out;
  }
  out.outbound = outbound;
  out.trueBytes = p.transportBytes;
  out.agentBytes = p.transportBytes;
  out.localPort = outbound ? p.srcPort : p.dstPort;
  out.remotePort = outbound ? p.dstPort : p.srcPort;

  if (p.ipVersion === 6 && cfg.ipv6Disabled) return invisible(out, Why.Ipv6Disabled);
  const atFilter = outbound || !cfg.captureUnicastOnly;
  if (!atFilter && broadcastIn) return invisible(out, Why.BroadcastOrMulticast);
  // Later fragments carry no transport header; the device's stack reassembles (in) or fragments after
  // the filter (out), so the agent sees the datagram once: counted with its first fragment.
  if (p.isLaterFragment) return invisible(out, Why.Fragment);

  const proto = p.protocol;
  const isIcmp = p.ipVersion === 4 ? proto === 1 : proto === 58;
  const known = proto === 6 || proto === 17 || isIcmp;
  if (!atFilter) {
    // Inbound at the transport hooks: only TCP, UDP and ICMPv4 are hooked (fault 4: ICMPv6 never is).
    if (p.ipVersion === 6 && proto === 58) return invisible(out, Why.InboundIcmpv6);
    if (!known) return invisible(out, Why.OtherProtocol);
    // Fault 7: the collector reads a host-order extension header as network order and gives up.
    if (p.ipVersion === 6 && (p.ipv6ExtensionLength > 0 || p.ipv6UnwalkableHeader)) return touch(out, Why.InboundIpv6Ext);
    // Fault 6: NetX stripped the options, the collector still uses the header's total length.
    if (p.ipVersion === 4) out.agentBytes = p.transportBytes + p.ipv4OptionsLength;
  } else if (p.ipVersion === 6 && p.ipv6UnwalkableHeader) {
    return touch(out, Why.OtherProtocol);
  }
  if (!known) return touch(out, Why.OtherProtocol);
  if ((proto === 6 && cfg.tcpDisabled) || (proto === 17 && cfg.udpDisabled) || (isIcmp && cfg.icmpDisabled)) return touch(out, Why.ProtocolDisabled);
  out.protocol = proto === 6 ? 0 : proto === 17 ? 1 : 2;
  if (out.protocol === 2) {
    // §3.12 point 5: all ICMP between two hosts is one record.
    out.localPort = 0;
    out.remotePort = 0;
  }
  out.seen = Seen.Record;
  return out;
}

function invisible(out: CaptureView, why: Why): CaptureView {
  out.seen = Seen.Invisible;
  out.why = why;
  return out;
}

function touch(out: CaptureView, why: Why): CaptureView {
  out.seen = Seen.Touch;
  out.why = why;
  return out;
}
