// The span [from, to] the cloud judges a device's count windows over (which windows are "full" and so may
// be "too few"): the same values the pipeline hands `DeviceCloud.end` (SimulationRun.finishDevices), for
// the inputs `microagent learn` takes: one shared capture or conn.log, or one event script. The learner
// hears the agent through `SimulationInput.observe`, which is not told the span, so it is worked out here
// from the run's summary and the script. Keep it in step with finishDevices (a learn test holds the two
// together: a baseline learned with no margin raises nothing on its own input).
import type { DeviceScript } from '../agent/script-input';
import type { InputKind } from '../agent/input-kind';

export interface RunSpan {
  from: number;
  to: number;
}

export interface SpanInputs {
  kind: InputKind;
  /** SimulationInput.startTime, when the run was cut. */
  startTime?: number;
  /** startTime + durationSeconds, or Infinity. */
  end: number;
  /** The run summary's first and last packet times (a capture or conn.log, in time order). */
  firstPacketTime: number | null;
  lastPacketTime: number | null;
  /** Event scripts: the device's part of the script, as readScriptInput splits it. */
  script?: DeviceScript;
}

export function deviceSpan(s: SpanInputs): RunSpan {
  if (s.kind !== 'event-script' || !s.script) {
    // Every packet of the shared file goes to every device: the first enables it, the last ends its run.
    const to = s.lastPacketTime ?? -Infinity;
    return { from: s.startTime ?? s.firstPacketTime ?? to, to };
  }
  const script = s.script;
  let firstPacket = Infinity;
  let lastPacket = -Infinity;
  for (const p of script.packets) {
    if (p.time > s.end) continue;
    if (p.time < firstPacket) firstPacket = p.time;
    if (p.time > lastPacket) lastPacket = p.time;
  }
  const to = Math.max(lastPacket, Math.min(script.lastTime ?? -Infinity, s.end));
  if (s.startTime !== undefined) return { from: s.startTime, to };
  if (firstPacket < Infinity) return { from: Math.min(firstPacket, script.firstTime ?? Infinity), to };
  return { from: script.firstTime ?? to, to };
}
