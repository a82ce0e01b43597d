import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { readConnLog } from '../../../src-core/traffic/conn-log';
import type { FlowRecord } from '../../../src-core/traffic/flow-record';
import { tempDir } from './fixtures';

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
];

function read(text: string): { flows: FlowRecord[]; result: ReturnType<typeof readConnLog> } {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'conn.log');
    writeFileSync(path, text);
    const flows: FlowRecord[] = [];
    const result = readConnLog(path, (f) => {
      flows.push(f);
    });
    return { flows, result };
  } finally {
    cleanup();
  }
}

test('Zeek TSV conn.log: header honoured, unset fields undefined, counters numbers', () => {
  const { flows, result } = read([...HEADER,
    '1532277009.331\tCtPZjS20MLrsMUOJi2\t192.168.1.50\t49152\t20.49.110.5\t8883\ttcp\tssl\t12.5\t1200\t3400\tSF\t-\t-\t0\tShADadFf\t12\t1824\t10\t3920\t-',
    '1532277010.000\tC2\t192.168.1.50\t5353\t224.0.0.251\t5353\tudp\tdns\t-\t-\t-\tS0\t-\t-\t0\tD\t1\t60\t0\t0\t(empty)',
    '#close\t2018-07-22-16-30-09'].join('\n'));
  assert.equal(result.format, 'zeek-tsv');
  assert.deepEqual(result.notes, []);
  assert.equal(flows.length, 2);
  assert.equal(flows[0].ts, 1532277009.331);
  assert.equal(flows[0].respPort, 8883);
  assert.equal(flows[0].origIpBytes, 1824);
  assert.equal(flows[0].connState, 'SF');
  assert.equal(flows[0].line, 8);
  assert.equal(flows[1].duration, undefined);
  assert.equal(flows[1].origBytes, undefined);
});

test('IoT-23 conn.log.labeled: last three columns split by three spaces are read, labels kept', () => {
  const fields = HEADER[5] + '   label   detailed-label';
  const types = HEADER[6] + '   string   string';
  const { flows, result } = read([...HEADER.slice(0, 5), fields, types,
    '1525879831.015811\tCUmrqr4svHuSXJy5z7\t192.168.100.103\t51524\t65.127.233.163\t23\ttcp\t-\t2.999051\t0\t0\tS0\t-\t-\t0\tS\t3\t180\t0\t0\t-   Malicious   PartOfAHorizontalPortScan',
  ].join('\n'));
  assert.deepEqual(result.notes, []);
  assert.equal(flows.length, 1);
  assert.equal(flows[0].respPort, 23);
  assert.equal(flows[0].label, 'Malicious');
  assert.equal(flows[0].detailedLabel, 'PartOfAHorizontalPortScan');
});

test('bad TSV lines become notes naming file and line; the good lines around them are kept', () => {
  const { flows, result } = read([...HEADER,
    '1.0\tA\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\t-\t-\tS0\t-\t-\t0\tS\t1\t40\t0\t0\t-',
    'garbage line',
    'x\tB\tnot-an-ip\t99999\t10.0.0.2\t2\ttcp\t-\t-\t-\t-\tS0\t-\t-\t0\tS\t1\t40\t0\t0\t-',
    '3.0\tC\t10.0.0.1\t1\t10.0.0.2\t2\tudp\t-\t-\t-\t-\tS0\t-\t-\t0\tS\t1\t40\t0\t0\t-',
  ].join('\n'));
  assert.deepEqual(flows.map((f) => f.uid), ['A', 'C']);
  assert.equal(result.notes.length, 2);
  assert.match(result.notes[0].message, /conn\.log:9: 1 columns/);
  assert.equal(result.notes[1].line, 10);
  assert.match(result.notes[1].message, /ts 'x'.*id\.orig_h 'not-an-ip'.*id\.orig_p '99999'/);
});

test('Zeek JSON conn.log: one object a line, numeric and ISO times, bad lines noted', () => {
  const { flows, result } = read([
    JSON.stringify({ ts: 1700000000.5, uid: 'J1', 'id.orig_h': 'fd00::50', 'id.orig_p': 40000, 'id.resp_h': '2001:db8::1', 'id.resp_p': 443, proto: 'tcp', orig_bytes: 10, resp_bytes: 20, orig_pkts: 2, resp_pkts: 2, conn_state: 'SF' }),
    '{"ts": 1, "uid": "broken"',
    JSON.stringify({ ts: '2023-11-14T22:13:20.000000Z', uid: 'J2', 'id.orig_h': '10.0.0.1', 'id.orig_p': 1, 'id.resp_h': '10.0.0.2', 'id.resp_p': 2, proto: 'udp' }),
    JSON.stringify({ ts: 1, uid: 'J3', 'id.orig_h': '10.0.0.1', 'id.orig_p': 1, 'id.resp_h': '10.0.0.2', 'id.resp_p': 2 }),
  ].join('\n'));
  assert.equal(result.format, 'zeek-json');
  assert.deepEqual(flows.map((f) => f.uid), ['J1', 'J2']);
  assert.equal(flows[0].respBytes, 20);
  assert.equal(flows[1].ts, 1700000000);
  assert.deepEqual(result.notes.map((n) => n.line), [2, 4]);
  assert.match(result.notes[1].message, /proto is missing/);
});

test('a missing conn.log is an error, not a throw', () => {
  const r = readConnLog('/nonexistent/conn.log', () => {});
  assert.match(r.error!, /cannot open/);
  assert.equal(r.flows, 0);
});
