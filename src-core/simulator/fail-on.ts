// `--fail-on`: when a simulation should fail a CI job. A severity (findings the cloud would have raised at
// or above it, and this project's hints) and any of: silent, hung, drops, missed.
import { UsageError } from '../cli/args';
import { FINDING_SEVERITIES, severityAtLeast, type FindingSeverity } from '../findings/finding';
import type { SimulationResult } from './simulation-types';

export interface FailOn {
  severity?: FindingSeverity;
  /** An agent went silent (builder stack) or hung (an assert). */
  silent: boolean;
  hung: boolean;
  /** Packets dropped with the cache full, or messages dropped as too big. */
  drops: boolean;
  /** Findings only the ground truth shows. */
  missed: boolean;
}

export const FAIL_ON_HELP = 'a severity (high, medium, low, informational: a finding the cloud would raise at or above it, or a hint), and/or silent, hung, drops (packets or messages dropped), missed (a finding only the ground truth shows), comma-separated';

export function parseFailOn(text: string | undefined): FailOn {
  const f: FailOn = { silent: false, hung: false, drops: false, missed: false };
  if (text === undefined) return f;
  for (const raw of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    const t = raw.toLowerCase();
    const sev = FINDING_SEVERITIES.find((s) => s.toLowerCase() === t);
    if (sev) {
      if (f.severity) throw new UsageError(`--fail-on: one severity only (got ${f.severity} and ${sev})`);
      f.severity = sev;
    } else if (t === 'silent' || t === 'hung' || t === 'drops' || t === 'missed') f[t] = true;
    else throw new UsageError(`--fail-on: '${raw}' is not a severity (high, medium, low, informational) or one of silent, hung, drops, missed`);
  }
  return f;
}

/** What tripped, in words (empty: the run passes). */
export function failOnTrips(f: FailOn, result: SimulationResult): string[] {
  const out: string[] = [];
  if (f.severity) {
    const hits = result.findings.filter((x) => x.agentVisible !== false && severityAtLeast(x.severity, f.severity!));
    if (hits.length) out.push(`${hits.length} finding${hits.length === 1 ? '' : 's'} at ${f.severity} or above (${[...new Set(hits.map((h) => h.code))].join(', ')})`);
  }
  for (const d of result.devices) {
    if (f.silent && d.agent.silentFrom !== null) out.push(`${d.id}: agent silent from ${d.agent.silentFrom}`);
    if (f.hung && d.agent.hung) out.push(`${d.id}: agent hung at ${d.agent.hung.time}`);
    if (f.drops && (d.agent.packetsDropped > 0 || d.agent.messagesDropped > 0)) out.push(`${d.id}: ${d.agent.packetsDropped} packets and ${d.agent.messagesDropped} messages dropped`);
  }
  if (f.missed) {
    const missed = result.findings.filter((x) => x.agentVisible === false);
    if (missed.length) out.push(`${missed.length} finding${missed.length === 1 ? '' : 's'} only the ground truth shows`);
  }
  return out;
}
