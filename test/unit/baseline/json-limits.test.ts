// Content limits of JSON documents (MA005): an object with too many keys, nesting too deep, too many values.
// Each is reported at its place naming the limit, the document is cut there, and the rest is still checked;
// the limits come from .microagent/config.json (checked there), and the checks stay linear in the key count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { validateProfile } from '../../../src-core/baseline/validate-profile';
import { child, parseJson } from '../../../src-core/baseline/json-document';
import { limitValue, scanJsonText } from '../../../src-core/baseline/json-limits';
import { defaultContentLimits, loweredOnly, resolveContentLimits } from '../../../src-core/project-config/content-limits';
import { readJson } from '../../../src-core/baseline/json-value';
import { parseProjectConfig } from '../../../src-core/project-config/config-file';
import { checkDocument } from '../../../src-core/check/check-document';
import { defaultSettings } from '../../../src-core/language/settings';
import { codes, doc, memoryFiles, rule } from './helpers';
import type { Diagnostic } from '../../../src-core/language/types';

/** Problems of `code` reported, plus those the checker counted past the per-file cap without building them. */
const counted = (ds: Diagnostic[], code: string) => codes(ds, code).length + ds.reduce((n, d) => n + (d.omitted ?? 0), 0);
const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
const limits = (l: Partial<typeof defaultContentLimits>) => ({ ...defaultContentLimits, ...l });

/** A baseline whose group `big` has `n` unknown keys, then a group `late` with min > max (MA202). */
function bigGroupBaseline(n: number): string {
  return JSON.stringify({ securityGroups: { big: manyKeys(n), late: { timeWindowRules: [rule({ minThreshold: 50, maxThreshold: 5 })] } } }, null, 1);
}

test('an object with more keys than jsonKeys: MA005 at its `{` naming the count and the limit; its first keys and the rest are checked', () => {
  const d = doc(bigGroupBaseline(20_000));
  const ds = validateBaseline(d);
  const refused = codes(ds, 'MA005');
  assert.equal(refused.length, 1);
  assert.equal(refused[0].severity, 'error');
  assert.match(refused[0].message, /^This object has 20,000 keys, over the limit of 10,000 \(`limits\.jsonKeys` in \.microagent\/config\.json\): only its first 10,000 are checked\.$/);
  assert.equal(d.offsetAt(refused[0].range.start), d.text.indexOf('"big": {') + '"big": '.length);
  // The first 10,000 keys are checked (each is unknown), the 10,001st is not, and the group after it is.
  assert.equal(counted(ds, 'MA201'), 10_000);
  assert.ok(!ds.some((x) => x.message.includes('`k10000`')));
  assert.equal(codes(ds, 'MA202').length, 1);
});

test('jsonKeys is the project\'s to raise: at 50,000 the same document is checked whole', () => {
  const ds = validateBaseline(doc(bigGroupBaseline(20_000)), { limits: limits({ jsonKeys: 50_000 }) });
  assert.equal(codes(ds, 'MA005').length, 0);
  assert.equal(counted(ds, 'MA201'), 20_000);
});

test('the tree path (JSONC) cuts at the same place as the fast path, through the bounded reading', () => {
  const text = bigGroupBaseline(12_000).replace('{', '{ // a comment makes it JSONC\n');
  const fast = validateBaseline(doc(bigGroupBaseline(12_000)));
  const jsonc = validateBaseline(doc(text));
  assert.deepEqual(jsonc.map((x) => x.code).sort(), fast.map((x) => x.code).sort());
  assert.equal(codes(jsonc, 'MA005').length, 1);
  // The full tree is never built for it: parseJson hands out the lazy root of the blanked text.
  const parsed = parseJson(doc(text), 'MA200');
  assert.ok(parsed.overLimit?.strictText);
  assert.equal(parsed.root?.type, 'object');
});

