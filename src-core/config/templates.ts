// Writes asc_config.h and *.dist files in the exact shape NetX Duo ships them (same directive forms,
// #ifndef fallbacks, `/* #undef */` lines, NX_DISABLE_IPV6 block, includes), from option values, so tests
// and the example workspace can produce the shipped RTOS_BASE / L4_BASE / UT files without copying them.
import type { Distribution } from './model';
import { cmakeTruthy } from './readers/cmake-condition';

/** A value as configure_file() sees it: undefined means the CMake variable is not set. Strings are put in
 *  verbatim (`60*5`, `NX_ASSERT`); the template adds quotes where the shipped file has them. */
export type TemplateValue = boolean | number | string | undefined;

/** `#cmakedefine NAME` (bare), `#cmakedefine NAME @NAME@` (value), `#cmakedefine NAME "@NAME@"` (quoted). */
type HeaderLine = string | { name: string; form: 'bare' | 'value' | 'quoted' };

const bare = (name: string): HeaderLine => ({ name, form: 'bare' });
const val = (name: string): HeaderLine => ({ name, form: 'value' });
const fallback = (name: string, value: string): string[] => [`#ifndef ${name}`, `#define ${name} ${value}`, '#endif'];

/** The core template (iot-security-module-core/configs/asc_config.h.in, 2022.07.19-3.5.3 core tag). */
const CORE: HeaderLine[] = [
  '/********************',
  '* Core configuration',
  '*********************/',
  '/* Based on 2022.07.19-3.5.3 core tag */',
  '',
  '/* ID and version */',
  { name: 'ASC_SECURITY_MODULE_ID', form: 'quoted' },
  val('SECURITY_MODULE_VERSION_MAJOR'),
  val('SECURITY_MODULE_VERSION_MINOR'),
  val('SECURITY_MODULE_VERSION_PATCH'),
  ...fallback('SECURITY_MODULE_VERSION_MAJOR', '0'),
  ...fallback('SECURITY_MODULE_VERSION_MINOR', '0'),
  ...fallback('SECURITY_MODULE_VERSION_PATCH', '0'),
  '',
  '/* Collectors definitions */',
  val('ASC_DYNAMIC_COLLECTORS_MAX'),
  ...fallback('ASC_DYNAMIC_COLLECTORS_MAX', '0'),
  bare('ASC_COLLECTOR_HEARTBEAT_ENABLED'),
  '',
  bare('ASC_COLLECTOR_BASELINE_ENABLED'),
  val('ASC_BASELINE_REPORT_POOL_ENTRIES'),
  '',
  bare('ASC_COLLECTOR_LOG_ENABLED'),
  val('ASC_LOG_REPORT_POOL_ENTRIES'),
  '',
  bare('ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED'),
  bare('ASC_COLLECTOR_NETWORK_ACTIVITY_SEND_EMPTY_EVENTS'),
  val('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE'),
  val('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE'),
  ...fallback('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE', '0'),
  ...fallback('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE', '0'),
  '',
  bare('ASC_COLLECTOR_PROCESS_ENABLED'),
  bare('ASC_COLLECTOR_PROCESS_SEND_EMPTY_EVENTS'),
  val('ASC_COLLECTOR_PROCESS_IN_CACHE'),
  ...fallback('ASC_COLLECTOR_PROCESS_IN_CACHE', '0'),
  '',
  bare('ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED'),
  '',
  bare('ASC_COLLECTOR_LISTENING_PORTS_ENABLED'),
  '',
  '/* Components definitions */',
  bare('ASC_DYNAMIC_FACTORY_ENABLED'),
  { name: 'ASC_DYNAMIC_FACTORY_PATH', form: 'quoted' },
  bare('ASC_DYNAMIC_FACTORY_PATH_RUNTIME_SET'),
  val('ASC_DYNAMIC_COMPONENTS_MAX'),
  ...fallback('ASC_DYNAMIC_COMPONENTS_MAX', '0'),
  '',
  bare('ASC_COMPONENT_COMMAND_EXECUTOR'),
  val('ASC_OPERATIONS_POOL_ENTRIES'),
  '',
  bare('ASC_COMPONENT_CONFIGURATION'),
  bare('ASC_COMPONENT_CONFIGURATION_PLAT'),
  '',
  bare('ASC_COMPONENT_SECURITY_MODULE'),
  '',
  '/* Collection definitions */',
  val('ASC_FIRST_COLLECTION_INTERVAL'),
  val('ASC_HIGH_PRIORITY_INTERVAL'),
  val('ASC_MEDIUM_PRIORITY_INTERVAL'),
  val('ASC_LOW_PRIORITY_INTERVAL'),
  '',
  '/* Dynamic/Static memory */',
  bare('ASC_DYNAMIC_MEMORY_ENABLED'),
  '',
  '/* ROM reduce */',
  bare('ASC_COMPONENT_CORE_SUPPORTS_RESTART'),
  bare('ASC_COLLECTORS_INFO_SUPPORT'),
  bare('ASC_LINKED_LIST_NODE_SUPPORT'),
  '',
  '/* Log */',
  '// Highest compiled log level',
  val('ASC_LOG_LEVEL'),
  bare('ASC_TIME_H_SUPPORT'),
  bare('ASC_LOG_TIMESTAMP_DEFAULT'),
  '',
  '/* Notifier definitions */',
  val('ASC_NOTIFIERS_OBJECT_POOL_ENTRIES'),
  '',
  '/* Event loop best effort */',
  bare('ASC_BEST_EFFORT_EVENT_LOOP'),
  val('ASC_BE_TIMERS_OBJECT_POOL_ENTRIES'),
  '',
  '/* Flat buffer serializer */',
  bare('ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR'),
  bare('ASC_FLATCC_JSON_PRINTER_OVERWRITE'),
  val('ASC_EMITTER_PAGE_CACHE_SIZE'),
  bare('FLATCC_NO_ASSERT'),
  '/* FLATCC_ASSERT might be redefined in platform area */',
  val('FLATCC_ASSERT'),
  bare('FLATCC_USE_GENERIC_ALIGNED_ALLOC'),
  val('FLATCC_EMITTER_PAGE_SIZE'),
  '',
  '/* Tests definitions */',
  "// Set ASC_FIRST_FORCE_COLLECTION_INTERVAL to '-1' to force immediatly collecting",
  val('ASC_FIRST_FORCE_COLLECTION_INTERVAL'),
  val('ASC_EXTRA_BE_TIMERS_OBJECT_POOL_ENTRIES'),
  val('ASC_EXTRA_NOTIFIERS_OBJECT_POOL_ENTRIES'),
  val('ASC_EXTRA_COMPONENTS_COUNT'),
  ...fallback('ASC_EXTRA_COMPONENTS_COUNT', '0'),
  val('ASC_EXTRA_COLLECTORS_COUNT'),
  ...fallback('ASC_EXTRA_COLLECTORS_COUNT', '0'),
  '',
  '#define LOOP_ASSERT_FAIL for (;;) { }',
  '#define LOOP_ASSERT(s) if (!(s)) {LOOP_ASSERT_FAIL}',
];

