// The fast path (JSON.parse, compiled schema, checks on plain values, tree only to place findings) gives exactly
// the diagnostics of the tree path, on generated baselines with faults of every code, JSONC, truncation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { readJson } from '../../../src-core/baseline/json-value';
import { schemaDiagnostics } from '../../../src-core/baseline/schema-check';
import { checkGroups } from '../../../src-core/baseline/baseline-rules';
import { groupValuesOf } from '../../../src-core/baseline/baseline-values';
import { groupsOf } from '../../../src-core/baseline/baseline-model';
import { parseJson } from '../../../src-core/baseline/json-document';
import { checkCidrListFully, isQuietIPv4List, plainIPv4Key } from '../../../src-core/baseline/cidr-list-checks';
import { parseCidr } from '../../../src-core/intel/ip';
import type { Diagnostic } from '../../../src-core/language/types';
import { codes, doc } from './helpers';
import { generateBaseline, rng, withComments, withTrailingCommas } from './generated-baselines';

const SHAPES = ['project', 'arm-template', 'arm-resource'] as const;
const generated = SHAPES.flatMap((shape) => [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => generateBaseline(seed * 31 + shape.length, shape)));
const fast = (text: string, path?: string) => validateBaseline(doc(text, path));
const slow = (text: string, path?: string) => validateBaseline(doc(text, path), { fastPath: false });
const codesOf = (ds: Diagnostic[]) => [...new Set(ds.map((d) => d.code))];

test('fast and tree path give identical diagnostics (ranges, messages, fixes, related) on 24 generated baselines', () => {
  const seen = new Set<string>();
  for (const g of generated) {
    assert.equal(readJson(doc(g.text), 'MA200').strict, true, `${g.name} takes the fast path`);
    const f = fast(g.text);
    assert.deepEqual(f, slow(g.text), g.name);
    for (const c of codesOf(f)) seen.add(c);
  }
  // The set must exercise every meaning check and the schema mapping, or the equality proves little.
  for (const c of ['MA201', 'MA202', 'MA203', 'MA204', 'MA205', 'MA206', 'MA207', 'MA208', 'MA209', 'MA210', 'MA211', 'MA212']) {
    assert.ok(seen.has(c), `generated set lacks ${c}: ${[...seen].sort().join(' ')}`);
  }
});

test('a clean strict baseline is validated without building the positioned tree', () => {
  const text = generateBaseline(99, 'project', 6, 6).text;
  const d = doc(text);
  const src = readJson(d, 'MA200');
  assert.deepEqual([...schemaDiagnostics(d, src, 'baseline.schema.json', 'MA201'), ...checkGroups(src, groupValuesOf(src.value))], []);
  assert.equal(src.hasTree(), false);
  const faulty = generateBaseline(5, 'project', 12);
  const src2 = readJson(doc(faulty.text), 'MA200');
  assert.ok(checkGroups(src2, groupValuesOf(src2.value)).length > 0);
  assert.equal(src2.hasTree(), true, 'a finding asks for the tree');
});

test('comments: a JSONC baseline (tree path) gives the diagnostics of its strict twin with comments blanked (fast path)', () => {
  const r = rng(3);
  for (const g of generated) {
    const { commented, blanked } = withComments(g.text, r);
    assert.equal(commented.length, blanked.length);
    assert.equal(readJson(doc(commented), 'MA200').strict, false, 'comments leave the fast path');
    assert.equal(readJson(doc(blanked), 'MA200').strict, true);
    assert.deepEqual(fast(commented), fast(blanked), g.name);
  }
});

test('trailing commas: the tree path gives the strict twin\'s diagnostics plus one MA213 per comma', () => {
  const r = rng(4);
  for (const g of generated) {
    const { commas, spaced, count } = withTrailingCommas(g.text, r);
    assert.ok(count > 0, g.name);
    const withCommas = fast(commas);
    assert.equal(codes(withCommas, 'MA213').length, count, g.name);
    assert.deepEqual(withCommas.filter((d) => d.code !== 'MA213'), fast(spaced), g.name);
  }
});

test('truncated JSON: one MA200 and, before the cut, exactly the complete document\'s findings', () => {
  for (const seed of [11, 12, 13, 14, 15, 16]) {
    const whole = generateBaseline(seed, 'project', 10, 1).text;
    const lastGroup = whole.lastIndexOf(`"group-${seed}-9"`);
    const cut = whole.indexOf('"ruleType":', whole.indexOf('"ruleType":', lastGroup) + 1) + '"ruleType":'.length;
    const truncated = whole.slice(0, cut);
    const d = doc(whole);
    const before = fast(whole).filter((x) => d.offsetAt(x.range.start) < lastGroup);
    const got = fast(truncated);
    assert.deepEqual(got, slow(truncated));
    assert.equal(codes(got, 'MA200').length, 1, got.map((x) => x.message).join('\n'));
    assert.match(codes(got, 'MA200')[0].message, /ends early: the value of `ruleType` expected, then `\}\]\}\}\}`/);
    assert.deepEqual(got.filter((x) => x.code !== 'MA200'), before, `seed ${seed}`);
  }
});

