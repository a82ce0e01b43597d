// Writes an AzureIoTSecurity.Message in the order the agent's serializer calls flatcc (CORE
// src/serializer/*.c): module id string at message begin, then each event's id, time, interval and
// payload, default-valued scalars left out. With the same builder limits it fails where the agent fails.
import { FlatccBuilder } from './flatcc-builder';
import type { EventPayload, NetworkCommon, NetworkRecordV4, NetworkRecordV6, SecurityEvent, SecurityMessage } from './message';
import { PayloadType } from './message';

function addCommon(b: FlatccBuilder, c: NetworkCommon): number {
  b.startTable();
  // `_add` of a value equal to the schema default writes nothing (flatcc generated code).
  if (c.localPort) b.addU16(0, c.localPort);
  if (c.remotePort) b.addU16(1, c.remotePort);
  if (c.bytesIn) b.addU32(2, c.bytesIn);
  if (c.bytesOut) b.addU32(3, c.bytesOut);
  if (c.protocol) b.addU8(4, c.protocol);
  return b.endTable();
}

const v4Addresses = new Uint8Array(8);
const v4View = new DataView(v4Addresses.buffer);
const v6Addresses = new Uint8Array(32);
const v6View = new DataView(v6Addresses.buffer);

function addV4(b: FlatccBuilder, r: NetworkRecordV4): number {
  b.startTable();
  // Network byte order on the wire: the number's big-endian bytes.
  v4View.setUint32(0, r.local >>> 0, false);
  v4View.setUint32(4, r.remote >>> 0, false);
  b.addStruct(0, v4Addresses, 4);
  b.addOffset(1, addCommon(b, r));
  return b.endTable();
}

function addV6(b: FlatccBuilder, r: NetworkRecordV6): number {
  b.startTable();
  for (let i = 0; i < 4; i++) {
    v6View.setUint32(4 * i, r.local[i] >>> 0, false);
    v6View.setUint32(16 + 4 * i, r.remote[i] >>> 0, false);
  }
  b.addStruct(0, v6Addresses, 4);
  b.addOffset(1, addCommon(b, r));
  return b.endTable();
}

function addPayload(b: FlatccBuilder, p: EventPayload): { type: number; ref: number } {
  b.startTable();
  switch (p.type) {
    case 'NetworkActivity': {
      if (p.ipv4.length > 0) {
        b.startOffsetVector();
        for (const r of p.ipv4) b.offsetVectorPush(addV4(b, r));
        b.addOffset(0, b.endOffsetVector());
      }
      if (p.ipv6.length > 0) {
        b.startOffsetVector();
        for (const r of p.ipv6) b.offsetVectorPush(addV6(b, r));
        b.addOffset(1, b.endOffsetVector());
      }
      return { type: PayloadType.NetworkActivity, ref: b.endTable() };
    }
    case 'Heartbeat':
      return { type: PayloadType.Heartbeat, ref: b.endTable() };
    case 'SystemInformation':
      if (p.osInfo !== undefined) b.addOffset(0, b.createString(p.osInfo));
      if (p.kernelInfo !== undefined) b.addOffset(1, b.createString(p.kernelInfo));
      if (p.hwInfo !== undefined) b.addOffset(2, b.createString(p.hwInfo));
      return { type: PayloadType.SystemInformation, ref: b.endTable() };
    default:
      throw new Error(`the encoder does not write ${p.type} payloads`);
  }
}

/** Starts a message as serializer_message_begin does: buffer, Message table, id string, version. */
export function beginMessage(b: FlatccBuilder, securityModuleId: string, securityModuleVersion: number): void {
  b.startBuffer();
  b.startTable();
  b.addOffset(0, b.createString(securityModuleId));
  if (securityModuleVersion) b.addU32(1, securityModuleVersion);
}

/** Message_events_start happens with the first event (serializer_event_start). */
export function startEvents(b: FlatccBuilder): void {
  b.startOffsetVector();
}

export function addEvent(b: FlatccBuilder, e: SecurityEvent): void {
  b.startTable();
  b.addStruct(0, e.id, 1);
  if (e.time) b.addU32(1, e.time);
  if (e.collectionInterval) b.addU32(2, e.collectionInterval);
  const { type, ref } = addPayload(b, e.payload);
  // The generated union add writes the type before the value.
  b.addU8(3, type);
  b.addOffset(4, ref);
  b.offsetVectorPush(b.endTable());
}

export function endMessage(b: FlatccBuilder): Uint8Array {
  b.addOffset(3, b.endOffsetVector());
  return b.endBuffer(b.endTable());
}

/** Encodes a whole message with a fresh, unbounded builder (or the one given). Throws BuildFailure. */
export function encodeMessage(m: SecurityMessage, b = new FlatccBuilder()): Uint8Array {
  b.reset();
  beginMessage(b, m.securityModuleId, m.securityModuleVersion);
  if (m.events.length === 0) throw new Error('a message needs at least one event (events is required)');
  startEvents(b);
  for (const e of m.events) addEvent(b, e);
  return endMessage(b);
}
