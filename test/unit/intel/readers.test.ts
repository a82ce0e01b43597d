import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFeed } from '../../../src-core/intel/feed-reader';
import { loadFeeds } from '../../../src-core/intel/indicator-loader';
import { parseIPv4 } from '../../../src-core/intel/ip';
import { feedService } from '../../../src-core/intel/service';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';

const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

test('lists: # and ; comments, also after the value, become labels; bad lines are MA310 and the rest is kept', () => {
  const text = '# header\n; also a comment\n203.0.113.0/24 # docnet\n8.8.8.8;dns\n  1.1.1.0/24\t# cf\n10.0.0.300\nevil.example.com\n1.2.3.4 5.6.7.8\n\n';
  const r = readFeed('x.netset', text);
  assert.equal(r.format, 'list');
  assert.deepEqual(r.entries.map((e) => (e.kind === 'cidr' ? e.line : e.domain)), [4, 5, 'evil.example.com']);
  assert.equal(r.entries[0].label, 'dns');
  assert.equal(r.entries[1].label, 'cf');
  assert.deepEqual(codes(r).filter((c) => c === 'MA310').length, 2);
  assert.ok(codes(r).includes('MA311'), 'the documentation range is reported and dropped');
  assert.equal(r.dropped, 1);
});

test('MA311: private, loopback and multicast entries are reported and dropped; 0.0.0.0/0 is reported and kept', () => {
  const r = readFeed('x.netset', '10.0.0.0/8\n127.0.0.1\n224.0.0.0/4\n0.0.0.0/0\n8.8.8.8\n');
  assert.equal(codes(r).filter((c) => c === 'MA311').length, 4);
  assert.equal(r.dropped, 3);
  assert.equal(r.entries.length, 2);
  assert.deepEqual(codes(readFeed('x.netset', '8.8.8.8\n2606:4700::/32\n')), []);
});

test('MA312: an empty feed or one with only comments is reported; MA315: host bits are information with a fix', () => {
  assert.deepEqual(codes(readFeed('x.netset', '# nothing\n')), ['MA312']);
  const r = readFeed('x.netset', '8.8.8.9/24\n');
  assert.deepEqual(codes(r), ['MA315']);
  assert.equal(r.issues[0].replacement, '8.8.8.0/24');
});

test('CSV: the IP column is found by header name under a # comment header, quoted values, a domain column too', () => {
  const text = '# export\n#\n"first_seen","dst_ip","port","malware","hostname"\n"2024","192.0.2.1","443","X",""\n"2024","8.8.4.4","80","Y","bad.example"\n"2024","nope","1","Z",""\n# END 3 entries\n';
  const r = readFeed('c.csv', text);
  assert.equal(r.format, 'csv');
  assert.deepEqual(r.entries.map((e) => (e.kind === 'cidr' ? e.label : e.domain)), ['Y', 'bad.example']);
  assert.deepEqual(codes(r).sort(), ['MA310', 'MA311']);
  assert.equal(r.entries[0].line, 5);
  const noIp = readFeed('c.csv', 'a,b\n1,2\n');
  assert.deepEqual(codes(noIp), ['MA314']);
});

test('STIX: ipv4, ipv6, domain and network-traffic dst_ref comparisons joined by OR; others counted and skipped', () => {
  const bundle = { type: 'bundle', id: 'bundle--1', objects: [
    { type: 'indicator', name: 'c2', pattern_type: 'stix', pattern: "[ipv4-addr:value = '45.33.0.0/24' OR domain-name:value = 'c2.example.net'] OR [ipv6-addr:value = '2a00:1450::/32']" },
    { type: 'indicator', pattern_type: 'stix', pattern: "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '8.8.8.8']" },
    { type: 'indicator', pattern_type: 'stix', pattern: "[network-traffic:dst_port = 443 AND network-traffic:dst_ref.value = '9.9.9.9']" },
    { type: 'indicator', pattern_type: 'stix', pattern: "[file:hashes.'SHA-256' = 'ab']" },
    { type: 'indicator', pattern_type: 'snort', pattern: 'alert tcp any any -> any any' },
    { type: 'indicator', pattern_type: 'stix', pattern: "[ipv4-addr:value != '1.1.1.1']" },
    { type: 'malware', name: 'x' },
  ] };
  const r = readFeed('b.json', JSON.stringify(bundle, null, 1));
  assert.equal(r.format, 'stix');
  assert.deepEqual(r.entries.map((e) => (e.kind === 'cidr' ? `${e.cidr.version}:${e.cidr.prefix}` : e.domain)), ['4:24', 'c2.example.net', '6:32', '4:32', '4:32']);
  assert.equal(r.skipped, 3);
  assert.ok(r.issues.some((i) => /dst_port/.test(i.message)), 'the ignored port condition is noted');
});

