// Fuzz targets for the simulator's traffic inputs: captures (pcap, pcapng, and the DNS inside them), Zeek
// conn.log (TSV and JSON) and the event script. Each runs the reader the simulator runs, on a file.
import { readTrace } from '../../../../src-core/traffic/trace-reader';
import { decodeDns } from '../../../../src-core/traffic/dns';
import { readConnLog } from '../../../../src-core/traffic/conn-log';
import { readEventScript, packetFromEvent, LATEST_EVENT_TIME } from '../../../../src-core/traffic/event-script';
import { DecodedPacket } from '../../../../src-core/traffic/packet';
import { parseIpBytes } from '../../../../src-core/traffic/ip-address';
import { Problems, checkByteError, checkLinear } from '../harness/outcome-checks';
import type { Target } from '../harness/target';

/** What the truncation property compares: each packet read, in order, and where the read stopped. */
export interface CaptureSummary {
  packets: { offset: number; captured: number; time: number }[];
  error?: { message: string; offset: number };
}

/** Small chunks make every record cross a read boundary, the reader's hardest path. */
const SMALL_CHUNK = 61;

function readCapture(path: string, size: number, p: Problems, label: string, chunkSize?: number): CaptureSummary {
  const summary: CaptureSummary = { packets: [] };
  const packet = new DecodedPacket();
  const result = readTrace(path, (pk) => {
    const frameEnd = pk.frameStart + pk.capturedLength;
    p.check(pk.frameStart >= 0 && frameEnd <= pk.frameBytes.length, () => `${label}: frame ${pk.frame} [${pk.frameStart}, ${frameEnd}) lies outside the read buffer`);
    p.check(pk.recordOffset >= 0 && pk.recordOffset < size, () => `${label}: frame ${pk.frame} at byte ${pk.recordOffset} outside the ${size}-byte file`);
    p.check(Number.isFinite(pk.time), () => `${label}: frame ${pk.frame} has time ${pk.time}`);
    p.check(pk.capturedLength <= size, () => `${label}: frame ${pk.frame} claims ${pk.capturedLength} captured bytes in a ${size}-byte file`);
    if (pk.ipOffset >= 0) p.check(pk.ipOffset >= pk.frameStart && pk.ipOffset <= frameEnd, () => `${label}: frame ${pk.frame}'s IP header at ${pk.ipOffset} is outside its frame [${pk.frameStart}, ${frameEnd})`);
    if (pk.payloadOffset >= 0) {
      p.check(pk.payloadOffset >= pk.frameStart && pk.payloadOffset + pk.payloadLength <= frameEnd && pk.payloadLength >= 0,
        () => `${label}: frame ${pk.frame}'s payload [${pk.payloadOffset}, +${pk.payloadLength}) is outside its frame [${pk.frameStart}, ${frameEnd})`);
      if (pk.protocol === 17 && (pk.srcPort === 53 || pk.dstPort === 53)) {
        const dns = decodeDns(pk.frameBytes, pk.payloadOffset, pk.payloadLength);
        for (const q of [...(dns?.questions ?? []), ...(dns?.answers ?? [])]) {
          p.check(q.name.length <= 4 * 255, () => `${label}: frame ${pk.frame}: DNS name of ${q.name.length} characters`);
        }
      }
    }
    if (summary.packets.length < 100_000) summary.packets.push({ offset: pk.recordOffset, captured: pk.capturedLength, time: pk.time });
  }, chunkSize ? { chunkSize } : {}, packet);
  checkByteError(p, label, result.error, path, size);
  checkLinear(p, `${label}: packets`, result.packets, size, 1 / 12, 1);
  checkLinear(p, `${label}: notes`, result.notes.length, size, 1 / 12, 4);
  summary.error = result.error;
  return summary;
}

/** pcap and pcapng: read twice (the usual chunk, and chunks smaller than a record), with the same outcome. */
export const captureTarget: Target = (input, scratch) => {
  const path = scratch.write(input.name, input.bytes);
  const p = new Problems();
  const whole = readCapture(path, input.bytes.length, p, 'read');
  const pieces = readCapture(path, input.bytes.length, p, `read in ${SMALL_CHUNK}-byte chunks`, SMALL_CHUNK);
  const same = JSON.stringify(whole) === JSON.stringify(pieces);
  p.check(same, () => `reading in small chunks gives another outcome: ${whole.packets.length} packets${whole.error ? `, ${whole.error.message}` : ''} against ${pieces.packets.length}${pieces.error ? `, ${pieces.error.message}` : ''}`);
  return { problems: p.list, detail: whole };
};

