// Turns a scenario into frames in time order and streams them to a PcapWriter: flows are merged
// through a small heap on their next packet time, so memory depends on the flows, not the packets.
import { buildFrame, FrameSpec } from './frame-builder';
import { buildDnsMessage } from './dns-builder';
import { popFlow, pushFlow, siftDownFlow } from './flow-heap';
import { parseIpBytes } from './ip-address';
import { parseMac, Scenario, ScenarioFlow } from './scenario';
import type { PcapWriter } from './pcap-writer';

const PROTO = { tcp: 6, udp: 17, dns: 17 } as const;

interface FlowState {
  flow: ScenarioFlow;
  /** The flow's place in the scenario: its ports, sequence numbers and DNS ids derive from it, and it breaks
   *  ties between flows due at the same time. */
  order: number;
  next: number;
  sent: number;
  total: number;
  local: Uint8Array;
  remote: Uint8Array;
  localPort: number;
  seqLocal: number;
  seqRemote: number;
}

const DEFAULT_START = 1700000000;
const BROADCAST4 = new Uint8Array([255, 255, 255, 255]);
const ALL_NODES6 = parseIpBytes('ff02::1')!;
const BROADCAST_MAC = new Uint8Array([255, 255, 255, 255, 255, 255]);
const ALL_NODES_MAC = new Uint8Array([0x33, 0x33, 0, 0, 0, 1]);

/** Writes the scenario's packets; returns how many. `onProgress` is called every 65536 packets. */
export function generateScenario(s: Scenario, writer: PcapWriter, onProgress?: (packets: number) => void): number {
  const start = s.start ?? DEFAULT_START;
  const deviceMac = parseMac(s.device.mac ?? '02:00:00:00:00:50')!;
  const gatewayMac = parseMac(s.gatewayMac ?? '02:00:00:00:00:01')!;
  const dev4 = s.device.ipv4 ? parseIpBytes(s.device.ipv4) : undefined;
  const dev6 = s.device.ipv6 ? parseIpBytes(s.device.ipv6) : undefined;
  const heap: FlowState[] = [];
  s.flows.forEach((flow, order) => {
    const remote = parseIpBytes(flow.peer)!;
    const local = (remote.length === 4 ? dev4 : dev6)!;
    const total = flow.packets ?? (flow.protocol === 'dns' ? 2 : 4);
    const state: FlowState = {
      flow, order, remote, local, total, sent: 0,
      next: flow.start ?? 0,
      localPort: flow.localPort ?? 49152 + (order % 16000),
      seqLocal: 1000 + order * 7919, seqRemote: 5000 + order * 104729,
    };
    pushFlow(heap, state);
  });
  const out = new Uint8Array(2048);
  const spec: FrameSpec = { link: s.link ?? 'ethernet', src: new Uint8Array(4), dst: new Uint8Array(4), protocol: 17 };
  let packets = 0;
  while (heap.length > 0) {
    const st = heap[0];
    const f = st.flow;
    const k = st.sent;
    const fromInitiator = f.oneWay === true || k % 2 === 0;
    const fromDevice = (f.initiator !== 'peer') === fromInitiator;
    spec.src = fromDevice ? st.local : st.remote;
    spec.dst = fromDevice ? st.remote : st.local;
    spec.srcMac = fromDevice ? deviceMac : gatewayMac;
    spec.dstMac = fromDevice ? gatewayMac : deviceMac;
    spec.sllPacketType = fromDevice ? 4 : 0;
    if (f.broadcast && !fromDevice) {
      // The peer's packet goes to everyone on the link: Linux cooked captures mark it 1 (broadcast) or 2 (multicast).
      const v4 = st.remote.length === 4;
      spec.dst = v4 ? BROADCAST4 : ALL_NODES6;
      spec.dstMac = v4 ? BROADCAST_MAC : ALL_NODES_MAC;
      spec.sllPacketType = v4 ? 1 : 2;
    }
    // `port` is the responder's (server) port: the peer's, or the device's when the peer initiates.
    const server = f.port ?? (f.protocol === 'dns' ? 53 : 0);
    const lp = f.initiator === 'peer' ? server : st.localPort;
    const rp = f.initiator === 'peer' ? st.localPort : server;
    spec.sport = fromDevice ? lp : rp;
    spec.dport = fromDevice ? rp : lp;
    spec.payload = undefined;
    const size = f.sizes ? f.sizes[k % f.sizes.length] : f.size ?? 64;
    spec.payloadLength = size;
    if (f.protocol === 'icmp') {
      spec.protocol = st.remote.length === 4 ? 1 : 58;
      const request = k % 2 === 0;
      spec.icmpType = st.remote.length === 4 ? (request ? 8 : 0) : request ? 128 : 129;
      spec.icmpCode = 0;
      spec.sport = 0x4d41;
      spec.seq = k >> 1;
    } else if (f.protocol === 'dns') {
      spec.protocol = 17;
      const answer = f.answer ? parseIpBytes(f.answer) : undefined;
      spec.payload = buildDnsMessage((st.order * 31 + (k >> 1)) & 0xffff, f.name ?? 'example.com', answer, k % 2 === 1);
    } else {
      spec.protocol = PROTO[f.protocol];
      if (f.protocol === 'tcp') {
        // A handshake first (SYN, SYN-ACK, ACK), then data with PSH-ACK, then FIN from the initiator.
        const flags = k === 0 ? 0x02 : k === 1 ? 0x12 : k === st.total - 1 && k > 2 ? 0x11 : 0x18;
        spec.tcpFlags = flags;
        if (flags === 0x02 || flags === 0x12) spec.payloadLength = 0;
        spec.seq = fromDevice ? st.seqLocal : st.seqRemote;
        spec.ack = fromDevice ? st.seqRemote : st.seqLocal;
        const adv = (spec.payloadLength ?? 0) + (flags & 0x03 ? 1 : 0);
        if (fromDevice) st.seqLocal = (st.seqLocal + adv) >>> 0;
        else st.seqRemote = (st.seqRemote + adv) >>> 0;
      }
    }
    const len = buildFrame(spec, out);
    writer.write(start + st.next, out, len);
    packets++;
    if (onProgress && (packets & 0xffff) === 0) onProgress(packets);
    st.sent++;
    if (st.sent >= st.total) popFlow(heap);
    else {
      st.next += f.interval ?? 1;
      siftDownFlow(heap, 0);
    }
  }
  return packets;
}