test('past a limit with syntax errors too: MA005 and the syntax error, nothing else read, no stack overflow', () => {
  for (const text of ['['.repeat(50_000), `{"securityGroups": {"g": ${'['.repeat(5000)}}}`, `{"securityGroups": {}, "a": [1 2], ${Object.keys(manyKeys(11_000)).map((k) => `"${k}": 1`).join(',')}}`]) {
    const ds = validateBaseline(doc(text));
    assert.equal(codes(ds, 'MA005').length, 1, text.slice(0, 40));
    assert.match(codes(ds, 'MA005')[0].message, /not checked beyond its syntax/);
    assert.ok(codes(ds, 'MA200').length >= 1);
    assert.deepEqual(ds.filter((x) => x.code !== 'MA005' && x.code !== 'MA200'), []);
  }
  // A syntax error among the keys past the limit is in what is not read: the first 10,000 are still checked.
  const late = validateBaseline(doc(`{${Object.keys(manyKeys(11_000)).map((k) => `"${k}": 1`).join(',')},,}`));
  assert.match(codes(late, 'MA005')[0].message, /only its first 10,000 are checked/);
  // 10,000 unknown keys and the missing securityGroups; past 2,000 they are counted, not built.
  assert.equal(counted(late, 'MA201'), 10_001);
});

