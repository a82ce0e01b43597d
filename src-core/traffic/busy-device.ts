// The busy-device capture: a long stretch (a day by default) of a device that talks to many distinct remotes
// on many ports (HTTPS to a long tail of servers, DNS lookups of many names, NTP, plaintext MQTT, inbound
// scans and Telnet tries, IPv6), seeded so the same options give the same bytes. It is what makes every
// per-flow, per-remote and per-name table of the simulator grow; flows are drawn as they start and kept only
// while they send, so the generator's own memory depends on the flows alive at once, not on the day.
import { buildFrame, type FrameSpec } from './frame-builder';
import { buildDnsMessage } from './dns-builder';
import { popFlow, pushFlow, siftDownFlow } from './flow-heap';
import { parseIpBytes } from './ip-address';
import type { PcapWriter } from './pcap-writer';

export interface BusyDeviceOptions {
  /** Simulated hours (default 24). */
  hours?: number;
  /** New flows per second, on average (default 30: about 2.6 million a day). */
  flowsPerSecond?: number;
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Epoch seconds of the first packet (default 1700000000). */
  start?: number;
}

/** The device and the fixed peers of the busy-device capture (tests and the bench read them). */
export const BUSY_DEVICE = {
  ipv4: '192.168.1.50',
  ipv6: 'fd00::50',
  resolver: '192.168.1.1',
  hub: '20.49.110.5',
  broker: '198.41.30.241',
  ntp: ['192.168.1.1', '162.159.200.1', '162.159.200.123'],
  /** The zones the looked-up names end in (`h<n>.<zone>`). */
  zones: ['cdn-a.example.net', 'cdn-b.example.net', 'telemetry.example.com', 'updates.example.org', 'ads.example.biz', 'c2.example.info'],
} as const;

/** First octets of global IPv4 space the long tail of remotes is drawn from (no private, reserved or special /8). */
const GLOBAL_FIRST_OCTETS = [3, 4, 8, 13, 18, 23, 31, 34, 35, 37, 40, 45, 46, 51, 52, 54, 62, 66, 72, 77, 80, 85, 91, 94, 104, 107, 130, 138, 141, 151, 157, 176, 178, 185, 188, 193, 195, 209, 212, 217];
const REMOTES4 = 2_000_000;
const REMOTES6 = 200_000;
const SCANNERS = 100_000;
const NAMES = 500_000;

type Kind = 'https' | 'quic' | 'dns' | 'ntp' | 'mqtt' | 'scan' | 'telnet' | 'icmp' | 'https6' | 'hub';

interface LiveFlow {
  kind: Kind;
  order: number;
  next: number;
  sent: number;
  total: number;
  interval: number;
  remote: Uint8Array;
  local: Uint8Array;
  /** Ports from the initiator's side: its own, and the responder's. */
  initiatorPort: number;
  responderPort: number;
  fromPeer: boolean;
  size: number;
  seqLocal: number;
  seqRemote: number;
  name?: string;
  answer?: Uint8Array;
}

/** mulberry32: small, fast, and the same on every platform. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rank in [0, n) with a heavy head and a long tail (log-uniform): a few remotes often, most once or twice. */
function rank(u: number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1))) - 1);
}

