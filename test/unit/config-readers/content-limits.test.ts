// Content limits of configuration files (issue 10): a directive past `lineLength` or `expressionTokens` is skipped
// unread (MA005 naming the limit) while an #if past it still keeps the structure; an expression too large or too
// deep after expansion is refused, not silently dropped; reading stops at `statements`; past 2,000 problems the
// reader counts instead of building them; the same for CMake dist files; and reading pauses, for the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceDocument } from '../../../src-core/language/document';
import { readConfig, readConfigSteps } from '../../../src-core/config/read-config';
import { defaultContentLimits, type ContentLimits } from '../../../src-core/project-config/content-limits';
import { checkDocument } from '../../../src-core/check/check-document';
import { defaultSettings } from '../../../src-core/language/settings';
import { parseProjectConfig } from '../../../src-core/project-config/config-file';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../../src-core/language/problem-cap';

const H = '/p/asc_config.h';
const D = '/p/RTOS_BASE.dist';
const read = (path: string, text: string, limits: Partial<ContentLimits> = {}) =>
  readConfig(new SourceDocument(path, text), { limits: { ...defaultContentLimits, ...limits } });
const limitProblems = (cfg: ReturnType<typeof read>) => cfg.problems.filter((p) => p.code === 'MA005');
const value = (cfg: ReturnType<typeof read>, name: string) => cfg.effective.get(name)?.value;

