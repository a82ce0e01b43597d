// Reads an NDJSON event script (what a capture cannot show: hub connections, sends that fail while the hub
// stays connected, cloud messages, twin updates, failed logins, hand-written packets), validated line by
// line with ajv compiled once.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readLines } from './line-reader';
import { parseIpBytes, ipv6BytesToWords } from './ip-address';
import { EVENT_SCRIPT_SCHEMA } from './event-script-schema';
import { DecodedPacket } from './packet';
import { resetDecoded } from './ip-decode';
import { quoteValue } from '../findings/text-safety';

export type EventType =
  | 'hubConnected' | 'hubDisconnected' | 'sendsFailing' | 'sendsRecovered' | 'd2cMessage' | 'c2dMessage' | 'c2dRejected'
  | 'twinUpdate' | 'directMethod' | 'queuePurge' | 'unauthorizedOperation' | 'failedLocalLogin' | 'packet';
export type HubProtocol = 'mqtt' | 'amqp' | 'http';

export interface ScriptEvent {
  type: EventType;
  /** Absolute time, epoch seconds (the header's start plus t, or t itself without a header). */
  time: number;
  /** 1-based line in the script. */
  line: number;
  /** The event's device, else the header's; undefined means "the only device". */
  device?: string;
  protocol?: HubProtocol;
  /** Repetitions at this time (default 1). */
  count: number;
  bytes?: number;
  reason?: string;
  part?: 'desired' | 'reported';
  name?: string;
  operation?: string;
  user?: string;
  src?: string;
  dst?: string;
  proto?: 'tcp' | 'udp' | 'icmp';
  sport?: number;
  dport?: number;
  direction?: 'in' | 'out';
}

export interface ScriptNote {
  message: string;
  line: number;
}

export interface ScriptReadResult {
  file: string;
  events: number;
  /** Time 0 from the header, if the script has one. */
  start?: number;
  /** Bad lines, each naming the file and line; the others were kept. */
  notes: ScriptNote[];
  error?: string;
}

/** Bad lines listed per script; the rest are counted. */
const MAX_NOTES = 200;

/** Latest event time, epoch seconds: the agent's messages carry times as 32-bit epoch seconds, and far beyond
 *  it adding an interval no longer moves a float64 clock (so a time of 1e308 would stall the scheduler). */
export const LATEST_EVENT_TIME = 4294967295;
const LATEST_EVENT_TEXT = '2106-02-07T06:28:15Z';

let validator: ValidateFunction | undefined;

/** The schema compiled once per process. */
function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(EVENT_SCRIPT_SCHEMA as unknown as object);
  }
  return validator;
}

