import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemText, read, value } from './fixtures';

const H = '/p/asc_config.h';
const clean = (text: string) => {
  const cfg = read(H, text);
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  return cfg;
};

test('bare #define is true, #undef is false, and a /* #undef X */ comment is recorded as cmake-undef false', () => {
  const cfg = clean('#define ASC_A\n#define ASC_B\n#undef ASC_B\n/* #undef ASC_C */\n');
  assert.equal(value(cfg, 'ASC_A'), true);
  assert.equal(value(cfg, 'ASC_B'), false);
  assert.equal(cfg.effective.get('ASC_B')!.via, 'undef');
  assert.equal(cfg.effective.get('ASC_C')!.via, 'cmake-undef');
  assert.equal(value(cfg, 'ASC_C'), false);
});

test('a /* #undef X */ comment after #define X does not undefine it (it is only a comment)', () => {
  const cfg = clean('#define ASC_X 5\n/* #undef ASC_X */\n#ifdef ASC_X\n#define ASC_SEEN\n#endif\n');
  assert.equal(value(cfg, 'ASC_X'), 5);
  assert.equal(value(cfg, 'ASC_SEEN'), true);
  assert.equal(cfg.settings.filter((s) => s.name === 'ASC_X').length, 2);
});

test('prose comments mentioning #undef and commented-out defines are not settings; commented defines are recorded', () => {
  const cfg = clean('/* #undef ASC_X because it is slow */\n/* #define NX_DISABLE_IPV6 */\n// #define ASC_Y 1\n');
  assert.equal(cfg.settings.length, 0);
  const commented = (cfg.directives ?? []).filter((d) => d.kind === 'commented-define');
  assert.deepEqual(commented.map((d) => d.name), ['NX_DISABLE_IPV6']);
  assert.deepEqual(commented[0].nameRange, { start: { line: 1, character: 11 }, end: { line: 1, character: 26 } });
});

test('integer expressions: parentheses, shifts, hex, octal, binary, suffixes, unary and ternary operators', () => {
  const cfg = clean([
    '#define ASC_A 60*5',
    '#define ASC_B (1<<4)',
    '#define ASC_C 0x1F',
    '#define ASC_D 010',
    '#define ASC_E 64U',
    '#define ASC_F 100UL',
    '#define ASC_G -1',
    '#define ASC_H (~0 & 0xFF)',
    '#define ASC_I (1 ? 7 : 8)',
    '#define ASC_J (!0 + (3 > 2) + (2 == 2))',
    "#define ASC_K 'A'",
    '#define ASC_L 0b101',
    '#define ASC_M (10 % 3) - 7 / 2',
    '',
  ].join('\n'));
  const expected: Record<string, number> = { ASC_A: 300, ASC_B: 16, ASC_C: 31, ASC_D: 8, ASC_E: 64, ASC_F: 100, ASC_G: -1, ASC_H: 255, ASC_I: 7, ASC_J: 3, ASC_K: 65, ASC_L: 5, ASC_M: -2 };
  for (const [k, v] of Object.entries(expected)) assert.equal(value(cfg, k), v, k);
});

test('unsigned arithmetic wraps as in C: 0U - 1 > 0', () => {
  const cfg = clean('#if 0U - 1 > 0\n#define ASC_WRAP\n#endif\n#if -1 > 0\n#define ASC_SIGNED\n#endif\n');
  assert.equal(value(cfg, 'ASC_WRAP'), true);
  assert.equal(cfg.effective.has('ASC_SIGNED'), false);
});

test('string literals (and adjacent ones) are string values', () => {
  const cfg = clean('#define ASC_SECURITY_MODULE_ID "my-\\"agent\\""\n#define ASC_P "a" "b"\n');
  assert.equal(value(cfg, 'ASC_SECURITY_MODULE_ID'), 'my-"agent"');
  assert.equal(value(cfg, 'ASC_P'), 'ab');
});