/**
 * The bench capture: `packets` frames over 64 flows (TCP and UDP over IPv4, every eighth over IPv6),
 * 1 ms apart, sizes varying; built straight into the writer without a scenario object per flow.
 */
export function generateBench(packets: number, writer: PcapWriter, onProgress?: (packets: number) => void, start = DEFAULT_START): number {
  const out = new Uint8Array(2048);
  const dev4 = new Uint8Array([192, 168, 1, 50]);
  const dev6 = parseIpBytes('fd00::50')!;
  const peers4 = Array.from({ length: 64 }, (_, i) => new Uint8Array([20, 40 + (i >> 4), i & 15, 10 + i]));
  const peers6 = Array.from({ length: 64 }, (_, i) => parseIpBytes(`2001:db8::${(i + 1).toString(16)}`)!);
  const devMac = parseMac('02:00:00:00:00:50')!;
  const gwMac = parseMac('02:00:00:00:00:01')!;
  const spec: FrameSpec = { link: 'ethernet', src: dev4, dst: dev4, protocol: 6 };
  for (let i = 0; i < packets; i++) {
    const flow = i & 63;
    const v6 = (flow & 7) === 7;
    const out2 = (i >> 6) % 2 === 0;
    const local = v6 ? dev6 : dev4;
    const remote = v6 ? peers6[flow] : peers4[flow];
    spec.src = out2 ? local : remote;
    spec.dst = out2 ? remote : local;
    spec.srcMac = out2 ? devMac : gwMac;
    spec.dstMac = out2 ? gwMac : devMac;
    spec.protocol = flow & 1 ? 17 : 6;
    const lp = 40000 + flow;
    const rp = flow & 1 ? 5683 : 8883;
    spec.sport = out2 ? lp : rp;
    spec.dport = out2 ? rp : lp;
    spec.tcpFlags = 0x18;
    spec.seq = i;
    spec.payloadLength = 20 + ((i * 37) % 200);
    const len = buildFrame(spec, out);
    writer.write(start + i / 1000, out, len);
    if (onProgress && ((i + 1) & 0xffff) === 0) onProgress(i + 1);
  }
  return packets;
}
