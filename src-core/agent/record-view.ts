// A network record as `simulate --records` lists it: the fields the agent's message carries, addresses as
// text, protocol by name, and the packets the model counted into it each way (the message has bytes only).
import { formatIpv4, formatIpv6 } from '../traffic/ip-address';
import type { CountedRecordV4, CountedRecordV6 } from './flow-cache';
import { PROTOCOL_NAMES } from './schema/message';

export interface RecordView {
  ipVersion: 4 | 6;
  protocol: string;
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  bytesIn: number;
  bytesOut: number;
  packetsIn: number;
  packetsOut: number;
}

function view(ipVersion: 4 | 6, r: CountedRecordV4 | CountedRecordV6, local: string, remote: string): RecordView {
  return {
    ipVersion, protocol: PROTOCOL_NAMES[r.protocol] ?? String(r.protocol), local, localPort: r.localPort, remote, remotePort: r.remotePort,
    bytesIn: r.bytesIn, bytesOut: r.bytesOut, packetsIn: r.packetsIn, packetsOut: r.packetsOut,
  };
}

/** The records of one network event in message order: IPv4 then IPv6, each in the order the cache drained them. */
export function recordViews(ipv4: readonly CountedRecordV4[], ipv6: readonly CountedRecordV6[]): RecordView[] {
  return [
    ...ipv4.map((r) => view(4, r, formatIpv4(r.local), formatIpv4(r.remote))),
    ...ipv6.map((r) => view(6, r, formatIpv6(r.local), formatIpv6(r.remote))),
  ];
}