/** The NetX Duo platform template (azure_iot_security_module/configs/asc_config.h.in). */
const PLATFORM: HeaderLine[] = [
  '',
  '/************************',
  '* Platform configuration',
  '*************************/',
  '#ifdef FLATCC_ASSERT',
  '#undef FLATCC_ASSERT',
  '#endif',
  '',
  '#ifndef __ASC_CONFIG_EXCLUDE_PORT__H__',
  '#include "tx_port.h"',
  '#include "nx_port.h"',
  '#include "nx_api.h"',
  '',
  '/* Flat buffer serializer platform */',
  val('FLATCC_ASSERT'),
  '',
  '#endif /* __ASC_CONFIG_EXCLUDE_PORT__H__ */',
  '',
  '/* Security Module pending time, in seconds */',
  val('ASC_SECURITY_MODULE_PENDING_TIME'),
  val('ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME'),
  val('ASC_SECURITY_MODULE_MAX_HUB_DEVICES'),
  ...fallback('ASC_SECURITY_MODULE_MAX_HUB_DEVICES', '64'),
  '',
  '/* Collector network activity. */',
  bare('ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLED'),
  bare('ASC_COLLECTOR_NETWORK_ACTIVITY_UDP_DISABLED'),
  bare('ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED'),
  bare('ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY'),
  '',
  '/* The maximum number of IPv4 network events to store in memory. */',
  '#ifdef NX_DISABLE_IPV6',
  '#undef ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 0',
  '#endif',
];

/** Every option name the header template has a #cmakedefine line for, in file order. */
export const headerTemplateOptions: readonly string[] = [...new Set([...CORE, ...PLATFORM].flatMap((l) => (typeof l === 'string' ? [] : [l.name])))];

/** #cmakedefine: a variable that is unset or false (OFF, 0, empty) becomes `/* #undef NAME *\/`. */
function cmakeTrue(v: TemplateValue): boolean {
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return cmakeTruthy(v);
}

function valueText(v: TemplateValue): string {
  return v === true ? 'ON' : v === false || v === undefined ? 'OFF' : String(v);
}

