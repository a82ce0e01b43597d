// The agent's own options (asc_config.h / *.dist), from docs/agent-facts.md §1.2; read through catalogue/options.ts.
import type { OptionInfo } from './options';

const BASE = 'iot-security-module-core/configs/base_dist.cmake';
const RTOS = 'configs/RTOS_BASE.dist';
const L4 = 'configs/L4_BASE.dist';
const UT = 'configs/RTOS_BASE_UT.dist';
const CORE_IN = 'iot-security-module-core/configs/asc_config.h.in';
const PLAT_IN = 'configs/asc_config.h.in';
const DEPS = 'iot-security-module-core/configs/depends_configuration.cmake';
const ASM = 'nx_azure_iot_security_module.c';

type Entry = Omit<OptionInfo, 'home' | 'advanced' | 'implemented' | 'source'> &
  EntryExtras & { files: string[]; section?: string };
interface EntryExtras { advanced?: boolean; implemented?: boolean }

function o(p: Entry): OptionInfo {
  const { files, section, ...rest } = p;
  return { ...rest, home: 'asc', advanced: p.advanced ?? false, implemented: p.implemented ?? true,
    source: { section: section ?? '§1.2', files } };
}
/** Intervals and times are uint32 seconds in the agent (`g_collector_collections_intervals`, `Event.collection_interval`,
 *  its ULONG clock): a larger value is cut by the compiler and, in the simulation, would stall its clock. */
export const MAX_AGENT_SECONDS = 4_294_967_295;
const UINT32_SECONDS = 'the agent keeps it as uint32 seconds, at most about 136 years: the compiler cuts a larger value';
/** core.c `_init_random_collect_offset` computes `2 * ASC_FIRST_COLLECTION_INTERVAL` in int (32 bits on the MCUs). */
export const MAX_FIRST_COLLECTION_SECONDS = 1_073_741_823;
const sec = (min = 1) => ({ type: 'int' as const, unit: 'seconds' as const, range: { min, max: MAX_AGENT_SECONDS, maxWhy: UINT32_SECONDS } });
const count = (min = 0) => ({ type: 'int' as const, unit: 'count' as const, range: { min } });
const adv = { group: 'advanced' as const, advanced: true };
/** An option the RTOS port has no code for (§1.5): no source files under ASM/src or CORE/src. */
const missing = { implemented: false };
/** An option whose source files the core's CMakeLists.txt adds, but NetX Duo's copy lacks (§1.6). */
const breaksBuild = (...files: string[]) => ({ implemented: false, missingSources: files.map((f) => `src/${f}`), section: '§1.2, §1.6' });
const CORE_CMAKE = 'iot-security-module-core/CMakeLists.txt';

