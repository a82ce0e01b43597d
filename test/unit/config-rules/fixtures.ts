// Small in-memory configuration files for the config-rule tests, read with the project's own readers.
import { readConfig } from '../../../src-core/config/read-config';
import type { EffectiveConfig, OptionValue } from '../../../src-core/config/model';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultFor, optionCatalogue } from '../../../src-core/catalogue/options';
import { runConfigRules } from '../../../src-core/config/rules';
import type { Diagnostic } from '../../../src-core/language/types';

export const HEADER = '/proj/inc/configs/RTOS_BASE/asc_config.h';
export const DIST = '/proj/configs/RTOS_BASE.dist';
export const NX_USER = '/proj/nx_user.h';

/** The shipped RTOS_BASE header without its closing `#endif` (tests add lines before it). */
export const rtosBaseHeaderBody = [
  '#ifndef ASC_CONFIG_H',
  '#define ASC_CONFIG_H',
  '#define ASC_SECURITY_MODULE_ID "defender-iot-micro-agent"',
  '#define SECURITY_MODULE_VERSION_MAJOR 3',
  '#define SECURITY_MODULE_VERSION_MINOR 5',
  '#define SECURITY_MODULE_VERSION_PATCH 4',
  '#define ASC_COLLECTOR_HEARTBEAT_ENABLED',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED',
  '/* #undef ASC_COLLECTOR_NETWORK_ACTIVITY_SEND_EMPTY_EVENTS */',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 64',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 64',
  '/* #undef ASC_COLLECTOR_BASELINE_ENABLED */',
  '#define ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED',
  '#define ASC_COMPONENT_SECURITY_MODULE',
  '#define ASC_FIRST_COLLECTION_INTERVAL 30',
  '#define ASC_HIGH_PRIORITY_INTERVAL 10',
  '#define ASC_MEDIUM_PRIORITY_INTERVAL 30',
  '#define ASC_LOW_PRIORITY_INTERVAL 60',
  '#define ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR',
  '#define ASC_EMITTER_PAGE_CACHE_SIZE 1',
  '#define FLATCC_USE_GENERIC_ALIGNED_ALLOC',
  '#define ASC_NOTIFIERS_OBJECT_POOL_ENTRIES 2',
  '#define ASC_BEST_EFFORT_EVENT_LOOP',
  '#define ASC_SECURITY_MODULE_PENDING_TIME 60*5',
  '#define ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME 3',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY',
  '#define ASC_BE_TIMERS_OBJECT_POOL_ENTRIES 2',
  '#define FLATCC_ASSERT NX_ASSERT',
  '#ifdef NX_DISABLE_IPV6',
  '#undef ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 0',
  '#endif',
  '#define LOOP_ASSERT_FAIL for(;;){}',
  '',
].join('\n');

export const rtosBaseHeader = rtosBaseHeaderBody + '#endif\n';

/** The shipped RTOS_BASE.dist. */
export const rtosBaseDist = [
  'CONF_DEFINE_BASE(${g_core_config_path} base_dist.cmake)',
  'set(SECURITY_MODULE_VERSION_MAJOR 3)',
  'set(SECURITY_MODULE_VERSION_MINOR 5)',
  'set(SECURITY_MODULE_VERSION_PATCH 4)',
  'set(ASC_COMPONENT_CONFIGURATION OFF)',
  'set(ASC_COLLECTOR_HEARTBEAT_ENABLED ON)',
  'set(ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED ON)',
  'set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED ON)',
  'set(ASC_COMPONENT_SECURITY_MODULE ON)',
  'set(ASC_COMPONENT_CORE_SUPPORTS_RESTART OFF)',
  'set(ASC_NOTIFIERS_OBJECT_POOL_ENTRIES 2)',
  'set(ASC_LOG_TIMESTAMP_DEFAULT OFF)',
  'set(ASC_BEST_EFFORT_EVENT_LOOP ON)',
  'set(ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME 3)',
  'set(ASC_SECURITY_MODULE_PENDING_TIME 60*5)',
  'set(ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY ON)',
  'set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 64)',
  'set(ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 64)',
  'if(ASC_COMPONENT_CORE_SUPPORTS_RESTART)',
  'set(ASC_BE_TIMERS_OBJECT_POOL_ENTRIES 3)',
  'else()',
  'set(ASC_BE_TIMERS_OBJECT_POOL_ENTRIES 2)',
  'endif()',
  'set(FLATCC_NO_ASSERT OFF)',
  'set(FLATCC_ASSERT NX_ASSERT)',
  '',
].join('\n');

export const goodNxUser = '#define NX_ENABLE_IP_PACKET_FILTER\n#define NXD_MQTT_CLOUD_ENABLE\n#define NX_SECURE_ENABLE\n';

/** The catalogue's defaults of a distribution, as the dist reader wants them for CONF_DEFINE_BASE. */
export function catalogueDefaults(dist: Parameters<typeof defaultFor>[1]): Map<string, OptionValue> {
  const m = new Map<string, OptionValue>();
  for (const o of optionCatalogue) {
    const v = defaultFor(o, dist);
    if (o.home === 'asc' && v !== undefined) m.set(o.name, v);
  }
  return m;
}

export function nxUser(text: string): EffectiveConfig {
  return readConfig(new SourceDocument(NX_USER, text));
}

export function header(text: string, nx?: string): { config: EffectiveConfig; nx?: EffectiveConfig } {
  const nxConfig = nx === undefined ? undefined : nxUser(nx);
  return { config: readConfig(new SourceDocument(HEADER, text), { nxUser: nxConfig }), nx: nxConfig };
}

export function dist(text: string, nx?: string): { config: EffectiveConfig; nx?: EffectiveConfig } {
  return { config: readConfig(new SourceDocument(DIST, text), { baseDefaults: catalogueDefaults }), nx: nx === undefined ? undefined : nxUser(nx) };
}

/** Diagnostics of the rules (reader problems included) for a header with the given extra lines. */
export function checkHeader(extra: string, nx: string | undefined = goodNxUser): Diagnostic[] {
  const { config, nx: n } = header(rtosBaseHeaderBody + extra + '\n#endif\n', nx);
  return [...config.problems, ...runConfigRules(config, n)];
}

export function checkDist(extra: string, nx: string | undefined = goodNxUser): Diagnostic[] {
  const { config, nx: n } = dist(rtosBaseDist + extra + '\n', nx);
  return [...config.problems, ...runConfigRules(config, n)];
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => d.code);
}

export function only(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

/** MA114's note on the shipped caches (a busy cycle of UDP records both ways can overflow the page): information,
 *  or a hint with asserts off. Tests about other rules leave it out; message-size.test.ts checks it. */
export function isUdpPageNote(d: Diagnostic): boolean {
  return d.code === 'MA114' && (d.severity === 'information' || d.severity === 'hint');
}

export function withoutUdpNote(diags: Diagnostic[]): Diagnostic[] {
  return diags.filter((d) => !isUdpPageNote(d));
}
