import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemText, read, value } from './fixtures';

const D = '/p/configs/RTOS_BASE.dist';
const clean = (text: string, options?: Parameters<typeof read>[2]) => {
  const cfg = read(D, text, options);
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  return cfg;
};

test('set() values: ON/OFF/TRUE/FALSE/YES/NO, numbers, expressions, quoted strings, bare tokens', () => {
  const cfg = clean([
    'set(ASC_A ON)', 'set(ASC_B OFF)', 'set(ASC_C TRUE)', 'set(ASC_D false)', 'set(ASC_E yes)', 'set(ASC_F NO)',
    'set(ASC_G 64)', 'set(ASC_H 60*5)', 'set(ASC_I (1<<4))', 'set(ASC_J "defender-iot-micro-agent")', 'set(FLATCC_ASSERT NX_ASSERT)',
    'set(ASC_K 0)', 'set(ASC_L -1)', '',
  ].join('\n'));
  const expected: Record<string, unknown> = {
    ASC_A: true, ASC_B: false, ASC_C: true, ASC_D: false, ASC_E: true, ASC_F: false, ASC_G: 64, ASC_H: 300,
    ASC_J: 'defender-iot-micro-agent', FLATCC_ASSERT: 'NX_ASSERT', ASC_K: 0, ASC_L: -1,
  };
  for (const [k, v] of Object.entries(expected)) assert.equal(value(cfg, k), v, k);
  assert.equal(cfg.effective.get('ASC_J')!.rawValue, '"defender-iot-micro-agent"');
});

test('parentheses in a set() value are separate CMake arguments: (1<<4) becomes the list "(;1<<4;)", as CMake writes it', () => {
  const cfg = clean('set(ASC_I (1<<4))\nset(ASC_Q "(1<<4)")\n');
  assert.equal(value(cfg, 'ASC_I'), '(;1<<4;)');
  assert.equal(cfg.effective.get('ASC_I')!.rawValue, '(1<<4)');
  assert.equal(value(cfg, 'ASC_Q'), '(1<<4)');
});

test('set() keeps exact ranges for name, value and statement', () => {
  const cfg = clean('# comment\n  set(ASC_HIGH_PRIORITY_INTERVAL   20)\n');
  const s = cfg.effective.get('ASC_HIGH_PRIORITY_INTERVAL')!;
  assert.deepEqual(s.nameRange, { start: { line: 1, character: 6 }, end: { line: 1, character: 32 } });
  assert.deepEqual(s.valueRange, { start: { line: 1, character: 35 }, end: { line: 1, character: 37 } });
  assert.deepEqual(s.statementRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 38 } });
  assert.equal(s.via, 'set');
});

test('command names are case-insensitive and arguments may span lines with comments between them', () => {
  const cfg = clean('SET(\n  ASC_A # the option\n  42\n)\nIf(ASC_A)\n  Set(ASC_B ON)\nENDIF()\n');
  assert.equal(value(cfg, 'ASC_A'), 42);
  assert.equal(value(cfg, 'ASC_B'), true);
});

test('#[[ ]] and #[==[ ]==] bracket comments are skipped, even over several lines', () => {
  const cfg = clean('#[[\nset(ASC_HIDDEN ON)\n]]\n#[==[ set(ASC_HIDDEN2 ON) ]] still ]==]\nset(ASC_SHOWN ON)\n');
  assert.deepEqual([...cfg.effective.keys()], ['ASC_SHOWN']);
});

test('if(NAME) / if(NOT NAME) / if(A AND B) / elseif() / else() over options set earlier', () => {
  const cfg = clean([
    'set(ASC_A ON)', 'set(ASC_B OFF)',
    'if(ASC_A AND ASC_B)', 'set(ASC_R 1)', 'elseif(NOT ASC_B)', 'set(ASC_R 2)', 'else()', 'set(ASC_R 3)', 'endif()',
    'if(ASC_UNSET)', 'set(ASC_S 1)', 'endif()',
    'if((ASC_A OR ASC_B) AND NOT (ASC_B))', 'set(ASC_T ON)', 'endif()',
    'if(NOT DEFINED ASC_UNSET AND DEFINED ASC_A)', 'set(ASC_U ON)', 'endif()',
    'set(ASC_N 5)', 'if(ASC_N GREATER 4 AND ASC_N EQUAL 5)', 'set(ASC_V ON)', 'endif()',
    '',
  ].join('\n'));
  assert.equal(value(cfg, 'ASC_R'), 2);
  assert.deepEqual(cfg.settings.filter((s) => s.name === 'ASC_R').map((s) => s.active), [false, true, false]);
  assert.equal(cfg.effective.has('ASC_S'), false);
  assert.equal(value(cfg, 'ASC_T'), true);
  assert.equal(value(cfg, 'ASC_U'), true);
  assert.equal(value(cfg, 'ASC_V'), true);
});

test('a variable set to 0 or OFF is false in if(); a non-empty token is true', () => {
  const cfg = clean('set(ASC_Z 0)\nset(ASC_T NX_ASSERT)\nif(ASC_Z)\nset(ASC_A ON)\nendif()\nif(ASC_T)\nset(ASC_B ON)\nendif()\n');
  assert.equal(cfg.effective.has('ASC_A'), false);
  assert.equal(value(cfg, 'ASC_B'), true);
});

