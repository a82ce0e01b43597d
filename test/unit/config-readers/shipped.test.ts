import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateAscConfigHeader, generateDist } from '../../../src-core/config/templates';
import { L4_BASE_VALUES, RTOS_BASE_UT_VALUES, RTOS_BASE_VALUES, lineOf, problemText, read, value } from './fixtures';

const rtosHeader = generateAscConfigHeader({ distribution: 'RTOS_BASE', values: RTOS_BASE_VALUES });
const RTOS_HEADER_PATH = '/p/addons/azure_iot/azure_iot_security_module/inc/configs/RTOS_BASE/asc_config.h';
const nxUserDisablingIpv6 = read('/p/nx_user.h', '#ifndef NX_USER_H\n#define NX_USER_H\n#define NX_DISABLE_IPV6\n#define NX_ENABLE_IP_PACKET_FILTER\n#endif\n');

test('generated RTOS_BASE asc_config.h reads without a single problem', () => {
  const cfg = read(RTOS_HEADER_PATH, rtosHeader);
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(cfg.kind, 'header');
  assert.equal(cfg.distribution, 'RTOS_BASE');
});

test('RTOS_BASE header: PENDING_TIME written as 60*5 evaluates to 300 and keeps its text and place', () => {
  const cfg = read(RTOS_HEADER_PATH, rtosHeader);
  const s = cfg.effective.get('ASC_SECURITY_MODULE_PENDING_TIME')!;
  assert.equal(s.value, 300);
  assert.equal(s.rawValue, '60*5');
  const line = lineOf(rtosHeader, '#define ASC_SECURITY_MODULE_PENDING_TIME');
  assert.deepEqual(s.nameRange, { start: { line, character: 8 }, end: { line, character: 8 + 'ASC_SECURITY_MODULE_PENDING_TIME'.length } });
  assert.deepEqual(s.valueRange, { start: { line, character: 41 }, end: { line, character: 45 } });
});

