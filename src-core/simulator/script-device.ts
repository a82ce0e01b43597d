// Which device an event script is about, when the run does not say: a script usually names its device (in its
// header) and its events are routed by name, so the name it uses, and the address its packets point at, decide.
import { guessDeviceAddress, type PacketFeeder } from '../agent/device-guess';
import { readScriptInput, type DeviceScript } from '../agent/script-input';
import { packetFromEvent, readEventScript } from '../traffic/event-script';
import { parseIpv4, parseIpv6 } from '../traffic/ip-address';
import { DecodedPacket } from '../traffic/packet';

/**
 * The device of a script when none is given. A script usually names its device (in its header), and events
 * are routed by name: so every packet event counts for the guess, whatever device it names, and the one name
 * the script uses becomes the device's id (its address when that name is one), so its events reach it.
 */
export function guessFromScript(path: string): { address: string | undefined; id?: string; named?: true } {
  const names = scriptDeviceNames(path);
  const only = names.size === 1 ? [...names][0] : undefined;
  if (only !== undefined && (parseIpv4(only) !== undefined || parseIpv6(only) !== undefined)) return { address: only, named: true };
  const everyPacket = readScriptInput(path, [{ id: '', addresses: [...names] }]).devices[0];
  return { address: guessDeviceAddress(scriptFeeder(everyPacket)), ...(only !== undefined ? { id: only } : {}) };
}

/** The device names a script's events use (the header's default included). */
function scriptDeviceNames(path: string): Set<string> {
  const names = new Set<string>();
  readEventScript(path, (ev) => {
    if (ev.device !== undefined) names.add(ev.device);
  });
  return names;
}

/** The one device a script names, when it names exactly one. */
export function onlyScriptDevice(path: string): string | undefined {
  const names = scriptDeviceNames(path);
  return names.size === 1 ? [...names][0] : undefined;
}

function scriptFeeder(s: DeviceScript): PacketFeeder {
  return (cb) => {
    const p = new DecodedPacket();
    for (const ev of s.packets) if (packetFromEvent(ev, p) && cb(p) === false) return;
  };
}
