// Threat-intelligence matching (MA400, MA401) on traffic made for it: IPv4 and IPv6 remotes on list, CSV,
// STIX and MISP feeds, one alert per device and indicator, inbound, outbound and both, the evidence and
// the feed line it points at; special-purpose peers that must never match whatever the feed says; and DNS
// names against domain indicators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndicatorSetBuilder } from '../../../src-core/intel/indicator-set';
import { parseAddress, parseCidr, type Cidr4, type Cidr6 } from '../../../src-core/intel/ip';
import { isGlobalUnicast } from '../../../src-core/intel/special-ranges';
import { DEVICE_ID, T0, detect, ids, lineOf, one, scenario, tempDir, udp, withCode, writeScenario } from './detection-fixtures';

const FEED = `# test blocklist
45.155.205.0/24      # botnet C2
2a0b:4d80::/32       # bulletproof hoster (IPv6)
185.220.101.7        # relay probing Telnet
193.42.33.0/24       # scanner range
`;

test('IPv4 and IPv6 remotes on a list feed: one MA400 per indicator, two remotes in one CIDR make one alert with both flows', (t) => {
  const dir = tempDir(t);
  const { findings, paths } = detect(dir, {
    feeds: { 'bad.netset': FEED },
    flows: [
      udp('45.155.205.10', 1, 5000, { packets: 4, size: 64, interval: 1 }), // 4 packets: 2 out, 2 in, 72 bytes each
      udp('45.155.205.20', 12, 5001), // the same /24, in the next period
      udp('2a0b:4d80::7', 2, 443, { packets: 4, size: 100, interval: 1 }),
      udp('8.8.8.8', 3, 53), // not listed
    ],
  });
  assert.deepEqual(ids(findings, 'MA400'), [`MA400:${DEVICE_ID}:2a0b:4d80::/32`, `MA400:${DEVICE_ID}:45.155.205.0/24`]);

  const v4 = one(findings, 'MA400', (f) => f.evidence.indicator?.kind === 'ipv4');
  assert.equal(v4.kind, 'alert');
  assert.equal(v4.severity, 'Medium');
  assert.equal(v4.origin, 'cloud');
  assert.equal(v4.agentVisible, true);
  assert.equal(v4.device, DEVICE_ID);
  assert.match(v4.evidence.remote!, /^45\.155\.205\.(10|20) and 1 more$/);
  assert.deepEqual(v4.evidence.indicator, { value: '45.155.205.0/24', kind: 'ipv4', feed: 'bad.netset', line: 2, label: 'botnet C2' });
  assert.equal(v4.evidence.flows!.length, 2);
  assert.deepEqual(v4.evidence.flows!.map((f) => f.remote).sort(), ['45.155.205.10', '45.155.205.20']);
  // Bytes are what the agent counts: UDP header plus payload, each way.
  assert.deepEqual([v4.evidence.bytesOut, v4.evidence.bytesIn], [2 * 72 + 56, 2 * 72 + 56]);
  assert.equal(v4.evidence.facts?.direction, 'outbound');
  // Times are the records' (collection) times, not the packets': the agent starts at the first frame's
  // second (T0+1), so its periods end at T0+11 and T0+21.
  assert.deepEqual([v4.firstTime, v4.lastTime], [T0 + 11, T0 + 21]);
  assert.equal(v4.count, 2, 'two records (one per remote)');
  assert.match(v4.message, /communicated with .* listed as 45\.155\.205\.0\/24 in bad\.netset line 2 \(botnet C2\): 2 flows, 200 bytes in, 200 bytes out/);
  // The location is the feed line, as an editor range.
  assert.deepEqual(v4.locations, [{ file: paths.feeds['bad.netset'], role: 'indicator', label: '45.155.205.0/24 (feed line 2)', range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } } }]);

  const v6 = one(findings, 'MA400', (f) => f.evidence.indicator?.kind === 'ipv6');
  assert.equal(v6.evidence.remote, '2a0b:4d80::7');
  assert.deepEqual(v6.evidence.indicator, { value: '2a0b:4d80::/32', kind: 'ipv6', feed: 'bad.netset', line: 3, label: 'bulletproof hoster (IPv6)' });
  assert.deepEqual([v6.evidence.bytesOut, v6.evidence.bytesIn], [216, 216]);
  assert.deepEqual(v6.evidence.flows!.map((f) => [f.local, f.localPort, f.remotePort, f.protocol, f.direction]), [['fd00::50', 49154, 443, 'UDP', 'outbound']]);
  assert.equal(v6.locations[0].range.start.line, 2);
});