function checkLineNotes(p: Problems, notes: readonly { line: number; message: string }[], path: string, lines: number): void {
  for (const n of notes) {
    if (n.line === 0) continue; // the closing "N more lines skipped" note
    p.check(Number.isInteger(n.line) && n.line >= 1 && n.line <= lines, () => `note on line ${n.line} of a ${lines}-line file: ${n.message}`);
    p.check(n.message.startsWith(`${path}:${n.line}: `), () => `note does not start with file:line: ${n.message.slice(0, 200)}`);
  }
}

function lineCount(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

export const connLogTarget: Target = (input, scratch) => {
  const path = scratch.write(input.name, input.bytes);
  const p = new Problems();
  const lines = lineCount(input.bytes);
  let flows = 0;
  const itemLines: number[] = [];
  const result = readConnLog(path, (f) => {
    flows++;
    if (itemLines.length < 100) itemLines.push(f.line);
    p.check(Number.isFinite(f.ts), () => `line ${f.line}: ts ${f.ts}`);
    for (const [k, v] of [['origPort', f.origPort], ['respPort', f.respPort]] as const) {
      p.check(Number.isInteger(v) && v >= 0 && v <= 65535, () => `line ${f.line}: ${k} ${v}`);
    }
    p.check(parseIpBytes(f.origHost) !== undefined && parseIpBytes(f.respHost) !== undefined, () => `line ${f.line}: hosts ${f.origHost} ${f.respHost}`);
    for (const k of ['duration', 'origBytes', 'respBytes', 'origPkts', 'respPkts', 'origIpBytes', 'respIpBytes'] as const) {
      const v = f[k];
      p.check(v === undefined || (Number.isFinite(v) && v >= 0), () => `line ${f.line}: ${k} ${v}`);
    }
    p.check(f.line >= 1 && f.line <= lines, () => `flow on line ${f.line} of a ${lines}-line file`);
  });
  p.check(result.flows === flows, () => `result counts ${result.flows} flows, the callback saw ${flows}`);
  p.check(!result.error, () => `read error on a readable file: ${result.error}`);
  checkLineNotes(p, result.notes, path, lines);
  checkLinear(p, 'notes', result.notes.length, input.bytes.length, 0, 202);
  return { problems: p.list, detail: { items: flows, itemLines, noteLines: result.notes.slice(0, 100).map((n) => n.line) } };
};

export const eventScriptTarget: Target = (input, scratch) => {
  const path = scratch.write(input.name, input.bytes);
  const p = new Problems();
  const lines = lineCount(input.bytes);
  let last = -Infinity;
  let lastLine = 0;
  let events = 0;
  const itemLines: number[] = [];
  const packet = new DecodedPacket();
  const result = readEventScript(path, (e) => {
    events++;
    if (itemLines.length < 100) itemLines.push(e.line);
    p.check(Number.isFinite(e.time) && e.time >= 0 && e.time <= LATEST_EVENT_TIME, () => `line ${e.line}: event time ${e.time}`);
    p.check(e.time >= last, () => `line ${e.line}: time ${e.time} before the previous event's ${last}`);
    p.check(e.line > lastLine && e.line <= lines, () => `event on line ${e.line} after line ${lastLine} (of ${lines})`);
    p.check(Number.isInteger(e.count) && e.count >= 1, () => `line ${e.line}: count ${e.count}`);
    if (e.type === 'packet') {
      p.check(packetFromEvent(e, packet, events), () => `line ${e.line}: a packet event that gives no packet`);
      p.check(Number.isFinite(packet.time), () => `line ${e.line}: packet time ${packet.time}`);
    }
    last = e.time;
    lastLine = e.line;
  });
  p.check(result.events === events, () => `result counts ${result.events} events, the callback saw ${events}`);
  p.check(!result.error, () => `read error on a readable file: ${result.error}`);
  checkLineNotes(p, result.notes, path, lines);
  checkLinear(p, 'notes', result.notes.length, input.bytes.length, 1, 2);
  return { problems: p.list, detail: { items: events, itemLines, noteLines: result.notes.slice(0, 100).map((n) => n.line) } };
};