/** The most specific schema complaints for one line: an event's own rule beats "matches no branch". */
export function describeErrors(errors: ErrorObject[], value: Record<string, unknown>): string {
  const isHeader = 'start' in value && !('type' in value) && !('t' in value);
  const branch = isHeader ? '#/oneOf/0' : '#/oneOf/1';
  let chosen = errors.filter((e) => e.schemaPath.startsWith('#/allOf/') && !e.schemaPath.endsWith('/if'));
  if (chosen.length === 0) chosen = errors.filter((e) => e.schemaPath.startsWith(branch));
  if (chosen.length === 0) chosen = errors;
  const seen = new Set<string>();
  for (const e of chosen) {
    if (e.keyword === 'if' || e.keyword === 'oneOf') continue;
    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
    let text: string;
    if (e.keyword === 'additionalProperties') text = `unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'${value.type ? ` for type ${String(value.type)}` : ''}`;
    else if (e.keyword === 'enum') text = `${where || 'value'} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    else if (e.keyword === 'required') text = `missing '${(e.params as { missingProperty: string }).missingProperty}'`;
    else text = `${where || 'line'} ${e.message ?? 'is not valid'}`;
    seen.add(text);
  }
  return seen.size > 0 ? [...seen].join('; ') : 'does not match the event-script schema';
}

/** Streams the script's events in order; bad lines become notes and are skipped. */
export function readEventScript(path: string, onEvent: (event: ScriptEvent) => void | boolean): ScriptReadResult {
  const result: ScriptReadResult = { file: path, events: 0, notes: [] };
  const check = validate();
  // Bounded like the conn.log reader's: a script of a million bad lines must not make a million notes.
  let omitted = 0;
  const note = (line: number, message: string): void => {
    if (result.notes.length < MAX_NOTES) result.notes.push({ line, message: `${path}:${line}: ${message}` });
    else omitted++;
  };
  let seenEvent = false;
  let headerDevice: string | undefined;
  let last = -Infinity;
  const read = readLines(path, (text, line) => {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      note(line, `not JSON (${(err as Error).message}); line skipped`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      note(line, 'not a JSON object; line skipped');
      return;
    }
    const o = value as Record<string, unknown>;
    if (!check(o)) {
      note(line, `${describeErrors(check.errors ?? [], o)}; line skipped`);
      return;
    }
    if ('start' in o) {
      if (seenEvent || result.start !== undefined) {
        note(line, 'a header line (start) must come before every event, once; line skipped');
        return;
      }
      const start = typeof o.start === 'number' ? o.start : Date.parse(o.start as string) / 1000;
      // Date.parse refuses some times the schema's date-time allows (a leap second, 23:59:60).
      if (!(start <= LATEST_EVENT_TIME)) {
        note(line, `start ${quoteValue(o.start)} ${Number.isNaN(start) ? 'is not a time this reader can place' : `is past ${LATEST_EVENT_TEXT}, the latest time the agent's messages can carry`}; line skipped`);
        return;
      }
      result.start = start;
      headerDevice = o.device as string | undefined;
      return;
    }
    seenEvent = true;
    const ev = o as unknown as Omit<ScriptEvent, 'time' | 'line' | 'count'> & { t: number; count?: number };
    const time = (result.start ?? 0) + ev.t;
    if (!(time <= LATEST_EVENT_TIME)) {
      note(line, `t ${ev.t} puts the event past ${LATEST_EVENT_TEXT}, the latest time the agent's messages can carry; line skipped`);
      return;
    }
    if (ev.type === 'packet') {
      const problem = packetProblem(ev.src!, ev.dst!);
      if (problem) {
        note(line, `${problem}; line skipped`);
        return;
      }
    }
    if (time < last) {
      note(line, `t ${ev.t} is earlier than the line before (events must be in time order); line skipped`);
      return;
    }
    last = time;
    const event: ScriptEvent = { ...ev, time, line, count: ev.count ?? 1, device: ev.device ?? headerDevice };
    delete (event as { t?: number }).t;
    delete (event as { comment?: string }).comment;
    result.events++;
    return onEvent(event);
  }, undefined, undefined, 'events');
  if (read.error) result.error = read.error;
  for (const line of read.overlong) note(line, 'line longer than 1 MiB; skipped');
  result.notes.sort((a, b) => a.line - b.line);
  if (omitted > 0) result.notes.push({ line: 0, message: `${path}: ${omitted} more lines skipped (only the first ${MAX_NOTES} are listed)` });
  if (read.grewBy) result.notes.push({ line: 0, message: `${path}: grew by ${read.grewBy} bytes while it was read; what it held when opened was read` });
  return result;
}

function packetProblem(src: string, dst: string): string | undefined {
  const s = parseIpBytes(src);
  const d = parseIpBytes(dst);
  if (!s) return `src '${src}' is not an IP address`;
  if (!d) return `dst '${dst}' is not an IP address`;
  if (s.length !== d.length) return 'src and dst are of different IP versions';
  return undefined;
}

const PROTO_NUMBER = { tcp: 6, udp: 17, icmp: 1 } as const;

/**
 * Fills the reused DecodedPacket from a `packet` event, so hand-written packets take the same path as
 * captured ones (ICMP over IPv6 becomes ICMPv6). Returns false for an event that is not a packet.
 */
export function packetFromEvent(ev: ScriptEvent, p: DecodedPacket, frame = 0): boolean {
  if (ev.type !== 'packet' || !ev.src || !ev.dst || !ev.proto) return false;
  const s = parseIpBytes(ev.src);
  const d = parseIpBytes(ev.dst);
  if (!s || !d) return false;
  resetDecoded(p);
  p.time = ev.time;
  p.frame = frame;
  p.recordOffset = ev.line;
  p.interfaceId = 0;
  p.frameBytes = new Uint8Array(0);
  p.frameStart = 0;
  p.capturedLength = p.originalLength = 0;
  if (s.length === 4) {
    p.ipVersion = 4;
    p.src4 = ((s[0] << 24) | (s[1] << 16) | (s[2] << 8) | s[3]) >>> 0;
    p.dst4 = ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
    p.linkBroadcastOrMulticast = p.dst4 === 0xffffffff || p.dst4 >>> 28 === 14;
    p.protocol = PROTO_NUMBER[ev.proto];
  } else {
    p.ipVersion = 6;
    ipv6BytesToWords(s, p.src6);
    ipv6BytesToWords(d, p.dst6);
    p.linkBroadcastOrMulticast = d[0] === 0xff;
    p.protocol = ev.proto === 'icmp' ? 58 : PROTO_NUMBER[ev.proto];
  }
  if (ev.proto !== 'icmp') {
    p.srcPort = ev.sport ?? 0;
    p.dstPort = ev.dport ?? 0;
  }
  p.transportBytes = ev.bytes ?? 0;
  return true;
}