test('inbound, outbound and both ways: a listed peer that called the device "contacted" it; one the device also called is "both ways"', (t) => {
  const dir = tempDir(t);
  const { findings } = detect(dir, {
    feeds: { 'bad.netset': FEED },
    flows: [
      // A Telnet try from 185.220.101.7: SYN, SYN-ACK, then 20-byte payloads; the device answers.
      { protocol: 'tcp', peer: '185.220.101.7', port: 23, initiator: 'peer', start: 1, packets: 6, size: 20, interval: 0.3 },
      // 193.42.33.9 scans the device's web port, and the device calls it back on 443.
      { protocol: 'tcp', peer: '193.42.33.9', port: 8080, initiator: 'peer', start: 2, packets: 4, size: 10, interval: 0.2 },
      { protocol: 'tcp', peer: '193.42.33.9', port: 443, start: 3, packets: 4, size: 10, interval: 0.2 },
    ],
  });
  const telnet = one(findings, 'MA400', (f) => f.evidence.indicator?.value === '185.220.101.7/32');
  assert.equal(telnet.evidence.facts?.direction, 'inbound');
  assert.match(telnet.message, /^dev-1 was contacted by 185\.220\.101\.7, listed as 185\.220\.101\.7\/32 in bad\.netset line 4 \(relay probing Telnet\): 1 flow, 100 bytes in, 100 bytes out\.$/);
  assert.deepEqual(telnet.evidence.flows!.map((f) => [f.direction, f.localPort, f.remotePort]), [['inbound', 23, 49152]]);

  const both = one(findings, 'MA400', (f) => f.evidence.indicator?.value === '193.42.33.0/24');
  assert.equal(both.evidence.facts?.direction, 'both ways');
  assert.equal(both.evidence.remote, '193.42.33.9', 'one remote, two flows');
  assert.deepEqual(both.evidence.flows!.map((f) => `${f.direction} ${f.localPort}->${f.remotePort}`).sort(), ['inbound 8080->49153', 'outbound 49154->443']);
  assert.match(both.message, /communicated with 193\.42\.33\.9/);
});

test('one alert per device: two devices talking to the same listed address each get their own MA400', (t) => {
  const dir = tempDir(t);
  const a = writeScenario(dir, 'a.pcap', scenario([udp('45.155.205.233', 1)]));
  const b = writeScenario(dir, 'b.pcap', { ...scenario([udp('45.155.205.233', 2)]), device: { ipv4: '192.168.1.51', mac: '02:00:00:00:00:51' } });
  const { findings } = detect(dir, {
    feeds: { 'bad.netset': FEED },
    devices: [{ id: 'lock-a', addresses: ['192.168.1.50'], capture: a }, { id: 'lock-b', addresses: ['192.168.1.51'], capture: b }],
  });
  assert.deepEqual(ids(findings, 'MA400'), ['MA400:lock-a:45.155.205.0/24', 'MA400:lock-b:45.155.205.0/24']);
  for (const f of withCode(findings, 'MA400')) assert.equal(f.evidence.flows!.length, 1);
});