export const agentOptions: OptionInfo[] = [
  // Identity / general
  o({ name: 'ASC_SECURITY_MODULE_ID', type: 'string', group: 'identity', defaults: { core: 'defender-iot-micro-agent', RTOS_BASE: 'defender-iot-micro-agent' },
    meaning: 'Written into `Message.security_module_id` of every message. A compile-time constant, the same on every device; the device identity comes from the IoT Hub connection.', files: [BASE, 'src/utils/os_utils.c', 'src/core.c'] }),
  o({ name: 'SECURITY_MODULE_VERSION_MAJOR', type: 'int', unit: 'version', group: 'identity', range: { min: 0, max: 255 }, defaults: { core: undefined, RTOS_BASE: 3 }, fallback: 0,
    meaning: 'Major version, packed as (MAJOR<<24)|(MINOR<<16)|PATCH into `Message.security_module_version`.', section: '§0.1, §1.2', files: [RTOS, 'inc/asc_security_core/version.h'] }),
  o({ name: 'SECURITY_MODULE_VERSION_MINOR', type: 'int', unit: 'version', group: 'identity', range: { min: 0, max: 255 }, defaults: { core: undefined, RTOS_BASE: 5 }, fallback: 0,
    meaning: 'Minor version, packed into `Message.security_module_version`.', section: '§0.1, §1.2', files: [RTOS, 'inc/asc_security_core/version.h'] }),
  o({ name: 'SECURITY_MODULE_VERSION_PATCH', type: 'int', unit: 'version', group: 'identity', range: { min: 0, max: 65535 }, defaults: { core: undefined, RTOS_BASE: 4 }, fallback: 0,
    meaning: 'Patch version (16 bits), packed into `Message.security_module_version`.', section: '§0.1, §1.2', files: [RTOS, 'inc/asc_security_core/version.h'] }),
  o({ name: 'ASC_SECURITY_MODULE_PENDING_TIME', ...sec(), group: 'identity', defaults: { core: undefined, RTOS_BASE: 300 },
    meaning: 'Max time in PENDING (no connected hub) before going SUSPENDED (collection stopped). Shipped as `60*5`.', files: [RTOS, ASM] }),
  o({ name: 'ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', ...sec(), group: 'identity', defaults: { core: undefined, RTOS_BASE: 3 },
    meaning: 'Re-poll / retry delay of the state machine (pending and suspended polling, resend after a failed send).', files: [RTOS, ASM] }),
  o({ name: 'ASC_SECURITY_MODULE_MAX_HUB_DEVICES', ...count(1), group: 'identity', defaults: { core: undefined, RTOS_BASE: undefined, RTOS_BASE_UT: 128 }, fallback: 64,
    meaning: 'Size of the bit-vector that avoids sending one message twice to the same (hostname, device id) when several hub clients are connected.', files: [PLAT_IN, ASM] }),
  // Collection scheduling
  o({ name: 'ASC_FIRST_COLLECTION_INTERVAL', ...sec(), range: { min: 1, max: MAX_FIRST_COLLECTION_SECONDS,
    maxWhy: 'core.c computes `2 * ASC_FIRST_COLLECTION_INTERVAL` for the start-up jitter in int arithmetic (32 bits), which a larger value overflows' },
  group: 'scheduling', defaults: { core: 30, RTOS_BASE: 30 },
    meaning: 'Start-up jitter base: the first collection falls uniformly in [FIRST, 3*FIRST) seconds after start, so devices do not send at once.', files: [BASE, 'src/core.c'] }),
  o({ name: 'ASC_HIGH_PRIORITY_INTERVAL', ...sec(), group: 'scheduling', defaults: { core: 10, RTOS_BASE: 10 },
    meaning: 'Period of HIGH-priority collectors (network activity); also the fallback timer.', files: [BASE, 'src/collectors/collector_network_activity.c', 'src/core.c'] }),
  o({ name: 'ASC_MEDIUM_PRIORITY_INTERVAL', ...sec(), group: 'scheduling', defaults: { core: 30, RTOS_BASE: 30 },
    meaning: 'Period of MEDIUM-priority collectors. No collector of the RTOS build uses MEDIUM.', files: [BASE] }),
  o({ name: 'ASC_LOW_PRIORITY_INTERVAL', ...sec(), group: 'scheduling', defaults: { core: 60, RTOS_BASE: 60 },
    meaning: 'Period of LOW-priority collectors (heartbeat, system information). The docs say 145,440; the code says 60.', files: [BASE, 'collector_heartbeat.c', 'collector_system_information.c'] }),
  o({ name: 'ASC_FIRST_FORCE_COLLECTION_INTERVAL', type: 'int', unit: 'seconds', range: { max: MAX_AGENT_SECONDS, maxWhy: UINT32_SECONDS }, group: 'scheduling', testHook: true, defaults: { core: undefined, RTOS_BASE: undefined, RTOS_BASE_UT: 2 },
    meaning: 'Test hook. When defined: < 0 collects at once, >= 0 collects that many seconds after start, without jitter.', files: [CORE_IN, 'src/core.c'] }),
  // Collectors
  o({ name: 'ASC_COLLECTOR_HEARTBEAT_ENABLED', type: 'bool', group: 'collectors', defaults: { core: true, RTOS_BASE: true },
    meaning: 'Heartbeat collector (LOW priority).', files: [BASE, RTOS] }),
  o({ name: 'ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED', type: 'bool', group: 'collectors', defaults: { core: false, RTOS_BASE: true },
    meaning: 'System information collector (LOW); its source is compiled only when ON.', files: [BASE, RTOS, 'CMakeLists.txt'] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED', type: 'bool', group: 'collectors', defaults: { core: false, RTOS_BASE: true },
    meaning: 'Network activity collector (HIGH); its source is compiled only when ON.', files: [BASE, RTOS, 'CMakeLists.txt'] }),
  o({ name: 'ASC_COLLECTOR_LISTENING_PORTS_ENABLED', type: 'bool', group: 'collectors', ...breaksBuild('serializer/listening_ports.c'), defaults: { core: false, RTOS_BASE: false },
    meaning: 'Listening ports collector: the enum slot exists in core, no RTOS implementation. ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [BASE, 'components_factory_enum.h', CORE_CMAKE] }),
  o({ name: 'ASC_COLLECTOR_BASELINE_ENABLED', type: 'bool', group: 'collectors', ...breaksBuild('collectors/baseline.c', 'serializer/baseline.c', 'model/objects/object_baseline_ext.c'), defaults: { core: false, RTOS_BASE: false },
    meaning: 'Baseline (CIS-style checks) collector: schema exists, no RTOS implementation. ON breaks the build: NetX Duo\'s copy lacks its source files.', files: [BASE, CORE_CMAKE] }),
  o({ name: 'ASC_BASELINE_REPORT_POOL_ENTRIES', ...count(), group: 'collectors', ...missing, defaults: { core: undefined, RTOS_BASE: 0 }, coreWhenEnabled: 100,
    meaning: 'Baseline report pool; forced to 0 when the baseline collector is off.', files: [BASE, DEPS] }),
  o({ name: 'ASC_COMPONENT_BASELINE_PLAT', type: 'bool', group: 'collectors', ...missing, defaults: { core: false, RTOS_BASE: false },
    meaning: 'Platform part of the baseline collector; forced OFF when the baseline collector is off.', section: '§1.3', files: [DEPS] }),
  o({ name: 'ASC_COLLECTOR_PROCESS_ENABLED', type: 'bool', group: 'collectors', ...breaksBuild('serializer/process.c'), defaults: { core: false, RTOS_BASE: false },
    meaning: 'Process collector: Linux only, no RTOS implementation. ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [BASE, CORE_CMAKE] }),
  o({ name: 'ASC_COLLECTOR_PROCESS_SEND_EMPTY_EVENTS', type: 'bool', group: 'collectors', ...missing, defaults: { core: undefined, RTOS_BASE: false },
    meaning: 'Forced OFF when the process collector is off.', files: [DEPS] }),
  o({ name: 'ASC_COLLECTOR_PROCESS_IN_CACHE', ...count(), group: 'collectors', ...missing, defaults: { core: undefined, RTOS_BASE: 0 }, coreWhenEnabled: 32, fallback: 0,
    meaning: 'Process cache entries; forced to 0 when the process collector is off.', files: [BASE, DEPS] }),
  o({ name: 'ASC_COLLECTOR_PROCESS_MODE_AGGREGATED_DISABLE', type: 'bool', group: 'collectors', ...missing, defaults: { core: false, RTOS_BASE: false },
    meaning: 'Process collector mode; forced OFF when the process collector is off.', section: '§1.3', files: [DEPS] }),
  o({ name: 'ASC_COLLECTOR_LOG_ENABLED', type: 'bool', group: 'collectors', ...breaksBuild('serializer/log.c'), defaults: { core: undefined, RTOS_BASE: false },
    meaning: 'Log collector (agent logs as events); not in RTOS. ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [BASE, CORE_CMAKE] }),
  o({ name: 'ASC_LOG_REPORT_POOL_ENTRIES', ...count(), group: 'collectors', ...missing, defaults: { core: undefined, RTOS_BASE: 0 }, coreWhenEnabled: 100,
    meaning: 'Log report pool; forced to 0 when the log collector is off.', files: [BASE, DEPS] }),
  o({ name: 'ASC_DYNAMIC_COLLECTORS_MAX', ...count(), group: 'collectors', ...missing, defaults: { core: undefined, RTOS_BASE: 0 }, fallback: 0,
    meaning: 'Dynamic (plugin) collectors; forced to 0 unless the dynamic factory is enabled.', files: [CORE_IN, DEPS] }),
  // Network activity collector
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_TCP_DISABLED', type: 'bool', group: 'network', defaults: { core: undefined, RTOS_BASE: false },
    meaning: 'Drop TCP packets from collection.', files: [PLAT_IN, 'collector_network_activity.c'] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_UDP_DISABLED', type: 'bool', group: 'network', defaults: { core: undefined, RTOS_BASE: false },
    meaning: 'Drop UDP packets from collection.', files: [PLAT_IN, 'collector_network_activity.c'] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED', type: 'bool', group: 'network', defaults: { core: undefined, RTOS_BASE: false, L4_BASE: true },
    meaning: 'Drop ICMP/ICMPv6 packets from collection.', files: [PLAT_IN, 'collector_network_activity.c', L4] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY', type: 'bool', group: 'network', defaults: { core: undefined, RTOS_BASE: true, L4_BASE: false },
    meaning: 'ON: inbound packets are captured in the TCP/UDP/ICMP receive hooks, outbound at the IP packet filter. OFF: both directions at the IP filter, so inbound broadcast and multicast are captured too.', files: ['collector_network_activity.c', L4] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_SEND_EMPTY_EVENTS', type: 'bool', group: 'network', defaults: { core: undefined, RTOS_BASE: false }, coreWhenEnabled: false,
    meaning: 'OFF: a cycle with no IPv4 and no IPv6 entries adds no NetworkActivity event. Forced OFF when the collector is off.', files: ['src/serializer/network_activity.c', DEPS] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE', ...count(), group: 'network', defaults: { core: undefined, RTOS_BASE: 64, RTOS_BASE_UT: 4 }, coreWhenEnabled: 64, fallback: 0,
    meaning: 'Size of the static pool of IPv4 flow entries per cycle. When full, every later packet of the cycle is dropped, known flows included. Forced to 0 when the collector is off.', section: '§1.2, §3.5', files: [BASE, RTOS, DEPS] }),
  o({ name: 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE', ...count(), group: 'network', defaults: { core: undefined, RTOS_BASE: 64, RTOS_BASE_UT: 4 }, coreWhenEnabled: 64, fallback: 0,
    meaning: 'Size of the static pool of IPv6 flow entries per cycle. Forced to 0 with NX_DISABLE_IPV6 or when the collector is off.', section: '§1.2, §3.5', files: [BASE, RTOS, DEPS, PLAT_IN] }),
  // Components, memory, event loop, serializer (advanced)
  o({ name: 'ASC_COMPONENT_SECURITY_MODULE', type: 'bool', ...adv, defaults: { core: false, RTOS_BASE: true },
    meaning: 'Includes the NetX security-module component (the sender and its state machine).', files: [BASE, RTOS] }),
  o({ name: 'ASC_COMPONENT_CONFIGURATION', type: 'bool', ...adv, ...breaksBuild('configuration.c'), section: '§1.2, §1.6, §2.1', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Runtime (twin) configuration component: disabled for RTOS, which has no runtime configuration. ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [RTOS, DEPS, CORE_CMAKE] }),
  o({ name: 'ASC_COMPONENT_CONFIGURATION_PLAT', type: 'bool', ...adv, ...missing, defaults: { core: false, RTOS_BASE: false },
    meaning: 'Platform part of the configuration component; forced OFF without the configuration component or the command executor.', files: [DEPS] }),
  o({ name: 'ASC_COMPONENT_COMMAND_EXECUTOR', type: 'bool', ...adv, ...breaksBuild('command_executor.c'), defaults: { core: false, RTOS_BASE: false },
    meaning: 'Command executor component; not used on RTOS. ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [BASE, DEPS, CORE_CMAKE] }),
  o({ name: 'ASC_COMPONENT_CLI_PLAT', type: 'bool', ...adv, ...breaksBuild('cli_plat.c'), defaults: { core: undefined, RTOS_BASE: undefined },
    meaning: 'Command-line platform component (Linux agent). ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [CORE_CMAKE] }),
  o({ name: 'ASC_OPERATIONS_POOL_ENTRIES', ...count(), ...adv, ...missing, defaults: { core: undefined, RTOS_BASE: 0 }, coreWhenEnabled: 50,
    meaning: 'Command executor operations pool; forced to 0 without the command executor.', files: [BASE, DEPS] }),
  o({ name: 'ASC_DYNAMIC_FACTORY_ENABLED', type: 'bool', ...adv, ...missing, defaults: { core: false, RTOS_BASE: false },
    meaning: 'Dynamic (plugin) components, Linux-oriented.', files: [CORE_IN, DEPS] }),
  o({ name: 'ASC_DYNAMIC_FACTORY_PATH', type: 'string', ...adv, ...missing, defaults: { core: undefined, RTOS_BASE: undefined },
    meaning: 'Path of the dynamic factory; forced OFF unless the dynamic factory is enabled.', files: [CORE_IN, DEPS] }),
  o({ name: 'ASC_DYNAMIC_FACTORY_PATH_RUNTIME_SET', type: 'bool', ...adv, ...missing, defaults: { core: undefined, RTOS_BASE: undefined },
    meaning: 'Set the dynamic factory path at run time; forced OFF unless the dynamic factory is enabled.', files: [CORE_IN, DEPS] }),
  o({ name: 'ASC_DYNAMIC_COMPONENTS_MAX', ...count(), ...adv, ...missing, defaults: { core: undefined, RTOS_BASE: 0 }, fallback: 0,
    meaning: 'Dynamic components; forced to 0 unless the dynamic factory is enabled.', files: [CORE_IN, DEPS] }),
  o({ name: 'ASC_DYNAMIC_MEMORY_ENABLED', type: 'bool', ...adv, ...breaksBuild('object_pool_dynamic.c'), defaults: { core: false, RTOS_BASE: false },
    meaning: 'OFF: static object pools, custom allocator, one emitter page. ON would mean malloc, FLATCC_EMITTER_PAGE_SIZE 14016 and oversize messages re-allocated, but it breaks the build: NetX Duo\'s copy lacks the dynamic object pool (object_pool_dynamic.c).', files: [BASE, DEPS, 'src/core.c', CORE_CMAKE] }),
  o({ name: 'ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR', type: 'bool', ...adv, derived: true, defaults: { core: true, RTOS_BASE: true },
    meaning: 'FlatCC builder uses fixed static buffers (builder stack 512 bytes, ...) instead of the heap; a request above a buffer size fails.', files: ['src/serializer/extensions/custom_builder_allocator.c', DEPS] }),
  o({ name: 'ASC_EMITTER_PAGE_CACHE_SIZE', ...count(1), ...adv, derived: true, defaults: { core: 1, RTOS_BASE: 1 },
    meaning: 'Number of static FlatCC emitter pages.', files: [DEPS, 'page_allocator.c'] }),
  o({ name: 'FLATCC_EMITTER_PAGE_SIZE', type: 'int', unit: 'bytes', ...adv, derived: true, range: { min: 128 }, defaults: { core: undefined, RTOS_BASE: undefined },
    meaning: 'Static emitter page size; derived as (2*MAX_MESSAGE_SIZE + 63) & ~127 (14016 with dynamic memory).', section: '§1.2, §3.9', files: ['inc/asc_security_core/serializer/page_allocator.h'] }),
  o({ name: 'ASC_FLATCC_JSON_PRINTER_OVERWRITE', type: 'bool', ...adv, testHook: true, defaults: { core: false, RTOS_BASE: false, RTOS_BASE_UT: true },
    meaning: 'Test-only JSON printing of messages.', files: [BASE, UT] }),
  o({ name: 'FLATCC_NO_ASSERT', type: 'bool', ...adv, defaults: { core: true, RTOS_BASE: false },
    meaning: 'ON compiles FlatCC assertions out (and forces FLATCC_ASSERT OFF).', files: [RTOS, DEPS] }),
  o({ name: 'FLATCC_ASSERT', type: 'expr', ...adv, defaults: { core: undefined, RTOS_BASE: 'NX_ASSERT' },
    meaning: 'FlatCC assertion hook. With NX_ASSERT an overflowing message hangs the agent thread unless NX_DISABLE_ASSERT (§3.11).', files: [RTOS, DEPS] }),
  o({ name: 'FLATCC_USE_GENERIC_ALIGNED_ALLOC', type: 'bool', ...adv, defaults: { core: true, RTOS_BASE: true },
    meaning: 'FlatCC uses its generic aligned allocation.', files: [BASE] }),
  o({ name: 'ASC_BEST_EFFORT_EVENT_LOOP', type: 'bool', ...adv, defaults: { core: false, RTOS_BASE: true },
    meaning: 'Best-effort timer loop driven by the NetX cloud periodic event (1 s).', files: [BASE, RTOS] }),
  o({ name: 'ASC_BE_TIMERS_OBJECT_POOL_ENTRIES', ...count(2), ...adv, derived: true, defaults: { core: undefined, RTOS_BASE: 2 },
    meaning: 'Max simultaneously armed timers: the collect timer and the state timer (+ the restart timer with restart support).', files: [RTOS, 'utils/event_loop_be.h'] }),
  o({ name: 'ASC_EXTRA_BE_TIMERS_OBJECT_POOL_ENTRIES', ...count(), ...adv, testHook: true, defaults: { core: undefined, RTOS_BASE: undefined },
    meaning: 'Test add-on to the timer pool.', files: ['utils/event_loop_be.h'] }),
  o({ name: 'ASC_NOTIFIERS_OBJECT_POOL_ENTRIES', ...count(2), ...adv, defaults: { core: undefined, RTOS_BASE: 2 },
    meaning: 'Max notifier subscriptions (security module on COLLECT, core on SECURITY_MODULE_STATE).', files: [RTOS, 'utils/notifier.h'] }),
  o({ name: 'ASC_EXTRA_NOTIFIERS_OBJECT_POOL_ENTRIES', ...count(), ...adv, testHook: true, defaults: { core: undefined, RTOS_BASE: undefined, RTOS_BASE_UT: 1 },
    meaning: 'Test add-on to the notifier pool.', files: [UT] }),
  o({ name: 'ASC_COMPONENT_CORE_SUPPORTS_RESTART', type: 'bool', ...adv, defaults: { core: true, RTOS_BASE: false },
    meaning: '"ROM reduce": OFF drops restart support (NOTIFY_SECURITY_MODULE_RESTART).', files: [BASE, RTOS] }),
  o({ name: 'ASC_COLLECTORS_INFO_SUPPORT', type: 'bool', ...adv, defaults: { core: undefined, RTOS_BASE: false },
    meaning: '"ROM reduce" feature.', files: [CORE_IN] }),
  o({ name: 'ASC_LINKED_LIST_NODE_SUPPORT', type: 'bool', ...adv, ...breaksBuild('utils/collection/linked_list_node.c'), defaults: { core: undefined, RTOS_BASE: false },
    meaning: '"ROM reduce" feature. ON breaks the build: NetX Duo\'s copy lacks its source file.', files: [CORE_IN, CORE_CMAKE] }),
  o({ name: 'ASC_LOG_LEVEL', type: 'int', unit: 'level', ...adv, range: { min: 0, max: 5 }, defaults: { core: 0, RTOS_BASE: undefined, RTOS_BASE_UT: 0 }, fallback: 0,
    meaning: 'Highest compiled log level: 0 NOTSET (logging compiled out), 1 FATAL, 2 ERROR, 3 WARN, 4 INFO, 5 DEBUG.', section: '§1.1, §1.2', files: ['configs/functions.cmake', 'logger.h'] }),
  o({ name: 'ASC_TIME_H_SUPPORT', type: 'bool', ...adv, defaults: { core: undefined, RTOS_BASE: false },
    meaning: 'Log timestamps via <time.h>.', files: [CORE_IN, 'logger.c'] }),
  o({ name: 'ASC_LOG_TIMESTAMP_DEFAULT', type: 'bool', ...adv, defaults: { core: true, RTOS_BASE: false },
    meaning: 'Log lines carry a timestamp by default.', files: [BASE, RTOS] }),
  o({ name: 'ASC_EXTRA_COMPONENTS_COUNT', ...count(), ...adv, testHook: true, defaults: { core: undefined, RTOS_BASE: 0 }, fallback: 0,
    meaning: 'Test hook: extra components.', files: [CORE_IN] }),
  o({ name: 'ASC_EXTRA_COLLECTORS_COUNT', ...count(), ...adv, testHook: true, defaults: { core: undefined, RTOS_BASE: 0 }, fallback: 0,
    meaning: 'Test hook: extra collectors.', files: [CORE_IN] }),
  o({ name: 'LOOP_ASSERT_FAIL', type: 'expr', ...adv, defaults: { core: undefined, RTOS_BASE: 'for(;;){}' },
    meaning: 'What a failed agent assertion does: an infinite loop.', files: [CORE_IN] }),
  o({ name: 'LOOP_ASSERT', type: 'expr', ...adv, defaults: { core: undefined, RTOS_BASE: 'if(!(s)){LOOP_ASSERT_FAIL;}' },
    meaning: 'LOOP_ASSERT(s): loops forever when s is false.', files: [CORE_IN] }),
];