test('STIX: hostile input is bounded: huge patterns, unterminated strings and garbage do not crash', () => {
  const huge = { type: 'bundle', objects: [
    { type: 'indicator', pattern_type: 'stix', pattern: `[ipv4-addr:value = '${'1'.repeat(20000)}']` },
    { type: 'indicator', pattern_type: 'stix', pattern: "[ipv4-addr:value = '1.2.3.4" },
    { type: 'indicator', pattern_type: 'stix', pattern: '[' + "ipv4-addr:value = '8.8.8.8' OR ".repeat(1500) + "ipv4-addr:value = '8.8.8.8']" },
    { type: 'indicator', pattern: 42 },
  ] };
  const r = readFeed('h.json', JSON.stringify(huge));
  assert.ok(codes(r).includes('MA314'));
  assert.ok(r.entries.length <= 1000);
  assert.doesNotThrow(() => readFeed('g.json', '{"type": "bundle", "objects": [ {"type": "indicator", "pattern": "[ipv4-addr:value = \'1'));
});

test('MISP: ip-dst|port, domain|ip and hostname attributes load; to_ids false is skipped; no network attribute is a note', () => {
  const ev = { Event: { info: 'test', Attribute: [
    { type: 'ip-dst|port', value: '8.8.8.8|53', category: 'Network activity', to_ids: true },
    { type: 'domain|ip', value: 'bad.example|9.9.9.9', category: 'Network activity', to_ids: true },
    { type: 'ip-src', value: '1.1.1.1', category: 'Network activity', to_ids: false },
    { type: 'md5', value: 'aa', category: 'Payload delivery', to_ids: true },
  ], Object: [{ Attribute: [{ type: 'hostname', value: 'c2.example.org', category: 'Network activity' }] }] } };
  const r = readFeed('m.json', JSON.stringify(ev));
  assert.equal(r.format, 'misp');
  assert.deepEqual(r.entries.map((e) => (e.kind === 'cidr' ? e.cidr.network : e.domain)), [parseIPv4('8.8.8.8'), 'bad.example', parseIPv4('9.9.9.9'), 'c2.example.org']);
  assert.equal(r.skipped, 2);
  const none = readFeed('m.json', JSON.stringify({ Event: { info: 'x', Attribute: [{ type: 'sha1', value: 'ab', category: 'Payload delivery' }] } }));
  assert.deepEqual(codes(none), ['MA312']);
  assert.equal(none.issues[0].severity, 'information');
});

test('loadFeeds builds one set whose answers name the feed and line; a missing file is an error, not a crash', () => {
  const files: Record<string, string> = { '/f/a.netset': '# x\n198.51.100.0/24\n8.8.8.0/24 # dns\n', '/f/b.csv': 'ip\n8.8.8.8\n' };
  const { set, feeds } = loadFeeds([{ path: '/f/a.netset' }, { path: '/f/b.csv', name: 'csv feed' }, { path: '/f/none' }], (p) => files[p]);
  assert.deepEqual(set.lookupIPv4(parseIPv4('8.8.8.8')!), { kind: 'ipv4', value: '8.8.8.8/32', feed: 'csv feed', line: 2, label: undefined });
  assert.equal(set.lookupIPv4(parseIPv4('8.8.8.9')!)?.line, 3);
  assert.match(feeds[2].error!, /not found/);
});

test('the feed service maps issues to ranges, offers the host-bits fix and hovers an entry', () => {
  const ctx = { settings: defaultSettings, files: { readText: () => undefined, exists: () => false } };
  const d = new SourceDocument('/f/x.netset', '8.8.8.9/24 # dns\n192.168.0.0/16\n');
  const ds = feedService.validate(d, ctx);
  assert.deepEqual(ds.map((x) => `${x.code}@${x.range.start.line}:${x.range.start.character}-${x.range.end.character}`), ['MA315@0:0-10', 'MA311@1:0-14']);
  assert.equal(ds[0].fixes?.[0].edits[0].newText, '8.8.8.0/24');
  assert.match(feedService.hover!(d, { line: 1, character: 3 }, ctx)!.contents, /65536 IPv4 addresses.*private/);
});
