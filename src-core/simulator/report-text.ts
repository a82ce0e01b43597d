// The text form of a simulation result, as `microagent simulate` prints it: the verdict first (findings by
// severity and kind), then the findings one line each, then per device what the agent recorded, sent and
// missed, and the cycles worth a look. Bounded, so a day-long capture stays readable.
import { relative, isAbsolute } from 'node:path';
import type { Finding } from '../findings/finding';
import { findingsHeadline } from '../findings/headline';
import { safeLine } from '../findings/text-safety';
import { formatDuration, formatTime } from '../findings/time-text';
import type { AgentReport, CycleReport } from '../agent/agent-report';
import type { SimulationResult } from './simulation-types';

export interface TextReportOptions {
  /** Paths are shown relative to this folder. */
  cwd?: string;
  /** Findings listed (the counts cover them all). */
  maxFindings?: number;
  /** Cycles listed per device: the first ones with traffic, and every one that went wrong. */
  maxCycles?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function simulationText(result: SimulationResult, configSource: string, options: TextReportOptions = {}): string {
  const cwd = options.cwd;
  const show = (p: string) => (cwd && isAbsolute(p) && !relative(cwd, p).startsWith('..') ? relative(cwd, p) || p : p);
  const s = result.summary;
  const lines: string[] = [];
  const span = s.firstPacketTime !== null && s.lastPacketTime !== null ? ` over ${formatDuration(s.lastPacketTime - s.firstPacketTime)} of traffic from ${formatTime(s.firstPacketTime)}` : '';
  lines.push(`${findingsHeadline(result.findings)}: ${plural(result.devices.length, 'device')}${span}`);
  const inputs = s.inputs.map((i) => `${show(i.file)} (${i.kind === 'unknown' ? 'unreadable' : i.format}${i.approximate ? ', approximate' : ''})`).join('; ');
  lines.push(`inputs: ${safeLine(inputs || 'none')}`, `  ${s.packetsRead} packets, seed ${s.seed}, configuration: ${safeLine(show(configSource))}`);
  for (const e of s.errors) lines.push(`  read stopped: ${safeLine(e)}`);
  if (s.approximate) lines.push('  APPROXIMATE: conn.log flows were spread into synthetic packets (even times and sizes per direction)');
  if (s.guessedDeviceIp) lines.push(`  device address guessed: ${s.guessedDeviceIp} (in the most flows; set --device-ip to choose)`);
  const notes = [...s.notes, ...result.detectionNotes];
  for (const n of notes.slice(0, 20)) lines.push(`  note: ${safeLine(n, 400)}`);
  if (notes.length > 20) lines.push(`  (${notes.length - 20} more notes in --format json)`);

  const max = options.maxFindings ?? 30;
  if (result.findings.length) {
    lines.push('', 'findings (most severe first; * = only the ground truth shows it):');
    for (const f of result.findings.slice(0, max)) {
      lines.push(`  ${f.agentVisible === false ? '*' : ' '}${f.severity.padEnd(7)} ${f.kind.padEnd(14)} ${f.code} ${safeLine(f.device ?? 'hub', 80)}: ${safeLine(f.title, 120)}`);
      lines.push(`      ${safeLine(f.message, 600)}`);
      const at = f.locations[0];
      if (at) lines.push(`      at ${safeLine(show(at.file))}:${at.range.start.line + 1}:${at.range.start.character + 1} (${safeLine(at.label, 200)})`);
    }
    if (result.findings.length > max) lines.push(`  (${result.findings.length - max} more findings in --format json, sarif or html)`);
  }

  for (const d of result.devices) {
    const a = d.agent;
    lines.push('', `device ${safeLine(d.id, 200)}${d.id !== d.addresses.join(',') ? ` (${safeLine(d.addresses.join(', '), 200)})` : ''}, security group ${safeLine(d.securityGroup, 200)}${d.approximate ? ' [approximate]' : ''}`);
    lines.push(`  agent: ${a.flowsRecorded} flow records in ${a.cycles.length} cycles, ${a.messagesSent} messages sent (largest ${a.maxMessageBytes} B of ${a.maxMessageSize} B sized)`);
    lines.push(`  packets recorded ${a.packetsRecorded}, dropped with the cache full ${a.packetsDropped}`);
    const notSeen = Object.entries(a.packetsNotSeen).filter(([k]) => k !== 'pool-full');
    if (notSeen.length) lines.push(`  packets the agent did not see: ${notSeen.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (a.messagesDropped) lines.push(`  messages dropped as too big: ${a.messagesDropped}`);
    if (a.messagesLostUnsent) lines.push(`  messages lost unsent (no hub connected): ${a.messagesLostUnsent}`);
    if (a.sendsFailed) lines.push(`  sends failed with a hub connected: ${a.sendsFailed} of ${a.sendAttempts} tried; ${plural(a.messagesLostSendsFailing, 'message')} discarded after every send failed`);
    lines.push(...poolLeakLines(a.poolLeak));
    if (a.idleSkipped.length) {
      const cycles = a.idleSkipped.reduce((n, x) => n + x.cycles, 0);
      const seconds = a.idleSkipped.reduce((n, x) => n + x.to - x.from, 0);
      lines.push(`  idle: ${cycles} cycles without traffic over ${seconds} s (${a.idleSkipped.length} stretch${a.idleSkipped.length > 1 ? 'es' : ''}) counted but not listed`);
    }
    if (a.state.length > 1) {
      const changes = a.state.slice(0, 12).map((c) => `${c.state} at ${formatTime(c.time)}`).join(', ');
      lines.push(`  state: ${changes}${a.state.length > 12 ? `, and ${a.state.length - 12} more changes` : ''}`);
    }
    if (a.hung) lines.push(`  AGENT HUNG at ${formatTime(a.hung.time)}: ${a.hung.reason} with asserts on; nothing sent after that`);
    if (a.silentFrom !== null) lines.push(`  AGENT SILENT from ${formatTime(a.silentFrom)}: builder stack exhausted; every later message fails`);
    lines.push(`  truth: ${d.truth.flows} flows, ${d.truth.packets} packets, ${d.truth.bytes} bytes; ${d.truth.flowsNeverRecorded} flows never recorded, ${d.truth.flowsPartlyMissed} partly`);
    if (d.truth.flowsFolded) lines.push(`  truth kept bounded: ${d.truth.flowsFolded} flows idle longest were folded into these totals during the run (a 5-tuple that sent again after that counts as a new flow)`);
    const cloud = Object.entries(d.cloudEvents.summary);
    if (cloud.length) lines.push(`  cloud events: ${cloud.map(([k, v]) => `${k} ${v!.count}`).join(', ')}`);
    lines.push(...cycleTable(a.cycles, options.maxCycles ?? 24));
  }
  return `${lines.join('\n')}\n`;
}

/** The cycles with something in them: all that went wrong (drops, lost, too big, hung), then the first others. */
function cycleTable(cycles: readonly CycleReport[], max: number): string[] {
  const busy = cycles.filter((c) => c.events.length > 0 || c.drops > 0);
  const wrong = (c: CycleReport) => c.drops > 0 || (c.outcome !== 'sent' && c.outcome !== 'empty' && c.outcome !== 'held');
  const picked = new Set<CycleReport>();
  for (const c of busy) if (wrong(c) && picked.size < max) picked.add(c);
  for (const c of busy) if (picked.size < max) picked.add(c);
  const rows = busy.filter((c) => picked.has(c));
  const out = ['  cycle (UTC)           flows  bytes in  bytes out  drops  message  outcome'];
  for (const c of rows) {
    // A message that left later than its collection (a retry, a reconnection) says when.
    const outcome = c.outcome === 'sent' && c.sentAt !== undefined && c.sentAt !== c.time ? `sent ${formatDuration(c.sentAt - c.time)} later` : c.outcome;
    out.push(`  ${formatTime(c.time).padEnd(20)} ${String(c.flows).padStart(5)} ${String(c.bytesIn).padStart(9)} ${String(c.bytesOut).padStart(10)} ${String(c.drops).padStart(6)} ${String(c.messageBytes).padStart(8)}  ${outcome}`);
  }
  if (busy.length > rows.length) out.push(`  (${busy.length - rows.length} more cycles in --format json)`);
  return out;
}

/** The real agent's fault after a hub outage (MA438): pool objects taken while SUSPENDED and never given back. */
function poolLeakLines(leak: AgentReport['poolLeak']): string[] {
  const out: string[] = [];
  for (const [version, l] of [['IPv4', leak.ipv4], ['IPv6', leak.ipv6]] as const) {
    if (l.leaked === 0) continue;
    const blind = l.blindFrom !== null ? `; the pool is empty from ${formatTime(l.blindFrom)}: this collector records nothing more until the device reboots` : '';
    out.push(`  ${version} pool leak after a hub outage: ${l.leaked} of ${l.poolSize} objects taken while SUSPENDED and never given back (the first at ${l.firstLeak === null ? '?' : formatTime(l.firstLeak)})${blind}`);
  }
  return out;
}