function headerLine(line: HeaderLine, values: Readonly<Record<string, TemplateValue>>): string {
  if (typeof line === 'string') return line;
  const v = values[line.name];
  if (!cmakeTrue(v)) return `/* #undef ${line.name} */`;
  if (line.form === 'bare') return `#define ${line.name}`;
  if (line.form === 'quoted') return `#define ${line.name} "${valueText(v)}"`;
  return `#define ${line.name} ${valueText(v)}`;
}

export interface HeaderTemplateInput {
  distribution: Exclude<Distribution, 'core'>;
  /** Values after the dist and the dependency rules (what configure_file() sees). */
  values: Readonly<Record<string, TemplateValue>>;
  /** Line break to use; the shipped files use `\n`. */
  eol?: '\n' | '\r\n';
}

/** inc/configs/<dist>/asc_config.h as configure_file() writes it. */
export function generateAscConfigHeader(input: HeaderTemplateInput): string {
  const lines: string[] = [
    '/* Generated by Micro Agent Studio in the shape of the NetX Duo azure_iot_security_module asc_config.h. */',
    '',
    '',
    '#ifdef __cplusplus',
    'extern "C" {',
    '#endif',
    '',
    `/* Distribution ${input.distribution} */`,
    '#ifndef __ASC_CONFIG_H__',
    '#define __ASC_CONFIG_H__',
    '',
    ...CORE.map((l) => headerLine(l, input.values)),
    ...PLATFORM.map((l) => headerLine(l, input.values)),
    '',
    '#endif /* __ASC_CONFIG_H__ */',
    '',
    '#ifdef __cplusplus',
    '}',
    '#endif',
    '',
  ];
  return lines.join(input.eol ?? '\n');
}

/** One line of a dist file: literal text, or a set() whose value can be overridden. */
type DistLine = string | { set: string; value: string };

const s = (name: string, value: string): DistLine => ({ set: name, value });

const BASE_HEADER = ['# set default configuration from specific parent dist'];
const OVERWRITE = ['', '# DIST: overwrite configuration for specific distribution'];

function rtosBase(icmpDisabled: boolean, unicastOnly: boolean): DistLine[] {
  return [
    ...BASE_HEADER,
    'CONF_DEFINE_BASE(${g_core_config_path} base_dist.cmake)',
    ...OVERWRITE,
    s('SECURITY_MODULE_VERSION_MAJOR', '3'),
    s('SECURITY_MODULE_VERSION_MINOR', '5'),
    s('SECURITY_MODULE_VERSION_PATCH', '4'),
    '',
    s('ASC_COMPONENT_CONFIGURATION', 'OFF'),
    '',
    s('ASC_COLLECTOR_HEARTBEAT_ENABLED', 'ON'),
    s('ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED', 'ON'),
    s('ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED', 'ON'),
    '',
    s('ASC_COMPONENT_SECURITY_MODULE', 'ON'),
    '',
    s('ASC_COMPONENT_CORE_SUPPORTS_RESTART', 'OFF'),
    s('ASC_NOTIFIERS_OBJECT_POOL_ENTRIES', '2'),
    s('ASC_LOG_TIMESTAMP_DEFAULT', 'OFF'),
    '',
    s('ASC_BEST_EFFORT_EVENT_LOOP', 'ON'),
    s('ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', '3'),
    s('ASC_SECURITY_MODULE_PENDING_TIME', '60*5'),
    '',
    ...(icmpDisabled ? [s('ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED', 'ON')] : []),
    s('ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY', unicastOnly ? 'ON' : 'OFF'),
    s('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE', '64'),
    s('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE', '64'),
    '',
    'if(ASC_COMPONENT_CORE_SUPPORTS_RESTART)',
    s('ASC_BE_TIMERS_OBJECT_POOL_ENTRIES', '3'),
    'else()',
    s('ASC_BE_TIMERS_OBJECT_POOL_ENTRIES', '2'),
    'endif()',
    s('FLATCC_NO_ASSERT', 'OFF'),
    s('FLATCC_ASSERT', 'NX_ASSERT'),
  ];
}

