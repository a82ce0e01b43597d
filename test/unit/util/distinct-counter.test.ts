// Distinct counts in bounded memory: exact up to a limit, a HyperLogLog estimate past it (within a few per
// cent), a shared budget that switches the largest counter first; and the typed-array number set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countText, DistinctBudget, DistinctCounter } from '../../../src-core/util/distinct-counter';
import { NumberSet } from '../../../src-core/util/number-set';

test('exact up to the limit (repeats not counted twice), an estimate within 4% past it, numbers and strings alike', () => {
  const c = new DistinctCounter(1000);
  for (let r = 0; r < 3; r++) for (let i = 0; i < 1000; i++) c.add(i * 7919);
  assert.equal(c.size, 1000);
  assert.equal(c.estimated, false);
  for (const [n, make] of [[200_000, (i: number) => i * 2654435761], [150_000, (i: number) => `flow-${i}|443`]] as const) {
    const e = new DistinctCounter(1000);
    for (let i = 0; i < n; i++) e.add(make(i));
    for (let i = 0; i < n; i += 3) e.add(make(i)); // repeats change nothing
    assert.equal(e.estimated, true);
    assert.ok(Math.abs(e.size - n) / n < 0.04, `${e.size} is within 4% of ${n}`);
  }
});

test('a shared budget: when it runs out the largest counter switches to its estimate and the small ones stay exact', () => {
  const budget = new DistinctBudget(100);
  const big = new DistinctCounter(Infinity, budget);
  const small = new DistinctCounter(Infinity, budget);
  for (let i = 0; i < 5; i++) small.add(`s${i}`);
  for (let i = 0; i < 500; i++) big.add(i);
  small.add('s5');
  assert.equal(small.estimated, false);
  assert.equal(small.size, 6);
  assert.equal(big.estimated, true);
  assert.ok(Math.abs(big.size - 500) <= 25, `about 500: ${big.size}`);
  assert.ok(budget.left >= 0 && budget.left <= 100);
});

test('counts are written as they are, or "about" three significant digits when estimated', () => {
  assert.equal(countText(1234, false), '1234');
  assert.equal(countText(1234, true), 'about 1,230');
  assert.equal(countText(2_418_911, true), 'about 2,420,000');
});

test('the number set holds every key it is given through its growth, and nothing else', () => {
  const s = new NumberSet();
  for (let i = 0; i < 50_000; i++) s.add(3 * 2 ** 32 + i * 40503);
  for (let i = 0; i < 50_000; i += 7) s.add(3 * 2 ** 32 + i * 40503);
  assert.equal(s.size, 50_000);
  for (let i = 0; i < 50_000; i++) assert.ok(s.has(3 * 2 ** 32 + i * 40503));
  assert.ok(!s.has(2 * 2 ** 32 + 40503));
  assert.ok(!s.has(1));
});
