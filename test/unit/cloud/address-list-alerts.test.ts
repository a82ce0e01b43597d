// ConnectionToIpNotAllowed (MA411 allowlist, MA412 denylist) on traffic made for it: outside the allowlist
// and inside it, IPv6, multicast and broadcast that never count, the denylist, one finding per device and
// rule, the three readings of "outbound", and the allowlist quick fix, applied to the baseline, giving
// valid JSON that silences the alert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ScenarioFlow } from '../../../src-core/traffic/scenario';
import { DEVICE_ID, GROUP, applyEdit, detect, group, ids, lineOf, one, tempDir, udp, withCode } from './detection-fixtures';

const allowlist = (values: string[], extra: object = {}) => ({ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: values, ...extra });
const denylist = (values: string[]) => ({ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, denylistValues: values });
const LAN = ['192.168.1.0/24', 'fd00::/64'];

test('allowlist: a connection outside every range raises MA411 with the flows and ports; one inside raises nothing', (t) => {
  const dir = tempDir(t);
  const { findings, paths } = detect(dir, {
    baseline: group({ allowlistRules: [allowlist(['20.49.110.0/24', ...LAN])] }),
    flows: [
      { protocol: 'tcp', peer: '20.49.110.5', port: 8883, start: 0, packets: 6, size: 100 }, // the hub: allowed
      udp('192.168.1.1', 1, 53), // the LAN resolver: allowed
      { protocol: 'tcp', peer: '52.169.10.8', port: 443, start: 2, packets: 4, size: 50 },
      udp('52.169.10.8', 3, 123),
    ],
  });
  const f = one(findings, 'MA411');
  assert.equal(f.id, `MA411:${DEVICE_ID}:${GROUP}:allowlistRules[0]`);
  assert.deepEqual([f.kind, f.severity, f.origin, f.alertType, f.agentVisible], ['alert', 'Low', 'cloud', 'IoT_CA_ConnectionToIpNotAllowed', true]);
  assert.equal(f.title, "Outbound connection to an IP that isn't allowed");
  assert.equal(f.evidence.remote, '52.169.10.8');
  assert.deepEqual(String(f.evidence.facts?.ports).split(', ').sort(), ['TCP 443', 'UDP 123']);
  assert.deepEqual(f.evidence.flows!.map((x) => `${x.protocol} ${x.remotePort} ${x.direction}`).sort(), ['TCP 443 outbound', 'UDP 123 outbound']);
  assert.match(f.message, /^dev-1 connected to 52\.169\.10\.8, which no range of the sensors allowlist covers: 2 outbound flows \((TCP 443, UDP 123|UDP 123, TCP 443)\)\.$/);
  const text = readFileSync(paths.baseline!, 'utf8');
  assert.equal(f.locations[0].range.start.line, lineOf(text, '"ruleType"'));
  assert.equal(f.suggestedFix?.title, `Allow 52.169.10.8/32 in ${GROUP}`);
});

test('allowlist with several outside addresses: one MA411 per device and rule, listing them all', (t) => {
  const dir = tempDir(t);
  const { findings } = detect(dir, {
    baseline: group({ allowlistRules: [allowlist(LAN)] }),
    flows: [udp('52.169.10.1', 0, 443), udp('52.169.10.2', 1, 443), udp('13.107.4.50', 2, 80)],
  });
  const f = one(findings, 'MA411');
  assert.equal(f.id, `MA411:${DEVICE_ID}:${GROUP}:allowlistRules[0]`);
  assert.equal(f.evidence.facts?.addresses, 3);
  assert.deepEqual(String(f.evidence.facts?.listed).split(', ').sort(), ['13.107.4.50', '52.169.10.1', '52.169.10.2']);
  assert.match(f.evidence.remote!, /^\S+ and 2 more$/);
  assert.equal(f.count, 3);
  assert.equal(f.evidence.flows!.length, 3);
  for (const a of ['52.169.10.1 (UDP 443)', '52.169.10.2 (UDP 443)', '13.107.4.50 (UDP 80)']) assert.ok(f.message.includes(a), f.message);
  assert.match(f.message, /^dev-1 connected to 3 addresses no range of the sensors allowlist covers: /);
});

test('IPv6 allowlist: an address inside an IPv6 range is allowed, one outside raises MA411', (t) => {
  const dir = tempDir(t);
  const { findings } = detect(dir, {
    baseline: group({ allowlistRules: [allowlist(['2a01:111::/32', ...LAN])] }),
    flows: [udp('2a01:111:f400::5', 0, 443), udp('2a02:26f0::1', 1, 443), udp('fd00::1', 2, 5683)],
  });
  const f = one(findings, 'MA411');
  assert.equal(f.id, `MA411:${DEVICE_ID}:${GROUP}:allowlistRules[0]`, 'the id names the rule, not part of the address');
  assert.equal(f.evidence.remote, '2a02:26f0::1');
  assert.equal(f.suggestedFix?.newText, ', "2a02:26f0::1/128"');
});

