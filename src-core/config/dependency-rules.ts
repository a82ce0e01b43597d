// The build's dependency rules (docs/agent-facts.md §1.3: depends_configuration.cmake, RTOS_BASE.dist, the platform
// asc_config.h.in) as data: when a condition holds, the build replaces some options' values.
import type { EffectiveConfig, OptionValue } from './model';
import { isOn } from './option-values';

export interface DependencyRule {
  /** Rule number in docs/agent-facts.md §1.3. */
  rule: number;
  /** The condition, said the way a message ends: "because <because>". */
  because: string;
  /** The option whose value decides, for messages and related locations. */
  cause: string;
  when(values: Map<string, OptionValue | undefined>, ctx: { ipv6Disabled: boolean; config: EffectiveConfig }): boolean;
  sets: Record<string, OptionValue>;
}

const off = (name: string) => (v: Map<string, OptionValue | undefined>) => !isOn(v, name);
const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

export const dependencyRules: readonly DependencyRule[] = [
  { rule: 1, cause: 'ASC_COMPONENT_CONFIGURATION', because: 'the configuration component is off', when: off('ASC_COMPONENT_CONFIGURATION'),
    sets: { ASC_COMPONENT_CONFIGURATION_PLAT: false } },
  { rule: 2, cause: 'ASC_COMPONENT_COMMAND_EXECUTOR', because: 'the command executor is off', when: off('ASC_COMPONENT_COMMAND_EXECUTOR'),
    sets: { ASC_OPERATIONS_POOL_ENTRIES: 0, ASC_COMPONENT_CONFIGURATION_PLAT: false } },
  { rule: 3, cause: 'ASC_COLLECTOR_BASELINE_ENABLED', because: 'the baseline collector is off', when: off('ASC_COLLECTOR_BASELINE_ENABLED'),
    sets: { ASC_BASELINE_REPORT_POOL_ENTRIES: 0, ASC_COMPONENT_BASELINE_PLAT: false } },
  { rule: 4, cause: 'ASC_COLLECTOR_LOG_ENABLED', because: 'the log collector is off', when: off('ASC_COLLECTOR_LOG_ENABLED'),
    sets: { ASC_LOG_REPORT_POOL_ENTRIES: 0 } },
  { rule: 5, cause: `${NA}ENABLED`, because: 'the network activity collector is off', when: off(`${NA}ENABLED`),
    sets: { [`${NA}SEND_EMPTY_EVENTS`]: false, [`${NA}MAX_IPV4_OBJECTS_IN_CACHE`]: 0, [`${NA}MAX_IPV6_OBJECTS_IN_CACHE`]: 0 } },
  { rule: 6, cause: 'ASC_COLLECTOR_PROCESS_ENABLED', because: 'the process collector is off', when: off('ASC_COLLECTOR_PROCESS_ENABLED'),
    sets: { ASC_COLLECTOR_PROCESS_SEND_EMPTY_EVENTS: false, ASC_COLLECTOR_PROCESS_IN_CACHE: 0, ASC_COLLECTOR_PROCESS_MODE_AGGREGATED_DISABLE: false } },
  { rule: 7, cause: 'ASC_DYNAMIC_FACTORY_ENABLED', because: 'the dynamic factory is off', when: off('ASC_DYNAMIC_FACTORY_ENABLED'),
    sets: { ASC_DYNAMIC_COMPONENTS_MAX: 0, ASC_DYNAMIC_COLLECTORS_MAX: 0, ASC_DYNAMIC_FACTORY_PATH: false, ASC_DYNAMIC_FACTORY_PATH_RUNTIME_SET: false } },
  { rule: 8, cause: 'FLATCC_NO_ASSERT', because: 'FLATCC_NO_ASSERT is on', when: (v) => isOn(v, 'FLATCC_NO_ASSERT'),
    sets: { FLATCC_ASSERT: false } },
  { rule: 9, cause: 'ASC_DYNAMIC_MEMORY_ENABLED', because: 'dynamic memory is off', when: off('ASC_DYNAMIC_MEMORY_ENABLED'),
    sets: { ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR: true, ASC_EMITTER_PAGE_CACHE_SIZE: 1 } },
  { rule: 9, cause: 'ASC_DYNAMIC_MEMORY_ENABLED', because: 'dynamic memory is on', when: (v) => isOn(v, 'ASC_DYNAMIC_MEMORY_ENABLED'),
    sets: { FLATCC_EMITTER_PAGE_SIZE: 14016 } },
  // RTOS_BASE.dist's own if/else; the core distribution has no such rule.
  { rule: 10, cause: 'ASC_COMPONENT_CORE_SUPPORTS_RESTART', because: 'restart support is on (one more timer)',
    when: (v, c) => c.config.distribution !== 'core' && isOn(v, 'ASC_COMPONENT_CORE_SUPPORTS_RESTART'), sets: { ASC_BE_TIMERS_OBJECT_POOL_ENTRIES: 3 } },
  { rule: 10, cause: 'ASC_COMPONENT_CORE_SUPPORTS_RESTART', because: 'restart support is off',
    when: (v, c) => c.config.distribution !== 'core' && !isOn(v, 'ASC_COMPONENT_CORE_SUPPORTS_RESTART'), sets: { ASC_BE_TIMERS_OBJECT_POOL_ENTRIES: 2 } },
  { rule: 11, cause: 'NX_DISABLE_IPV6', because: 'nx_user.h defines NX_DISABLE_IPV6', when: (_v, c) => c.ipv6Disabled,
    sets: { [`${NA}MAX_IPV6_OBJECTS_IN_CACHE`]: 0 } },
];

/** Equal as the build sees them: OFF and not defined are the same for switches, 0 and not defined for counts. */
export function sameValue(a: OptionValue | undefined, b: OptionValue | undefined): boolean {
  const norm = (x: OptionValue | undefined) => (x === undefined || x === false ? false : x === true ? true : x);
  const na = norm(a);
  const nb = norm(b);
  if (na === nb) return true;
  return (na === false && nb === 0) || (na === 0 && nb === false);
}