test('RTOS_BASE header: switches, numbers, strings and cmake /* #undef */ lines get their effective values', () => {
  const cfg = read(RTOS_HEADER_PATH, rtosHeader);
  assert.equal(value(cfg, 'ASC_COLLECTOR_HEARTBEAT_ENABLED'), true);
  assert.equal(value(cfg, 'ASC_SECURITY_MODULE_ID'), 'defender-iot-micro-agent');
  assert.equal(value(cfg, 'SECURITY_MODULE_VERSION_PATCH'), 4);
  assert.equal(value(cfg, 'ASC_HIGH_PRIORITY_INTERVAL'), 10);
  assert.equal(value(cfg, 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE'), 64);
  assert.equal(value(cfg, 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE'), 64);
  assert.equal(value(cfg, 'ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLED'), false);
  assert.equal(cfg.effective.get('ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLED')!.via, 'cmake-undef');
  assert.equal(value(cfg, 'ASC_LOG_LEVEL'), false);
  // /* #undef */ then the #ifndef fallback: the fallback is what the compiler sees.
  const hub = cfg.effective.get('ASC_SECURITY_MODULE_MAX_HUB_DEVICES')!;
  assert.equal(hub.via, 'define');
  assert.equal(hub.value, 64);
  assert.equal(value(cfg, 'ASC_COLLECTOR_PROCESS_IN_CACHE'), 0);
  // FLATCC_ASSERT names a NetX macro this file cannot see: recorded, value unknown, no problem.
  assert.equal(cfg.effective.get('FLATCC_ASSERT')!.rawValue, 'NX_ASSERT');
  assert.equal(value(cfg, 'FLATCC_ASSERT'), undefined);
});

test('RTOS_BASE header: the #ifndef fallbacks not taken are kept as inactive settings', () => {
  const cfg = read(RTOS_HEADER_PATH, rtosHeader);
  const majors = cfg.settings.filter((s) => s.name === 'SECURITY_MODULE_VERSION_MAJOR');
  assert.deepEqual(majors.map((s) => [s.value, s.active]), [[3, true], [0, false]]);
  assert.equal(value(cfg, 'SECURITY_MODULE_VERSION_MAJOR'), 3);
  assert.ok((cfg.inactiveRanges ?? []).length > 0);
});

test('RTOS_BASE header: includes are recorded, not followed; LOOP_ASSERT is a function-like macro, not evaluated', () => {
  const cfg = read(RTOS_HEADER_PATH, rtosHeader);
  const includes = (cfg.directives ?? []).filter((d) => d.kind === 'include').map((d) => d.text);
  assert.deepEqual(includes, ['"tx_port.h"', '"nx_port.h"', '"nx_api.h"']);
  const loop = cfg.effective.get('LOOP_ASSERT')!;
  assert.equal(loop.functionLike, true);
  assert.equal(loop.value, undefined);
  assert.equal(cfg.effective.get('LOOP_ASSERT_FAIL')!.value, undefined);
});

test('RTOS_BASE header with an nx_user.h defining NX_DISABLE_IPV6: the IPv6 cache is 0 and the macro is reported as used', () => {
  const cfg = read(RTOS_HEADER_PATH, rtosHeader, { nxUser: nxUserDisablingIpv6 });
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  const v6 = cfg.effective.get('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE')!;
  assert.equal(v6.value, 0);
  // The last one: the same text also appears as the #ifndef fallback near the top.
  const blockLine = rtosHeader.slice(0, rtosHeader.lastIndexOf('#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 0')).split('\n').length - 1;
  assert.equal(v6.statementRange.start.line, blockLine);
  assert.ok(blockLine > lineOf(rtosHeader, '#ifdef NX_DISABLE_IPV6'));
  assert.equal(value(cfg, 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE'), 64);
  assert.equal(cfg.externalMacros.get('NX_DISABLE_IPV6')?.file, '/p/nx_user.h');
  assert.equal(cfg.externalMacros.has('NX_ENABLE_IP_PACKET_FILTER'), false);
});

test('generated L4_BASE and RTOS_BASE_UT headers read without problems and with their own values', () => {
  const l4 = read('/p/inc/configs/L4_BASE/asc_config.h', generateAscConfigHeader({ distribution: 'L4_BASE', values: L4_BASE_VALUES }));
  assert.equal(l4.problems.length, 0, problemText(l4));
  assert.equal(l4.distribution, 'L4_BASE');
  assert.equal(value(l4, 'ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED'), true);
  assert.equal(value(l4, 'ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY'), false);
  const utText = generateAscConfigHeader({ distribution: 'RTOS_BASE_UT', values: RTOS_BASE_UT_VALUES });
  const ut = read('/p/inc/configs/RTOS_BASE_UT/asc_config.h', utText);
  assert.equal(ut.problems.length, 0, problemText(ut));
  assert.equal(value(ut, 'ASC_SECURITY_MODULE_MAX_HUB_DEVICES'), 128);
  assert.equal(value(ut, 'ASC_FIRST_FORCE_COLLECTION_INTERVAL'), 2);
  assert.equal(value(ut, 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE'), 4);
  // ASC_LOG_LEVEL 0 goes through #cmakedefine as /* #undef */, as in the shipped UT header.
  assert.match(utText, /\/\* #undef ASC_LOG_LEVEL \*\//);
  assert.equal(ut.effective.get('FLATCC_ASSERT')!.via, 'cmake-undef');
});

test('the header template keeps the shipped shape: fallbacks, the NX_DISABLE_IPV6 block, the include guard', () => {
  const lines = rtosHeader.split('\n');
  const at = (s: string) => lines.indexOf(s);
  assert.ok(at('/* #undef ASC_SECURITY_MODULE_MAX_HUB_DEVICES */') >= 0);
  assert.equal(lines[at('/* #undef ASC_SECURITY_MODULE_MAX_HUB_DEVICES */') + 1], '#ifndef ASC_SECURITY_MODULE_MAX_HUB_DEVICES');
  const block = at('#ifdef NX_DISABLE_IPV6');
  assert.deepEqual(lines.slice(block, block + 4), [
    '#ifdef NX_DISABLE_IPV6',
    '#undef ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE',
    '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 0',
    '#endif',
  ]);
  assert.ok(at('#define ASC_SECURITY_MODULE_PENDING_TIME 60*5') > at('#include "nx_api.h"'));
  assert.ok(at('#ifndef __ASC_CONFIG_H__') < at('/* ID and version */'));
  assert.equal(lines.filter((l) => l === '#define FLATCC_ASSERT NX_ASSERT').length, 2);
});

test('generated RTOS_BASE.dist reads without problems: 60*5 is 300, the if/else picks 2 timers, base is core', () => {
  const text = generateDist('RTOS_BASE');
  const cfg = read('/p/configs/RTOS_BASE.dist', text);
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(cfg.kind, 'dist');
  assert.equal(cfg.distribution, 'RTOS_BASE');
  assert.equal(cfg.base, 'core');
  assert.equal(value(cfg, 'ASC_SECURITY_MODULE_PENDING_TIME'), 300);
  assert.equal(cfg.effective.get('ASC_SECURITY_MODULE_PENDING_TIME')!.rawValue, '60*5');
  assert.equal(value(cfg, 'ASC_COMPONENT_CONFIGURATION'), false);
  assert.equal(value(cfg, 'ASC_COLLECTOR_HEARTBEAT_ENABLED'), true);
  assert.equal(value(cfg, 'FLATCC_ASSERT'), 'NX_ASSERT');
  const timers = cfg.settings.filter((s) => s.name === 'ASC_BE_TIMERS_OBJECT_POOL_ENTRIES');
  assert.deepEqual(timers.map((s) => [s.value, s.active]), [[3, false], [2, true]]);
  assert.equal(value(cfg, 'ASC_BE_TIMERS_OBJECT_POOL_ENTRIES'), 2);
});

test('generated base_dist.cmake (core) reads without problems; if() on unset options is false', () => {
  const cfg = read('/p/iot-security-module-core/configs/base_dist.cmake', generateDist('core'));
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(cfg.distribution, 'core');
  const v4 = cfg.settings.find((s) => s.name === 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE')!;
  assert.equal(v4.active, false);
  assert.equal(value(cfg, 'ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR'), true);
  assert.equal(cfg.settings.find((s) => s.name === 'FLATCC_EMITTER_PAGE_SIZE')!.active, false);
  assert.equal(value(cfg, 'ASC_LOW_PRIORITY_INTERVAL'), 60);
});

test('generated RTOS_BASE_UT.dist reads without problems: NOT DEFINED log_level_cmdline sets ASC_LOG_LEVEL 0, CACHE sets', () => {
  const rtos = read('/p/configs/RTOS_BASE.dist', generateDist('RTOS_BASE'));
  const defaults = new Map([...rtos.effective].map(([k, s]) => [k, s.value!]));
  const cfg = read('/p/configs/RTOS_BASE_UT.dist', generateDist('RTOS_BASE_UT'), { baseDefaults: (b) => (b === 'RTOS_BASE' ? defaults : undefined) });
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(cfg.base, 'RTOS_BASE');
  assert.equal(value(cfg, 'ASC_LOG_LEVEL'), 0);
  assert.equal(cfg.effective.get('ASC_LOG_LEVEL')!.active, true);
  assert.equal(value(cfg, 'run_unittests'), true);
  assert.equal(value(cfg, 'ASC_SECURITY_MODULE_MAX_HUB_DEVICES'), 128);
});

test('generated L4_BASE.dist reads without problems: ICMP off, unicast-only off', () => {
  const cfg = read('/p/configs/L4_BASE.dist', generateDist('L4_BASE'));
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(value(cfg, 'ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED'), true);
  assert.equal(value(cfg, 'ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY'), false);
});

test('dist overrides replace values in place, remove lines with null and append new options', () => {
  const text = generateDist('RTOS_BASE', { ASC_HIGH_PRIORITY_INTERVAL: 20, ASC_SECURITY_MODULE_PENDING_TIME: '60*10', ASC_COMPONENT_CONFIGURATION: null, ASC_SECURITY_MODULE_ID: 'my agent' });
  const cfg = read('/p/RTOS_BASE.dist', text);
  assert.equal(cfg.problems.length, 0, problemText(cfg));
  assert.equal(value(cfg, 'ASC_SECURITY_MODULE_PENDING_TIME'), 600);
  assert.equal(value(cfg, 'ASC_HIGH_PRIORITY_INTERVAL'), 20);
  assert.equal(cfg.effective.has('ASC_COMPONENT_CONFIGURATION'), false);
  assert.equal(value(cfg, 'ASC_SECURITY_MODULE_ID'), 'my agent');
  assert.match(text, /set\(ASC_SECURITY_MODULE_ID "my agent"\)/);
});
