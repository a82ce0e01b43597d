// The generator's scenario description (device, flows) and the built-in named scenarios, checked by
// hand so that a bad scenario file gets one clear message per mistake.
import { parseIpBytes } from './ip-address';
import type { LinkKind } from './frame-builder';

export interface ScenarioFlow {
  /** tcp, udp, icmp, or dns (one query and its answer over UDP 53). */
  protocol: 'tcp' | 'udp' | 'icmp' | 'dns';
  /** Remote address (IPv4 or IPv6; the device address of the same version is used). */
  peer: string;
  /** The responder's (server) port (tcp/udp): the peer's, or the device's when the peer initiates. */
  port?: number;
  /** The initiator's (client) port, on the device or on the peer; default 49152 + the flow's index. */
  localPort?: number;
  /** Who sends the first packet: the device (default) or the peer. */
  initiator?: 'device' | 'peer';
  /** Seconds after the scenario start of the first packet. */
  start?: number;
  /** Number of packets, alternating direction (default 4; dns: 2). */
  packets?: number;
  /** Transport payload bytes per packet, or a list used in turn (default 64). */
  size?: number;
  sizes?: number[];
  /** Seconds between packets (default 1). */
  interval?: number;
  /** All packets from the initiator (no replies). */
  oneWay?: boolean;
  /** The peer's packets go to the link's broadcast instead of the device: 255.255.255.255 with Ethernet
   *  ff:ff:ff:ff:ff:ff (IPv4), all-nodes ff02::1 with 33:33:00:00:00:01 (IPv6). The device's replies stay unicast. */
  broadcast?: boolean;
  /** dns: the name asked for and the IPv4 or IPv6 address answered (no answer: NXDOMAIN). */
  name?: string;
  answer?: string;
}

export interface Scenario {
  /** Epoch seconds of the scenario's time 0 (default 1700000000). */
  start?: number;
  link?: LinkKind;
  device: { ipv4?: string; ipv6?: string; mac?: string };
  gatewayMac?: string;
  flows: ScenarioFlow[];
}

const LINKS: LinkKind[] = ['ethernet', 'raw', 'sll', 'sll2', 'null', 'loop'];

/** Checks a parsed scenario; returns the problems found (empty when it is usable). */
export function checkScenario(value: unknown): string[] {
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['the scenario must be a JSON object'];
  const s = value as Record<string, unknown>;
  if (s.start !== undefined && (typeof s.start !== 'number' || s.start < 0)) errors.push('start: a number of epoch seconds');
  if (s.link !== undefined && !LINKS.includes(s.link as LinkKind)) errors.push(`link: one of ${LINKS.join(', ')}`);
  const device = s.device as Record<string, unknown> | undefined;
  if (typeof device !== 'object' || device === null) errors.push('device: an object with ipv4 and/or ipv6');
  else {
    for (const k of ['ipv4', 'ipv6'] as const) {
      const v = device[k];
      if (v !== undefined && (typeof v !== 'string' || parseIpBytes(v)?.length !== (k === 'ipv4' ? 4 : 16))) errors.push(`device.${k}: not an ${k.toUpperCase()} address`);
    }
    if (device.ipv4 === undefined && device.ipv6 === undefined) errors.push('device: needs ipv4 or ipv6');
    if (device.mac !== undefined && !parseMac(String(device.mac))) errors.push('device.mac: not a MAC address (aa:bb:cc:dd:ee:ff)');
  }
  if (s.gatewayMac !== undefined && !parseMac(String(s.gatewayMac))) errors.push('gatewayMac: not a MAC address');
  if (!Array.isArray(s.flows)) {
    errors.push('flows: a list of flows');
    return errors;
  }
  s.flows.forEach((raw, i) => {
    const at = `flows[${i}]`;
    if (typeof raw !== 'object' || raw === null) return errors.push(`${at}: an object`);
    const f = raw as Record<string, unknown>;
    if (!['tcp', 'udp', 'icmp', 'dns'].includes(f.protocol as string)) errors.push(`${at}.protocol: tcp, udp, icmp or dns`);
    const peer = typeof f.peer === 'string' ? parseIpBytes(f.peer) : undefined;
    if (!peer) errors.push(`${at}.peer: not an IP address`);
    else if (device && typeof device === 'object' && (peer.length === 4 ? device.ipv4 : device.ipv6) === undefined) {
      errors.push(`${at}.peer: the device has no IPv${peer.length === 4 ? 4 : 6} address`);
    }
    for (const k of ['port', 'localPort']) {
      if (f[k] !== undefined && !(Number.isInteger(f[k]) && (f[k] as number) >= 0 && (f[k] as number) <= 65535)) errors.push(`${at}.${k}: a port 0-65535`);
    }
    if ((f.protocol === 'tcp' || f.protocol === 'udp') && f.port === undefined) errors.push(`${at}.port: required for ${f.protocol}`);
    for (const k of ['start', 'interval']) {
      if (f[k] !== undefined && !(typeof f[k] === 'number' && (f[k] as number) >= 0)) errors.push(`${at}.${k}: seconds, 0 or more`);
    }
    if (f.packets !== undefined && !(Number.isInteger(f.packets) && (f.packets as number) >= 1)) errors.push(`${at}.packets: a whole number, 1 or more`);
    if (f.size !== undefined && !isSize(f.size)) errors.push(`${at}.size: bytes 0-1400`);
    if (f.sizes !== undefined && !(Array.isArray(f.sizes) && f.sizes.length > 0 && f.sizes.every(isSize))) errors.push(`${at}.sizes: a list of sizes 0-1400`);
    if (f.initiator !== undefined && f.initiator !== 'device' && f.initiator !== 'peer') errors.push(`${at}.initiator: device or peer`);
    if (f.broadcast !== undefined && typeof f.broadcast !== 'boolean') errors.push(`${at}.broadcast: true or false`);
    if (f.protocol === 'dns') {
      if (typeof f.name !== 'string' || f.name.length === 0 || f.name.length > 253) errors.push(`${at}.name: the name asked for`);
      if (f.answer !== undefined && !(typeof f.answer === 'string' && parseIpBytes(f.answer))) errors.push(`${at}.answer: an IP address`);
    }
  });
  return errors;
}

