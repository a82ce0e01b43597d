// Quick fixes in a baseline create no new problem: a misspelt property whose right name the rule has already is
// not renamed onto it (a duplicate key); the fix removes the stray property, and the rule is clean after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { applyFix, baseline, doc, rule } from './helpers';

test('a misspelt key whose right name is set already: the stray key is removed, not renamed onto the other', () => {
  for (const extra of [{ maxTreshold: 5 }, { maxThreshold: 30, maxTreshold: 5 }]) {
    const d = doc(baseline({ timeWindowRules: [{ ...rule(), ...extra }] }));
    const m = validateBaseline(d).find((x) => x.code === 'MA201')!;
    assert.match(m.message, /Unknown property `maxTreshold`.*Did you mean `maxThreshold`\? It is set already in this/);
    assert.equal(m.fixes![0].title, 'Remove "maxTreshold" ("maxThreshold" is set already)');
    const fixed = applyFix(d, m);
    assert.deepEqual(validateBaseline(doc(fixed)).map((x) => x.code), [], fixed);
    assert.ok(!fixed.includes('maxTreshold'));
  }
  // The key first in its object: removed with the comma after it.
  const first = doc('{ "securityGroups": { "g": { "timeWindowRules": [ { "isEnabld": true, "ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true, "minThreshold": 0, "maxThreshold": 3, "timeWindowSize": "PT15M" } ] } } }');
  const m = validateBaseline(first).find((x) => x.code === 'MA201')!;
  assert.deepEqual(validateBaseline(doc(applyFix(first, m))).map((x) => x.code), []);
});

test('a misspelt key whose right name is not set keeps "Rename to"', () => {
  const d = doc(baseline({ timeWindowRules: [{ ...rule(), maxThreshold: undefined, maxTreshold: 5 }] }));
  const m = validateBaseline(d).find((x) => x.code === 'MA201')!;
  assert.equal(m.fixes![0].title, 'Rename to "maxThreshold"');
});
