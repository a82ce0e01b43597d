// Valid security messages as fast-check arbitraries, encoded by the project's flatcc-layout encoder (network
// activity with IPv4 and IPv6 records, heartbeats, system information with any text), binary or base64; plus a
// mutation that points an offset field at another table (the shared and crossed references FlatBuffers allow).
import fc from 'fast-check';
import { encodeMessage } from '../../../../src-core/agent/schema/encode';
import { messageToJson } from '../../../../src-core/agent/schema/json-view';
import type { EventPayload, SecurityEvent, SecurityMessage } from '../../../../src-core/agent/schema/message';
import type { FuzzCase } from '../harness/mutations';

const u32 = fc.nat({ max: 0xffffffff });
const common = { localPort: fc.nat(65535), remotePort: fc.nat(65535), bytesIn: u32, bytesOut: u32, protocol: fc.nat(2) };
const v4 = fc.record({ local: u32, remote: u32, ...common });
const v6 = fc.record({ local: fc.array(u32, { minLength: 4, maxLength: 4 }), remote: fc.array(u32, { minLength: 4, maxLength: 4 }), ...common });

const payload: fc.Arbitrary<EventPayload> = fc.oneof(
  fc.record({ type: fc.constant('NetworkActivity' as const), ipv4: fc.array(v4, { maxLength: 20 }), ipv6: fc.array(v6, { maxLength: 8 }) }),
  fc.constant({ type: 'Heartbeat' as const }),
  fc.record({ type: fc.constant('SystemInformation' as const), osInfo: fc.string({ maxLength: 60 }), kernelInfo: fc.string({ unit: 'grapheme', maxLength: 40 }), hwInfo: fc.string({ maxLength: 20 }) }, { requiredKeys: ['type'] }),
);

const event: fc.Arbitrary<SecurityEvent> = fc.record({ id: fc.uint8Array({ minLength: 16, maxLength: 16 }), time: u32, collectionInterval: u32, payload });

export const messageArb: fc.Arbitrary<SecurityMessage> = fc.record({
  securityModuleId: fc.string({ unit: 'grapheme', maxLength: 64 }),
  securityModuleVersion: u32,
  timezone: fc.constant(0),
  events: fc.array(event, { minLength: 1, maxLength: 6 }),
});

export const validMessages: fc.Arbitrary<FuzzCase> = fc.tuple(messageArb, fc.boolean()).map(([m, base64]) => {
  const bin = encodeMessage(m);
  return base64
    ? { name: 'message.b64', bytes: new Uint8Array(Buffer.from(Buffer.from(bin).toString('base64').replace(/(.{76})/g, '$1\n'))), how: `base64 message of ${m.events.length} events` }
    : { name: 'message.bin', bytes: bin, how: `message of ${m.events.length} events` };
});

/** Valid binary messages that must decode to what was encoded (the JSON of the model, compared as text). */
export const roundTripMessages: fc.Arbitrary<FuzzCase> = messageArb.map((m) => ({
  name: 'message.bin', bytes: encodeMessage(m), how: `message of ${m.events.length} events, unmutated`, meta: JSON.stringify(messageToJson(m)),
}));

export function checkRoundTrip(c: FuzzCase, detail: unknown): string[] {
  const got = (detail as { json?: string }).json;
  if (got === c.meta) return [];
  return [`decoded to another message:\n  got      ${String(got).slice(0, 400)}\n  expected ${String(c.meta).slice(0, 400)}`];
}

/** Rewrites the uoffset at 4-aligned `from` so it points at 4-aligned `to` (forward only, as uoffsets are). */
export function repoint(bytes: Uint8Array, fromPick: number, toPick: number): { bytes: Uint8Array; how: string } {
  const slots = bytes.length >> 2;
  if (slots < 2) return { bytes, how: 'repoint: too short' };
  const from = (fromPick % (slots - 1)) * 4;
  const to = from + 4 + (toPick % (slots - 1 - from / 4)) * 4;
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(from, to - from, true);
  return { bytes: out, how: `offset at byte ${from} points at byte ${to}` };
}