test('macros defined earlier, later in the file, or in nx_user.h are expanded in values', () => {
  const nxUser = read('/p/nx_user.h', '#define NX_BASE 10\n');
  const cfg = read(H, '#define ASC_A (ASC_B * 2)\n#define ASC_B 21\n#define ASC_C (NX_BASE + 1)\n#define ASC_D ((uint32_t)5)\n', { nxUser });
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(value(cfg, 'ASC_A'), 42);
  assert.equal(value(cfg, 'ASC_C'), 11);
  assert.equal(value(cfg, 'ASC_D'), 5);
  assert.ok(cfg.externalMacros.has('NX_BASE'));
});

test('a value naming a macro nobody defines is recorded with an unknown value and no problem', () => {
  const cfg = clean('#define FLATCC_ASSERT NX_ASSERT\n#define ASC_X (SOME_PLATFORM_MAX + 1)\n');
  assert.equal(value(cfg, 'FLATCC_ASSERT'), undefined);
  assert.equal(cfg.effective.get('ASC_X')!.rawValue, '(SOME_PLATFORM_MAX + 1)');
});

test('line continuations and comments inside a directive: value and ranges stay exact', () => {
  const text = '#define ASC_A \\\n  (60 * /* minutes */ 5)\n#define ASC_B 3 // trailing\n';
  const cfg = clean(text);
  const a = cfg.effective.get('ASC_A')!;
  assert.equal(a.value, 300);
  assert.equal(a.rawValue, '(60 * 5)');
  assert.deepEqual(a.valueRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 24 } });
  assert.equal(a.statementRange.end.line, 1);
  assert.equal(value(cfg, 'ASC_B'), 3);
});

test('a multi-line /* */ comment hides the directives inside it', () => {
  const cfg = clean('/*\n#define ASC_HIDDEN 1\n*/\n#define ASC_SHOWN 2\n');
  assert.equal(cfg.effective.has('ASC_HIDDEN'), false);
  assert.equal(value(cfg, 'ASC_SHOWN'), 2);
});

test('#if / #elif / #else / #endif with defined(X), defined X and undefined identifiers as 0', () => {
  const cfg = clean([
    '#define ASC_ON',
    '#if defined(ASC_ON) && !defined ASC_OFF',
    '#define ASC_R1 1',
    '#else',
    '#define ASC_R1 2',
    '#endif',
    '#if UNKNOWN_THING',
    '#define ASC_R2 1',
    '#elif ASC_LEVEL_NOT_SET == 0',
    '#define ASC_R2 2',
    '#elif 1',
    '#define ASC_R2 3',
    '#endif',
    '',
  ].join('\n'));
  assert.equal(value(cfg, 'ASC_R1'), 1);
  assert.equal(value(cfg, 'ASC_R2'), 2);
  const r2 = cfg.settings.filter((s) => s.name === 'ASC_R2');
  assert.deepEqual(r2.map((s) => s.active), [false, true, false]);
});

test('#ifndef X / #define X 0 fallback applies only when X is not defined', () => {
  const cfg = clean('/* #undef ASC_A */\n#ifndef ASC_A\n#define ASC_A 0\n#endif\n#define ASC_B 7\n#ifndef ASC_B\n#define ASC_B 0\n#endif\n');
  assert.equal(value(cfg, 'ASC_A'), 0);
  assert.equal(cfg.effective.get('ASC_A')!.via, 'define');
  assert.equal(value(cfg, 'ASC_B'), 7);
});

test('nested groups inside a group not taken stay inactive, whatever their own condition', () => {
  const cfg = clean('#if 0\n#if 1\n#define ASC_A 1\n#else\n#define ASC_A 2\n#endif\n#endif\n');
  assert.deepEqual(cfg.settings.map((s) => s.active), [false, false]);
  assert.equal(cfg.effective.has('ASC_A'), false);
});

test('a #if condition is not evaluated in a skipped group (no error for 1/0 there), nor after && short-circuits', () => {
  clean('#if 0\n#if 1/0\n#endif\n#endif\n#if 0 && (1/0)\n#endif\n#if 1 || (1/0)\n#endif\n');
});

