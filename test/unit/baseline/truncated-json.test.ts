// A JSON baseline or profile cut off mid-way: one syntax error saying what is missing at the place, no schema
// "missing property" noise for what the truncation cut off, and the complete part before it still checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { validateProfile } from '../../../src-core/baseline/validate-profile';
import { codes, doc, memoryFiles } from './helpers';

const check = (text: string) => { const d = doc(text); return { d, ds: validateBaseline(d) }; };

test('a baseline truncated after a key gives one syntax error naming the missing value and the closers, at the end', () => {
  const text = '{"securityGroups": {"g": {"timeWindowRules": [{"ruleType":';
  const { ds } = check(text);
  assert.equal(ds.length, 1, ds.map((d) => d.message).join('\n'));
  assert.equal(ds[0].code, 'MA200');
  assert.deepEqual(ds[0].range.start, { line: 0, character: text.length });
  assert.match(ds[0].message, /ends early/);
  assert.match(ds[0].message, /value of `ruleType`/);
  assert.match(ds[0].message, /`\}\]\}\}\}`/);
});

test('the complete part before the truncation is still checked: an earlier wrong rule is reported, the cut-off rule is not', () => {
  const text = '{"securityGroups": {\n "a": {"timeWindowRules": [{"ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true, "minThreshold": 30, "maxThreshold": 5, "timeWindowSize": "PT15M"}], "allowlistRules": [{"ruleType": "ConnectionToIpNotAllowed", "isEnabled": true, "allowlistValues": ["10.0.0/8"]}]},\n "g": {"timeWindowRules": [{"ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": tr';
  const { ds } = check(text);
  assert.equal(codes(ds, 'MA202').length, 1, 'min above max in the complete group');
  assert.equal(codes(ds, 'MA205').length, 1, 'a bad CIDR in the complete group');
  assert.equal(ds.filter((d) => /missing the required property/.test(d.message)).length, 0, ds.map((d) => d.message).join('\n'));
  assert.equal(codes(ds, 'MA200').length, 1, ds.map((d) => d.message).join('\n'));
  assert.match(codes(ds, 'MA200')[0].message, /ends early, in `tr`; `\}\]\}\}\}` expected/);
});

test('a closed object missing a property still gets the schema error (only cut-off objects are spared)', () => {
  const text = '{"securityGroups": {"g": {"timeWindowRules": [{"ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true}]}}}';
  const { ds } = check(text);
  assert.ok(ds.some((d) => d.code === 'MA201' && /missing the required property `minThreshold`/.test(d.message)), ds.map((d) => d.message).join('\n'));
  assert.equal(codes(ds, 'MA200').length, 0);
});

test('a syntax error in the middle keeps its own message; a missing comma is not merged with the end of the text', () => {
  const { ds } = check('{"securityGroups": {"g": {} "h": {}}');
  const syntax = codes(ds, 'MA200');
  assert.equal(syntax.length, 2, syntax.map((d) => d.message).join('\n'));
  assert.match(syntax[0].message, /comma expected/);
  assert.match(syntax[1].message, /ends early: close brace expected/);
});

test('a truncated profile gives one MA300 and no MA301 for the device the truncation cut off', () => {
  const d = doc('{"devices": [{"id": "dev-1", "securityGroup": "default", "addresses": ["10.0.0.1"]}, {"id":', '/ws/microagent.json');
  const ds = validateProfile(d, memoryFiles({}));
  assert.deepEqual(ds.map((x) => x.code), ['MA300'], ds.map((x) => x.message).join('\n'));
  assert.match(ds[0].message, /value of `id`/);
});