test('multicast and broadcast are never "connections to an IP": no MA411 or MA412 whatever the lists say', (t) => {
  const dir = tempDir(t);
  const flows: ScenarioFlow[] = [udp('224.0.0.251', 0, 5353, { oneWay: true }), udp('239.255.255.250', 1, 1900, { oneWay: true }), udp('255.255.255.255', 2, 67, { oneWay: true }), udp('ff02::fb', 3, 5353, { oneWay: true })];
  const { findings, result } = detect(dir, {
    baseline: group({ allowlistRules: [allowlist(['192.168.1.0/24'])], denylistRules: [denylist(['224.0.0.0/4', '255.255.255.255/32', 'ff00::/8'])] }),
    flows,
  });
  assert.equal(result.devices[0].agent.flowsRecorded, 4, 'the agent recorded all four');
  assert.deepEqual(withCode(findings, 'MA411'), []);
  assert.deepEqual(withCode(findings, 'MA412'), []);
});

test('denylist: a connection inside a listed range raises MA412 naming the range; IPv4 and IPv6 merge into one finding', (t) => {
  const dir = tempDir(t);
  const { findings, paths } = detect(dir, {
    baseline: group({ denylistRules: [denylist(['45.155.205.0/24', '2a0b:4d80::/32'])] }),
    flows: [udp('45.155.205.233', 0, 443), udp('8.8.8.8', 1, 53), udp('2a0b:4d80::1', 2, 443)],
  });
  assert.deepEqual(ids(findings, 'MA411'), []);
  const f = one(findings, 'MA412');
  assert.equal(f.id, `MA412:${DEVICE_ID}:${GROUP}:denylistRules[0]`);
  assert.equal(f.alertType, 'IoT_CA_ConnectionToIpNotAllowed');
  assert.deepEqual(String(f.evidence.facts?.listed).split(', ').sort(), ['2a0b:4d80::1', '45.155.205.233']);
  assert.equal(f.evidence.facts?.addresses, 2);
  assert.equal(f.suggestedFix, undefined, 'no fix for a denylist hit');
  const text = readFileSync(paths.baseline!, 'utf8');
  // The rule, then each listed range that matched.
  assert.deepEqual(f.locations.map((l) => l.range.start.line), [lineOf(text, '"ruleType"'), lineOf(text, '45.155.205.0/24'), lineOf(text, '2a0b:4d80::/32')]);
  // One address alone keeps the per-address message.
  const single = one(detect(dir, { baseline: group({ denylistRules: [denylist(['45.155.205.0/24'])] }), flows: [udp('45.155.205.233', 0, 443)] }).findings, 'MA412');
  assert.match(single.message, /^dev-1 connected to 45\.155\.205\.233, inside 45\.155\.205\.0\/24 on the sensors denylist: 1 outbound flow \(UDP 443\)\.$/);
  assert.equal(single.evidence.facts?.listedAs, '45.155.205.0/24');
});

test('outbound rule: client-port reads ports (and ICMP bytes out), bytes-out any record the device sent bytes in, any every record', (t) => {
  const dir = tempDir(t);
  const flows: ScenarioFlow[] = [
    udp('52.10.0.1', 0, 443), // the device calls a server: outbound in every reading
    { protocol: 'tcp', peer: '52.20.0.2', port: 23, initiator: 'peer', start: 1, packets: 4, size: 10 }, // a peer calls the device's port 23, answered
    { protocol: 'udp', peer: '52.30.0.3', port: 5683, initiator: 'peer', start: 2, packets: 3, oneWay: true }, // a peer sends to the device's 5683, no answer
    { protocol: 'icmp', peer: '52.40.0.4', start: 3, packets: 2 }, // the device pings
  ];
  const baseline = group({ allowlistRules: [allowlist(LAN)] });
  const listed = (outbound: 'client-port' | 'bytes-out' | 'any') => {
    const f = withCode(detect(dir, { flows, baseline, options: { outbound } }).findings, 'MA411');
    assert.equal(f.length, 1, outbound);
    return String(f[0].evidence.facts?.listed ?? f[0].evidence.remote).split(', ').sort();
  };
  assert.deepEqual(listed('client-port'), ['52.10.0.1', '52.40.0.4']);
  assert.deepEqual(listed('bytes-out'), ['52.10.0.1', '52.20.0.2', '52.40.0.4']);
  assert.deepEqual(listed('any'), ['52.10.0.1', '52.20.0.2', '52.30.0.3', '52.40.0.4']);
});

