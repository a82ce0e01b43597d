// Splits an NDJSON event script per device: hub connection changes and sends that fail while the hub stays
// connected (for the state machine), hand-written packets (fed through the same agent model as captured
// ones) and the cloud-side events (device-to-cloud
// and cloud-to-device messages, twin updates, direct methods, rejected operations, failed logins), which
// are kept with their times for the cloud analytics.
import { readEventScript, type EventType, type ScriptEvent } from '../traffic/event-script';
import type { HubEvent, SendEvent } from './state-machine';

/** The event types kept for the cloud analytics (every type except hub connection and send changes, and packets). */
export type CloudEventType = Exclude<EventType, 'hubConnected' | 'hubDisconnected' | 'sendsFailing' | 'sendsRecovered' | 'packet'>;

/** One cloud-side event as the simulation result keeps it. */
export interface CloudEvent {
  type: CloudEventType;
  time: number;
  count: number;
  /** Where it was written: the script and its 1-based line. */
  file: string;
  line: number;
  protocol?: string;
  bytes?: number;
  reason?: string;
  part?: string;
  name?: string;
  operation?: string;
  user?: string;
  src?: string;
}

export interface DeviceScript {
  hubEvents: HubEvent[];
  /** `sendsFailing` / `sendsRecovered`: the agent's telemetry sends fail while the hub stays connected
   *  (always set by `readScriptInput`; optional for scripts built by hand). */
  sendEvents?: SendEvent[];
  /** Packet events in time order (each fed `count` times). */
  packets: ScriptEvent[];
  cloudEvents: CloudEvent[];
  /** Time of the device's first and last event of any type, or undefined. */
  firstTime?: number;
  lastTime?: number;
}

export interface ScriptInput {
  file: string;
  events: number;
  notes: string[];
  error?: string;
  /** Per device, in the order of the `devices` given. */
  devices: DeviceScript[];
}

/**
 * Reads `path` and routes each event: an event's `device` (or the header's) names a device by id or by
 * one of its addresses; an event without one goes to every device; a name no device has is a note.
 */
export function readScriptInput(path: string, devices: { id: string; addresses: string[] }[]): ScriptInput {
  const out: DeviceScript[] = devices.map(() => ({ hubEvents: [], sendEvents: [], packets: [], cloudEvents: [] }));
  const byName = new Map<string, number>();
  devices.forEach((d, i) => {
    for (const a of d.addresses) if (!byName.has(a)) byName.set(a, i);
  });
  devices.forEach((d, i) => byName.set(d.id, i));
  const notes: string[] = [];
  const unknown = new Map<string, number>();
  const read = readEventScript(path, (ev) => {
    let targets: number[];
    if (ev.device === undefined) targets = out.map((_, i) => i);
    else {
      const i = byName.get(ev.device);
      if (i === undefined) {
        if (!unknown.has(ev.device)) unknown.set(ev.device, ev.line);
        return;
      }
      targets = [i];
    }
    for (const i of targets) add(out[i], ev, path);
  });
  for (const [name, line] of unknown) {
    notes.push(`${path}:${line}: device '${name}' is not one of the simulated devices (${devices.map((d) => d.id).join(', ') || 'none'}); its events are ignored`);
  }
  return { file: path, events: read.events, notes: [...read.notes.map((n) => n.message), ...notes], error: read.error, devices: out };
}

function add(d: DeviceScript, ev: ScriptEvent, file: string): void {
  if (d.firstTime === undefined) d.firstTime = ev.time;
  d.lastTime = ev.time;
  if (ev.type === 'hubConnected' || ev.type === 'hubDisconnected') {
    d.hubEvents.push({ time: ev.time, connected: ev.type === 'hubConnected' });
    return;
  }
  if (ev.type === 'sendsFailing' || ev.type === 'sendsRecovered') {
    (d.sendEvents ??= []).push({ time: ev.time, failing: ev.type === 'sendsFailing' });
    return;
  }
  if (ev.type === 'packet') {
    d.packets.push(ev);
    return;
  }
  const { type, time, count, line, protocol, bytes, reason, part, name, operation, user, src } = ev;
  const kept: CloudEvent = { type, time, count, file, line };
  Object.assign(kept, strip({ protocol, bytes, reason, part, name, operation, user, src }));
  d.cloudEvents.push(kept);
}

function strip<T extends Record<string, unknown>>(o: T): Partial<T> {
  const r: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) r[k] = o[k];
  return r;
}

/** Counts per type and first/last time: the summary the result shows beside the list. */
export function summariseCloudEvents(events: CloudEvent[]): Partial<Record<CloudEventType, { count: number; first: number; last: number }>> {
  const s: Partial<Record<CloudEventType, { count: number; first: number; last: number }>> = {};
  for (const e of events) {
    const t = (s[e.type] ??= { count: 0, first: e.time, last: e.time });
    t.count += e.count;
    t.last = e.time;
  }
  return s;
}
