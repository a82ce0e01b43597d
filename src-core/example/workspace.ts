// Writes the example workspace that `microagent demo` (the README's main job) checks and simulates, kept in the
// repository as examples/door-lock:
// a door-lock firmware project with the agent's configuration, one day-in-the-life capture, a baseline,
// a threat feed and a simulation profile. Everything is generated here; nothing is copied from elsewhere.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { agentConfigOptions, defaultFor } from '../catalogue/options';
import { generateAscConfigHeader, headerTemplateOptions, type TemplateValue } from '../config/templates';
import { PcapWriter } from '../traffic/pcap-writer';
import { generateScenario } from '../traffic/generator';
import { iotDeviceScenario, type Scenario, type ScenarioFlow } from '../traffic/scenario';

/** Where the repository keeps the example workspace (written by writeExampleWorkspace; a test keeps them equal). */
export const EXAMPLE_FOLDER = 'examples/door-lock';

/** The IPv4 flow cache the example firmware was "tuned down" to, to save RAM; the capture overflows it. */
export const EXAMPLE_IPV4_CACHE = 16;

export interface ExampleFile {
  path: string;
  /** What the file shows a new user. */
  purpose: string;
}

function exampleHeader(): string {
  const values: Record<string, TemplateValue> = {};
  for (const info of agentConfigOptions()) values[info.name] = defaultFor(info, 'RTOS_BASE');
  for (const name of headerTemplateOptions) if (!(name in values)) values[name] = undefined;
  values.ASC_SECURITY_MODULE_PENDING_TIME = '60*5';
  values.ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE = EXAMPLE_IPV4_CACHE;
  const header = generateAscConfigHeader({ distribution: 'RTOS_BASE', values });
  // A typo of the kind the preprocessor silently ignores: the checker names the option that was meant.
  const typo = '/* Project tweak: report more often while commissioning. */\n#define ASC_HIGH_PRIORTY_INTERVAL 5\n\n';
  return header.replace('#endif /* __ASC_CONFIG_H__ */', `${typo}#endif /* __ASC_CONFIG_H__ */`);
}

const nxUserHeader = `/* nx_user.h of the door-lock firmware (NetX Duo user configuration). */
#ifndef NX_USER_H
#define NX_USER_H

/* Required by the Azure IoT middleware and its security module. */
#define NX_ENABLE_IP_PACKET_FILTER
#define NX_ENABLE_EXTENDED_NOTIFY_SUPPORT
#define NX_SECURE_ENABLE
#define NXD_MQTT_CLOUD_ENABLE

/* IPv6 stays on: the lock also talks CoAP to the local gateway. */
/* #define NX_DISABLE_IPV6 */

#endif /* NX_USER_H */
`;

/** One device's capture: the built-in iot-device minute, then a burst of short UDP exchanges with
 *  public peers (a firmware update check fanning out to mirrors) that outgrows the tuned-down cache. */
export function exampleScenario(): Scenario {
  const base = iotDeviceScenario();
  const burst: ScenarioFlow[] = [];
  for (let i = 0; i < 24; i++) {
    burst.push({ protocol: 'udp', peer: `52.169.${10 + (i >> 4)}.${(i * 7) % 250 + 1}`, port: 443, start: 41 + i * 0.05, packets: 2, size: 64, interval: 0.02 });
  }
  // A lookup of a name on the feed's domain list, and a connection to the address it answered: a C2 check-in.
  const c2: ScenarioFlow[] = [
    { protocol: 'dns', peer: '192.168.1.1', name: 'fw-update.malware-cdn.example.net', answer: '45.155.205.233', start: 36 },
    { protocol: 'tcp', peer: '45.155.205.233', port: 443, start: 36.5, packets: 6, sizes: [180, 90, 40, 700], interval: 0.4 },
  ];
  return { ...base, flows: [...base.flows, ...c2, ...burst] };
}

const baseline = {
  securityGroups: {
    'door-locks': {
      timeWindowRules: [
        { ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 12, timeWindowSize: 'PT5M' },
      ],
      allowlistRules: [
        { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['20.49.110.0/24', '192.168.1.0/24', 'fd00::/64'] },
      ],
      thresholdRules: [],
      denylistRules: [],
    },
  },
};

const feed = `# Example blocklist (FireHOL netset style): one address or CIDR a line, comments after '#'.
185.220.101.0/24   # anonymising relays seen probing Telnet
45.155.205.233     # botnet C2 (example)
203.0.113.0/24     # TEST-NET-3, documentation range
malware-cdn.example.net  # fake firmware-update mirror (example)
`;

const profile = {
  agentConfig: 'firmware/asc_config.h',
  nxUser: 'firmware/nx_user.h',
  baseline: 'baselines/door-locks.baseline.json',
  feeds: ['feeds/blocklist.netset'],
  hub: {
    networkRuleSets: {
      defaultAction: 'Allow',
      applyToBuiltInEventHubEndpoint: false,
      ipRules: [{ filterName: 'factory', action: 'Allow', ipMask: '0.0.0.0/1' }],
    },
  },
  devices: [
    {
      id: 'door-lock-01',
      securityGroup: 'door-locks',
      addresses: ['192.168.1.50', 'fd00::50'],
      capture: 'captures/door-lock-01.pcap',
    },
  ],
  simulation: { seed: 7 },
};

function write(root: string, rel: string, text: string): void {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** What writeExampleWorkspace writes, relative to its root (so a caller can refuse to replace files first). */
export const EXAMPLE_FILES: readonly ExampleFile[] = [
  { path: 'firmware/asc_config.h', purpose: 'the agent configuration (RTOS_BASE shape) with a tuned-down IPv4 cache and a misspelt option' },
  { path: 'firmware/nx_user.h', purpose: 'the NetX Duo user configuration the agent needs' },
  { path: 'captures/door-lock-01.pcap', purpose: 'a device minute: DNS, NTP, MQTT/TLS to the hub, plaintext MQTT, an inbound Telnet try, a C2 check-in, CoAP over IPv6, a burst of 24 flows' },
  { path: 'baselines/door-locks.baseline.json', purpose: 'the security group with its custom alert rules' },
  { path: 'feeds/blocklist.netset', purpose: 'a threat-intelligence list' },
  { path: 'microagent.json', purpose: 'the simulation profile tying them together' },
];

/** Writes the example workspace under `root` (created if needed) and lists what it wrote. */
export function writeExampleWorkspace(root: string): ExampleFile[] {
  write(root, 'firmware/asc_config.h', exampleHeader());
  write(root, 'firmware/nx_user.h', nxUserHeader);
  mkdirSync(join(root, 'captures'), { recursive: true });
  const writer = new PcapWriter(join(root, 'captures/door-lock-01.pcap'));
  generateScenario(exampleScenario(), writer);
  writer.close();
  write(root, 'baselines/door-locks.baseline.json', `${JSON.stringify(baseline, null, 2)}\n`);
  write(root, 'feeds/blocklist.netset', feed);
  write(root, 'microagent.json', `${JSON.stringify(profile, null, 2)}\n`);
  return [...EXAMPLE_FILES];
}