test('nesting past 200 levels is cut the same way on both paths (MA005, the rest checked); 200 levels are read', () => {
  const deep = (n: number) => `{"securityGroups": {"g": {"x": ${'['.repeat(n - 3)}${']'.repeat(n - 3)}}}}`;
  const refused = fast(deep(201));
  assert.deepEqual(refused, slow(deep(201)));
  // The cut (at the 201st level) and the unknown property `x`, which is still checked.
  assert.deepEqual(refused.map((x) => x.code), ['MA005', 'MA201']);
  assert.match(refused[0].message, /nested deeper than the limit of 200 levels .*limits\.jsonDepth/);
  assert.equal(refused[0].range.start.character, '{"securityGroups": {"g": {"x": '.length + 197);
  assert.equal(codes(fast(deep(200)), 'MA005').length, 0);
  assert.deepEqual(fast(deep(200)), slow(deep(200)));
});

test('a key given twice: both paths check its last value and report at the last one', () => {
  const text = '{"securityGroups": {"g": {"timeWindowRules": [{"ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true, "minThreshold": 1, "maxThreshold": 30, "timeWindowSize": "PT15M", "minThreshold": 50}]}}}';
  const f = fast(text);
  assert.deepEqual(f, slow(text));
  assert.equal(codes(f, 'MA202').length, 1);
  assert.equal(f[0].range.start.character, text.lastIndexOf('50'));
  const fine = text.replace('"minThreshold": 50', '"minThreshold": 2');
  assert.deepEqual(fast(fine), []);
});

test('the value walk finds the groups and rules the tree walk finds, at the same places, for every shape', () => {
  for (const g of generated) {
    const d = doc(g.text);
    const src = readJson(d, 'MA200');
    const byValue = groupValuesOf(src.value);
    const byTree = groupsOf(parseJson(d, 'MA200').root);
    assert.deepEqual(byValue.map((x) => [x.name, x.nameIsExpression, x.rules.length]), byTree.map((x) => [x.name, x.nameIsExpression, x.rules.length]), g.name);
    byValue.forEach((group, i) => group.rules.forEach((rule, j) => {
      const t = byTree[i].rules[j];
      assert.deepEqual([rule.kind, rule.list, rule.index, rule.ruleType], [t.kind, t.list, t.index, t.ruleType]);
      assert.equal(src.node(rule.path)?.offset, t.node.offset);
    }));
  }
});

test('the quick CIDR-list check only ever calls a list quiet when the full check finds nothing in it', () => {
  const r = rng(8);
  const pick = (): unknown => {
    const a = r() % 224, b = r() % 4, p = [8, 16, 24, 30, 32, 0][r() % 6];
    switch (r() % 13) {
      case 0: return `${a}.${b}.0.${r() % 3}/${p}`;
      case 1: return `0${a}.1.2.0/24`;
      case 2: return `${a}.${b}.0.0/0${p % 10}`;
      case 3: return ` ${a}.${b}.0.0/16`;
      case 4: return `2001:db8:${b}::/48`;
      case 5: return `${a}.${b}.3.4`;
      case 6: return r() % 2 ? 42 : `${a}.${b}.0.0/33`;
      case 7: return ['0.0.0.0/0', '0.0.0.0/8', '0.0.0.0', '::/0'][r() % 4];
      default: return `${a}.${b}.${r() % 256}.0/24`;
    }
  };
  let quiet = 0;
  for (let i = 0; i < 3000; i++) {
    const list = Array.from({ length: 1 + (r() % 6) }, pick);
    const allowlist = r() % 2 === 0;
    const d = doc(JSON.stringify({ v: list }));
    const src = readJson(d, 'MA200');
    const found: Diagnostic[] = [];
    checkCidrListFully(src, ['v'], list, allowlist, found);
    if (isQuietIPv4List(list, allowlist)) {
      quiet++;
      assert.deepEqual(found, [], JSON.stringify({ list, allowlist }));
    } else if (found.length === 0) {
      // Not called quiet though clean: allowed only for text the quick parser leaves to parseCidr.
      assert.ok(list.some((v) => typeof v === 'string' && !/^[1-9]?\d{0,2}(\.(0|[1-9]\d{0,2})){3}(\/([1-9]?\d))?$/.test(v) || /^0\d/.test(String(v))), JSON.stringify(list));
    }
  }
  assert.ok(quiet > 300, `${quiet} quiet lists: the generator must produce clean ones too`);
});

test('the quick IPv4 reader agrees with parseCidr on every text it accepts, and accepts the plain forms', () => {
  const r = rng(21);
  const alphabet = '0123456789./: x';
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    let t: string;
    if (i % 2) t = Array.from({ length: 1 + (r() % 18) }, () => alphabet[r() % alphabet.length]).join('');
    else t = `${r() % 300}.${r() % 260}.${[0, 5, 10, 100, 255][r() % 5]}.${r() % 3 ? 0 : r() % 256}${r() % 4 ? `/${r() % 40}` : ''}`;
    const key = plainIPv4Key(t);
    if (key < 0) continue;
    accepted++;
    const c = parseCidr(t);
    assert.ok(c && c.version === 4 && !c.hostBitsSet, t);
    assert.equal(key, (c.network as number) * 64 + c.prefix, t);
  }
  assert.ok(accepted > 1000, `${accepted}`);
  for (const t of ['10.0.0.0/8', '203.0.113.0/24', '192.168.1.7', '0.0.0.0/0', '255.255.255.255/32']) assert.ok(plainIPv4Key(t) >= 0, t);
  for (const t of ['010.0.0.0/8', '10.0.0.0/08', '10.0.0.0/33', '10.0.0/8', '10.0.0.0.0', ' 10.0.0.0/8', '10.0.0.1/8', '10.0.0.0/', '']) assert.equal(plainIPv4Key(t), -1, t);
});