function isSize(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1400;
}

export function parseMac(text: string): Uint8Array | undefined {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) return undefined;
  return new Uint8Array(parts.map((p) => parseInt(p, 16)));
}

export const BUILT_IN_SCENARIOS = ['many-flows', 'iot-device', 'bench', 'busy-device'] as const;
export type BuiltInScenario = (typeof BUILT_IN_SCENARIOS)[number];

const DEVICE = { ipv4: '192.168.1.50', ipv6: 'fd00::50', mac: '02:00:00:00:00:50' };

/** `many-flows`: `flows` short UDP exchanges with distinct public peers, 50 ms apart (cache overflow tests). */
export function manyFlowsScenario(flows: number): Scenario {
  const list: ScenarioFlow[] = [];
  for (let i = 0; i < flows; i++) {
    list.push({ protocol: 'udp', peer: `52.${160 + (((i + 1) >> 16) & 63)}.${((i + 1) >> 8) & 255}.${(i + 1) & 255}`, port: 5000 + (i % 1000), start: i * 0.05, packets: 2, size: 48, interval: 0.01 });
  }
  return { device: DEVICE, gatewayMac: '02:00:00:00:00:01', flows: list };
}

/** `iot-device`: a typical device minute: DNS, NTP, MQTT over TLS to its hub, plaintext MQTT, an inbound Telnet try, IPv6. */
export function iotDeviceScenario(): Scenario {
  return {
    device: DEVICE,
    gatewayMac: '02:00:00:00:00:01',
    flows: [
      { protocol: 'dns', peer: '192.168.1.1', name: 'contoso-hub.azure-devices.net', answer: '20.49.110.5', start: 0 },
      { protocol: 'udp', peer: '192.168.1.1', port: 123, start: 0.2, packets: 2, size: 48 },
      { protocol: 'tcp', peer: '20.49.110.5', port: 8883, start: 0.5, packets: 60, sizes: [120, 60, 310, 60], interval: 1 },
      { protocol: 'dns', peer: '192.168.1.1', name: 'broker.example.net', answer: '198.41.30.241', start: 5 },
      { protocol: 'tcp', peer: '198.41.30.241', port: 1883, start: 5.5, packets: 20, size: 90, interval: 2.5 },
      { protocol: 'tcp', peer: '185.220.101.7', port: 23, initiator: 'peer', start: 12, packets: 6, size: 20, interval: 0.3 },
      { protocol: 'icmp', peer: '192.168.1.1', start: 20, packets: 4, size: 56, interval: 1 },
      { protocol: 'udp', peer: 'fd00::1', port: 5683, start: 30, packets: 6, size: 40, interval: 2 },
    ],
  };
}
