// The "did you mean" distance: exact Levenshtein within the cut-off, and the nearest candidate wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance } from '../../../src-core/util/edit-distance';

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ASC_A', 'ASC_A'), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abcdef', 'abcxyz', 1), 2, 'beyond the cut-off it says max + 1');
});

test('closest picks the nearest name within a fifth of the length, case-insensitively', () => {
  const names = ['ASC_HIGH_PRIORITY_INTERVAL', 'ASC_LOW_PRIORITY_INTERVAL', 'ASC_MEDIUM_PRIORITY_INTERVAL'];
  assert.equal(closest('ASC_HIGH_PRIORTY_INTERVAL', names), 'ASC_HIGH_PRIORITY_INTERVAL');
  assert.equal(closest('asc_low_priority_interval', names), 'ASC_LOW_PRIORITY_INTERVAL');
  assert.equal(closest('APP_VALUE_12', names), undefined);
});
