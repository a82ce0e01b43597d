// Issue 10, item 2 ("text output shortens long quoted values"): a message that quotes a value from an input quotes
// a 1 MB one by its start and its length, at the source (not only by the net under every check), so the message
// stays a few hundred characters whatever the value: MA205 in each of its shapes, MA203, MA304, MA303's list of
// groups, MA310 on a feed line. Short values are quoted whole, as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrValueHelp } from '../../../src-core/baseline/cidr-value-help';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { validateProfile } from '../../../src-core/baseline/validate-profile';
import { readList } from '../../../src-core/intel/list-reader';
import { allow, baseline, doc, memoryFiles, rule } from '../baseline/helpers';

const MB = 1024 * 1024;
/** A few hundred characters: the longest message (MA205 on a host name, about 330) around an 80-character start of
 *  the value. */
const SHORT_MESSAGE = 600;

function assertShort(message: string, length: number, what: string): void {
  assert.ok(message.length < SHORT_MESSAGE, `${what}: ${message.length} characters: ${message.slice(0, 200)}`);
  assert.match(message, new RegExp(`… \\(${length} characters\\)`), `${what} says how long the value was: ${message}`);
}

test('MA205 quotes a 1 MB value by its start and length: no CIDR, a host name, a URL\'s host, a wildcard-looking value', () => {
  const values: [string, string][] = [
    ['plain', 'a'.repeat(MB)],
    ['host name', `${'abcdefgh.'.repeat(MB / 9)}example.com`],
    ['URL', `https://${'h'.repeat(MB)}.example.com/path`],
    ['address with junk', `10.0.0.1/${'9'.repeat(MB)}`],
  ];
  for (const [what, value] of values) {
    const help = cidrValueHelp(value);
    assertShort(help.message, value.length, what);
    assert.ok(help.message.startsWith(`"${value.slice(0, 80)}…`), `${what}: ${help.message.slice(0, 100)}`);
  }
  // A URL's host is named too, shortened as well.
  assert.match(cidrValueHelp(`https://${'h'.repeat(MB)}.example.com/path`).message, /is a host name \(h{80}… \(1048588 characters\)\)/);
});

test('MA205 through the baseline check: one short message for a 1 MB value, the fix-free diagnostic on it', () => {
  const value = 'z'.repeat(MB);
  const ds = validateBaseline(doc(baseline({ allowlistRules: [allow(['10.0.0.0/8', value])] })));
  const ma205 = ds.filter((d) => d.code === 'MA205');
  assert.equal(ma205.length, 1);
  assertShort(ma205[0].message, MB, 'MA205');
});

test('short values are quoted whole, as JSON writes them', () => {
  assert.equal(cidrValueHelp('iot.example.com').message.slice(0, 35), '"iot.example.com" is a host name: t');
  assert.match(cidrValueHelp('10.1.2.0/33').message, /^"10\.1\.2\.0\/33": an IPv4 prefix/);
  assert.match(cidrValueHelp('say "hi"').message, /^"say \\"hi\\"" is not an IPv4 or IPv6 range/);
});

test('MA203: a 1 MB timeWindowSize is quoted short', () => {
  const ds = validateBaseline(doc(baseline({ timeWindowRules: [rule({ timeWindowSize: `PT${'5'.repeat(MB)}X` })] })));
  const ma203 = ds.find((d) => d.code === 'MA203');
  assert.ok(ma203, ds.map((d) => d.code).join(' '));
  assertShort(ma203.message, MB + 3, 'MA203');
});

test('profile: a 1 MB device address (MA304) and a baseline of 5,000 groups (MA303) make short messages', () => {
  const groups: Record<string, unknown> = {};
  for (let i = 0; i < 5_000; i++) groups[`group-${i}`] = { timeWindowRules: [] };
  const ctx = memoryFiles({ '/ws/many.baseline.json': JSON.stringify({ securityGroups: groups }) });
  const profile = { baseline: 'many.baseline.json', devices: [{ id: 'lock-1', securityGroup: 'door-locks', addresses: [`10.${'1'.repeat(MB)}`] }] };
  const ds = validateProfile(doc(JSON.stringify(profile), '/ws/microagent.json'), ctx);
  const ma304 = ds.find((d) => d.code === 'MA304');
  assert.ok(ma304, ds.map((d) => d.code).join(' '));
  assertShort(ma304.message, MB + 3, 'MA304');
  const ma303 = ds.find((d) => d.code === 'MA303');
  assert.ok(ma303, ds.map((d) => d.code).join(' '));
  assert.ok(ma303.message.length < SHORT_MESSAGE, `${ma303.message.length} characters`);
  assert.match(ma303.message, /\("group-0", "group-1", .*"group-9" and 4990 more\)/);
});

test('MA310: a feed line of one 1 MB token is quoted short', () => {
  const result = readList(`203.0.113.9\n${'x'.repeat(MB)}!\n`);
  const bad = result.issues.find((i) => i.code === 'MA310');
  assert.ok(bad);
  assertShort(bad.message, MB + 1, 'MA310');
});
