// Feeds a Zeek conn.log to the agent model. A conn.log has flows, not packets, so each flow is turned
// into synthetic packets: its packet and byte counts per direction, spread evenly over its duration
// (docs/agent-model.md, "Zeek conn.log input"). The result is approximate and says so.
import { readConnLog } from '../traffic/conn-log';
import type { FlowRecord } from '../traffic/flow-record';
import { ipv6BytesToWords, parseIpBytes } from '../traffic/ip-address';
import { resetDecoded } from '../traffic/ip-decode';
import { DecodedPacket } from '../traffic/packet';

export interface SynthesisOptions {
  /** IP header bytes taken off Zeek's `*_ip_bytes` to get what the agent counts (default 20 IPv4, 40 IPv6). */
  ipv4HeaderBytes?: number;
  ipv6HeaderBytes?: number;
}

export interface ConnLogFeedResult {
  file: string;
  format: 'zeek-tsv' | 'zeek-json' | 'unknown';
  flows: number;
  /** Flows turned into packets. */
  flowsUsed: number;
  packets: number;
  /** Bad lines and skipped flows, each naming the file and line. */
  notes: string[];
  error?: string;
}

/** One flow, ready to emit: compact, so memory follows the number of flows, not of packets. */
interface SynthFlow {
  order: number;
  ts: number;
  duration: number;
  v6: boolean;
  orig4: number;
  resp4: number;
  orig6?: Uint32Array;
  resp6?: Uint32Array;
  protocol: number;
  origPort: number;
  respPort: number;
  origPkts: number;
  respPkts: number;
  origBytes: number;
  respBytes: number;
  handshake: boolean;
  icmpType: number;
  icmpCode: number;
  // Emission state.
  k: number;
  next: number;
  origSent: number;
  respSent: number;
}

const PROTO: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };
const TRANSPORT_HEADER: Record<number, number> = { 6: 20, 17: 8, 1: 8, 58: 8 };
const MAX_NOTES = 200;

/** Packets a flow is given in one direction when Zeek left the count unset: one if bytes went that way. */
function packetsOf(pkts: number | undefined, bytes: number | undefined, ipBytes: number | undefined, initiator: boolean): number {
  if (pkts !== undefined) return pkts;
  if ((bytes ?? 0) > 0 || (ipBytes ?? 0) > 0) return 1;
  return initiator ? 1 : 0;
}

/** Bytes the agent counts (transport header plus payload) for `pkts` packets of one direction. */
function agentBytesOf(pkts: number, payload: number | undefined, ipBytes: number | undefined, ipHeader: number, transportHeader: number): number {
  if (pkts === 0) return 0;
  if (ipBytes !== undefined) return Math.max(0, ipBytes - pkts * ipHeader);
  return (payload ?? 0) + pkts * transportHeader;
}

function toFlow(r: FlowRecord, order: number, opts: SynthesisOptions): SynthFlow | string {
  const protocol = PROTO[r.proto.toLowerCase()];
  if (protocol === undefined) return `protocol '${r.proto}' is not TCP, UDP or ICMP; flow skipped`;
  const o = parseIpBytes(r.origHost);
  const d = parseIpBytes(r.respHost);
  if (!o || !d || o.length !== d.length) return 'addresses of different IP versions; flow skipped';
  const v6 = o.length === 16;
  const proto = v6 && protocol === 1 ? 58 : protocol;
  const ipHeader = v6 ? opts.ipv6HeaderBytes ?? 40 : opts.ipv4HeaderBytes ?? 20;
  const origPkts = packetsOf(r.origPkts, r.origBytes, r.origIpBytes, true);
  const respPkts = packetsOf(r.respPkts, r.respBytes, r.respIpBytes, false);
  const icmp = proto === 1 || proto === 58;
  return {
    order, ts: r.ts, duration: r.duration !== undefined && r.duration > 0 ? r.duration : 0, v6,
    orig4: v6 ? 0 : ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0,
    resp4: v6 ? 0 : ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0,
    orig6: v6 ? ipv6BytesToWords(o) : undefined,
    resp6: v6 ? ipv6BytesToWords(d) : undefined,
    protocol: proto,
    // Zeek writes the ICMP type and code in the port columns; the agent records ICMP with ports 0.
    origPort: icmp ? 0 : r.origPort,
    respPort: icmp ? 0 : r.respPort,
    icmpType: icmp ? r.origPort : 0,
    icmpCode: icmp ? r.respPort : 0,
    origPkts, respPkts,
    origBytes: agentBytesOf(origPkts, r.origBytes, r.origIpBytes, ipHeader, TRANSPORT_HEADER[proto]),
    respBytes: agentBytesOf(respPkts, r.respBytes, r.respIpBytes, ipHeader, TRANSPORT_HEADER[proto]),
    // A connection Zeek saw only mid-stream (OTH) has no handshake to mark.
    handshake: proto === 6 && r.connState !== 'OTH',
    k: 0, next: r.ts, origSent: 0, respSent: 0,
  };
}