test('too many values in all (jsonNodes): MA005 where the budget runs out; what comes before is checked, what follows is not', () => {
  const groups: Record<string, unknown> = {};
  for (let g = 0; g < 50; g++) groups[`g${g}`] = { timeWindowRules: [rule({ minThreshold: 9, maxThreshold: 1 })] };
  const d = doc(JSON.stringify({ securityGroups: groups }, null, 1));
  // Each group is 9 values (group, list, rule and its 6 fields): 50 groups fit the default budget...
  assert.equal(codes(validateBaseline(d), 'MA202').length, 50);
  // ...and not a budget of 200: the groups before the cut are checked, none after it.
  const small = validateBaseline(d, { limits: limits({ jsonNodes: 200 }) });
  const cut = codes(small, 'MA005');
  assert.equal(cut.length, 1);
  assert.match(cut[0].message, /more than the limit of 200 values \(`limits\.jsonNodes`.*checking stops here/);
  const cutAt = d.offsetAt(codes(small, 'MA005')[0].range.start);
  const before = codes(small, 'MA202');
  assert.ok(before.length > 10 && before.length < 50, `${before.length}`);
  assert.ok(before.every((x) => d.offsetAt(x.range.start) < cutAt));
});

test('limitValue leaves a document within the limits untouched (same object) and cuts copies otherwise', () => {
  const v = { a: [1, 2, { b: 3 }], c: 'x' };
  assert.equal(limitValue(v, defaultContentLimits).value, v);
  const cut = limitValue({ a: manyKeys(5), z: 1 }, limits({ jsonKeys: 2 }) as never);
  assert.deepEqual(cut.cuts.map((c) => [c.kind, c.path, c.count]), [['keys', ['a'], 5]]);
  assert.deepEqual(cut.value, { a: { k0: 0, k1: 1 }, z: 1 });
  const deep = limitValue([[[[1]]], 2], limits({ jsonDepth: 2 }) as never);
  assert.deepEqual(deep.value, [[[]], 2]);
  assert.deepEqual(deep.cuts.map((c) => [c.kind, c.path]), [['depth', [0, 0]]]);
  const nodes = limitValue({ a: [1, 2, 3], b: 4 }, limits({ jsonNodes: 4 }) as never);
  assert.deepEqual(nodes.value, { a: [1, 2] });
  assert.deepEqual(nodes.cuts.map((c) => [c.kind, c.path]), [['nodes', ['a', 2]]]);
});

test('the text scan counts as the value walk does: keys per object, nesting, values (comments and strings skipped)', () => {
  const l = limits({ jsonKeys: 3, jsonDepth: 3, jsonNodes: 100 });
  assert.deepEqual(scanJsonText('{"a": 1, "b": "{[,", /* , { */ "c": 3}', l), []);
  assert.deepEqual(scanJsonText('{"a": 1, "b": 2, "c": 3, "d": 4}', l).map((c) => [c.kind, c.offset, c.count]), [['keys', 0, 4]]);
  assert.deepEqual(scanJsonText('[[[[1]]], [[2]]]', l).map((c) => [c.kind, c.offset, c.end]), [['depth', 3, 6]]);
  assert.deepEqual(scanJsonText('[1, 2, 3]', limits({ jsonNodes: 3 })).map((c) => [c.kind, c.offset]), [['nodes', 7]]);
});

test('a profile past a limit gets MA005 too; a device after the cut object is still checked', () => {
  const devices = [{ id: 'a', addresses: ['10.0.0.1'], ...manyKeys(12_000) }, { id: 'b', addresses: ['not-an-address'] }];
  const d = doc(JSON.stringify({ devices }), '/ws/microagent.json');
  const ds = validateProfile(d, memoryFiles({}));
  assert.equal(codes(ds, 'MA005').length, 1);
  assert.equal(codes(ds, 'MA304').length, 1);
});

test('.microagent/config.json `limits`: known names in range are used; others are MA003 and the default stays', () => {
  const cfg = parseProjectConfig('/p/.microagent/config.json', JSON.stringify({
    limits: { jsonKeys: 50_000, jsonDepth: 5, lineLength: 'long', nonsense: 1 },
  }));
  assert.deepEqual(cfg.limits, { jsonKeys: 50_000 });
  const messages = cfg.problems.map((p) => `${p.severity} ${p.message}`);
  assert.ok(messages.some((m) => /^error "limits\.jsonDepth" must be between 16 and 1,000/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^error "limits\.lineLength" must be a whole number/.test(m)));
  assert.ok(messages.some((m) => /^warning unknown limit "nonsense" \(known: jsonKeys, jsonDepth/.test(m)));
  assert.equal(resolveContentLimits(cfg.limits).jsonKeys, 50_000);
  assert.equal(resolveContentLimits(cfg.limits).jsonDepth, defaultContentLimits.jsonDepth);
  // Through the shared pipeline (editor and CLI): the project's limit reaches the baseline check.
  const d = doc(bigGroupBaseline(20_000));
  const ctx = { settings: defaultSettings, files: memoryFiles({}).files };
  assert.equal(codes(checkDocument(d, ctx, cfg).diagnostics, 'MA005').length, 0);
  assert.equal(codes(checkDocument(doc(bigGroupBaseline(20_000)), ctx, parseProjectConfig('/p/.microagent/config.json', '{}')).diagnostics, 'MA005').length, 1);
});

test('child() on a large object finds the last value of a key given twice, as on a small one', () => {
  const text = `{${Object.keys(manyKeys(100)).map((k) => `"${k}": 1`).join(',')}, "k5": "second", "k6": }`;
  const root = parseJson(doc(text), 'MA200').root!;
  assert.equal(child(root, 'k5')?.value, 'second');
  assert.equal(child(root, 'k6')?.value, 1);
  assert.equal(child(root, 'nope'), undefined);
});

test('a document over 1 MiB is measured before JSON.parse: what is cut is never parsed, the tree lists at most jsonKeys keys', () => {
  const big = JSON.stringify({ securityGroups: { big: manyKeys(150_000) } });
  assert.ok(big.length > 1 << 20);
  const src = readJson(doc(big), 'MA200');
  assert.equal(Object.keys((src.value as { securityGroups: { big: object } }).securityGroups.big).length, 10_000);
  assert.equal(src.node(['securityGroups', 'big'])?.children?.length, 10_000);
  const ds = validateBaseline(doc(big));
  assert.match(codes(ds, 'MA005')[0].message, /^This object has 150,000 keys, over the limit of 10,000/);
  assert.equal(counted(ds, 'MA201'), 10_000);
});

test('an untrusted workspace may lower the limits, not raise them', () => {
  assert.deepEqual(loweredOnly({ jsonKeys: 500_000, jsonDepth: 50, statements: 50_000 }), { jsonDepth: 50, statements: 50_000 });
});

test('.microagent/config.json nested a hundred thousand deep is refused by name, not a stack overflow failing every check', () => {
  const cfg = parseProjectConfig('/p/.microagent/config.json', '['.repeat(100_000));
  assert.equal(cfg.problems.length, 1);
  assert.match(cfg.problems[0].message, /nested deeper than 200 levels; the file is not read/);
});
