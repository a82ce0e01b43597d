// The per-packet fast path's classification: for the common packet (TCP or UDP, unicast to or from one
// of the device's (one or two) addresses of its IP version, whole, recorded as it is) the direction comes
// from direct compares against fields set once; every other packet goes to `classify`, the reference.
import type { AgentConfig } from '../config/agent-config';
import type { DecodedPacket } from '../traffic/packet';
import type { DeviceAddresses } from './capture';

/** What `FastClassifier.direction` says. */
export const enum Fast {
  /** Not a fast-path packet: use `classify`. */
  No = 0,
  /** Sent by the device (seen at the IP packet filter). */
  Out = 1,
  /** Received, seen at the IP filter (bytes as they are). */
  In = 2,
  /** Received IPv4 seen at the transport hooks: the agent adds the stripped options' length (fault 6). */
  InHook4 = 3,
}

/**
 * Direction of a fast-path packet from its fields and the device's addresses, with no loop and no
 * writes. A device with more than two addresses of an IP version leaves that version to `classify`.
 */
export class FastClassifier {
  // Int32 copies (`x | 0`): uint32 addresses above 2^31 would leave V8's small-integer compares.
  private readonly a4: number;
  private readonly b4: number;
  private readonly on4: boolean;
  /** Two IPv6 addresses, four words each (the second repeats the first when there is one). */
  private readonly six = new Int32Array(8);
  private readonly on6: boolean;
  private readonly tcp: boolean;
  private readonly udp: boolean;
  /** Inbound goes through the transport hooks (CAPTURE_UNICAST_ONLY), not the filter. */
  private readonly hooks: boolean;

  /** `enabled` false sends every packet to `classify` (the tests compare both paths). */
  constructor(device: DeviceAddresses, cfg: AgentConfig, enabled = true) {
    const v4 = device.ipv4;
    // With three addresses or more a packet from the third to the first is outbound: `classify` decides those.
    this.on4 = enabled && v4.length > 0 && v4.length <= 2;
    this.a4 = this.on4 ? v4[0] | 0 : 0;
    this.b4 = v4.length > 1 ? v4[1] | 0 : this.a4;
    const v6 = device.ipv6;
    this.on6 = enabled && v6.length > 0 && v6.length <= 2 && !cfg.ipv6Disabled;
    for (let i = 0; i < 4 && v6.length > 0; i++) {
      this.six[i] = v6[0][i] | 0;
      this.six[4 + i] = (v6.length > 1 ? v6[1][i] : v6[0][i]) | 0;
    }
    this.tcp = !cfg.tcpDisabled;
    this.udp = !cfg.udpDisabled;
    this.hooks = cfg.captureUnicastOnly;
  }

  direction(p: DecodedPacket): Fast {
    const proto = p.protocol;
    if (proto === 6 ? !this.tcp : proto === 17 ? !this.udp : true) return Fast.No;
    if (p.isLaterFragment) return Fast.No;
    const version = p.ipVersion;
    if (version === 4) {
      if (!this.on4) return Fast.No;
      const src = p.src4 | 0;
      if (src === this.a4 || src === this.b4) return Fast.Out;
      const dst = p.dst4 | 0;
      if (dst === this.a4 || dst === this.b4) return this.hooks ? Fast.InHook4 : Fast.In;
      return Fast.No;
    }
    return version === 6 ? this.direction6(p) : Fast.No;
  }

  /** Kept apart so that `direction`, the IPv4 path, is small enough to inline into the packet path. */
  private direction6(p: DecodedPacket): Fast {
    if (!this.on6 || p.ipv6UnwalkableHeader) return Fast.No;
    const six = this.six;
    const s = p.src6;
    const s0 = s[0] | 0;
    const s1 = s[1] | 0;
    const s2 = s[2] | 0;
    const s3 = s[3] | 0;
    if ((s3 === six[3] && s2 === six[2] && s1 === six[1] && s0 === six[0]) || (s3 === six[7] && s2 === six[6] && s1 === six[5] && s0 === six[4])) return Fast.Out;
    const d = p.dst6;
    const d0 = d[0] | 0;
    const d1 = d[1] | 0;
    const d2 = d[2] | 0;
    const d3 = d[3] | 0;
    if ((d3 === six[3] && d2 === six[2] && d1 === six[1] && d0 === six[0]) || (d3 === six[7] && d2 === six[6] && d1 === six[5] && d0 === six[4])) {
      // Inbound at the hooks, extension headers make the collector give up (fault 7): `classify` says so.
      return this.hooks && p.ipv6ExtensionLength > 0 ? Fast.No : Fast.In;
    }
    return Fast.No;
  }
}
