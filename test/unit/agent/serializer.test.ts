// The project's flatcc-layout serializer against the real agent's golden messages (agent facts §3.11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage } from '../../../src-core/agent/schema/encode';
import { decodeMessage, DecodeError } from '../../../src-core/agent/schema/decode';
import { messageToJson } from '../../../src-core/agent/schema/json-view';
import { BuildFailure, FlatccBuilder, UNLIMITED } from '../../../src-core/agent/schema/flatcc-builder';
import { EventIdSource } from '../../../src-core/agent/event-id';
import type { SecurityEvent, SecurityMessage } from '../../../src-core/agent/schema/message';

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const S1 = hex(`040000004cffffff680000000400050304000000010000000400000072ffffff0102030405060708090a0b0c0d0e0f10
00f153650a00000001000000040000009cffffff040000000100000004000000b4ffffffc0a8010a3401020304000000
d0ffffff50c3b322e8030000d007000018000000646566656e6465722d696f742d6d6963726f2d6167656e7400000000
0c0010000400060008000c000800100004000c000600080004000e0024000400140018001c0020000c00100004000800
00000c00`);
const S2 = hex(`0400000044ffffff80000000040005030400000002000000480000000400000074ffffff02020304050607080a0a0b0c
0d0e0f1000f153653c00000002000000040000008affffff040000000e000000417a7572652052544f5320362e320000
b4ffffff0102030405060708090a0b0c0d0e0f1000f153653c0000000400000004000000dcffffff1800000064656665
6e6465722d696f742d6d6963726f2d6167656e7400000000040004000e0024000400140018001c002000060008000400
0c0010000400080000000c00`);
const S7 = hex(`04000000d8feffffd80000000400050304000000030000007400000048000000040000000affffff0302030405060708
0b0a0b0c0d0e0f1000f153653c000000020000000400000034ffffff040000000e000000417a7572652052544f532036
2e3200004affffff02020304050607080a0a0b0c0d0e0f1000f153653c000000040000000400000060ffffff72ffffff
0102030405060708090a0b0c0d0e0f1000f153650a00000001000000040000009cffffff040000000100000004000000
b4ffffffc0a8010a3401020304000000d0ffffff50c3b322e8030000d007000018000000646566656e6465722d696f74
2d6d6963726f2d6167656e74000000000c0010000400060008000c000800100004000c000600080004000e0024000400
140018001c002000040004000c0010000400080000000c00`);

// The golden inputs: the agent's counter scheme seeded so that event 1 is 0102...0f10.
function ids(): EventIdSource {
  return new EventIdSource({ words: [0x0807060504030200n, 0x100f0e0d0c0b0a08n] });
}
const T = 1700000000;
const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const v4 = (n: number) => Array.from({ length: n }, (_, i) => ({
  local: ip4(192, 168, 1, 10), remote: ip4(52, 1, 2, 3 + i), localPort: 50000, remotePort: 8883, protocol: 0, bytesIn: 1000, bytesOut: 2000,
}));
const v6 = (n: number) => Array.from({ length: n }, (_, i) => ({
  local: [0x20010db8, 0, 0, 0x10], remote: [0x20010db8, 0x10000, 0, i + 1], localPort: 50000, remotePort: 8883, protocol: 0, bytesIn: 1000, bytesOut: 2000,
}));
function message(parts: Array<'net' | 'hb' | 'si'>, n4 = 1, n6 = 0): SecurityMessage {
  const id = ids();
  const events: SecurityEvent[] = parts.map((p) =>
    p === 'net'
      ? { id: id.next(), time: T, collectionInterval: 10, payload: { type: 'NetworkActivity', ipv4: v4(n4), ipv6: v6(n6) } }
      : p === 'hb'
        ? { id: id.next(), time: T, collectionInterval: 60, payload: { type: 'Heartbeat' } }
        : { id: id.next(), time: T, collectionInterval: 60, payload: { type: 'SystemInformation', osInfo: 'Azure RTOS 6.2' } },
  );
  return { securityModuleId: 'defender-iot-micro-agent', securityModuleVersion: 0x03050004, timezone: 0, events };
}

test('S1 (network activity, one IPv4 record) is byte for byte the agent\'s 196 bytes', () => {
  assert.deepEqual(encodeMessage(message(['net'])), S1);
});

test('S2 (heartbeat + system information) is byte for byte the agent\'s 204 bytes', () => {
  assert.deepEqual(encodeMessage(message(['hb', 'si'])), S2);
});

