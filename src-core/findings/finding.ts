// The finding: what the simulated cloud (and the project's own checks) raise about a run. One shape for the
// CLI's text, JSON, SARIF and HTML reports, the alert panel and the inline diagnostics.
import type { Range } from '../language/types';

/** Alerts are what the cloud raised about behaviour; recommendations what it said about set-up; hints are ours. */
export type FindingKind = 'alert' | 'recommendation' | 'hint';

/** The cloud's own scale (Defender for IoT alerts and recommendations use High, Medium, Low). */
export type FindingSeverity = 'High' | 'Medium' | 'Low' | 'Informational';

export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['High', 'Medium', 'Low', 'Informational'];

/** Whose rule it is: the retired cloud's (emulated from its documentation), or this project's own. */
export type FindingOrigin = 'cloud' | 'project';

/** Where the user acts on a finding. */
export interface SourceLocation {
  /** Absolute path. */
  file: string;
  range: Range;
  role: 'rule' | 'indicator' | 'configuration' | 'profile' | 'hub' | 'script';
  /** What is there, in a few words ("ActiveConnectionsNotInAllowedRange in door-locks", "feed line 2"). */
  label: string;
}

/** One flow (5-tuple) behind a finding, as the agent reported it or as it happened. */
export interface FlowEvidence {
  protocol: 'TCP' | 'UDP' | 'ICMP' | 'other';
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
  /** Bytes into and out of the device. */
  bytesIn: number;
  bytesOut: number;
  firstTime: number;
  lastTime: number;
  /** How the cloud reads the record's direction (records carry none; see docs/detections.md). */
  direction: 'outbound' | 'inbound';
}

export interface FindingEvidence {
  flows?: FlowEvidence[];
  /** Flows behind the finding beyond those listed. */
  flowsNotListed?: number;
  /** The remote address or DNS name the finding is about. */
  remote?: string;
  /** The indicator that matched: its canonical value, the feed and line, the feed's label. */
  indicator?: { value: string; kind: 'ipv4' | 'ipv6' | 'domain'; feed: string; line: number; label?: string };
  /** A custom alert's window, value seen and allowed range. */
  window?: { start: number; end: number; seconds: number };
  observed?: number;
  allowed?: { min: number; max: number };
  /** The rule that fired: security group, rule type, list and index in the baseline. */
  rule?: { group: string; ruleType: string; list: string; index: number };
  /** Totals over the finding's flows. */
  bytesIn?: number;
  bytesOut?: number;
  /** Everything else worth showing, as short name-value pairs. */
  facts?: Record<string, string | number | boolean>;
}

export interface Finding {
  /** Stable within a run and across runs of the same inputs: code, device and subject. */
  id: string;
  /** MA4xx, documented in docs/rules.md. */
  code: string;
  kind: FindingKind;
  severity: FindingSeverity;
  origin: FindingOrigin;
  /** The cloud's alert or recommendation type where it has one (IoT_CA_<ruleType>, IoT_IPFilter_DenyAll). */
  alertType?: string;
  title: string;
  /** This instance in one sentence: what was seen and where. */
  message: string;
  /** The device's id; absent for hub-wide recommendations. */
  device?: string;
  /** Epoch seconds; absent for findings about set-up rather than traffic. */
  firstTime?: number;
  lastTime?: number;
  /** How many times it was raised (windows, records, events) before being merged into this one. */
  count: number;
  evidence: FindingEvidence;
  locations: SourceLocation[];
  /**
   * Whether the agent, as configured, reported the data the finding rests on: true when the finding is
   * raised from what the agent sent; false when only the ground truth shows it; null when it does not
   * rest on the agent's data (hub settings, hub logs, the profile).
   */
  agentVisible: boolean | null;
  remediation: string;
  /** A change that would resolve it, when one is clear (shown as a quick fix). */
  suggestedFix?: { title: string; file: string; range: Range; newText: string };
}

const severityRank: Record<FindingSeverity, number> = { High: 0, Medium: 1, Low: 2, Informational: 3 };

export function severityAtLeast(s: FindingSeverity, floor: FindingSeverity): boolean {
  return severityRank[s] <= severityRank[floor];
}

/** Report order: severity, then kind, then time, then code and id (stable for the same inputs). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    kindRank[a.kind] - kindRank[b.kind] ||
    (a.firstTime ?? Infinity) - (b.firstTime ?? Infinity) ||
    a.code.localeCompare(b.code) ||
    a.id.localeCompare(b.id)
  );
}

const kindRank: Record<FindingKind, number> = { alert: 0, recommendation: 1, hint: 2 };