/** Runs once, applies the MA411 quick fix to the baseline, checks it parses as JSON and holds the addresses, runs again: no MA411. */
function fixSilences(t: { after: (fn: () => void) => void }, baselineText: string, flows: ScenarioFlow[], added: string[]): void {
  const dir = tempDir(t);
  const first = detect(dir, { baseline: baselineText, flows });
  const f = one(first.findings, 'MA411');
  const fix = f.suggestedFix!;
  assert.ok(fix, 'the allowlist alert carries a fix');
  assert.equal(fix.file, first.paths.baseline);
  const fixed = applyEdit(baselineText, fix.range, fix.newText);
  const parsed = JSON.parse(fixed); // strict JSON: no missing or doubled commas
  const values: string[] = parsed.securityGroups[GROUP].allowlistRules[0].allowlistValues;
  for (const a of added) assert.ok(values.includes(a), `${a} added: ${JSON.stringify(values)}`);
  assert.deepEqual(withCode(detect(dir, { baseline: fixed, flows }).findings, 'MA411'), [], `after the fix:\n${fixed}`);
}

test('the allowlist quick fix gives valid JSON that allows the address: after the last range, in an empty list, and for several addresses at once', (t) => {
  const one1 = [udp('52.169.10.8', 0, 443)];
  const two = [udp('52.169.10.8', 0, 443), udp('2a02:26f0::1', 1, 443)];
  const pretty = (values: string[]) => `${JSON.stringify(group({ allowlistRules: [allowlist(values)] }), null, 2)}\n`;
  fixSilences(t, pretty(LAN), one1, ['52.169.10.8/32']);
  fixSilences(t, pretty(LAN), two, ['52.169.10.8/32', '2a02:26f0::1/128']);
  fixSilences(t, pretty([]), one1, ['52.169.10.8/32']);
  fixSilences(t, pretty([]), two, ['52.169.10.8/32', '2a02:26f0::1/128']);
  // Compact, on one line.
  fixSilences(t, JSON.stringify(group({ allowlistRules: [allowlist(['192.168.1.0/24'])] })), two, ['52.169.10.8/32', '2a02:26f0::1/128']);
});

test('the allowlist quick fix stays valid JSON when the list holds an entry that is not a CIDR (left out of the rule, still in the file)', (t) => {
  const pretty = (values: string[]) => `${JSON.stringify(group({ allowlistRules: [allowlist(values)] }), null, 2)}\n`;
  fixSilences(t, pretty(['192.168.1.0/24', 'gateway.local']), [udp('52.169.10.8', 0, 443)], ['52.169.10.8/32']);
  fixSilences(t, pretty(['gateway.local']), [udp('52.169.10.8', 0, 443)], ['52.169.10.8/32']);
  fixSilences(t, pretty(['gateway.local']), [udp('52.169.10.8', 0, 443), udp('52.169.10.9', 1, 443)], ['52.169.10.8/32', '52.169.10.9/32']);
});

test('a disabled allowlist or denylist raises nothing on traffic the same lists, enabled, alert on', (t) => {
  const dir = tempDir(t);
  const flows = [udp('52.169.10.8', 0, 443), udp('45.155.205.233', 1, 443)];
  const lists = (isEnabled: boolean) => group({
    allowlistRules: [{ ...allowlist(['20.49.110.0/24']), isEnabled }],
    denylistRules: [{ ...denylist(['45.155.205.0/24']), isEnabled }],
  });
  const off = detect(dir, { baseline: lists(false), flows }).findings;
  assert.deepEqual([...ids(off, 'MA411'), ...ids(off, 'MA412')], []);
  const on = detect(dir, { baseline: lists(true), flows }).findings;
  assert.deepEqual([ids(on, 'MA411').length, ids(on, 'MA412').length], [1, 1]);
});

test('the allowlist quick fix never proposes to allow an address a threat feed names; the others it still allows', (t) => {
  const dir = tempDir(t);
  const feeds = { 'c2.netset': '# c2\n52.169.10.2 # botnet C2\n' };
  const both = detect(dir, {
    baseline: group({ allowlistRules: [allowlist(LAN)] }),
    feeds,
    flows: [udp('52.169.10.1', 0, 443), udp('52.169.10.2', 1, 443)],
  });
  one(both.findings, 'MA400');
  const f = one(both.findings, 'MA411');
  assert.equal(f.evidence.facts?.addresses, 2, 'the alert still lists both');
  assert.equal(f.suggestedFix?.title, `Allow 52.169.10.1/32 in ${GROUP} (not the 1 a threat feed names)`);
  assert.ok(f.suggestedFix!.newText.includes('52.169.10.1/32'));
  assert.ok(!f.suggestedFix!.newText.includes('52.169.10.2'), f.suggestedFix!.newText);

  const onlyFlagged = detect(tempDir(t), { baseline: group({ allowlistRules: [allowlist(LAN)] }), feeds, flows: [udp('52.169.10.2', 1, 443)] });
  assert.equal(one(onlyFlagged.findings, 'MA411').suggestedFix, undefined, 'no fix allows the C2 address');
});
