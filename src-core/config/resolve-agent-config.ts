// From an effective configuration (and nx_user.h) to the numbers and switches the agent model runs from:
// distribution defaults, then the file's values, then the build's dependency rules (docs/agent-facts.md §1.3).
import { optionInfo } from '../catalogue/options';
import { rtosBaseAgentConfig, type AgentConfig } from './agent-config';
import { dependencyRules, sameValue } from './dependency-rules';
import type { EffectiveConfig, OptionValue } from './model';
import { isOn, mergedValues, numberOf, nxDefined } from './option-values';

export interface ForcedValue {
  option: string;
  /** What the defaults and the file gave. */
  from: OptionValue | undefined;
  /** What the dependency rule sets. */
  to: OptionValue;
  /** Rule number in docs/agent-facts.md §1.3. */
  rule: number;
  /** The option (or nx_user.h macro) whose value triggered the rule. */
  cause: string;
  because: string;
}

export interface ResolvedAgentConfig {
  agent: AgentConfig;
  forced: ForcedValue[];
  /** Every agent option's final value, after the rules. */
  values: Map<string, OptionValue | undefined>;
  /** Every agent option's value before the rules (defaults, then the file). */
  written: Map<string, OptionValue | undefined>;
}

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

/** Decision: a numeric option that ends up undefined (the core distribution leaves the state machine's times
 *  unset) takes RTOS_BASE's value, since the RTOS port cannot build without it. */
export function resolveAgentConfig(config: EffectiveConfig, nxUser?: EffectiveConfig): ResolvedAgentConfig {
  const written = mergedValues(config);
  const values = new Map(written);
  const ipv6Disabled = nxDefined('NX_DISABLE_IPV6', config, nxUser) !== undefined;
  const forced: ForcedValue[] = [];
  for (const rule of dependencyRules) {
    // Conditions read the values as written: the build evaluates depends_configuration.cmake in one pass.
    if (!rule.when(written, { ipv6Disabled, config })) continue;
    for (const [option, to] of Object.entries(rule.sets)) {
      const from = values.get(option);
      values.set(option, to);
      if (!sameValue(from, to)) forced.push({ option, from, to, rule: rule.rule, cause: rule.cause, because: rule.because });
    }
  }
  const num = (name: string, dflt: number) => numberOf(values, name) ?? dflt;
  const d = rtosBaseAgentConfig;
  const id = values.get('ASC_SECURITY_MODULE_ID');
  const version = (num('SECURITY_MODULE_VERSION_MAJOR', 0) & 0xff) * 0x1000000 +
    (num('SECURITY_MODULE_VERSION_MINOR', 0) & 0xff) * 0x10000 + (num('SECURITY_MODULE_VERSION_PATCH', 0) & 0xffff);
  const flatccAsserts = !isOn(values, 'FLATCC_NO_ASSERT') && isOn(values, 'FLATCC_ASSERT');
  const agent: AgentConfig = {
    securityModuleId: typeof id === 'string' ? id : d.securityModuleId,
    securityModuleVersion: version,
    pendingTimeSeconds: num('ASC_SECURITY_MODULE_PENDING_TIME', d.pendingTimeSeconds),
    retryTimeSeconds: num('ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', d.retryTimeSeconds),
    firstCollectionIntervalSeconds: num('ASC_FIRST_COLLECTION_INTERVAL', d.firstCollectionIntervalSeconds),
    firstForceCollectionIntervalSeconds: numberOf(values, 'ASC_FIRST_FORCE_COLLECTION_INTERVAL'),
    highPriorityIntervalSeconds: num('ASC_HIGH_PRIORITY_INTERVAL', d.highPriorityIntervalSeconds),
    mediumPriorityIntervalSeconds: num('ASC_MEDIUM_PRIORITY_INTERVAL', d.mediumPriorityIntervalSeconds),
    lowPriorityIntervalSeconds: num('ASC_LOW_PRIORITY_INTERVAL', d.lowPriorityIntervalSeconds),
    heartbeatEnabled: isOn(values, 'ASC_COLLECTOR_HEARTBEAT_ENABLED'),
    systemInformationEnabled: isOn(values, 'ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED'),
    networkActivityEnabled: isOn(values, `${NA}ENABLED`),
    tcpDisabled: isOn(values, `${NA}TCP_DISABLED`),
    udpDisabled: isOn(values, `${NA}UDP_DISABLED`),
    icmpDisabled: isOn(values, `${NA}ICMP_DISABLED`),
    captureUnicastOnly: isOn(values, `${NA}CAPTURE_UNICAST_ONLY`),
    sendEmptyEvents: isOn(values, `${NA}SEND_EMPTY_EVENTS`),
    maxIpv4ObjectsInCache: num(`${NA}MAX_IPV4_OBJECTS_IN_CACHE`, 0),
    maxIpv6ObjectsInCache: num(`${NA}MAX_IPV6_OBJECTS_IN_CACHE`, 0),
    ipv6Disabled,
    // Decision: FlatCC's assert only hangs when it maps to NX_ASSERT and NX_ASSERT is live (§3.11).
    assertsDisabled: nxDefined('NX_DISABLE_ASSERT', config, nxUser) !== undefined || !flatccAsserts,
    dynamicMemoryEnabled: isOn(values, 'ASC_DYNAMIC_MEMORY_ENABLED'),
    osInfo: d.osInfo,
  };
  return { agent, forced, values, written };
}

/** The catalogue entry of a forced option, for messages ("forces X to 0"). */
export function describeForced(f: ForcedValue): string {
  const info = optionInfo(f.option);
  const to = typeof f.to === 'boolean' ? (f.to ? 'ON' : 'OFF') : String(f.to);
  return `the build sets ${info?.name ?? f.option} to ${to} because ${f.because}`;
}
