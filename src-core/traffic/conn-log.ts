// Reads Zeek conn.log files, TSV (with #separator / #fields headers) or JSON (one object a line), into
// FlowRecords, streamed. Tolerates IoT-23 logs whose last columns are split by three spaces.
import { readLines } from './line-reader';
import { parseIpBytes } from './ip-address';
import type { FlowReadResult, FlowRecord } from './flow-record';

/** Zeek's default conn.log columns, used when a TSV log has no #fields header. */
const DEFAULT_FIELDS = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state', 'local_orig', 'local_resp', 'missed_bytes', 'history', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes', 'tunnel_parents'];
const REQUIRED = ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'];
const MAX_NOTES = 200;

export function readConnLog(path: string, onFlow: (flow: FlowRecord) => void | boolean): FlowReadResult {
  const result: FlowReadResult = { file: path, format: 'unknown', flows: 0, notes: [] };
  let omitted = 0;
  const note = (line: number, message: string): void => {
    if (result.notes.length < MAX_NOTES) result.notes.push({ line, message: `${path}:${line}: ${message}` });
    else omitted++;
  };
  let sep = '\t';
  let unset = '-';
  let empty = '(empty)';
  let fields: string[] | undefined;
  let index = new Map<string, number>();
  let headerBad = false;
  const setFields = (list: string[], line: number): void => {
    fields = list;
    index = new Map(list.map((f, i) => [f, i]));
    const missing = REQUIRED.filter((f) => !index.has(f));
    headerBad = missing.length > 0;
    if (headerBad) note(line, `#fields lacks ${missing.join(', ')}; the lines under it are skipped`);
  };
  const read = readLines(path, (text, line) => {
    if (text.trim() === '') return;
    if (result.format === 'unknown') result.format = text.trimStart().startsWith('{') ? 'zeek-json' : 'zeek-tsv';
    if (result.format === 'zeek-json') {
      const flow = jsonLine(text, line, note);
      if (flow) {
        result.flows++;
        return onFlow(flow);
      }
      return;
    }
    if (text.startsWith('#')) {
      const m = /^#(\w+)(?:\s(.*))?$/.exec(text);
      const key = m?.[1];
      const value = m?.[2] ?? '';
      if (key === 'separator') sep = value.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      else if (key === 'unset_field') unset = value;
      else if (key === 'empty_field') empty = value;
      else if (key === 'fields') setFields(splitColumns(value, sep), line);
      return;
    }
    if (!fields) {
      note(line, 'no #fields header before the first record; assuming Zeek\'s default conn.log columns');
      setFields(DEFAULT_FIELDS, line);
    }
    if (headerBad) return;
    const cols = splitColumns(text, sep);
    if (cols.length < fields!.length) {
      note(line, `${cols.length} columns where #fields names ${fields!.length}; line skipped`);
      return;
    }
    const get = (name: string): string | undefined => {
      const i = index.get(name);
      if (i === undefined) return undefined;
      const v = cols[i];
      return v === unset || v === empty || v === '' ? undefined : v;
    };
    const flow = toFlow(get, line, note);
    if (flow) {
      result.flows++;
      return onFlow(flow);
    }
  }, undefined, undefined, 'connLog');
  if (read.error) result.error = read.error;
  for (const line of read.overlong) note(line, 'line longer than 1 MiB; skipped');
  if (read.grewBy) result.notes.push({ line: 0, message: `${path}: grew by ${read.grewBy} bytes while it was read; what it held when opened was read` });
  if (omitted > 0) result.notes.push({ line: 0, message: `${path}: ${omitted} more lines skipped (only the first ${MAX_NOTES} are listed)` });
  return result;
}

/** Splits on the separator; IoT-23's quirk (three spaces before the last columns) splits further. */
function splitColumns(text: string, sep: string): string[] {
  const cols = text.split(sep);
  if (!text.includes('   ')) return cols;
  const out: string[] = [];
  for (const c of cols) {
    if (c.includes('   ')) out.push(...c.split(/ {3,}/));
    else out.push(c);
  }
  return out;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

function toFlow(get: (name: string) => string | undefined, line: number, note: (line: number, m: string) => void): FlowRecord | undefined {
  const ts = num(get('ts'));
  const origHost = get('id.orig_h');
  const respHost = get('id.resp_h');
  const origPort = num(get('id.orig_p'));
  const respPort = num(get('id.resp_p'));
  const proto = get('proto');
  const problems: string[] = [];
  if (ts === undefined || Number.isNaN(ts)) problems.push(`ts '${get('ts') ?? ''}' is not a number`);
  if (!origHost || !parseIpBytes(origHost)) problems.push(`id.orig_h '${origHost ?? ''}' is not an IP address`);
  if (!respHost || !parseIpBytes(respHost)) problems.push(`id.resp_h '${respHost ?? ''}' is not an IP address`);
  if (!isPort(origPort)) problems.push(`id.orig_p '${get('id.orig_p') ?? ''}' is not a port`);
  if (!isPort(respPort)) problems.push(`id.resp_p '${get('id.resp_p') ?? ''}' is not a port`);
  if (!proto) problems.push('proto is missing');
  const counters: Record<string, number | undefined> = {};
  for (const k of ['duration', 'orig_bytes', 'resp_bytes', 'orig_pkts', 'orig_ip_bytes', 'resp_pkts', 'resp_ip_bytes']) {
    const v = num(get(k));
    if (v !== undefined && (Number.isNaN(v) || v < 0)) problems.push(`${k} '${get(k)}' is not a count`);
    counters[k] = v;
  }
  if (problems.length > 0) {
    note(line, `${problems.join('; ')}; line skipped`);
    return undefined;
  }
  return {
    ts: ts!, uid: get('uid') ?? '', origHost: origHost!, origPort: origPort!, respHost: respHost!, respPort: respPort!,
    proto: proto!, service: get('service'), duration: counters.duration, origBytes: counters.orig_bytes, respBytes: counters.resp_bytes,
    connState: get('conn_state'), origPkts: counters.orig_pkts, origIpBytes: counters.orig_ip_bytes, respPkts: counters.resp_pkts,
    respIpBytes: counters.resp_ip_bytes, label: get('label'), detailedLabel: get('detailed-label'), line,
  };
}

function isPort(n: number | undefined): boolean {
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65535;
}

function jsonLine(text: string, line: number, note: (line: number, m: string) => void): FlowRecord | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    note(line, `not JSON (${(err as Error).message}); line skipped`);
    return undefined;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    note(line, 'not a JSON object; line skipped');
    return undefined;
  }
  const o = obj as Record<string, unknown>;
  const get = (name: string): string | undefined => {
    const v = o[name];
    if (v === undefined || v === null || v === '-') return undefined;
    if (name === 'ts' && typeof v === 'string' && !/^\d+(\.\d+)?$/.test(v)) {
      // Zeek's JSON writer can print ISO 8601 times.
      const ms = Date.parse(v);
      return Number.isNaN(ms) ? v : String(ms / 1000);
    }
    return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
  };
  return toFlow(get, line, note);
}
