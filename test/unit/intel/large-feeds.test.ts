// Checking a large feed keeps no per-line objects: the check reads entries one by one (same findings as a load),
// bad lines are capped, and document positions come from a packed line table that handles every line ending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFeed } from '../../../src-core/intel/feed-reader';
import { MAX_BAD_LINE_NOTES } from '../../../src-core/intel/feed-types';
import { feedService } from '../../../src-core/intel/service';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';

const ctx = { settings: defaultSettings, files: { readText: () => undefined, exists: () => false } };

test('a check (keepEntries false) finds exactly what a load finds and keeps no entries', () => {
  const text = '# list\n8.8.8.8\n10.0.0.0/8\n1.2.3.4/24\nbad line here\nevil.example\n2606:4700::/32\n';
  for (const [name, body] of [['x.netset', text], ['x.csv', 'ip,domain\n8.8.8.8,evil.example\nnope,\n192.168.1.1,\n']]) {
    const load = readFeed(name, body);
    const check = readFeed(name, body, 'auto', { keepEntries: false });
    assert.deepEqual(check.issues, load.issues, name);
    assert.equal(check.entries.length, 0, name);
    assert.equal(check.usable, load.entries.length, name);
    assert.equal(check.dropped, load.dropped, name);
  }
});

test('MA312 still fires when a check keeps no entries and nothing can match; not when something can', () => {
  assert.ok(readFeed('x.netset', '10.0.0.1\n', 'auto', { keepEntries: false }).issues.some((i) => i.code === 'MA312'));
  assert.ok(!readFeed('x.netset', '8.8.8.8\n', 'auto', { keepEntries: false }).issues.some((i) => i.code === 'MA312'));
});

test(`bad lines are listed up to ${MAX_BAD_LINE_NOTES}, then counted in one closing note`, () => {
  const lines = Array.from({ length: MAX_BAD_LINE_NOTES + 250 }, (_, i) => `bad-${i}!`).join('\n') + '\n8.8.8.8\n';
  const issues = readFeed('x.netset', lines).issues.filter((i) => i.code === 'MA310');
  assert.equal(issues.length, MAX_BAD_LINE_NOTES + 1);
  assert.match(issues[issues.length - 1].message, /^250 more entries that do not parse/);
  const few = readFeed('x.netset', 'bad!\n8.8.8.8\n').issues.filter((i) => i.code === 'MA310');
  assert.equal(few.length, 1, 'no closing note under the cap');
});

test('the feed check of a 200,000-line list answers with positions on the right lines', () => {
  const n = 200_000;
  const firsts = [23, 45, 81, 93, 151, 185]; // global unicast only, so the two planted faults are the only findings
  const text = Array.from({ length: n }, (_, i) => `${firsts[i % 6]}.${(i >> 8) & 255}.${i & 255}.1`).join('\n') + '\n10.9.9.9\nnot-an-ip\n';
  const ds = feedService.validate(new SourceDocument('/ws/big.netset', text), ctx);
  assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['MA310', n + 1], ['MA311', n]]);
});

test('positions are right with LF, CRLF and lone CR line endings', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const d = new SourceDocument('/x', ['a', 'bb', '', 'ccc'].join(eol));
    assert.equal(d.lineCount, 4, JSON.stringify(eol));
    const off = d.text.indexOf('ccc') + 1;
    assert.deepEqual(d.positionAt(off), { line: 3, character: 1 }, JSON.stringify(eol));
    assert.equal(d.offsetAt({ line: 1, character: 1 }), d.text.indexOf('bb') + 1);
    assert.equal(d.lineText(1), 'bb');
  }
  assert.equal(new SourceDocument('/x', '').lineCount, 1);
});