test('CSV, STIX 2.1 and MISP feeds match too; each alert names its feed, the entry\'s line and label', (t) => {
  const dir = tempDir(t);
  const csv = '# Feodo-style export\nfirst_seen_utc,dst_ip,dst_port,c2_status,malware\n"2024-04-01 10:00:00","91.92.240.10","443","online","Pikabot"\n';
  const stix = `${JSON.stringify({
    type: 'bundle', id: 'bundle--6f6f1c3a-0000-4000-8000-000000000001', objects: [
      { type: 'indicator', spec_version: '2.1', id: 'indicator--6f6f1c3a-0000-4000-8000-000000000002', name: 'c2 range', pattern_type: 'stix', pattern: "[ipv4-addr:value = '5.188.86.0/24']", valid_from: '2024-01-01T00:00:00Z' },
      { type: 'indicator', spec_version: '2.1', id: 'indicator--6f6f1c3a-0000-4000-8000-000000000003', name: 'v6 c2', pattern_type: 'stix', pattern: "[ipv6-addr:value = '2a05:d014::/32']", valid_from: '2024-01-01T00:00:00Z' },
    ],
  }, null, 2)}\n`;
  const misp = `${JSON.stringify({ Event: { info: 'loader campaign', Attribute: [
    { type: 'ip-dst', category: 'Network activity', to_ids: true, value: '77.91.124.55', comment: 'loader' },
    { type: 'md5', category: 'Payload delivery', to_ids: true, value: 'd41d8cd98f00b204e9800998ecf8427e' },
  ] } }, null, 2)}\n`;
  const { findings, paths } = detect(dir, {
    feeds: { 'c2.csv': csv, 'report.json': stix, 'event.json': misp },
    flows: [udp('91.92.240.10', 1, 443), udp('5.188.86.4', 2, 443), udp('2a05:d014::99', 3, 443), udp('77.91.124.55', 4, 443), udp('91.92.241.10', 5, 443)],
  });
  const byFeed = new Map(withCode(findings, 'MA400').map((f) => [f.evidence.indicator!.value, f.evidence.indicator!]));
  assert.deepEqual([...byFeed.keys()].sort(), ['2a05:d014::/32', '5.188.86.0/24', '77.91.124.55/32', '91.92.240.10/32']);
  assert.deepEqual(byFeed.get('91.92.240.10/32'), { value: '91.92.240.10/32', kind: 'ipv4', feed: 'c2.csv', line: 3, label: 'Pikabot' });
  assert.equal(byFeed.get('5.188.86.0/24')!.feed, 'report.json');
  assert.equal(byFeed.get('5.188.86.0/24')!.line, lineOf(stix, '5.188.86.0/24') + 1);
  assert.equal(byFeed.get('2a05:d014::/32')!.line, lineOf(stix, '2a05:d014::/32') + 1);
  assert.equal(byFeed.get('77.91.124.55/32')!.feed, 'event.json');
  assert.equal(byFeed.get('77.91.124.55/32')!.line, lineOf(misp, '77.91.124.55') + 1);
  const stixHit = one(findings, 'MA400', (f) => f.evidence.indicator?.value === '5.188.86.0/24');
  assert.equal(stixHit.locations[0].file, paths.feeds['report.json']);
  assert.equal(stixHit.locations[0].range.start.line, lineOf(stix, '5.188.86.0/24'));
});

test('private, loopback, link-local, multicast and broadcast peers raise nothing against feeds that cover them (the reader keeps 0.0.0.0/1, 128.0.0.0/1, ::/0)', (t) => {
  const dir = tempDir(t);
  const feed = '10.0.0.0/8\n0.0.0.0/1\n128.0.0.0/1\n224.0.0.0/4\n169.254.0.0/16\nfc00::/7\n::/0\n';
  const special = ['10.1.2.3', '127.0.0.2', '100.64.1.1', '169.254.10.10', '172.16.5.5', '192.168.1.1', 'fd00::1', 'fe80::1', '::1'];
  const group = ['224.0.0.251', '239.255.255.250', '255.255.255.255', 'ff02::fb'];
  const { findings, result } = detect(dir, {
    feeds: { 'broad.netset': feed },
    flows: [
      ...special.map((p, i) => udp(p, 1 + i * 0.1, 6000 + i)),
      // The device sends to groups (mDNS, SSDP, a limited broadcast): one way, nobody answers from a group address.
      ...group.map((p, i) => udp(p, 2 + i * 0.1, 5353, { oneWay: true })),
      // Controls: global unicast peers the same broad entries do match.
      udp('8.8.4.4', 3, 53), udp('151.101.1.1', 3.1, 443), udp('2a00:1450::1', 3.2, 443),
    ],
  });
  // The agent did record the special peers: the cloud had them in hand and left them out.
  const recorded = new Set(result.devices[0].truth.flowsListed.filter((f) => f.agentPackets > 0).map((f) => f.remote));
  for (const p of [...special, '224.0.0.251', 'ff02::fb']) assert.ok(recorded.has(p), `the agent recorded ${p}`);
  assert.deepEqual(ids(findings, 'MA400'), [`MA400:${DEVICE_ID}:0.0.0.0/1`, `MA400:${DEVICE_ID}:128.0.0.0/1`, `MA400:${DEVICE_ID}:::/0`]);
  for (const f of withCode(findings, 'MA400')) {
    for (const fl of f.evidence.flows!) assert.ok(isGlobalUnicast(cidrOf(fl.remote)), `${f.id}: ${fl.remote} is global unicast`);
    assert.equal(f.evidence.flows!.length, 1, `${f.id}: only its control peer`);
  }
  const text = JSON.stringify(withCode(findings, 'MA400'));
  for (const p of [...special, ...group]) assert.ok(!text.includes(`"${p}"`), `${p} is in no MA400`);
});

