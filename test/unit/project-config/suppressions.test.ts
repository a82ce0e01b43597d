// Suppression comments, config-file parsing, globs and severity overrides, in plain src-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceDocument } from '../../../src-core/language/document';
import type { Diagnostic } from '../../../src-core/language/types';
import { applyInlineSuppressions, suppressionFix } from '../../../src-core/project-config/inline-suppressions';
import { parseProjectConfig } from '../../../src-core/project-config/config-file';
import { compileGlob } from '../../../src-core/project-config/glob';
import { applySeverityOverrides, mergeOverrides } from '../../../src-core/language/severity';
import { applyProjectSuppressions } from '../../../src-core/check/check-document';

const diag = (code: string, line: number, file = '/p/asc_config.h'): Diagnostic => ({ code, severity: 'warning', message: code, file, range: { start: { line, character: 8 }, end: { line, character: 12 } } });

test('a comment alone on its line suppresses the next code line; stacked comments and blank lines are skipped', () => {
  const doc = new SourceDocument('/p/asc_config.h', '// microagent-ignore MA105 port has it\n# microagent-ignore MA101: lab\n\n#define X 1\n#define Y 2\n');
  const out = applyInlineSuppressions(doc, [diag('MA105', 3), diag('MA101', 3), diag('MA105', 4)]);
  assert.deepEqual(out.map((d) => `${d.code}@${d.range.start.line}`), ['MA105@4']);
});

test('a trailing comment covers its own line, several codes may be listed, and a missing reason is MA001', () => {
  const doc = new SourceDocument('/p/asc_config.h', '#define X 1 /* microagent-ignore MA101, MA104 */\n');
  const out = applyInlineSuppressions(doc, [diag('MA101', 0), diag('MA104', 0)]);
  assert.deepEqual(out.map((d) => d.code), ['MA001']);
});

test('a suppression that matches nothing is an MA002 hint; one without a code is MA003 and suppresses nothing', () => {
  const doc = new SourceDocument('/p/asc_config.h', '// microagent-ignore MA999 stale\n#define X 1\n// microagent-ignore because\n#define Y 1\n');
  const out = applyInlineSuppressions(doc, [diag('MA101', 3)]);
  assert.deepEqual(out.map((d) => d.code).sort(), ['MA002', 'MA003', 'MA101']);
  assert.equal(out.find((d) => d.code === 'MA002')!.severity, 'hint');
});

test('the suppress quick fix inserts a comment in the file style above the line, with indentation', () => {
  const h = new SourceDocument('/p/asc_config.h', '  #define X 1\n');
  assert.equal(suppressionFix(h, diag('MA101', 0))!.edits[0].newText, '  // microagent-ignore MA101 reason: TODO say why MA101 is safe to ignore here\n');
  const d = new SourceDocument('/p/RTOS_BASE.dist', 'set(X ON)\n');
  assert.equal(suppressionFix(d, diag('MA101', 0))!.edits[0].newText, '# microagent-ignore MA101 reason: TODO say why MA101 is safe to ignore here\n');
  assert.equal(suppressionFix(new SourceDocument('/p/a.baseline.json', '{}'), diag('MA201', 0)), undefined);
});

test('globs: no slash matches the name anywhere, a slash anchors at the root, ** spans folders, braces', () => {
  assert.ok(compileGlob('asc_config.h')('a/b/asc_config.h'));
  assert.ok(!compileGlob('cfg/asc_config.h')('x/cfg/asc_config.h'));
  assert.ok(compileGlob('cfg/asc_config.h')('cfg/asc_config.h'));
  assert.ok(compileGlob('**/*.dist')('a/b/RTOS_BASE.dist'));
  assert.ok(compileGlob('vendor')('vendor/x/asc_config.h'));
  assert.ok(compileGlob('*.{h,dist}')('x.dist'));
  assert.ok(!compileGlob('*.h')('x.dist'));
});

test('config file: valid entries apply, wrong ones become MA003 with positions, unknown keys warn', () => {
  const text = '{\n  // comments are allowed\n  "severityOverrides": { "ma112": "off", "MA101": "loud" },\n  "suppressions": [{ "code": "MA105", "file": "vendor/**", "reason": "vendor" }, { "file": "x" }],\n  "distribution": "L4_BASE",\n  "nxUserPath": "inc/nx_user.h",\n  "colour": 1,\n}';
  const c = parseProjectConfig('/p/.microagent/config.json', text);
  assert.deepEqual(c.severityOverrides, { MA112: 'off' });
  assert.equal(c.suppressions.length, 1);
  assert.equal(c.distribution, 'L4_BASE');
  assert.equal(c.nxUserPath, '/p/inc/nx_user.h');
  assert.deepEqual(c.problems.map((p) => [p.code, p.severity, p.range.start.line]), [['MA003', 'warning', 6], ['MA003', 'error', 2], ['MA003', 'error', 3]]);
  assert.deepEqual(applyProjectSuppressions('/p/vendor/a/asc_config.h', [diag('MA105', 0, '/p/vendor/a/asc_config.h'), diag('MA101', 0, '/p/vendor/a/asc_config.h')], c).map((d) => d.code), ['MA101']);
  assert.equal(applyProjectSuppressions('/p/app/asc_config.h', [diag('MA105', 0, '/p/app/asc_config.h')], c).length, 1);
});

test('config file with broken JSON reports the syntax error and keeps what parsed', () => {
  const c = parseProjectConfig('/p/.microagent/config.json', '{ "severityOverrides": { "MA101": "off" }, ');
  assert.equal(c.severityOverrides.MA101, 'off');
  assert.ok(c.problems.some((p) => p.code === 'MA003' && /JSON syntax/.test(p.message)));
});

test('severity overrides: later layers win, off drops, case-insensitive, junk ignored', () => {
  const merged = mergeOverrides({ MA101: 'off', MA104: 'error' }, { ma101: 'hint', MA105: 'nonsense' as never });
  assert.deepEqual(merged, { MA101: 'hint', MA104: 'error' });
  const out = applySeverityOverrides([diag('MA101', 0), diag('MA104', 1), diag('MA112', 2)], { MA112: 'off', MA101: 'error' });
  assert.deepEqual(out.map((d) => `${d.code}:${d.severity}`), ['MA101:error', 'MA104:warning']);
});
