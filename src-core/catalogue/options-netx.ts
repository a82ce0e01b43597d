// The NetX Duo and middleware macros the agent needs or reacts to (docs/agent-facts.md §1.2 last table, §0.1, §3.11);
// read through catalogue/options.ts.
import type { OptionInfo } from './options';

const netx = (p: Omit<OptionInfo, 'group' | 'type' | 'advanced' | 'implemented'> & { type?: OptionInfo['type'] }): OptionInfo =>
  ({ type: 'bool', group: 'netx', advanced: false, implemented: true, ...p });

export const netxOptions: OptionInfo[] = [
  netx({ name: 'NX_ENABLE_IP_PACKET_FILTER', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Mandatory: nx_azure_iot_security_module.h stops the build with #error unless it is defined in nx_user.h.',
    source: { section: '§1.2', files: ['nx_azure_iot_security_module.h', 'addons/azure_iot/README.md'] } }),
  netx({ name: 'NX_AZURE_DISABLE_IOT_SECURITY_MODULE', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Opt-out at compile time: nx_azure_iot_create() no longer enables the security module.',
    source: { section: '§0.1', files: ['addons/azure_iot/nx_azure_iot.c', 'addons/CMakeLists.txt'] } }),
  netx({ name: 'NXD_ENABLE_AZURE_IOT', home: 'cmake', defaults: { core: false, RTOS_BASE: false },
    meaning: 'NetX Duo CMake option: the Azure IoT middleware, and with it the module, is built only when ON.',
    source: { section: '§1.2', files: ['CMakeLists.txt'] } }),
  netx({ name: 'NX_DISABLE_IPV6', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Forces the IPv6 cache to 0 and removes all IPv6 capture code.',
    source: { section: '§1.2, §1.3', files: ['configs/asc_config.h.in', 'collector_network_activity.c'] } }),
  netx({ name: 'NX_DISABLE_ASSERT', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Without it NX_ASSERT sleeps forever: a message that overflows the emitter page hangs the agent\'s thread; with it the message is dropped.',
    source: { section: '§3.11', files: ['nx_api.h', 'deps/flatcc/src/runtime/emitter.c'] } }),
  netx({ name: '__ASC_CONFIG_EXCLUDE_PORT__H__', home: 'asc', defaults: { core: false, RTOS_BASE: false },
    meaning: 'If defined, nx_azure_iot_security_module.h stops with "Platform includes error": asc_config.h must include tx_port.h, nx_port.h and nx_api.h.',
    source: { section: '§1.2', files: ['nx_azure_iot_security_module.h', 'configs/asc_config.h.in'] } }),
  netx({ name: 'NX_ENABLE_EXTENDED_NOTIFY_SUPPORT', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Needed by the Azure IoT middleware itself.', source: { section: '§1.2', files: ['addons/azure_iot/README.md'] } }),
  netx({ name: 'NX_SECURE_ENABLE', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Needed by the Azure IoT middleware itself (TLS).', source: { section: '§1.2', files: ['addons/azure_iot/README.md'] } }),
  netx({ name: 'NXD_MQTT_CLOUD_ENABLE', home: 'nx_user', defaults: { core: false, RTOS_BASE: false },
    meaning: 'Needed by the Azure IoT middleware itself (MQTT over the cloud helper).', source: { section: '§1.2', files: ['addons/azure_iot/README.md'] } }),
];
