// What may be held while the user types: a diagnostic on the start of a name the checker knows (an option
// name, a rule type, a property) is marked `partialName`, and holdWhileTyping drops it only while the place
// typed at lies on it. A finished or wrong name is never marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdWhileTyping } from '../../../src-core/language/typing-hold';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { SourceDocument } from '../../../src-core/language/document';
import { checkDist, checkHeader, only } from './fixtures';

test('an unknown name that starts an option\'s name is marked; a typo past the end of one is not', () => {
  const started = only(checkHeader('#define ASC_LOW_PRIO'), 'MA101');
  assert.equal(started.length, 1);
  assert.equal(started[0].partialName, true);
  assert.equal(only(checkHeader('#define ASC_'), 'MA101')[0].partialName, true);
  assert.equal(only(checkDist('set(ASC_COLLECTOR_HEART)'), 'MA101')[0]?.partialName, true);
  assert.equal(only(checkHeader('#define ASC_LOW_PRIORITY_INTERVALL 60'), 'MA101')[0].partialName, undefined);
  assert.equal(only(checkHeader('#define ASC_TOTALLY_NEW_THING 1'), 'MA101')[0].partialName, undefined);
});

test('a rule type or a property that starts a known one is marked in a baseline', () => {
  const text = JSON.stringify({ securityGroups: { g: { allowlistRules: [{ ruleType: 'ConnectionTo', isEnabled: true, allowlistVal: [] }] } } }, null, 2);
  const ds = validateBaseline(new SourceDocument('/ws/a.baseline.json', text)).filter((d) => d.code === 'MA201');
  assert.deepEqual(ds.map((d) => [d.message.split('.')[0], d.partialName]).sort(), [
    ['Unknown property `allowlistVal` in the allowlist rule', true],
    ['Unknown rule type `ConnectionTo` in allowlistRules', true],
  ].sort());
  const wrong = validateBaseline(new SourceDocument('/ws/a.baseline.json', text.replace('ConnectionTo', 'Xyz')));
  assert.equal(wrong.find((d) => d.message.includes('`Xyz`'))?.partialName, undefined);
});

test('holdWhileTyping drops a marked diagnostic only while the typing place lies on it (its ends included)', () => {
  const d = only(checkHeader('#define ASC_LOW_PRIO'), 'MA101')[0];
  const { start, end } = d.range;
  assert.deepEqual(holdWhileTyping([d], end), []);
  assert.deepEqual(holdWhileTyping([d], start), []);
  assert.deepEqual(holdWhileTyping([d], { line: end.line, character: end.character + 1 }), [d]);
  assert.deepEqual(holdWhileTyping([d], { line: end.line - 1, character: end.character }), [d]);
  assert.deepEqual(holdWhileTyping([d], undefined), [d]);
  const unmarked = { ...d, partialName: undefined };
  assert.deepEqual(holdWhileTyping([unmarked], end), [unmarked]);
});
