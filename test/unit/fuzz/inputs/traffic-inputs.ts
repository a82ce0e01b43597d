// Valid traffic inputs as fast-check arbitraries, made by the project's own generator: captures (pcap and
// pcapng, every link type, both byte orders, micro- and nanoseconds) from random scenarios, Zeek conn.logs
// (TSV and JSON) and event scripts; plus the hostile snippets each text format gets inserted.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter } from '../../../../src-core/traffic/pcap-writer';
import { generateScenario } from '../../../../src-core/traffic/generator';
import { checkScenario, type Scenario, type ScenarioFlow } from '../../../../src-core/traffic/scenario';
import type { LinkKind } from '../../../../src-core/traffic/frame-builder';
import type { FuzzCase } from '../harness/mutations';

const LINK_TYPES: Record<LinkKind, number> = { ethernet: 1, raw: 101, sll: 113, sll2: 276, null: 0, loop: 108 };

const peer4 = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 })).map((a) => a.join('.'));
const peer6 = fc.constantFrom('2001:db8::1', 'fd00::9', '2606:4700::1111', 'fe80::1', '2a00:1450:4001:81a::200e');
const peer = fc.oneof({ weight: 3, arbitrary: peer4 }, { weight: 1, arbitrary: peer6 });

const flowArb: fc.Arbitrary<ScenarioFlow> = fc.record({
  protocol: fc.constantFrom('tcp', 'udp', 'icmp', 'dns') as fc.Arbitrary<ScenarioFlow['protocol']>,
  peer,
  port: fc.integer({ min: 1, max: 65535 }),
  start: fc.integer({ min: 0, max: 120 }),
  packets: fc.integer({ min: 1, max: 6 }),
  size: fc.integer({ min: 0, max: 1400 }),
  interval: fc.constantFrom(0, 0.001, 0.5, 1, 30),
  initiator: fc.constantFrom('device', 'peer') as fc.Arbitrary<'device' | 'peer'>,
  oneWay: fc.boolean(),
  broadcast: fc.boolean(),
  name: fc.constantFrom('contoso-hub.azure-devices.net', 'a.example.com', 'x'.repeat(63) + '.example.org'),
  answer: fc.option(fc.constantFrom('20.49.110.5', '2001:db8::5'), { nil: undefined }),
}).map((f) => {
  const out: ScenarioFlow = { ...f };
  if (f.protocol !== 'dns') { delete out.name; delete out.answer; }
  return out;
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  start: fc.constantFrom(0, 1700000000, 4294967295),
  link: fc.constantFrom(...(Object.keys(LINK_TYPES) as LinkKind[])),
  device: fc.constant({ ipv4: '192.168.1.50', ipv6: 'fd00::50', mac: '02:00:00:00:00:50' }),
  flows: fc.array(flowArb, { minLength: 1, maxLength: 5 }),
});

export interface CaptureShape {
  format: 'pcap' | 'pcapng';
  bigEndian: boolean;
  nanosecond: boolean;
}