const DIST_LINES: Record<Distribution, DistLine[]> = {
  core: [
    '',
    'if(ASC_COLLECTOR_BASELINE_ENABLED)',
    '  ' + 'set(ASC_BASELINE_REPORT_POOL_ENTRIES 100)',
    'endif()',
    '',
    'if(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED)',
    '  ' + 'set(ASC_COLLECTOR_NETWORK_ACTIVITY_SEND_EMPTY_EVENTS OFF)',
    '  ' + 'set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 64)',
    '  ' + 'set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 64)',
    'endif()',
    '',
    'if(ASC_COLLECTOR_PROCESS_ENABLED)',
    '  ' + 'set(ASC_COLLECTOR_PROCESS_SEND_EMPTY_EVENTS OFF)',
    '  ' + 'set(ASC_COLLECTOR_PROCESS_IN_CACHE 32)',
    'endif()',
    '',
    'if(ASC_COMPONENT_COMMAND_EXECUTOR)',
    '  ' + 'set(ASC_OPERATIONS_POOL_ENTRIES 50)',
    'endif()',
    '',
    s('ASC_COMPONENT_CONFIGURATION_PLAT', 'OFF'),
    s('ASC_FIRST_COLLECTION_INTERVAL', '30'),
    s('ASC_HIGH_PRIORITY_INTERVAL', '10'),
    s('ASC_MEDIUM_PRIORITY_INTERVAL', '30'),
    s('ASC_LOW_PRIORITY_INTERVAL', '60'),
    '',
    'if(NOT ASC_DYNAMIC_MEMORY_ENABLED)',
    '  ' + 'set(ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR ON)',
    '  ' + 'set(ASC_EMITTER_PAGE_CACHE_SIZE 1)',
    'else()',
    '  ' + 'set(FLATCC_EMITTER_PAGE_SIZE 14016)',
    'endif()',
    '',
    s('FLATCC_NO_ASSERT', 'ON'),
    s('FLATCC_USE_GENERIC_ALIGNED_ALLOC', 'ON'),
    s('ASC_FLATCC_JSON_PRINTER_OVERWRITE', 'OFF'),
    s('ASC_COMPONENT_CORE_SUPPORTS_RESTART', 'ON'),
  ],
  RTOS_BASE: rtosBase(false, true),
  // L4_BASE.dist is not in the stored sources; its differences from RTOS_BASE are those of the shipped
  // L4_BASE/asc_config.h (ICMP off, broadcast/multicast captured). The rest follows RTOS_BASE.dist.
  L4_BASE: rtosBase(true, false),
  RTOS_BASE_UT: [
    ...BASE_HEADER,
    'CONF_DEFINE_BASE(${g_plat_config_path} RTOS_BASE.dist)',
    ...OVERWRITE,
    s('ASC_FIRST_FORCE_COLLECTION_INTERVAL', '2'),
    s('ASC_EXTRA_NOTIFIERS_OBJECT_POOL_ENTRIES', '1'),
    s('ASC_SECURITY_MODULE_MAX_HUB_DEVICES', '128'),
    s('ASC_FLATCC_JSON_PRINTER_OVERWRITE', 'ON'),
    s('FLATCC_NO_ASSERT', 'OFF'),
    'if (NOT DEFINED log_level_cmdline)',
    '    set(ASC_LOG_LEVEL 0)',
    'endif()',
    s('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE', '4'),
    s('ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE', '4'),
    'set(run_unittests ON CACHE BOOL "set run_unittests to ON to run unittests (default is OFF)")',
    'set(run_coverage ON CACHE BOOL "set run_unittests to ON to run unittests (default is OFF)")',
  ],
};

/** How a value is written in set(): ON/OFF, a number, a bare token or expression, else a quoted string. */
export function distValueText(v: Exclude<TemplateValue, undefined>): string {
  if (v === true) return 'ON';
  if (v === false) return 'OFF';
  if (typeof v === 'number') return String(v);
  if (v.length > 0 && /^[A-Za-z0-9_*+\-/()<>|&~^%.]+$/.test(v)) return v;
  return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** `<dist>.dist` (or base_dist.cmake for 'core') as shipped, with `overrides` applied: a value replaces the
 *  one in every set() of that name, `null` removes those set() lines, a new name is appended at the end. */
export function generateDist(distribution: Distribution, overrides: Readonly<Record<string, TemplateValue | null>> = {}, eol: '\n' | '\r\n' = '\n'): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of DIST_LINES[distribution]) {
    if (typeof line === 'string') {
      out.push(line);
      continue;
    }
    seen.add(line.set);
    const o = Object.prototype.hasOwnProperty.call(overrides, line.set) ? overrides[line.set] : undefined;
    if (o === null) continue;
    out.push(`set(${line.set} ${o === undefined ? line.value : distValueText(o)})`);
  }
  const added = Object.entries(overrides).filter(([k, v]) => !seen.has(k) && v !== null && v !== undefined);
  if (added.length) {
    out.push('', '# project overrides');
    for (const [k, v] of added) out.push(`set(${k} ${distValueText(v as Exclude<TemplateValue, undefined>)})`);
  }
  return out.join(eol) + eol;
}
