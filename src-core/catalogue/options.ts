// The option catalogue: every compile-time option of the agent and the NetX Duo macros it depends on,
// as data. Hover, completion, the config rules, resolveAgentConfig and docs/configuration.md all read it.
import type { Distribution, OptionValue } from '../config/model';
import { agentOptions } from './options-agent';
import { netxOptions } from './options-netx';

export type OptionType = 'bool' | 'int' | 'string' | 'expr';
export type OptionUnit = 'seconds' | 'count' | 'bytes' | 'level' | 'version';
export type OptionGroup = 'identity' | 'scheduling' | 'collectors' | 'network' | 'advanced' | 'netx';
/** Where the option is set: the agent's asc_config.h / *.dist, nx_user.h, or NetX Duo's CMake. */
export type OptionHome = 'asc' | 'nx_user' | 'cmake';

export interface OptionInfo {
  name: string;
  type: OptionType;
  unit?: OptionUnit;
  group: OptionGroup;
  home: OptionHome;
  /** Value per distribution; `undefined` = not defined (a switch OFF is `false`). L4_BASE and
   *  RTOS_BASE_UT are given only where they differ from RTOS_BASE. */
  defaults: { core: OptionValue | undefined; RTOS_BASE: OptionValue | undefined; L4_BASE?: OptionValue; RTOS_BASE_UT?: OptionValue };
  /** base_dist.cmake sets this only inside `if(<its collector or component>)`, which is off in core: the
   *  value it gets there when a distribution turns the feature on before CONF_DEFINE_BASE runs. */
  coreWhenEnabled?: OptionValue;
  /** What the code uses when the macro is not defined (`#ifndef X #define X ...` fallbacks). */
  fallback?: OptionValue;
  /** Allowed values of a number (inclusive), all integral; `maxWhy` says what in the agent sets the maximum. */
  range?: { min?: number; max?: number; maxWhy?: string };
  /** What the option does, in short (docs/agent-facts.md). */
  meaning: string;
  /** Whether the RTOS port has code behind the option (false: no source files exist for it). */
  implemented: boolean;
  /** The source files the core's CMakeLists.txt adds when the option is on, which NetX Duo's copy of the
   *  agent does not contain (paths under iot-security-module-core/): turning it on breaks the build
   *  (agent facts §1.6). */
  missingSources?: string[];
  /** Computed by the build from other options (setting it by hand is unusual). */
  derived?: boolean;
  /** A unit-test hook, not meant for products. */
  testHook?: boolean;
  /** DOC-HOWTO: "Other configurations flags are advanced, and have unsupported features". */
  advanced: boolean;
  /** Reference section and the upstream files the facts come from. */
  source: { section: string; files: string[] };
}

export const optionCatalogue: readonly OptionInfo[] = [...agentOptions, ...netxOptions];

const byName = new Map(optionCatalogue.map((o) => [o.name, o]));

export function optionInfo(name: string): OptionInfo | undefined {
  return byName.get(name);
}

export function isKnownOption(name: string): boolean {
  return byName.has(name);
}

/** Options set in the agent's own configuration files (asc_config.h, *.dist). */
export function agentConfigOptions(): OptionInfo[] {
  return optionCatalogue.filter((o) => o.home === 'asc');
}

/** The shipped value of an option in a distribution (`undefined` = not defined there). */
export function defaultFor(info: OptionInfo, dist: Distribution): OptionValue | undefined {
  const d = info.defaults;
  if (dist === 'core') return d.core;
  if (dist === 'L4_BASE' && 'L4_BASE' in d) return d.L4_BASE;
  if (dist === 'RTOS_BASE_UT' && 'RTOS_BASE_UT' in d) return d.RTOS_BASE_UT;
  return d.RTOS_BASE;
}

/** How a value reads in the docs and hovers: ON/OFF for switches, numbers as numbers, strings quoted. */
export function formatValue(info: OptionInfo | undefined, v: OptionValue | undefined): string {
  if (v === undefined) return info?.type === 'bool' ? 'OFF' : 'undefined';
  if (typeof v === 'boolean') return info?.type === 'bool' || !info ? (v ? 'ON' : 'OFF') : v ? 'defined' : 'undefined';
  if (typeof v === 'string') return info?.type === 'string' ? JSON.stringify(v) : v;
  return String(v);
}

/** Legacy names (NetX Duo 6.1-6.1.4 and the 2020 docs) and the names that replaced them (§1.4). */
export const renamedOptions: Readonly<Record<string, string>> = {
  COLLECTOR_HEARTBEAT_ENABLED: 'ASC_COLLECTOR_HEARTBEAT_ENABLED',
  COLLECTOR_NETWORK_ACTIVITY_ENABLED: 'ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED',
  COLLECTOR_SYSTEM_INFORMATION_ENABLED: 'ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED',
  collector_heartbeat_enabled: 'ASC_COLLECTOR_HEARTBEAT_ENABLED',
  collector_network_activity_enabled: 'ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED',
  collector_system_information_enabled: 'ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED',
};
