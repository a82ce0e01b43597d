// The lazy tree of strict JSON has exactly jsonc-parser's nodes: types, offsets, lengths, values, colons,
// children and parents, on generated baselines and on the awkward corners of JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { lazyTree } from '../../../src-core/baseline/lazy-json-tree';
import { generateBaseline } from './generated-baselines';

function same(a: Node | undefined, b: Node | undefined, where: string): void {
  if (!a || !b) { assert.equal(a, b, where); return; }
  assert.deepEqual([a.type, a.offset, a.length, a.value, a.colonOffset], [b.type, b.offset, b.length, b.value, b.colonOffset], where);
  assert.equal(a.children?.length, b.children?.length, `${where}: children`);
  a.children?.forEach((c, i) => {
    assert.equal(c.parent, a, `${where}/${i}: parent`);
    same(c, b.children?.[i], `${where}/${i}`);
  });
}

test('the lazy tree equals parseTree on generated baselines of every shape', () => {
  for (const shape of ['project', 'arm-template', 'arm-resource'] as const) {
    for (const seed of [1, 2, 3]) {
      const { text } = generateBaseline(seed, shape);
      same(lazyTree(text), parseTree(text), `${shape} ${seed}`);
    }
  }
});

test('the lazy tree equals parseTree on escapes, numbers, empty containers, nesting and bare values', () => {
  const texts = [
    '{"a\\"b": "x\\\\", "c": "\\u00e9\\n\\"", "\\\\": [1, -2.5e+3, 0.125E-2, 1e400, -0]}',
    ' \r\n\t[ [], {}, [[[]]], {"k": {}}, true, false, null, "" ] ',
    '{"k": {"k": {"k": [ {"z": "]}"}, "[{" ]}}, "k": 2}',
    '"just a string"', '42', 'null', '  true  ', '"\\\\"',
  ];
  for (const t of texts) {
    JSON.parse(t);
    same(lazyTree(t), parseTree(t), t);
  }
  assert.equal(lazyTree('   '), undefined);
});

test('a container lists its children only when asked', () => {
  const root = lazyTree('{"a": [1, 2], "b": {"c": 3}}') as Node & { kids?: Node[] };
  assert.equal(root.kids, undefined);
  assert.equal(root.children?.length, 2);
  const b = root.children?.[1].children?.[1] as Node & { kids?: Node[] };
  assert.equal(b.kids, undefined);
  assert.equal(b.children?.[0].children?.[1].value, 3);
});