/** Binary messages with 1 to 6 offsets pointed elsewhere. */
export const repointedMessages: fc.Arbitrary<FuzzCase> = fc.tuple(messageArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 })).map(([m, picks]) => {
  let bytes = encodeMessage(m);
  const hows: string[] = [];
  for (const [a, b] of picks) {
    const r = repoint(bytes, a, b);
    bytes = r.bytes;
    hows.push(r.how);
  }
  return { name: 'message.bin', bytes, how: `message of ${m.events.length} events; ${hows.join('; ')}` };
});

/** Base64 text with what a copy from a log or a terminal adds. */
export const base64Snippets = [fc.constantFrom('=', '==', '\r\n', ' ', '-_', '\u00a0', '====', 'QUJD', '\0')];

/**
 * A message whose events vector names one event table `events` times, and whose event's IPv4 vector names one
 * record `records` times: 4 bytes a reference, so the buffer grows with events + records while a decoder that
 * copies every reference grows with events * records. Laid out by hand, front to back (uoffsets only point
 * forward), vtables at the end.
 */
export function sharedTablesMessage(events: number, records: number): Uint8Array {
  const rootTable = 4;
  const eventsVec = rootTable + 12;
  const eventTable = eventsVec + 4 + 4 * events;
  const payloadTable = eventTable + 28;
  const v4Vec = payloadTable + 8;
  const record = v4Vec + 4 + 4 * records;
  const commonTable = record + 16;
  const idString = commonTable + 8;
  const vtRoot = idString + 8;
  const vtEvent = vtRoot + 12;
  const vtPayload = vtEvent + 16;
  const vtRecord = vtPayload + 8;
  const vtCommon = vtRecord + 8;
  const out = new Uint8Array(vtCommon + 8);
  const v = new DataView(out.buffer);
  const uoffset = (pos: number, target: number) => v.setUint32(pos, target - pos, true);
  const vtable = (pos: number, tableSize: number, fields: number[]) => {
    v.setUint16(pos, 4 + 2 * fields.length, true);
    v.setUint16(pos + 2, tableSize, true);
    fields.forEach((f, i) => v.setUint16(pos + 4 + 2 * i, f, true));
  };
  const table = (pos: number, vt: number) => v.setInt32(pos, pos - vt, true);
  uoffset(0, rootTable);
  table(rootTable, vtRoot);
  uoffset(rootTable + 4, idString);
  uoffset(rootTable + 8, eventsVec);
  vtable(vtRoot, 12, [4, 0, 0, 8]);
  v.setUint32(eventsVec, events, true);
  for (let i = 0; i < events; i++) uoffset(eventsVec + 4 + 4 * i, eventTable);
  table(eventTable, vtEvent);
  out[eventTable + 20] = 1; // NetworkActivity
  uoffset(eventTable + 24, payloadTable);
  vtable(vtEvent, 28, [4, 0, 0, 20, 24]);
  table(payloadTable, vtPayload);
  uoffset(payloadTable + 4, v4Vec);
  vtable(vtPayload, 8, [4]);
  v.setUint32(v4Vec, records, true);
  for (let i = 0; i < records; i++) uoffset(v4Vec + 4 + 4 * i, record);
  table(record, vtRecord);
  v.setUint32(record + 4, 0x0a000001, false);
  v.setUint32(record + 8, 0x08080808, false);
  uoffset(record + 12, commonTable);
  vtable(vtRecord, 16, [4, 12]);
  table(commonTable, vtCommon);
  v.setUint16(commonTable + 4, 443, true);
  v.setUint16(commonTable + 6, 50000, true);
  vtable(vtCommon, 8, [4, 6]);
  v.setUint32(idString, 2, true);
  out.set([0x66, 0x7a, 0], idString + 4);
  return out;
}