test('CONF_DEFINE_BASE is recorded as via base and seeds if() with the base values the caller supplies', () => {
  const base = new Map([['ASC_COMPONENT_CORE_SUPPORTS_RESTART', true as const]]);
  const text = 'CONF_DEFINE_BASE(${g_core_config_path} base_dist.cmake)\nif(ASC_COMPONENT_CORE_SUPPORTS_RESTART)\nset(ASC_BE_TIMERS_OBJECT_POOL_ENTRIES 3)\nelse()\nset(ASC_BE_TIMERS_OBJECT_POOL_ENTRIES 2)\nendif()\n';
  const withBase = clean(text, { baseDefaults: (b) => (b === 'core' ? base : undefined) });
  assert.equal(withBase.base, 'core');
  assert.equal(value(withBase, 'ASC_BE_TIMERS_OBJECT_POOL_ENTRIES'), 3);
  const b = withBase.settings[0];
  assert.equal(b.via, 'base');
  assert.equal(b.value, 'core');
  assert.equal(b.rawValue, 'base_dist.cmake');
  assert.equal(withBase.effective.has('CONF_DEFINE_BASE'), false);
  assert.equal(value(clean(text), 'ASC_BE_TIMERS_OBJECT_POOL_ENTRIES'), 2);
});

test('unknown commands (CONF_CREATE_DIST, message) are recorded and ignored, not errors', () => {
  const cfg = clean('CONF_CREATE_DIST()\nmessage(STATUS "hello")\nset(ASC_A ON)\n');
  assert.deepEqual((cfg.directives ?? []).map((d) => d.name), ['CONF_CREATE_DIST', 'message']);
});

test('set() with CACHE or PARENT_SCOPE takes only the value; set(X) and unset(X) turn it off; ${} is expanded', () => {
  const cfg = clean('set(ASC_A ON CACHE BOOL "doc")\nset(ASC_B 7 PARENT_SCOPE)\nset(ASC_C ON)\nset(ASC_C)\nset(ASC_D ON)\nunset(ASC_D)\nset(ASC_E ${ASC_B})\nset(ASC_F "${ASC_B}0")\n');
  assert.equal(value(cfg, 'ASC_A'), true);
  assert.equal(value(cfg, 'ASC_B'), 7);
  assert.equal(value(cfg, 'ASC_C'), false);
  assert.equal(cfg.effective.get('ASC_D')!.via, 'undef');
  assert.equal(value(cfg, 'ASC_E'), 7);
  assert.equal(value(cfg, 'ASC_F'), '70');
});

test('option() sets a switch only when the variable is not set yet', () => {
  const cfg = clean('option(ASC_A "doc" ON)\nset(ASC_B OFF)\noption(ASC_B "doc" ON)\noption(ASC_C "doc")\n');
  assert.equal(value(cfg, 'ASC_A'), true);
  assert.equal(value(cfg, 'ASC_B'), false);
  assert.equal(value(cfg, 'ASC_C'), false);
});

function onlyProblem(text: string, re: RegExp, line: number) {
  const cfg = read(D, text);
  assert.equal(cfg.problems.length, 1, problemText(cfg));
  const p = cfg.problems[0];
  assert.equal(p.code, 'MA100');
  assert.match(p.message, re);
  assert.match(p.message, new RegExp(`^RTOS_BASE\\.dist:${line + 1}:`));
  assert.equal(p.range.start.line, line);
  return cfg;
}

test('problem: endif() without if()', () => {
  const cfg = onlyProblem('set(ASC_A ON)\nendif()\nset(ASC_B ON)\n', /endif\(\) without a matching if\(\)/, 1);
  assert.equal(value(cfg, 'ASC_B'), true);
});

test('problem: if() never closed', () => {
  onlyProblem('set(ASC_A ON)\nif(ASC_A)\nset(ASC_B ON)\n', /if\(\) at line 2 has no matching endif\(\)/, 1);
});

test('problem: a second else()', () => {
  onlyProblem('if(ASC_A)\nelse()\nelse()\nendif()\n', /second else\(\)/, 2);
});

test('problem: a command whose ( is never closed; what came before is kept', () => {
  const cfg = onlyProblem('set(ASC_A ON)\nset(ASC_B ON\n', /set\( is not closed/, 1);
  assert.equal(value(cfg, 'ASC_A'), true);
});

test('problem: an unclosed quoted argument', () => {
  onlyProblem('set(ASC_A ON)\nset(ASC_ID "abc)\n', /quoted argument is not closed/, 1);
});

test('problem: an unclosed bracket comment', () => {
  onlyProblem('set(ASC_A ON)\n#[[ never\n', /bracket comment/, 1);
});

test('problem: text that is not a command', () => {
  const cfg = onlyProblem('set(ASC_A ON)\n= nonsense\nset(ASC_B ON)\n', /expected a CMake command/, 1);
  assert.equal(value(cfg, 'ASC_B'), true);
});

test('problem: an if() condition that cannot be evaluated counts as false', () => {
  const cfg = onlyProblem('if(ASC_A AND)\nset(ASC_B ON)\nendif()\n', /if\(\) condition: condition ends too early/, 0);
  assert.equal(cfg.effective.has('ASC_B'), false);
});

test('problem: division by zero in a set() expression, placed on the operator', () => {
  const cfg = onlyProblem('set(ASC_HIGH_PRIORITY_INTERVAL 10/0)\n', /division by zero/, 0);
  assert.equal(cfg.problems[0].range.start.character, 33);
  assert.equal(value(cfg, 'ASC_HIGH_PRIORITY_INTERVAL'), undefined);
});
