// MA116: values that follow what the docs say where the code says otherwise (docs/agent-facts.md §1.4).
import { formatDuration } from '../../findings/time-text';
import { numberOf } from '../option-values';
import type { RuleContext } from './context';

const SHIPPED_ID = 'defender-iot-micro-agent';

/**
 * Whether a module id looks like one device's identity, as the docs' "the unique identifier of the device"
 * invites: a trailing serial number (`door-lock-0042`, `sensor_17`), a MAC address, a UUID, or a word such as
 * "device" or "serial" with digits. A product-wide name (`acme-lock-agent`, NetX Duo 6.1's
 * `iot_security_module`) is a legitimate choice: the id is a compile-time constant, the same on every device.
 */
export function looksPerDevice(id: string): boolean {
  return /(^|[-_.:\s#])\d{2,}$/.test(id) ||
    /([0-9a-f]{2}[:-]){5}[0-9a-f]{2}/i.test(id) ||
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(id) ||
    (/(device|serial|\bsn\b|\bdev\b|unit)/i.test(id) && /\d/.test(id));
}

export function docDiscrepancies(ctx: RuleContext): void {
  const low = ctx.own('ASC_LOW_PRIORITY_INTERVAL');
  if (low && low.value === 145440) {
    ctx.report('MA116', low.valueRange ?? low.nameRange,
      `The docs give 145,440 as the default low-priority interval; the code's default is 60 s. 145440 s sends heartbeat and system information every ${formatDuration(145440)}.`,
      { fixes: [ctx.replaceValue(low, '60', 'Set to 60 (the code\'s default)')].filter((f) => f !== undefined) });
  }
  const parts = ['MAJOR', 'MINOR', 'PATCH'].map((p) => ctx.own(`SECURITY_MODULE_VERSION_${p}`));
  const v = ['MAJOR', 'MINOR', 'PATCH'].map((p) => numberOf(ctx.resolved.written, `SECURITY_MODULE_VERSION_${p}`));
  if (parts.some((p) => p) && v[0] === 3 && v[1] === 2 && v[2] === 1) {
    const at = (parts[1] ?? parts[2] ?? parts[0])!;
    ctx.report('MA116', at.valueRange ?? at.nameRange,
      'Version 3.2.1 is the docs\' stale default (it shipped with NetX Duo 6.1.5); NetX Duo 6.2.0 ships 3.5.4, and the version is sent in every message.');
  }
  const id = ctx.own('ASC_SECURITY_MODULE_ID');
  if (id && typeof id.value === 'string' && id.value !== SHIPPED_ID && looksPerDevice(id.value)) {
    ctx.report('MA116', id.valueRange ?? id.nameRange,
      `"${id.value}" looks like one device's identity, as the docs' "the unique identifier of the device" suggests, but ASC_SECURITY_MODULE_ID is a compile-time constant: every device built from this file sends it. Devices are told apart by their IoT Hub identity.`);
  }
}