/** A fixed bijective scramble of a 32-bit number (so ranks spread over the address space). */
function scramble(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

function globalIpv4(r: number, salt: number): Uint8Array {
  const h = scramble(r * 2654435761 + salt);
  return new Uint8Array([GLOBAL_FIRST_OCTETS[h % GLOBAL_FIRST_OCTETS.length], (h >>> 8) & 255, (h >>> 16) & 255, 1 + ((h >>> 24) % 254)]);
}

function globalIpv6(r: number): Uint8Array {
  const h = scramble(r + 0x6000);
  const g = scramble(h);
  return new Uint8Array([0x2a, 0x00 | (h & 0x0f), (h >>> 8) & 255, (h >>> 16) & 255, 0, 0, 0, 0, 0, 0, 0, 0, (g >>> 24) & 255, (g >>> 16) & 255, (g >>> 8) & 255, (g & 255) | 1]);
}

/**
 * Writes the busy-device capture; returns the packets written. `onProgress` is called every 65536 packets.
 * About 4.5 packets a flow: 30 flows a second for 24 hours is some 2.6 million flows, 12 million packets, 2 GB.
 */
export function generateBusyDevice(options: BusyDeviceOptions, writer: PcapWriter, onProgress?: (packets: number) => void): number {
  const seconds = (options.hours ?? 24) * 3600;
  const rate = options.flowsPerSecond ?? 30;
  const start = options.start ?? 1700000000;
  const next = random(options.seed ?? 1);
  const dev4 = parseIpBytes(BUSY_DEVICE.ipv4)!;
  const dev6 = parseIpBytes(BUSY_DEVICE.ipv6)!;
  const resolver = parseIpBytes(BUSY_DEVICE.resolver)!;
  const hub = parseIpBytes(BUSY_DEVICE.hub)!;
  const broker = parseIpBytes(BUSY_DEVICE.broker)!;
  const ntp = BUSY_DEVICE.ntp.map((a) => parseIpBytes(a)!);
  const devMac = new Uint8Array([2, 0, 0, 0, 0, 0x50]);
  const gwMac = new Uint8Array([2, 0, 0, 0, 0, 1]);
  const heap: LiveFlow[] = [];
  let order = 0;
  let ephemeral = 0;
  const port = () => 49152 + (ephemeral++ % 16384);
  const flow = (kind: Kind, at: number, remote: Uint8Array, initiatorPort: number, responderPort: number, total: number, interval: number, size: number, fromPeer = false): LiveFlow => ({
    kind, order: order++, next: at, sent: 0, total, interval, remote, local: remote.length === 4 ? dev4 : dev6,
    initiatorPort, responderPort, fromPeer, size, seqLocal: (next() * 2 ** 32) >>> 0, seqRemote: (next() * 2 ** 32) >>> 0,
  });

  /** Draws the next new flow starting at `at`. */
  const draw = (at: number): LiveFlow => {
    const u = next();
    const size = 20 + Math.floor(next() * 360);
    const gap = 0.02 + next() * 0.4;
    if (u < 0.4) return flow('https', at, globalIpv4(rank(next(), REMOTES4), 1), port(), 443, 4 + Math.floor(next() * 5), gap, size);
    if (u < 0.5) return flow('quic', at, globalIpv4(rank(next(), REMOTES4), 1), port(), 443, 2 + Math.floor(next() * 4), gap, size);
    if (u < 0.62) {
      const f = flow('dns', at, resolver, port(), 53, 2, 0.01 + next() * 0.05, 0);
      const zone = BUSY_DEVICE.zones[Math.floor(next() * BUSY_DEVICE.zones.length)];
      f.name = `h${rank(next(), NAMES)}.${zone}`;
      f.answer = globalIpv4(rank(next(), REMOTES4), 1);
      return f;
    }
    if (u < 0.66) return flow('ntp', at, ntp[Math.floor(next() * ntp.length)], 123, 123, 2, 0.03, 48);
    if (u < 0.7) return flow('mqtt', at, broker, port(), 1883, 4 + Math.floor(next() * 4), gap, 60 + Math.floor(next() * 200));
    if (u < 0.8) return flow('scan', at, globalIpv4(rank(next(), SCANNERS), 7), 1024 + Math.floor(next() * 64000), 1 + Math.floor(next() * 65535), 2, 0.001, 0, true);
    if (u < 0.82) return flow('telnet', at, globalIpv4(rank(next(), SCANNERS), 7), 1024 + Math.floor(next() * 64000), 23, 6, 0.3, 20, true);
    if (u < 0.85) return flow('icmp', at, globalIpv4(rank(next(), REMOTES4), 3), 0x4d41, 0, 2, 0.02, 56);
    return flow('https6', at, globalIpv6(rank(next(), REMOTES6)), port(), 443, 4 + Math.floor(next() * 4), gap, size);
  };

  // The hub connection: one TCP flow all day, a keep-alive both ways every 30 s.
  pushFlow(heap, flow('hub', 0.5, hub, 50000, 8883, Math.max(2, Math.floor(seconds / 15)), 15, 120));
  let nextArrival = -Math.log(1 - next()) / rate;
  const out = new Uint8Array(2048);
  const spec: FrameSpec = { link: 'ethernet', src: dev4, dst: dev4, protocol: 6 };
  let packets = 0;
  for (;;) {
    while (nextArrival < seconds && (heap.length === 0 || nextArrival <= heap[0].next)) {
      pushFlow(heap, draw(nextArrival));
      nextArrival += -Math.log(1 - next()) / rate;
    }
    if (heap.length === 0) break;
    const f = heap[0];
    const k = f.sent;
    const fromInitiator = k % 2 === 0;
    const fromDevice = fromInitiator !== f.fromPeer;
    spec.src = fromDevice ? f.local : f.remote;
    spec.dst = fromDevice ? f.remote : f.local;
    spec.srcMac = fromDevice ? devMac : gwMac;
    spec.dstMac = fromDevice ? gwMac : devMac;
    spec.sport = fromInitiator ? f.initiatorPort : f.responderPort;
    spec.dport = fromInitiator ? f.responderPort : f.initiatorPort;
    spec.payload = undefined;
    spec.payloadLength = f.size;
    if (f.kind === 'icmp') {
      spec.protocol = 1;
      spec.icmpType = fromInitiator ? 8 : 0;
      spec.icmpCode = 0;
      spec.sport = 0x4d41;
      spec.seq = k >> 1;
    } else if (f.kind === 'dns') {
      spec.protocol = 17;
      spec.payload = buildDnsMessage(f.order & 0xffff, f.name!, f.answer, !fromInitiator);
    } else if (f.kind === 'quic' || f.kind === 'ntp') {
      spec.protocol = 17;
    } else {
      spec.protocol = 6;
      let flags: number;
      if (f.kind === 'scan') flags = k === 0 ? 0x02 : 0x14; // SYN, then the device's RST-ACK: a closed port
      else if (f.kind === 'hub') flags = 0x18;
      else flags = k === 0 ? 0x02 : k === 1 ? 0x12 : k === f.total - 1 && k > 2 ? 0x11 : 0x18;
      spec.tcpFlags = flags;
      if (flags & 0x07) spec.payloadLength = 0;
      spec.seq = fromDevice ? f.seqLocal : f.seqRemote;
      spec.ack = fromDevice ? f.seqRemote : f.seqLocal;
      const advance = (spec.payloadLength ?? 0) + (flags & 0x03 ? 1 : 0);
      if (fromDevice) f.seqLocal = (f.seqLocal + advance) >>> 0;
      else f.seqRemote = (f.seqRemote + advance) >>> 0;
    }
    const len = buildFrame(spec, out);
    writer.write(start + Math.round(f.next * 1e6) / 1e6, out, len);
    packets++;
    if (onProgress && (packets & 0xffff) === 0) onProgress(packets);
    f.sent++;
    if (f.sent >= f.total) popFlow(heap);
    else {
      f.next += f.interval;
      siftDownFlow(heap, 0);
    }
  }
  return packets;
}
