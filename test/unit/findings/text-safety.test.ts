// Issue 10, item 2: text from inputs is safe to print. Control characters (an ESC sequence that clears a CI log,
// a carriage return that forges a line, a bidirectional override) become escapes that are also valid JSON
// escapes; a value quoted in a message is shortened (an MA205 on a 10 MB value does not repeat it whole).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundMessage, escapeControls, MESSAGE_MAX, safeLine, shortValue } from '../../../src-core/findings/text-safety';

test('ESC, CR, DEL, C1 controls and bidirectional overrides are escaped; line feeds and tabs are kept', () => {
  assert.equal(escapeControls('bad\x1b[2J\x1b[Hline'), 'bad\\u001b[2J\\u001b[Hline');
  assert.equal(escapeControls('a\rforged'), 'a\\u000dforged');
  assert.equal(escapeControls('x\x7f\x9by'), 'x\\u007f\\u009by');
  assert.equal(escapeControls('admin\u202etxt.exe'), 'admin\\u202etxt.exe');
  assert.equal(escapeControls('two\nlines\tand a tab'), 'two\nlines\tand a tab');
  assert.equal(escapeControls('plain'), 'plain');
});

test('the escapes keep JSON valid and its meaning: a whole JSON report can pass through', () => {
  const json = JSON.stringify({ label: 'c2\u0085\u202e\x1b' });
  const escaped = escapeControls(json);
  assert.doesNotMatch(escaped, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  assert.deepEqual(JSON.parse(escaped), { label: 'c2\u0085\u202e\x1b' });
});

test('a long quoted value keeps its start and says how long it was', () => {
  const value = 'a'.repeat(10 * 1024 * 1024);
  assert.equal(shortValue(value), `${'a'.repeat(80)}… (10485760 characters)`);
  assert.equal(shortValue('10.0.0/8'), '10.0.0/8');
  assert.equal(shortValue('😀'.repeat(50)).startsWith('😀'.repeat(40)), true, 'no surrogate pair is split');
});

test('a message built around a huge value is bounded; short messages are untouched', () => {
  const value = 'b'.repeat(10 * 1024 * 1024);
  const m = boundMessage(`"${value}" is not an IPv4 or IPv6 range in CIDR notation.`);
  assert.equal(m, `"${'b'.repeat(80)}… (10485760 characters)" is not an IPv4 or IPv6 range in CIDR notation.`);
  const spaced = boundMessage(`x ${'word '.repeat(100_000)}`);
  assert.ok(spaced.length <= MESSAGE_MAX + 40, String(spaced.length));
  assert.match(spaced, /… \(500002 characters\)$/);
  assert.equal(boundMessage('short'), 'short');
});

test('safeLine still makes one line', () => {
  assert.equal(safeLine('a\nb\x1bc'), 'a\\nb\\u001bc');
});