const scratch = mkdtempSync(join(tmpdir(), 'microagent-fuzz-gen-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** Writes the scenario with the project's generator and returns the file's bytes. */
export function captureBytes(s: Scenario, shape: CaptureShape): Uint8Array {
  const problems = checkScenario(s);
  if (problems.length) throw new Error(`the fuzz suite made a bad scenario: ${problems.join('; ')}`);
  const path = join(scratch, `gen.${shape.format}`);
  const w = new PcapWriter(path, { format: shape.format, linkType: LINK_TYPES[s.link ?? 'ethernet'], bigEndian: shape.bigEndian, nanosecond: shape.nanosecond });
  generateScenario(s, w);
  w.close();
  return new Uint8Array(readFileSync(path));
}

export function validCaptures(format: 'pcap' | 'pcapng'): fc.Arbitrary<FuzzCase> {
  return fc.tuple(scenarioArb, fc.boolean(), fc.boolean()).map(([s, bigEndian, nanosecond]) => ({
    name: `capture.${format}`,
    bytes: captureBytes(s, { format, bigEndian, nanosecond }),
    how: `${format} of ${s.flows.length} flows over ${s.link}${bigEndian ? ', big-endian' : ''}${nanosecond ? ', ns' : ''}`,
  }));
}

const CONN_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'];

const connRow = fc.record({
  ts: fc.integer({ min: 1_500_000_000, max: 1_800_000_000 }).map((t) => t + 0.123456),
  uid: fc.constantFrom('CmES5u32sYpV7JYN', 'C1', 'Cx9'),
  orig: fc.constantFrom('192.168.1.50', 'fd00::50'),
  origPort: fc.integer({ min: 0, max: 65535 }),
  resp: peer,
  respPort: fc.integer({ min: 0, max: 65535 }),
  proto: fc.constantFrom('tcp', 'udp', 'icmp'),
  service: fc.constantFrom('-', 'dns', 'http', 'ssl'),
  duration: fc.option(fc.double({ min: 0, max: 3600, noNaN: true }), { nil: undefined }),
  bytes: fc.tuple(fc.nat(1 << 20), fc.nat(1 << 20), fc.nat(1000), fc.nat(1000)),
  state: fc.constantFrom('SF', 'S0', 'REJ', 'OTH'),
  label: fc.constantFrom('', 'Benign', 'Malicious   C&C   -'),
});

type ConnRow = typeof connRow extends fc.Arbitrary<infer R> ? R : never;

function tsvLine(r: ConnRow): string {
  const [ob, rb, op, rp] = r.bytes;
  return [r.ts.toFixed(6), r.uid, r.orig, r.origPort, r.resp, r.respPort, r.proto, r.service, r.duration?.toFixed(6) ?? '-', ob, rb, r.state, 'T', 'F', 0, 'ShADadFf', op, ob + 40 * op, rp, rb + 40 * rp, '(empty)'].join('\t') + (r.label ? `   ${r.label}` : '');
}

export const validConnLogs: fc.Arbitrary<FuzzCase> = fc.tuple(fc.array(connRow, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.boolean()).map(([rows, json, header]) => {
  let text: string;
  if (json) {
    text = rows.map((r) => JSON.stringify({ ts: r.ts, uid: r.uid, 'id.orig_h': r.orig, 'id.orig_p': r.origPort, 'id.resp_h': r.resp, 'id.resp_p': r.respPort, proto: r.proto, duration: r.duration, orig_bytes: r.bytes[0], resp_bytes: r.bytes[1], conn_state: r.state })).join('\n') + '\n';
  } else {
    const head = header ? ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tconn', `#fields\t${CONN_FIELDS.join('\t')}`, `#types\t${CONN_FIELDS.map(() => 'string').join('\t')}`] : [];
    text = [...head, ...rows.map(tsvLine), ...(header ? ['#close\t2024-01-01-00-00-00'] : [])].join('\n') + '\n';
  }
  return { name: 'conn.log', bytes: new Uint8Array(Buffer.from(text)), how: `conn.log, ${rows.length} ${json ? 'JSON' : 'TSV'} lines${header ? ' with headers' : ''}` };
});

/** Lines a Zeek log reader meets in hostile files. */
export const connLogSnippets = [
  fc.constantFrom('#separator \\x00\n', '#separator \\xZZ\n', '#separator\n', '#fields\n', '#fields\tts\n', `#fields\t${'x\t'.repeat(5000)}ts\n`,
    '#unset_field\t\n', '{"ts":1e308,"id.orig_h":"1.2.3.4","id.orig_p":1,"id.resp_h":"5.6.7.8","id.resp_p":2,"proto":"tcp"}\n',
    '{"ts":"2024-02-30T25:61:00Z"}\n', '{"ts":-1}\n', '[1,2,3]\n', 'null\n', '{"__proto__":{"x":1}}\n', `${'['.repeat(20000)}\n`,
    '1e400\t-\t1.2.3.4\t99999\t5.6.7.8\t-1\ttcp\n', 'NaN\tC\t1.2.3.4\t1\t5.6.7.8\t2\ttcp\n'),
];

const scriptEvent = fc.oneof(
  fc.record({ type: fc.constantFrom('hubConnected', 'hubDisconnected'), protocol: fc.constantFrom('mqtt', 'amqp', 'http') }),
  fc.record({ type: fc.constantFrom('sendsFailing'), reason: fc.string({ maxLength: 40 }) }),
  fc.record({ type: fc.constantFrom('d2cMessage', 'c2dMessage'), bytes: fc.nat(65536), count: fc.integer({ min: 1, max: 1000 }) }),
  fc.record({ type: fc.constantFrom('twinUpdate'), part: fc.constantFrom('desired', 'reported') }),
  fc.record({ type: fc.constantFrom('directMethod'), name: fc.constantFrom('reboot', 'x') }),
  fc.record({ type: fc.constantFrom('failedLocalLogin'), user: fc.constantFrom('root', ''), src: fc.constantFrom('10.0.0.9', 'fd00::9') }),
  fc.record({
    type: fc.constant('packet'), src: fc.constantFrom('192.168.1.50', '203.0.113.9'), dst: fc.constantFrom('203.0.113.9', '192.168.1.50'),
    proto: fc.constantFrom('tcp', 'udp', 'icmp'), sport: fc.nat(65535), dport: fc.nat(65535), bytes: fc.nat(65535), direction: fc.constantFrom('in', 'out'),
  }),
);

export const validEventScripts: fc.Arbitrary<FuzzCase> = fc.tuple(
  fc.option(fc.record({ start: fc.oneof(fc.constant(1700000000), fc.constant('2024-01-01T00:00:00Z')), device: fc.constantFrom('door-lock-01') }), { nil: undefined }),
  fc.array(fc.tuple(fc.double({ min: 0, max: 3600, noNaN: true }), scriptEvent), { minLength: 1, maxLength: 30 }),
).map(([header, events]) => {
  const sorted = [...events].sort((a, b) => a[0] - b[0]);
  const lines = [...(header ? [JSON.stringify(header)] : []), '# a comment', ...sorted.map(([t, e]) => JSON.stringify({ t, ...e }))];
  return { name: 'events.ndjson', bytes: new Uint8Array(Buffer.from(lines.join('\n') + '\n')), how: `event script, ${events.length} events${header ? ' and a header' : ''}` };
});

export const eventScriptSnippets = [
  fc.constantFrom('{"t":1e308,"type":"queuePurge"}\n', '{"start":1e308}\n', '{"t":1.7976931348623157e308,"type":"hubConnected"}\n', '{"t":-0,"type":"hubConnected"}\n',
    '{"start":"9999-12-31T23:59:59Z"}\n', '{"start":"+275760-09-13T00:00:00Z"}\n', '{"t":0,"type":"d2cMessage","count":1000000}\n',
    '{"t":0,"type":"packet","src":"::ffff:1.2.3.4","dst":"1.2.3.4","proto":"tcp","bytes":1}\n', '{"t":0,"type":"packet","src":"1:2:3:4:5:6:7:8:9","dst":"1.2.3.4","proto":"udp","bytes":1}\n',
    '{"t":0,"type":"hubConnected","__proto__":{"count":5}}\n', '{"t":0,"type":"hubConnected","constructor":1}\n', `${'{"a":'.repeat(10000)}\n`, '{"t":0,"type":"packet"}\n'),
];

/** The line limit of the conn.log and event-script readers (1 MiB), and lengths around it. */
const LINE_LIMIT = 1 << 20;
const LONG_LENGTHS = [LINE_LIMIT - 1, LINE_LIMIT, LINE_LIMIT + 1, LINE_LIMIT + (1 << 19), 3 * LINE_LIMIT];

/** A valid line, a line of a length around the readers' limit, and another valid line: the line after the long
 *  one must be read, under its own number. */
export function longLineCases(kind: 'conn-log' | 'event-script'): fc.Arbitrary<FuzzCase> {
  return fc.tuple(fc.constantFrom(...LONG_LENGTHS), fc.constantFrom('x', ' ', '{"a":"', '\u00e9'), fc.constantFrom('\n', '\r\n')).map(([length, fill, eol]) => {
    const good = kind === 'conn-log'
      ? '{"ts":1700000000.5,"id.orig_h":"192.168.1.50","id.orig_p":5000,"id.resp_h":"8.8.8.8","id.resp_p":53,"proto":"udp"}'
      : '{"t":1700000000,"type":"hubConnected","protocol":"mqtt"}';
    const body = fill.repeat(Math.ceil(length / Buffer.byteLength(fill))).slice(0, length);
    const text = `${good}${eol}${body}${eol}${good}${eol}`;
    // A blank line is skipped without a note unless it is over the limit (its CR may or may not count).
    const noteExpected = fill.trim() !== '' || length > LINE_LIMIT + 1;
    return { name: kind === 'conn-log' ? 'conn.log' : 'events.ndjson', bytes: new Uint8Array(Buffer.from(text)), how: `${kind}: a ${length}-character line of ${JSON.stringify(fill)} between two valid lines`, meta: noteExpected };
  });
}

/** Both valid lines were read, as lines 1 and 3, and the long line got one note. */
export function checkLongLine(c: FuzzCase, detail: unknown): string[] {
  const d = detail as { items: number; itemLines: number[]; noteLines: number[] };
  const out: string[] = [];
  if (d.itemLines.join(',') !== '1,3') out.push(`read items on lines ${d.itemLines.join(', ') || 'none'}, expected lines 1 and 3`);
  if (c.meta === true && !d.noteLines.includes(2)) out.push(`no note on the long line 2 (notes on lines ${d.noteLines.join(', ') || 'none'})`);
  return out;
}
