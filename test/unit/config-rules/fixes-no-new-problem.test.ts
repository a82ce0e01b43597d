// Quick fixes never create a new problem: MA101's rename is not offered onto a name the file already sets (it
// would draw MA111 or MA112 at once), the removal of the stray line is; "suppress on this line" writes a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceDocument } from '../../../src-core/language/document';
import type { Diagnostic } from '../../../src-core/language/types';
import { applyInlineSuppressions, suppressionFix } from '../../../src-core/project-config/inline-suppressions';
import { checkDist, checkHeader, rtosBaseDist, rtosBaseHeaderBody, only } from './fixtures';

/** Applies a fix's edits (back to front) to `text`. */
function apply(text: string, d: Diagnostic, fix = 0): string {
  const doc = new SourceDocument('/x', text);
  let out = text;
  const edits = d.fixes![fix].edits.map((e) => ({ s: doc.offsetAt(e.range.start), e: doc.offsetAt(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of edits) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

test('header: a misspelt name whose option is set already gets "remove this line", and the fix leaves nothing', () => {
  const extra = '#define ASC_HIGH_PRIORITY_INTERVALL 20';
  const [d] = only(checkHeader(extra), 'MA101');
  assert.match(d.message, /Did you mean ASC_HIGH_PRIORITY_INTERVAL\? ASC_HIGH_PRIORITY_INTERVAL is already set on line \d+ \(to 10\)\./);
  assert.deepEqual(d.fixes!.map((f) => f.title), [`Remove this line (ASC_HIGH_PRIORITY_INTERVAL is set on line ${rtosBaseHeaderBody.split('\n').indexOf('#define ASC_HIGH_PRIORITY_INTERVAL 10') + 1})`]);
  const fixed = apply(rtosBaseHeaderBody + extra + '\n#endif\n', d);
  assert.equal(fixed, rtosBaseHeaderBody + '#endif\n');
});

test('dist: the same for set(), and a legacy name whose new name is set', () => {
  const [d] = only(checkDist('set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHEE 32)'), 'MA101');
  assert.match(d.fixes![0].title, /^Remove this line/);
  const [legacy] = only(checkDist('set(COLLECTOR_HEARTBEAT_ENABLED ON)'), 'MA101');
  assert.match(legacy.message, /ASC_COLLECTOR_HEARTBEAT_ENABLED is already set on line \d+ \(to ON\)/);
  assert.match(legacy.fixes![0].title, /^Remove this line \(ASC_COLLECTOR_HEARTBEAT_ENABLED is set on line \d+\)/);
  const text = rtosBaseDist + 'set(COLLECTOR_HEARTBEAT_ENABLED ON)\n';
  assert.equal(apply(text, legacy), rtosBaseDist);
});

test('a misspelt name whose option is not set keeps "Rename to", and the rename leaves nothing', () => {
  const [d] = only(checkHeader('#define ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLEDD'), 'MA101');
  assert.equal(d.fixes![0].title, 'Rename to ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLED');
  const fixed = apply(rtosBaseHeaderBody + '#define ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLEDD\n#endif\n', d);
  assert.ok(fixed.includes('#define ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLED\n'));
});

test('"suppress on this line" writes a placeholder reason (no MA001) and a snippet that selects it', () => {
  const text = '#define ASC_HIGH_PRIORITY_INTERVAL 0\n';
  const doc = new SourceDocument('/p/asc_config.h', text);
  const finding: Diagnostic = { code: 'MA103', severity: 'error', message: 'x', range: { start: { line: 0, character: 35 }, end: { line: 0, character: 36 } }, file: doc.path };
  const fix = suppressionFix(doc, finding)!;
  assert.equal(fix.edits[0].newText, '// microagent-ignore MA103 reason: TODO say why MA103 is safe to ignore here\n');
  assert.equal(fix.edits[0].snippet, '// microagent-ignore MA103 reason: ${1:TODO say why MA103 is safe to ignore here}\n');
  const after = new SourceDocument(doc.path, fix.edits[0].newText + text);
  const moved = { ...finding, range: { start: { line: 1, character: 35 }, end: { line: 1, character: 36 } } };
  assert.deepEqual(applyInlineSuppressions(after, [moved]), [], 'suppressed, and no MA001 or MA002');
});
