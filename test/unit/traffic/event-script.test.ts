import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { readEventScript, packetFromEvent, ScriptEvent } from '../../../src-core/traffic/event-script';
import { EVENT_SCRIPT_SCHEMA } from '../../../src-core/traffic/event-script-schema';
import { DecodedPacket } from '../../../src-core/traffic/packet';
import { formatIpv6 } from '../../../src-core/traffic/ip-address';
import { tempDir } from './fixtures';

function read(lines: string[]): { events: ScriptEvent[]; result: ReturnType<typeof readEventScript> } {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'events.ndjson');
    writeFileSync(path, lines.join('\n'));
    const events: ScriptEvent[] = [];
    const result = readEventScript(path, (e) => {
      events.push(e);
    });
    return { events, result };
  } finally {
    cleanup();
  }
}

test('schemas/event-script.schema.json is the schema the reader compiles', () => {
  const file = JSON.parse(readFileSync(join(__dirname, '../../../schemas/event-script.schema.json'), 'utf8'));
  assert.deepEqual(file, JSON.parse(JSON.stringify(EVENT_SCRIPT_SCHEMA)));
});

test('a good script: header start (ISO), relative t, every event type, comments and blank lines skipped', () => {
  const { events, result } = read([
    '# a device session',
    '{"start": "2024-01-01T00:00:00Z", "device": "door-1"}',
    '{"t": 0, "type": "hubConnected", "protocol": "mqtt"}',
    '{"t": 1, "type": "d2cMessage", "protocol": "mqtt", "bytes": 200, "count": 3}',
    '{"t": 2, "type": "c2dMessage", "bytes": 20}',
    '{"t": 2, "type": "c2dRejected"}',
    '',
    '{"t": 3, "type": "twinUpdate", "part": "desired"}',
    '{"t": 4, "type": "directMethod", "name": "reboot", "device": "door-2"}',
    '{"t": 5, "type": "unauthorizedOperation", "operation": "twin write"}',
    '{"t": 6, "type": "failedLocalLogin", "user": "admin", "src": "192.168.1.9", "count": 5}',
    '{"t": 7, "type": "packet", "src": "192.168.1.50", "dst": "198.51.100.7", "proto": "tcp", "sport": 50000, "dport": 23, "bytes": 60, "direction": "out"}',
    '{"t": 8, "type": "hubDisconnected", "reason": "network"}',
  ]);
  assert.deepEqual(result.notes, []);
  assert.equal(result.start, 1704067200);
  assert.equal(events.length, 10);
  assert.equal(events[0].time, 1704067200);
  assert.equal(events[1].count, 3);
  assert.equal(events[0].device, 'door-1');
  assert.equal(events[5].device, 'door-2');
  assert.equal(events[5].line, 9);
  assert.equal(events[8].dport, 23);
});

test('bad lines are notes with file and line and the exact fault; the good lines are kept', () => {
  const { events, result } = read([
    '{"t": 1700000000, "type": "hubConnected"}',
    '{"t": 1700000001, "type": "teleport"}',
    '{"t": 1700000002, "type": "packet", "src": "10.0.0.1", "proto": "tcp", "bytes": 10}',
    '{"t": 1700000003, "type": "d2cMessage", "protocol": "coap"}',
    'not json',
    '{"t": 1700000004, "type": "hubConnected", "colour": "red"}',
    '{"t": 1700000005, "type": "packet", "src": "10.0.0.1", "dst": "fd00::1", "proto": "udp", "bytes": 10}',
    '{"t": 1699999999, "type": "hubDisconnected"}',
    '{"start": 5}',
    '{"t": 1700000009, "type": "hubDisconnected"}',
  ]);
  assert.deepEqual(events.map((e) => e.line), [1, 10]);
  assert.equal(events[0].time, 1700000000, 'no header: t is absolute');
  const byLine = new Map(result.notes.map((n) => [n.line, n.message]));
  assert.deepEqual([...byLine.keys()], [2, 3, 4, 5, 6, 7, 8, 9]);
  assert.match(byLine.get(2)!, /events\.ndjson:2: type must be one of hubConnected/);
  assert.match(byLine.get(3)!, /missing 'dst'/);
  assert.match(byLine.get(4)!, /protocol must be one of mqtt, amqp, http/);
  assert.match(byLine.get(5)!, /not JSON/);
  assert.match(byLine.get(6)!, /unknown property 'colour'/);
  assert.match(byLine.get(7)!, /different IP versions/);
  assert.match(byLine.get(8)!, /earlier than the line before/);
  assert.match(byLine.get(9)!, /header line/);
});

test('a packet event becomes a DecodedPacket like a captured one (ICMP over IPv6 is ICMPv6)', () => {
  const p = new DecodedPacket();
  const base = { time: 5, line: 3, count: 1, type: 'packet' as const };
  assert.equal(packetFromEvent({ ...base, src: 'fd00::50', dst: 'ff02::1', proto: 'icmp', bytes: 64 }, p), true);
  assert.equal(p.ipVersion, 6);
  assert.equal(p.protocol, 58);
  assert.equal(formatIpv6(p.dst6), 'ff02::1');
  assert.equal(p.linkBroadcastOrMulticast, true);
  assert.equal(p.transportBytes, 64);
  assert.equal(packetFromEvent({ ...base, src: '10.0.0.1', dst: '10.0.0.2', proto: 'udp', sport: 1, dport: 2, bytes: 9 }, p), true);
  assert.deepEqual([p.ipVersion, p.protocol, p.srcPort, p.dstPort, p.linkBroadcastOrMulticast], [4, 17, 1, 2, false]);
  assert.equal(packetFromEvent({ ...base, type: 'hubConnected' }, p), false);
});