test('function-like macros are recorded and not evaluated', () => {
  const cfg = clean('#define ASC_MAX(a, b) ((a) > (b) ? (a) : (b))\n#define ASC_NOT_FN (1)\n');
  const fn = cfg.effective.get('ASC_MAX')!;
  assert.equal(fn.functionLike, true);
  assert.equal(fn.value, undefined);
  assert.equal(value(cfg, 'ASC_NOT_FN'), 1);
});

test('C code outside directives (extern "C" {, strings with /*) does not disturb reading', () => {
  const cfg = clean('#ifdef __cplusplus\nextern "C" {\n#endif\nstatic const char *s = "/* not a comment";\n#define ASC_A 1\n');
  assert.equal(value(cfg, 'ASC_A'), 1);
});

test('CRLF line endings give the same values and ranges on the right lines', () => {
  const cfg = clean('#define ASC_A 1\r\n#ifndef ASC_B\r\n#define ASC_B 60*5\r\n#endif\r\n');
  assert.equal(value(cfg, 'ASC_B'), 300);
  assert.equal(cfg.effective.get('ASC_B')!.nameRange.start.line, 2);
});

test('#include is recorded with its argument and not followed; #pragma and #cmakedefine are recorded', () => {
  const cfg = clean('#include "tx_port.h"\n#include <nx_api.h>\n#pragma once\n#cmakedefine ASC_X @ASC_X@\n');
  const d = cfg.directives ?? [];
  assert.deepEqual(d.filter((x) => x.kind === 'include').map((x) => x.text), ['"tx_port.h"', '<nx_api.h>']);
  assert.equal(d.filter((x) => x.kind === 'pragma').length, 1);
  assert.equal(d.filter((x) => x.kind === 'cmakedefine')[0].name, 'ASC_X');
});

test('nx_user.h: the include guard is honoured and commented-out defines are not definitions', () => {
  const text = [
    '#ifndef NX_USER_H',
    '#define NX_USER_H',
    '/* Define various build options for the NetX Duo port. */',
    '/* #define NX_DISABLE_IPV6 */',
    '#define NX_ENABLE_IP_PACKET_FILTER',
    '#define NX_SECURE_ENABLE',
    '/*',
    '#define NX_AZURE_DISABLE_IOT_SECURITY_MODULE',
    '*/',
    '#endif',
    '',
  ].join('\n');
  const cfg = read('/p/nx_user.h', text);
  assert.equal(cfg.kind, 'nx_user');
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(value(cfg, 'NX_ENABLE_IP_PACKET_FILTER'), true);
  assert.equal(value(cfg, 'NX_SECURE_ENABLE'), true);
  assert.equal(cfg.effective.has('NX_DISABLE_IPV6'), false);
  assert.equal(cfg.effective.has('NX_AZURE_DISABLE_IOT_SECURITY_MODULE'), false);
  // The same header read with the guard already defined takes nothing.
  const header = read(H, '#define ASC_A 1\n#ifdef NX_DISABLE_IPV6\n#define ASC_V6 0\n#endif\n', { nxUser: cfg });
  assert.equal(header.effective.has('ASC_V6'), false);
});

test('the distribution comes from the option, the path, the /* Distribution X */ comment, else RTOS_BASE', () => {
  assert.equal(read('/x/asc_config.h', '/* Distribution L4_BASE */\n#define ASC_A\n').distribution, 'L4_BASE');
  assert.equal(read('/x/inc/configs/RTOS_BASE_UT/asc_config.h', '#define ASC_A\n').distribution, 'RTOS_BASE_UT');
  assert.equal(read('/x/asc_config.h', '#define ASC_A\n').distribution, 'RTOS_BASE');
  assert.equal(read('/x/inc/configs/L4_BASE/asc_config.h', '', { distribution: 'core' }).distribution, 'core');
});
