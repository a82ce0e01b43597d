// The trailing-comma pre-check is one linear pass (a regular expression took minutes on a line of repeated `//`:
// the fuzz corpus holds that file): it still finds commas after strings holding `//` and behind comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBaseline } from '../../../src-core/baseline/validate-baseline';
import { doc, codes } from './helpers';

test('a trailing comma after a string holding // on the same line is reported (MA213)', () => {
  const text = '{ "securityGroups": { "g": { "allowlistRules": [ { "ruleType": "ConnectionToIpNotAllowed", "isEnabled": true, "allowlistValues": ["10.0.0.0/8"], "note": "http://x", } ] } } }';
  const found = codes(validateBaseline(doc(text)), 'MA213');
  assert.equal(found.length, 1);
  assert.equal(found[0].range.start.character, text.indexOf('"http://x",') + '"http://x"'.length);
});

test('trailing commas behind line and block comments are reported; a comma inside a string is not one', () => {
  const text = '{ "securityGroups": { "g": { "timeWindowRules": [], // c\n "allowlistRules": [] /* a, ] */, \n } }, "x": "a,]" }';
  assert.equal(codes(validateBaseline(doc(text)), 'MA213').length, 1);
});