test('S7 (a 60 s cycle: network + heartbeat + system information) is byte for byte the agent\'s 312 bytes, vtables shared', () => {
  assert.deepEqual(encodeMessage(message(['net', 'hb', 'si'])), S7);
});

test('message sizes match the golden size table for IPv4, IPv6 and the largest RTOS_BASE message', () => {
  const size = (parts: Array<'net' | 'hb' | 'si'>, a: number, b: number) => encodeMessage(message(parts, a, b)).length;
  assert.deepEqual([2, 4, 16, 64].map((n) => size(['net'], n, 0)), [232, 304, 736, 2464]);
  assert.deepEqual([1, 2, 16, 64].map((n) => size(['net'], 0, n)), [222, 282, 1122, 4002]);
  assert.equal(size(['net'], 64, 64), 6322);
  assert.equal(size(['net', 'hb', 'si'], 64, 64), 6444);
});

test('a record with bytes_in 0 is 4 bytes smaller, and UDP adds the protocol field', () => {
  const m = message(['net']);
  const base = encodeMessage(m).length;
  const p = m.events[0].payload as { ipv4: { bytesIn: number; protocol: number }[] };
  p.ipv4[0].bytesIn = 0;
  assert.equal(encodeMessage(m).length, base - 4);
  p.ipv4[0].protocol = 1;
  assert.ok(encodeMessage(m).length > base - 4);
});

test('decoding the golden S7 gives back its events, and the JSON view uses the flatcc printer names', () => {
  const m = decodeMessage(S7);
  assert.equal(m.securityModuleId, 'defender-iot-micro-agent');
  assert.deepEqual(m.events.map((e) => e.payload.type), ['NetworkActivity', 'Heartbeat', 'SystemInformation']);
  const json = messageToJson(m) as { events: Array<Record<string, any>> };
  assert.equal(json.events[0].payload_type, 'NetworkActivity');
  assert.equal(json.events[0].collection_interval, 10);
  const rec = json.events[0].payload.ipv4_activity[0];
  assert.equal(rec.local, '192.168.1.10');
  assert.equal(rec.remote, '52.1.2.3');
  assert.deepEqual(rec.common, { local_port: 50000, remote_port: 8883, bytes_in: 1000, bytes_out: 2000 });
  assert.equal(json.events[2].payload.os_info, 'Azure RTOS 6.2');
  // Re-encoding the decoded message reproduces the bytes.
  assert.deepEqual(encodeMessage(m), S7);
});

test('a truncated or corrupt buffer gives a DecodeError naming the byte offset, never a crash', () => {
  // The error names a byte inside the buffer: the table whose vtable offset points past its end.
  assert.throws(() => decodeMessage(S1.subarray(0, 100)), (e: unknown) => e instanceof DecodeError && e.offset === 4 && /points to byte 184, outside the 100-byte buffer/.test(e.message));
  const bad = S1.slice();
  bad[0] = 0xf0; // root offset past the end
  assert.throws(() => decodeMessage(bad), DecodeError);
  for (let cut = 0; cut < S7.length; cut += 7) {
    try {
      decodeMessage(S7.subarray(0, cut));
    } catch (e) {
      assert.ok(e instanceof DecodeError, `cut ${cut}: ${e}`);
    }
  }
});

test('a message one byte over the emitter half page fails as page overflow; at the limit it fits', () => {
  const front = S1.length - 52; // 52 bytes of vtables go to the back half
  const fits = new FlatccBuilder({ ...UNLIMITED, pageSize: 2 * front });
  assert.deepEqual(encodeMessage(message(['net']), fits), S1);
  const over = new FlatccBuilder({ ...UNLIMITED, pageSize: 2 * (front - 1) });
  assert.throws(() => encodeMessage(message(['net']), over), (e: unknown) => e instanceof BuildFailure && e.kind === 'page-overflow' && e.asserts);
});

test('the 512-byte builder stack holds 115 IPv4 records (109 IPv6) and then fails for good', () => {
  const b = new FlatccBuilder({ ...UNLIMITED, dataStackSize: 512 });
  assert.equal(encodeMessage(message(['net'], 115, 0), b).length, 160 + 36 * 115);
  assert.equal(encodeMessage(message(['net'], 0, 109), b).length, 162 + 60 * 109);
  assert.throws(() => encodeMessage(message(['net'], 116, 0), b), (e: unknown) => e instanceof BuildFailure && e.kind === 'builder-stack' && !e.asserts);
  // The stale stack position stays: even a small message fails now.
  assert.ok(b.staleStackPosition > 400);
  assert.throws(() => encodeMessage(message(['hb']), b), BuildFailure);
});
