import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, value } from './fixtures';

const H = '/p/asc_config.h';

function onlyProblem(text: string, re: RegExp, line: number) {
  const cfg = read(H, text);
  assert.equal(cfg.problems.length, 1, cfg.problems.map((p) => p.message).join('\n'));
  const p = cfg.problems[0];
  assert.equal(p.code, 'MA100');
  assert.equal(p.file, H);
  assert.match(p.message, re);
  assert.match(p.message, new RegExp(`^asc_config\\.h:${line + 1}:`));
  assert.equal(p.range.start.line, line);
  return cfg;
}

test('an #endif without #if is a problem and reading goes on', () => {
  const cfg = onlyProblem('#define ASC_A 1\n#endif\n#define ASC_B 2\n', /#endif without a matching #if/, 1);
  assert.equal(cfg.problems[0].severity, 'error');
  assert.equal(value(cfg, 'ASC_B'), 2);
});

test('an #if never closed is a problem at the #if, naming its line', () => {
  onlyProblem('#define ASC_A 1\n#ifdef ASC_A\n#define ASC_B 2\n', /#ifdef at line 2 has no matching #endif/, 1);
});

test('an #else after #else is a problem', () => {
  onlyProblem('#if 1\n#else\n#else\n#endif\n', /second #else/, 2);
});

test('an #elif after #else is a problem', () => {
  onlyProblem('#if 0\n#else\n#elif 1\n#endif\n', /#elif after #else/, 2);
});

test('an #else without #if is a problem', () => {
  onlyProblem('#else\n', /#else without a matching #if/, 0);
});

test('an #if expression that does not parse is a problem at the expression; the group counts as not taken', () => {
  const cfg = onlyProblem('#if (1 +\n#define ASC_A 1\n#endif\n#define ASC_B 2\n', /#if condition: expression ends too early/, 0);
  assert.equal(cfg.effective.has('ASC_A'), false);
  assert.equal(value(cfg, 'ASC_B'), 2);
});

test('an #if with no condition is a problem', () => {
  onlyProblem('#if\n#endif\n', /#if has no condition/, 0);
});

test('division by zero in #if is a problem', () => {
  onlyProblem('#if 10 / (5 - 5)\n#endif\n', /division by zero/, 0);
});

test('division by zero in a #define value is a problem and the value stays unknown', () => {
  const cfg = onlyProblem('#define ASC_HIGH_PRIORITY_INTERVAL (10 % 0)\n', /value of ASC_HIGH_PRIORITY_INTERVAL .*division by zero/, 0);
  assert.equal(value(cfg, 'ASC_HIGH_PRIORITY_INTERVAL'), undefined);
});

test('a #define value of numbers and operators that does not parse is a problem', () => {
  const cfg = onlyProblem('#define ASC_LOW_PRIORITY_INTERVAL 60 *\n', /value of ASC_LOW_PRIORITY_INTERVAL/, 0);
  assert.equal(cfg.effective.get('ASC_LOW_PRIORITY_INTERVAL')!.rawValue, '60 *');
});

test('a float is not an integer constant in #if', () => {
  onlyProblem('#if 1.5\n#endif\n', /not an integer constant/, 0);
});

test('#define without a name is a problem', () => {
  onlyProblem('#define\n#define 5 6\n'.split('\n').slice(0, 1).join('\n') + '\n', /#define needs a macro name/, 0);
});

test('an unclosed /* comment is a problem at its start', () => {
  onlyProblem('#define ASC_A 1\n/* never closed\n#define ASC_B 2\n', /comment is not closed/, 1);
});

test('an unclosed string literal in a directive is a problem', () => {
  onlyProblem('#define ASC_SECURITY_MODULE_ID "abc\n', /string literal is not closed/, 0);
});

test('an unknown directive in a group that is taken is a problem; in a skipped group it is not', () => {
  onlyProblem('#defne ASC_A 1\n#if 0\n#bogus\n#endif\n', /unknown preprocessor directive #defne/, 0);
});

test('#error in a group that is taken is a problem; in a skipped group it is not', () => {
  onlyProblem('#ifndef ASC_A\n#error "ASC_A needed"\n#endif\n#if 0\n#error no\n#endif\n', /#error .*ASC_A needed/, 1);
});

test('a function-like macro called in #if is a warning, not evaluated', () => {
  const cfg = onlyProblem('#define ASC_F(x) (x)\n#if ASC_F(1)\n#define ASC_A\n#endif\n', /function-like macro ASC_F\(\) is not evaluated/, 1);
  assert.equal(cfg.problems[0].severity, 'warning');
  assert.equal(cfg.effective.has('ASC_A'), false);
});

test('a self-referencing macro does not loop forever; an #if on one is warned about (it counts as 0)', () => {
  const cfg = read(H, '#define ASC_A ASC_A + 1\n#if ASC_A\n#endif\n#define ASC_B ASC_C\n#define ASC_C ASC_B\n#if ASC_B\n#endif\n');
  assert.deepEqual(cfg.problems.map((p) => `${p.severity} ${p.message}`), [
    'warning asc_config.h:2:5: #if condition: `ASC_A` expands to itself (`ASC_A` -> `ASC_A`), so it counts as 0',
    'warning asc_config.h:6:5: #if condition: `ASC_B` expands to itself (`ASC_B` -> `ASC_C` -> `ASC_B`), so it counts as 0',
  ]);
  assert.equal(value(cfg, 'ASC_A'), undefined);
  assert.deepEqual(cfg.effective.get('ASC_A')?.valueIssue?.recursive, ['ASC_A', 'ASC_A']);
});

test('several problems in one file are all reported, in order, and the valid rest is still read', () => {
  const cfg = read(H, '#endif\n#define ASC_A 1/0\n#if (\n#endif\n#define ASC_OK 9\n#else\n');
  assert.deepEqual(cfg.problems.map((p) => p.range.start.line), [0, 1, 2, 5]);
  assert.equal(value(cfg, 'ASC_OK'), 9);
});
