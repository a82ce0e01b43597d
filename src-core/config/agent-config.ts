// The agent's behaviour-relevant configuration as plain numbers and switches, after defaults and the
// build's dependency rules are applied. The agent model (simulator) runs from this.

export interface AgentConfig {
  securityModuleId: string;
  /** Packed (MAJOR<<24)|(MINOR<<16)|PATCH, docs/agent-facts.md §0.1. */
  securityModuleVersion: number;
  /** Seconds in PENDING (no hub) before SUSPENDED (docs/agent-facts.md §3.1). */
  pendingTimeSeconds: number;
  /** Poll / resend period of the state machine, seconds. */
  retryTimeSeconds: number;
  firstCollectionIntervalSeconds: number;
  /** ASC_FIRST_FORCE_COLLECTION_INTERVAL when defined: <0 collect at once, >=0 after that many seconds. */
  firstForceCollectionIntervalSeconds: number | undefined;
  highPriorityIntervalSeconds: number;
  mediumPriorityIntervalSeconds: number;
  lowPriorityIntervalSeconds: number;
  heartbeatEnabled: boolean;
  systemInformationEnabled: boolean;
  networkActivityEnabled: boolean;
  tcpDisabled: boolean;
  udpDisabled: boolean;
  icmpDisabled: boolean;
  captureUnicastOnly: boolean;
  sendEmptyEvents: boolean;
  maxIpv4ObjectsInCache: number;
  maxIpv6ObjectsInCache: number;
  /** NX_DISABLE_IPV6 from nx_user.h: no IPv6 capture code at all. */
  ipv6Disabled: boolean;
  /** NX_DISABLE_ASSERT: an oversize message is dropped instead of hanging the agent's thread (§3.11). */
  assertsDisabled: boolean;
  dynamicMemoryEnabled: boolean;
  /** FLATCC_EMITTER_PAGE_SIZE when the configuration sets it by hand; absent: derived from the caches (§3.9). */
  emitterPageSize?: number;
  /** THREADX_MAJOR/MINOR as sent in SystemInformation.os_info ("Azure RTOS 6.2"). */
  osInfo: string;
}

/** RTOS_BASE as shipped in NetX Duo 6.2.0 (docs/agent-facts.md §1.2). */
export const rtosBaseAgentConfig: Readonly<AgentConfig> = Object.freeze({
  securityModuleId: 'defender-iot-micro-agent',
  securityModuleVersion: 0x03050004,
  pendingTimeSeconds: 300,
  retryTimeSeconds: 3,
  firstCollectionIntervalSeconds: 30,
  firstForceCollectionIntervalSeconds: undefined,
  highPriorityIntervalSeconds: 10,
  mediumPriorityIntervalSeconds: 30,
  lowPriorityIntervalSeconds: 60,
  heartbeatEnabled: true,
  systemInformationEnabled: true,
  networkActivityEnabled: true,
  tcpDisabled: false,
  udpDisabled: false,
  icmpDisabled: false,
  captureUnicastOnly: true,
  sendEmptyEvents: false,
  maxIpv4ObjectsInCache: 64,
  maxIpv6ObjectsInCache: 64,
  ipv6Disabled: false,
  assertsDisabled: false,
  dynamicMemoryEnabled: false,
  osInfo: 'Azure RTOS 6.2',
});