test('the cloud\'s own guard: an indicator set holding special ranges directly (no reader to drop them) still matches no special peer', (t) => {
  const dir = tempDir(t);
  const b = new IndicatorSetBuilder();
  for (const c of ['10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '192.168.0.0/16', '224.0.0.0/4', '255.255.255.255/32']) {
    const v = parseCidr(c) as Cidr4;
    b.addIPv4(v.network, v.prefix, 'raw', 1);
  }
  for (const c of ['fc00::/7', 'fe80::/10', 'ff00::/8', '::1/128']) {
    const v = parseCidr(c) as Cidr6;
    b.addIPv6(v.network, v.prefix, 'raw', 2);
  }
  const set = b.build();
  const { findings } = detect(dir, {
    indicators: set,
    flows: [udp('10.9.9.9', 1), udp('192.168.1.1', 1.1), udp('169.254.1.1', 1.2), udp('127.0.0.1', 1.3), udp('fd12::5', 1.4), udp('fe80::2', 1.5), udp('::1', 1.6),
      udp('224.0.0.251', 2, 5353, { oneWay: true }), udp('255.255.255.255', 2.1, 67, { oneWay: true }), udp('ff02::1:3', 2.2, 5355, { oneWay: true })],
  });
  assert.ok(set.lookupIPv4(parseAddress('10.9.9.9')!.value as number), 'the raw set does hold 10.9.9.9');
  assert.deepEqual(withCode(findings, 'MA400'), []);
});

test('DNS names: a lookup of a listed domain or a name below it raises MA401 (not agent-visible); a look-alike name does not', (t) => {
  const dir = tempDir(t);
  const feed = '# domains\nevil.example   # phishing kit\n198.51.100.0/24\n';
  const { findings, paths } = detect(dir, {
    feeds: { 'domains.netset': feed },
    flows: [
      { protocol: 'dns', peer: '192.168.1.1', name: 'cdn.EVIL.example', answer: '45.9.9.9', start: 1 },
      { protocol: 'dns', peer: '192.168.1.1', name: 'notevil.example', answer: '45.9.9.8', start: 2 },
      { protocol: 'dns', peer: '192.168.1.1', name: 'evil.example.com', start: 3 },
    ],
  });
  const f = one(findings, 'MA401');
  assert.equal(f.id, `MA401:${DEVICE_ID}:evil.example`);
  assert.equal(f.agentVisible, false, 'the agent sends no DNS names');
  assert.equal(f.origin, 'project');
  assert.equal(f.kind, 'alert');
  assert.equal(f.evidence.remote, 'cdn.evil.example');
  assert.deepEqual(f.evidence.indicator, { value: 'evil.example', kind: 'domain', feed: 'domains.netset', line: 2, label: 'phishing kit' });
  assert.equal(f.evidence.facts?.answers, '45.9.9.9');
  assert.deepEqual([f.firstTime, f.lastTime], [T0 + 1, T0 + 2], 'DNS sightings carry the packet times (query at 1 s, answer at 2 s)');
  assert.equal(f.locations[0].file, paths.feeds['domains.netset']);
  assert.equal(f.locations[0].range.start.line, 1);
  assert.match(f.message, /looked up cdn\.evil\.example, listed as evil\.example .*answered 45\.9\.9\.9\. The agent sends no DNS names/);
  // The answered address is no IP indicator: no MA400 from the name alone.
  assert.deepEqual(withCode(findings, 'MA400'), []);
});

function cidrOf(address: string) {
  const a = parseAddress(address)!;
  return a.version === 4 ? { version: 4 as const, network: a.value, prefix: 32, hostBitsSet: false } : { version: 6 as const, network: a.value, prefix: 128, hostBitsSet: false };
}

// A typo in a feed (an address that does not parse) is a warning in `microagent check`, not an error: the run
// must still say that entries were left out, or a user reads the clean run as "that address is covered".
test('feed entries that do not parse are left out with a note naming the feed and how many; the rest still match', (t) => {
  const dir = tempDir(t);
  const { findings, notes } = detect(dir, {
    feeds: { 'typos.netset': '45.155.205.233\n45.155.205.2333\nnot-an-ip\n::ffff:1.2.3.4/200\n' },
    flows: [udp('45.155.205.233', 0, 443)],
  });
  assert.equal(withCode(findings, 'MA400').length, 1, 'the entry that parses still matches');
  const note = notes.find((n) => n.includes('typos.netset'));
  assert.ok(note, notes.join('\n'));
  assert.match(note, /3 entries could not be read \(microagent check lists them, given the profile that names the feed/);
});
