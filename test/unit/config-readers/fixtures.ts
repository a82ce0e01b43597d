// Option values of the shipped distributions as configure_file() sees them (agent facts §1.2), kept here
// until the option catalogue provides them; the templates turn them into the shipped files.
import type { TemplateValue } from '../../../src-core/config/templates';
import { SourceDocument } from '../../../src-core/language/document';
import { readConfig, type ReadConfigOptions } from '../../../src-core/config/read-config';
import type { EffectiveConfig, OptionValue } from '../../../src-core/config/model';

export const RTOS_BASE_VALUES: Readonly<Record<string, TemplateValue>> = {
  ASC_SECURITY_MODULE_ID: 'defender-iot-micro-agent',
  SECURITY_MODULE_VERSION_MAJOR: 3,
  SECURITY_MODULE_VERSION_MINOR: 5,
  SECURITY_MODULE_VERSION_PATCH: 4,
  ASC_COLLECTOR_HEARTBEAT_ENABLED: true,
  ASC_COLLECTOR_BASELINE_ENABLED: false,
  ASC_BASELINE_REPORT_POOL_ENTRIES: 0,
  ASC_COLLECTOR_LOG_ENABLED: false,
  ASC_LOG_REPORT_POOL_ENTRIES: 0,
  ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED: true,
  ASC_COLLECTOR_NETWORK_ACTIVITY_SEND_EMPTY_EVENTS: false,
  ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE: 64,
  ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE: 64,
  ASC_COLLECTOR_PROCESS_ENABLED: false,
  ASC_COLLECTOR_PROCESS_IN_CACHE: 0,
  ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED: true,
  ASC_COMPONENT_CONFIGURATION: false,
  ASC_COMPONENT_CONFIGURATION_PLAT: false,
  ASC_COMPONENT_SECURITY_MODULE: true,
  ASC_FIRST_COLLECTION_INTERVAL: 30,
  ASC_HIGH_PRIORITY_INTERVAL: 10,
  ASC_MEDIUM_PRIORITY_INTERVAL: 30,
  ASC_LOW_PRIORITY_INTERVAL: 60,
  ASC_DYNAMIC_MEMORY_ENABLED: false,
  ASC_COMPONENT_CORE_SUPPORTS_RESTART: false,
  ASC_LOG_TIMESTAMP_DEFAULT: false,
  ASC_NOTIFIERS_OBJECT_POOL_ENTRIES: 2,
  ASC_BEST_EFFORT_EVENT_LOOP: true,
  ASC_BE_TIMERS_OBJECT_POOL_ENTRIES: 2,
  ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR: true,
  ASC_FLATCC_JSON_PRINTER_OVERWRITE: false,
  ASC_EMITTER_PAGE_CACHE_SIZE: 1,
  FLATCC_NO_ASSERT: false,
  FLATCC_ASSERT: 'NX_ASSERT',
  FLATCC_USE_GENERIC_ALIGNED_ALLOC: true,
  ASC_SECURITY_MODULE_PENDING_TIME: '60*5',
  ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME: 3,
  ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY: true,
};

export const L4_BASE_VALUES: Readonly<Record<string, TemplateValue>> = {
  ...RTOS_BASE_VALUES,
  ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED: true,
  ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY: false,
};

export const RTOS_BASE_UT_VALUES: Readonly<Record<string, TemplateValue>> = {
  ...RTOS_BASE_VALUES,
  ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE: 4,
  ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE: 4,
  ASC_FLATCC_JSON_PRINTER_OVERWRITE: true,
  FLATCC_ASSERT: undefined,
  ASC_FIRST_FORCE_COLLECTION_INTERVAL: 2,
  ASC_EXTRA_NOTIFIERS_OBJECT_POOL_ENTRIES: 1,
  ASC_SECURITY_MODULE_MAX_HUB_DEVICES: 128,
  ASC_LOG_LEVEL: 0,
};

export function read(path: string, text: string, options?: ReadConfigOptions): EffectiveConfig {
  return readConfig(new SourceDocument(path, text), options);
}

/** The effective value of an option (undefined when no setting is in effect). */
export function value(cfg: EffectiveConfig, name: string): OptionValue | undefined {
  return cfg.effective.get(name)?.value;
}

/** Problem messages, for assertion failure output that says what went wrong. */
export function problemText(cfg: EffectiveConfig): string {
  return cfg.problems.map((p) => p.message).join('\n');
}

/** Line (0-based) of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const k = text.indexOf(needle);
  if (k < 0) throw new Error(`${needle} not in text`);
  return text.slice(0, k).split('\n').length - 1;
}
