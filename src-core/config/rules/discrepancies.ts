// MA116: values that follow what the docs say where the code says otherwise (reference §1.4).
import { numberOf } from '../option-values';
import type { RuleContext } from './context';

const SHIPPED_ID = 'defender-iot-micro-agent';

export function docDiscrepancies(ctx: RuleContext): void {
  const low = ctx.own('ASC_LOW_PRIORITY_INTERVAL');
  if (low && low.value === 145440) {
    ctx.report('MA116', low.valueRange ?? low.nameRange,
      'The docs give 145,440 as the default low-priority interval; the code\'s default is 60 s. 145440 s sends heartbeat and system information every 40 hours.',
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
  if (id && typeof id.value === 'string' && id.value !== SHIPPED_ID) {
    ctx.report('MA116', id.valueRange ?? id.nameRange,
      `The docs call ASC_SECURITY_MODULE_ID "the unique identifier of the device", but it is a compile-time constant: every device built from this file sends "${id.value}". Devices are told apart by their IoT Hub identity.`);
  }
}
