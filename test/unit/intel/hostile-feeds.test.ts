// Feeds a hostile source could publish: STIX lists left open, JSON nested deeper than the parser's stack allows.
// Each reads to a bounded result with the fault reported where it is (the fuzz suite found both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPattern } from '../../../src-core/intel/stix-pattern';
import { readFeed } from '../../../src-core/intel/feed-reader';

test('an IN list left open ends where its values do: later lists do not take its values again', () => {
  const pattern = Array.from({ length: 50 }, (_, i) => `[ipv4-addr:value IN ('10.0.${i}.1', '10.0.${i}.2'`).join(' OR ');
  const read = readPattern(pattern, 1000);
  assert.equal(read.comparisons.length, 50);
  assert.deepEqual(read.comparisons.map((c) => c.values.length), new Array(50).fill(2));
});

test('a STIX bundle or MISP event nested ten thousand deep is read to its depth limit and reported (MA314), no stack overflow', () => {
  const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
  const stix = readFeed('/f/bundle.json', `{"type":"bundle","objects":[{"type":"indicator","pattern":"[ipv4-addr:value = '45.33.32.156']","pattern_type":"stix"}, ${deep}]}`);
  assert.equal(stix.format, 'stix');
  assert.equal(stix.entries.length, 1, 'the indicator before the deep part is kept');
  assert.ok(stix.issues.some((i) => i.code === 'MA314' && /nested deeper than 200 levels/.test(i.message)), JSON.stringify(stix.issues));
  const misp = readFeed('/f/event.json', `{"Event":{"Attribute":[{"type":"ip-dst","value":"45.33.32.156"}],"x":${deep}}}`);
  assert.equal(misp.format, 'misp');
  assert.equal(misp.entries.length, 1);
});