test('a 10 MB line of 1+1+... is refused unread (MA005, expressionTokens) and the next line is still read', () => {
  const cfg = read(H, `#define ASC_FIRST_COLLECTION_INTERVAL 1${'+1'.repeat(5_000_000)}\n#define ASC_HIGH_PRIORITY_INTERVAL 7\n`);
  const [p] = limitProblems(cfg);
  assert.match(p.message, /#define holds more than 4,096 tokens \(`limits\.expressionTokens` in \.microagent\/config\.json\): not read/);
  assert.equal(cfg.effective.has('ASC_FIRST_COLLECTION_INTERVAL'), false);
  assert.equal(value(cfg, 'ASC_HIGH_PRIORITY_INTERVAL'), 7);
  assert.equal(cfg.problems.length, 1);
});

test('a directive past lineLength is skipped, named with its length; an #if past it opens its group as not taken', () => {
  const long = `#define ASC_SECURITY_MODULE_ID "${'x'.repeat(20_000)}"\n`;
  const cfg = read(H, `${long}#if ${'1 + '.repeat(10)}1 /* ${'c'.repeat(300)} */\n#define ASC_LOW_PRIORITY_INTERVAL 5\n#else\n#define ASC_LOW_PRIORITY_INTERVAL 9\n#endif\n`, { lineLength: 256 });
  const ps = limitProblems(cfg);
  assert.equal(ps.length, 2);
  assert.match(ps[0].message, /#define is 20,033 characters long, over the limit of 256 \(`limits\.lineLength`/);
  assert.match(ps[1].message, /#if is \d+ characters long, over the limit of 256 .*: not read; the group is treated as not taken/);
  // Not taken: the #else branch is, and no "#else without #if" or "unclosed #if" follows.
  assert.equal(value(cfg, 'ASC_LOW_PRIORITY_INTERVAL'), 9);
  assert.deepEqual(cfg.problems.filter((p) => p.code !== 'MA005'), []);
});

test('an expansion past expressionTokens or nesting past expressionDepth is refused by name, not silently dropped', () => {
  // Each macro doubles the one before: A16 expands to 65,536 tokens.
  const lines = ['#define A0 1'];
  for (let i = 1; i <= 16; i++) lines.push(`#define A${i} (A${i - 1} + A${i - 1})`);
  const bomb = read(H, `${lines.join('\n')}\n#define ASC_LOW_PRIORITY_INTERVAL A16\n#if A16\n#endif\n`);
  const ps = limitProblems(bomb).map((p) => p.message);
  // Every macro whose expansion passes the limit says so (from A12 on), the option and the #if included.
  assert.ok(ps.every((m) => /the expression expands to more than 4,096 tokens \(`limits\.expressionTokens`/.test(m)), ps.join('\n'));
  assert.ok(ps.some((m) => /value of ASC_LOW_PRIORITY_INTERVAL: the expression expands/.test(m)));
  assert.ok(ps.some((m) => /#if condition: the expression expands .*; the group is treated as not taken/.test(m)));
  assert.equal(bomb.effective.get('ASC_LOW_PRIORITY_INTERVAL')?.value, undefined);
  const deep = read(H, `#define ASC_LOW_PRIORITY_INTERVAL ${'('.repeat(300)}1${')'.repeat(300)}\n#define ASC_HIGH_PRIORITY_INTERVAL ${'- '.repeat(300)}1\n`);
  const dp = limitProblems(deep);
  assert.equal(dp.length, 2);
  for (const p of dp) assert.match(p.message, /the expression nests more than 256 levels deep \(`limits\.expressionDepth`/);
  // Within the limits the same shapes are read.
  assert.equal(value(read(H, `#define ASC_LOW_PRIORITY_INTERVAL ${'('.repeat(100)}60${')'.repeat(100)}\n`), 'ASC_LOW_PRIORITY_INTERVAL'), 60);
});

test('reading stops at `statements` directives, says so once, and does not call the #ifs it did not reach unclosed', () => {
  const text = `${'#if X\n'.repeat(3000)}#define ASC_LOW_PRIORITY_INTERVAL 5\n`;
  const cfg = read(H, text, { statements: 1000 });
  assert.deepEqual(cfg.problems.map((p) => p.code), ['MA005']);
  assert.match(cfg.problems[0].message, /asc_config\.h:1001:1: more than 1,000 directives \(`limits\.statements` .*\): reading stops here and what follows is not read/);
  assert.equal(cfg.effective.has('ASC_LOW_PRIORITY_INTERVAL'), false);
});

test('past 2,000 problems the reader counts instead of building them; the pipeline folds the count into one MA004', () => {
  const text = '#if X\n'.repeat(30_000);
  const cfg = read(H, text);
  assert.equal(cfg.problems.length, MAX_DIAGNOSTICS_PER_FILE + 1);
  const note = cfg.problems[cfg.problems.length - 1];
  assert.equal(note.code, 'MA004');
  assert.equal(note.omitted, 28_000);
  const out = checkDocument(new SourceDocument(H, text), { settings: defaultSettings, files: { readText: () => undefined, exists: () => false } }, parseProjectConfig('/p/.microagent/config.json', '{}'));
  const ma004 = out.diagnostics.filter((d) => d.code === 'MA004');
  assert.equal(ma004.length, 1);
  assert.match(ma004[0].message, /^28000 more problems in this file are not shown \(the first 2000 are\)/);
  assert.equal(out.diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1);
});

test('dist files: a command past lineLength or with too many arguments is skipped, a doubling variable is dropped, reading stops at statements', () => {
  const args = 'a '.repeat(5000);
  const cfg = read(D, `set(ASC_X ${args})\nset(ASC_LOW_PRIORITY_INTERVAL 5)\n`);
  assert.match(limitProblems(cfg)[0].message, /set\(\) has more than 4,096 arguments \(`limits\.expressionTokens`/);
  assert.equal(value(cfg, 'ASC_LOW_PRIORITY_INTERVAL'), 5);
  const long = read(D, `set(ASC_SECURITY_MODULE_ID "${'x'.repeat(1000)}")\n`, { lineLength: 256 });
  assert.match(limitProblems(long)[0].message, /set\(\) is 1,030 characters long, over the limit of 256/);
  const doubling = ['set(A "xxxxxxxxxxxxxxxx")', ...Array.from({ length: 30 }, () => 'set(A "${A}${A}")'), 'set(ASC_LOW_PRIORITY_INTERVAL 5)'].join('\n');
  const grown = read(D, doubling, { lineLength: 4096 });
  assert.equal(limitProblems(grown).length >= 1, true);
  assert.match(limitProblems(grown)[0].message, /A grows to [\d,]+ characters, over the limit of 4,096/);
  assert.equal(value(grown, 'ASC_LOW_PRIORITY_INTERVAL'), 5);
  const many = read(D, 'set(ASC_X 1)\n'.repeat(1500), { statements: 1000 });
  assert.match(limitProblems(many)[0].message, /more than 1,000 commands \(`limits\.statements`/);
  const nested = read(D, `if(${'('.repeat(400)}ON${')'.repeat(400)})\nendif()\n`);
  assert.match(nested.problems[0].message, /the condition nests more than 256 levels deep/);
});

test('reading pauses every few milliseconds of work (the steps the server runs between other requests)', () => {
  const text = `${'#define ASC_APP_VALUE_1 1\n'.repeat(5000)}${'int code_line = 0;\n'.repeat(200_000)}`;
  const steps = readConfigSteps(new SourceDocument(H, text));
  let pauses = 0;
  let r = steps.next();
  while (!r.done) {
    pauses++;
    r = steps.next();
  }
  // 5,000 directives (one pause per 1,024) and 3.8 MB of code (one per MiB without a directive).
  assert.ok(pauses >= 7, `${pauses} pauses`);
  assert.equal(r.value.settings.length, 5000);
});
