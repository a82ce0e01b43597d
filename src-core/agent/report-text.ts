// The text form of a simulation result, as `microagent simulate` prints it: per device the agent's view
// (records, drops, messages, state), the ground truth, the script's cloud events, and the cycle table.
import type { SimulationResult } from './simulation';

export function simulationText(result: SimulationResult, configSource: string): string {
  const s = result.summary;
  const inputs = s.inputs.map((i) => `${i.file} (${i.kind === 'unknown' ? 'unreadable' : i.format}${i.approximate ? ', approximate' : ''})`).join('; ');
  const lines = [`inputs: ${inputs || 'none'}`, `  ${s.packetsRead} packets, seed ${s.seed}, configuration: ${configSource}`];
  for (const e of s.errors) lines.push(`  read stopped: ${e}`);
  if (s.approximate) lines.push('  APPROXIMATE: conn.log flows were spread into synthetic packets (even times and sizes per direction)');
  if (s.guessedDeviceIp) lines.push(`  device address guessed: ${s.guessedDeviceIp} (in the most flows; set --device-ip to choose)`);
  const notes = s.notes.slice(0, 20);
  for (const n of notes) lines.push(`  note: ${n}`);
  if (s.notes.length > notes.length) lines.push(`  (${s.notes.length - notes.length} more notes in --format json)`);
  for (const d of result.devices) {
    const a = d.agent;
    lines.push('', `device ${d.id}${d.id !== d.addresses.join(',') ? ` (${d.addresses.join(', ')})` : ''}, security group ${d.securityGroup}${d.approximate ? ' [approximate]' : ''}`);
    lines.push(`  agent: ${a.flowsRecorded} flow records in ${a.cycles.length} cycles, ${a.messagesSent} messages sent (largest ${a.maxMessageBytes} B of ${a.maxMessageSize} B sized)`);
    lines.push(`  packets recorded ${a.packetsRecorded}, dropped with the cache full ${a.packetsDropped}`);
    const notSeen = Object.entries(a.packetsNotSeen).filter(([k]) => k !== 'pool-full');
    if (notSeen.length) lines.push(`  packets the agent did not see: ${notSeen.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (a.messagesDropped) lines.push(`  messages dropped as too big: ${a.messagesDropped}`);
    if (a.messagesLostUnsent) lines.push(`  messages lost unsent (no hub connected): ${a.messagesLostUnsent}`);
    if (a.idleSkipped.length) {
      const cycles = a.idleSkipped.reduce((n, x) => n + x.cycles, 0);
      const seconds = a.idleSkipped.reduce((n, x) => n + x.to - x.from, 0);
      lines.push(`  idle: ${cycles} cycles without traffic over ${seconds} s (${a.idleSkipped.length} stretch${a.idleSkipped.length > 1 ? 'es' : ''}) counted but not listed`);
    }
    if (a.state.length > 1) lines.push(`  state: ${a.state.map((c) => `${c.state} at ${c.time}`).join(', ')}`);
    if (a.hung) lines.push(`  AGENT HUNG at ${a.hung.time}: ${a.hung.reason} with asserts on; nothing sent after that`);
    if (a.silentFrom !== null) lines.push(`  AGENT SILENT from ${a.silentFrom}: builder stack exhausted; every later message fails`);
    lines.push(`  truth: ${d.truth.flows} flows, ${d.truth.packets} packets, ${d.truth.bytes} bytes; ${d.truth.flowsNeverRecorded} flows never recorded, ${d.truth.flowsPartlyMissed} partly`);
    const cloud = Object.entries(d.cloudEvents.summary);
    if (cloud.length) lines.push(`  cloud events: ${cloud.map(([k, v]) => `${k} ${v!.count}`).join(', ')}`);
    lines.push('  cycle time   flows  bytes in  bytes out  drops  message  outcome');
    for (const c of a.cycles) {
      if (c.events.length === 0 && c.drops === 0) continue;
      lines.push(`  ${String(c.time).padEnd(11)} ${String(c.flows).padStart(5)} ${String(c.bytesIn).padStart(9)} ${String(c.bytesOut).padStart(10)} ${String(c.drops).padStart(6)} ${String(c.messageBytes).padStart(8)}  ${c.outcome}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
