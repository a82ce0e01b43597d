// DNS names in a capture, for the domain indicators: each query a device sends and each answer it gets,
// decoded only for UDP port 53 packets to or from one of the simulated devices.
import type { DeviceAddresses } from '../agent/capture';
import type { DeviceCloud } from '../cloud/cloud-stage';
import { decodeDns } from '../traffic/dns';
import type { DecodedPacket } from '../traffic/packet';

function hasAddress(p: DecodedPacket, d: DeviceAddresses, src: boolean): boolean {
  if (p.ipVersion === 4) {
    const a = src ? p.src4 : p.dst4;
    for (const x of d.ipv4) if (x === a) return true;
    return false;
  }
  const w = src ? p.src6 : p.dst6;
  for (const x of d.ipv6) if (x[0] === w[0] && x[1] === w[1] && x[2] === w[2] && x[3] === w[3]) return true;
  return false;
}

export class DnsWatch {
  constructor(private readonly devices: DeviceAddresses[], private readonly clouds: DeviceCloud[]) {}

  observe(p: DecodedPacket, members: readonly number[]): void {
    if (p.payloadOffset < 0 || p.payloadLength < 12) return;
    let msg: ReturnType<typeof decodeDns> | undefined;
    for (const i of members) {
      const sent = hasAddress(p, this.devices[i], true);
      if (!sent && !hasAddress(p, this.devices[i], false)) continue;
      msg ??= decodeDns(p.frameBytes, p.payloadOffset, p.payloadLength);
      if (!msg) return;
      const cloud = this.clouds[i];
      for (const q of msg.questions) cloud.dnsName(p.time, q.name);
      for (const a of msg.answers) cloud.dnsName(p.time, a.name, a.address ?? a.target);
    }
  }
}