/** Time of a flow's packet k of n: evenly spread from ts to ts + duration. */
function timeOf(f: SynthFlow, k: number): number {
  const n = f.origPkts + f.respPkts;
  return n > 1 ? f.ts + (f.duration * k) / (n - 1) : f.ts;
}

/** Fills `p` with the flow's next packet and advances it. */
function emit(f: SynthFlow, p: DecodedPacket, frame: number): void {
  const n = f.origPkts + f.respPkts;
  const k = f.k;
  // Directions interleave in proportion to their counts; the initiator sends first.
  const fromOrig = f.respPkts === 0 || (f.origPkts > 0 && Math.ceil(((k + 1) * f.origPkts) / n) > Math.ceil((k * f.origPkts) / n));
  resetDecoded(p);
  p.time = f.next;
  p.frame = frame;
  p.recordOffset = f.order;
  p.frameBytes = EMPTY;
  p.frameStart = 0;
  p.capturedLength = p.originalLength = 0;
  p.protocol = f.protocol;
  if (f.v6) {
    p.ipVersion = 6;
    p.src6.set(fromOrig ? f.orig6! : f.resp6!);
    p.dst6.set(fromOrig ? f.resp6! : f.orig6!);
    p.linkBroadcastOrMulticast = p.dst6[0] >>> 24 === 0xff;
  } else {
    p.ipVersion = 4;
    p.src4 = fromOrig ? f.orig4 : f.resp4;
    p.dst4 = fromOrig ? f.resp4 : f.orig4;
    p.linkBroadcastOrMulticast = p.dst4 === 0xffffffff || p.dst4 >>> 28 === 14;
  }
  p.srcPort = fromOrig ? f.origPort : f.respPort;
  p.dstPort = fromOrig ? f.respPort : f.origPort;
  p.icmpType = f.icmpType;
  p.icmpCode = f.icmpCode;
  // Bytes of a direction split evenly; the first packets take the remainder.
  if (fromOrig) {
    const i = f.origSent++;
    p.transportBytes = Math.floor(f.origBytes / f.origPkts) + (i < f.origBytes % f.origPkts ? 1 : 0);
    if (f.protocol === 6) p.tcpFlags = i === 0 && f.handshake ? 0x02 : 0x18;
  } else {
    const i = f.respSent++;
    p.transportBytes = Math.floor(f.respBytes / f.respPkts) + (i < f.respBytes % f.respPkts ? 1 : 0);
    if (f.protocol === 6) p.tcpFlags = i === 0 && f.handshake ? 0x12 : 0x18;
  }
  f.k = k + 1;
  f.next = f.k < n ? timeOf(f, f.k) : Infinity;
}

const EMPTY = new Uint8Array(0);

const before = (a: SynthFlow, b: SynthFlow) => a.next < b.next || (a.next === b.next && a.order < b.order);

function heapPush(h: SynthFlow[], f: SynthFlow): void {
  h.push(f);
  for (let i = h.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (!before(h[i], h[parent])) break;
    [h[i], h[parent]] = [h[parent], h[i]];
    i = parent;
  }
}

function heapFix(h: SynthFlow[]): void {
  const n = h.length;
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < n && before(h[l], h[m])) m = l;
    if (r < n && before(h[r], h[m])) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}

/**
 * Reads the conn.log and calls `onPacket` with one reused DecodedPacket per synthetic packet, in time
 * order. Zeek writes a flow when it ends, so lines are not in start order: the flows are held (about
 * 200 bytes each) and sorted by start time; packets are never held. `onPacket` may return false to stop.
 */
export function feedConnLog(path: string, onPacket: (p: DecodedPacket) => void | boolean, opts: SynthesisOptions = {}, packet = new DecodedPacket()): ConnLogFeedResult {
  const flows: SynthFlow[] = [];
  const notes: string[] = [];
  let omitted = 0;
  const read = readConnLog(path, (r) => {
    const f = toFlow(r, flows.length, opts);
    if (typeof f === 'string') {
      if (notes.length < MAX_NOTES) notes.push(`${path}:${r.line}: ${f}`);
      else omitted++;
    } else if (f.origPkts + f.respPkts > 0) flows.push(f);
  });
  const result: ConnLogFeedResult = { file: path, format: read.format, flows: read.flows, flowsUsed: flows.length, packets: 0, notes: [...read.notes.map((n) => n.message), ...notes] };
  if (omitted) result.notes.push(`${path}: ${omitted} more flows skipped`);
  if (read.error) result.error = read.error;
  flows.sort((a, b) => a.ts - b.ts || a.order - b.order);
  const heap: SynthFlow[] = [];
  let next = 0;
  let frame = 0;
  while (next < flows.length || heap.length > 0) {
    // Flows join the heap when their start comes up, so the heap holds only the flows in progress.
    if (next < flows.length && (heap.length === 0 || flows[next].ts <= heap[0].next)) {
      heapPush(heap, flows[next++]);
      continue;
    }
    const f = heap[0];
    emit(f, packet, frame++);
    result.packets++;
    if (f.next === Infinity) {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        heapFix(heap);
      }
    } else heapFix(heap);
    if (onPacket(packet) === false) break;
  }
  return result;
}
