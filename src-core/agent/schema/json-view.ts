// The JSON view of a message, with the field names flatcc's generated JSON printer uses (reference
// §3.8): snake_case, unions as `payload_type` + `payload`, enums by name, absent defaults left out.
// Addresses are also given as text beside the printer's raw structs, because people read them.
import { formatIpv4, formatIpv6 } from '../../traffic/ip-address';
import type { EventPayload, NetworkCommon, SecurityMessage } from './message';
import { PAYLOAD_NAMES, PROTOCOL_NAMES } from './message';

export interface JsonViewOptions {
  /** Add `local`/`remote` address text beside each record's raw `addresses` struct (default true). */
  addressText?: boolean;
}

function commonJson(c: NetworkCommon): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (c.localPort) out.local_port = c.localPort;
  if (c.remotePort) out.remote_port = c.remotePort;
  if (c.bytesIn) out.bytes_in = c.bytesIn;
  if (c.bytesOut) out.bytes_out = c.bytesOut;
  if (c.protocol) out.protocol = PROTOCOL_NAMES[c.protocol] ?? c.protocol;
  return out;
}

/** flatcc prints a uint32 as its host value: the network-order bytes read little-endian. */
const leOf = (be: number) => (((be & 0xff) << 24) | ((be & 0xff00) << 8) | ((be >>> 8) & 0xff00) | (be >>> 24)) >>> 0;

function payloadJson(p: EventPayload, text: boolean): Record<string, unknown> {
  switch (p.type) {
    case 'NetworkActivity': {
      const out: Record<string, unknown> = {};
      if (p.ipv4.length) {
        out.ipv4_activity = p.ipv4.map((r) => ({
          addresses: { local_address: leOf(r.local), remote_address: leOf(r.remote) },
          ...(text ? { local: formatIpv4(r.local), remote: formatIpv4(r.remote) } : {}),
          common: commonJson(r),
        }));
      }
      if (p.ipv6.length) {
        out.ipv6_activity = p.ipv6.map((r) => ({
          addresses: { local_address: Array.from(r.local, leOf), remote_address: Array.from(r.remote, leOf) },
          ...(text ? { local: formatIpv6(r.local), remote: formatIpv6(r.remote) } : {}),
          common: commonJson(r),
        }));
      }
      return out;
    }
    case 'Heartbeat':
      return {};
    case 'SystemInformation': {
      const out: Record<string, unknown> = {};
      if (p.osInfo !== undefined) out.os_info = p.osInfo;
      if (p.kernelInfo !== undefined) out.kernel_info = p.kernelInfo;
      if (p.hwInfo !== undefined) out.hw_info = p.hwInfo;
      return out;
    }
    default:
      return p.fields;
  }
}

export function messageToJson(m: SecurityMessage, options: JsonViewOptions = {}): Record<string, unknown> {
  const text = options.addressText ?? true;
  const out: Record<string, unknown> = { security_module_id: m.securityModuleId };
  if (m.securityModuleVersion) out.security_module_version = m.securityModuleVersion;
  if (m.timezone) out.timezone = m.timezone;
  out.events = m.events.map((e) => {
    const ev: Record<string, unknown> = { id: { value: Array.from(e.id) } };
    if (e.time) ev.time = e.time;
    if (e.collectionInterval) ev.collection_interval = e.collectionInterval;
    ev.payload_type = e.payload.type === 'Other' ? (PAYLOAD_NAMES[e.payload.typeCode] ?? e.payload.typeCode) : e.payload.type;
    ev.payload = payloadJson(e.payload, text);
    return ev;
  });
  return out;
}
