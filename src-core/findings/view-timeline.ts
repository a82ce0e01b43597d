// A run's timeline per device for drawing: cycles as points (bucketed for long runs), idle stretches as gaps, findings as marks.
// Part of the findings view model (re-exported there): no Node imports, plain data in and out.
import type { CycleOutcome, CycleReport } from '../agent/agent-report';
import type { DeviceResult, SimulationResult } from '../simulator/simulation-types';
import type { Finding, FindingKind, FindingSeverity } from './finding';

/** About one point per pixel column of a wide chart: a day of 10 s cycles (8,640) still draws at once. */
export const DEFAULT_TIMELINE_POINTS = 600;

export interface TimelinePoint {
  /** The first merged cycle's time; `timeEnd` the last one's (equal when the point is one cycle). */
  time: number;
  timeEnd: number;
  /** Cycles merged into this point. */
  cycles: number;
  /** The largest of each over the merged cycles, so a spike survives downsampling. */
  flows: number;
  bytesIn: number;
  bytesOut: number;
  drops: number;
  messageBytes: number;
  /** The worst outcome of the merged cycles (see isBadOutcome). */
  outcome: CycleOutcome;
  /** An idle stretch lies between the previous point and this one: a line must not join them. */
  gapBefore: boolean;
}

/** An idle stretch the agent skipped (no traffic, hub up): `[from, to)`, cycles and messages it held. */
export interface TimelineGap {
  from: number;
  to: number;
  cycles: number;
  messages: number;
}

/** A finding of the device placed on its timeline. */
export interface AlertMark {
  id: string;
  code: string;
  kind: FindingKind;
  severity: FindingSeverity;
  title: string;
  firstTime: number;
  lastTime: number;
  agentVisible: boolean | null;
}

export interface DeviceTimeline {
  device: string;
  /** The time axis; null when the device has no cycle, idle stretch or timed finding. */
  extent: { start: number; end: number } | null;
  /** The largest per-cycle values, for the vertical axes. */
  peaks: { flows: number; drops: number; bytesIn: number; bytesOut: number; messageBytes: number };
  /** The message size the agent's buffer was sized for (0 when unknown): a reference line. */
  maxMessageSize: number;
  points: TimelinePoint[];
  /** Idle stretches to draw; when downsampled, those narrower than a bucket are left out (`idle` counts them all). */
  gaps: TimelineGap[];
  idle: { stretches: number; cycles: number; messages: number; seconds: number };
  marks: AlertMark[];
  /** Cycles listed in the agent report (before downsampling). */
  cycles: number;
  /** Seconds per bucket when cycles were merged; 0 when every point is one cycle. */
  bucketSeconds: number;
}

export interface TimelineOptions {
  /** Most points per device (default DEFAULT_TIMELINE_POINTS). */
  maxPoints?: number;
  /** The axis to use (runTimelines shares one across devices); widened to hold the device's own data. */
  extent?: { start: number; end: number };
}

// Worse outcomes rank higher. 'held' is not bad: it is a message waiting for the hub when the run ended.
const outcomeRank: Record<CycleOutcome, number> = {
  empty: 0, sent: 1, held: 2, 'lost-unsent': 3, 'dropped-too-big': 4, 'builder-stack-failure': 5, hung: 6,
};

/** A cycle whose message did not get out: lost unsent, dropped as too big, failed in the builder, or hung. */
export function isBadOutcome(outcome: CycleOutcome): boolean {
  return outcomeRank[outcome] >= outcomeRank['lost-unsent'];
}

function marksOf(deviceId: string, findings: readonly Finding[]): AlertMark[] {
  const marks: AlertMark[] = [];
  for (const f of findings) {
    if (f.device !== deviceId || typeof f.firstTime !== 'number') continue;
    marks.push({
      id: f.id, code: f.code, kind: f.kind, severity: f.severity, title: f.title,
      firstTime: f.firstTime, lastTime: Math.max(f.firstTime, f.lastTime ?? f.firstTime), agentVisible: f.agentVisible,
    });
  }
  return marks;
}

function ownExtent(device: DeviceResult, marks: readonly AlertMark[]): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  const see = (a: number, b: number) => ((start = Math.min(start, a)), (end = Math.max(end, b)));
  const { cycles, idleSkipped } = device.agent;
  if (cycles.length) see(cycles[0].time, cycles[cycles.length - 1].time);
  for (const g of idleSkipped) see(g.from, g.to);
  for (const m of marks) see(m.firstTime, m.lastTime);
  return start <= end ? { start, end } : null;
}

function union(a: { start: number; end: number } | null, b: { start: number; end: number } | null | undefined) {
  if (!a) return b ?? null;
  if (!b) return a;
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function pointOf(c: CycleReport): TimelinePoint {
  return {
    time: c.time, timeEnd: c.time, cycles: 1, flows: c.flows, bytesIn: c.bytesIn, bytesOut: c.bytesOut,
    drops: c.drops, messageBytes: c.messageBytes, outcome: c.outcome, gapBefore: false,
  };
}

function merge(p: TimelinePoint, c: CycleReport): void {
  p.timeEnd = c.time;
  p.cycles++;
  p.flows = Math.max(p.flows, c.flows);
  p.bytesIn = Math.max(p.bytesIn, c.bytesIn);
  p.bytesOut = Math.max(p.bytesOut, c.bytesOut);
  p.drops = Math.max(p.drops, c.drops);
  p.messageBytes = Math.max(p.messageBytes, c.messageBytes);
  if (outcomeRank[c.outcome] > outcomeRank[p.outcome]) p.outcome = c.outcome;
}

/**
 * One device's timeline. With more cycles than `maxPoints`, the axis is cut into `maxPoints` equal buckets
 * and the cycles of a bucket become one point holding their maxima and worst outcome: a lone burst of drops
 * or a lost message stays visible however long the run.
 */
export function deviceTimeline(device: DeviceResult, findings: readonly Finding[], options: TimelineOptions = {}): DeviceTimeline {
  const maxPoints = Math.max(1, Math.floor(options.maxPoints ?? DEFAULT_TIMELINE_POINTS));
  const { cycles, idleSkipped } = device.agent;
  const marks = marksOf(device.id, findings);
  const extent = union(ownExtent(device, marks), options.extent);

  const downsample = cycles.length > maxPoints && extent !== null;
  const span = extent ? extent.end - extent.start : 0;
  const bucketSeconds = downsample ? span / maxPoints : 0;
  const points: TimelinePoint[] = [];
  let lastBucket = NaN;
  for (const c of cycles) {
    // All cycles at one instant (span 0) share bucket 0.
    const bucket = downsample ? (bucketSeconds > 0 ? Math.min(maxPoints - 1, Math.floor((c.time - extent!.start) / bucketSeconds)) : 0) : NaN;
    if (downsample && bucket === lastBucket) merge(points[points.length - 1], c);
    else points.push(pointOf(c));
    lastBucket = bucket;
  }

  // A stretch narrower than a bucket is less than a pixel wide: leaving it out keeps the gaps as bounded as
  // the points (each drawn one is at least a bucket wide), and no bucket then straddles a drawn gap.
  const gaps = idleSkipped.filter((g) => !downsample || g.to - g.from >= bucketSeconds).map((g) => ({ ...g }));
  let gi = 0;
  for (let i = 1; i < points.length; i++) {
    while (gi < gaps.length && gaps[gi].to <= points[i - 1].timeEnd) gi++;
    const g = gaps[gi];
    points[i].gapBefore = g !== undefined && g.from >= points[i - 1].timeEnd && g.to <= points[i].time;
  }

  const peaks = { flows: 0, drops: 0, bytesIn: 0, bytesOut: 0, messageBytes: 0 };
  for (const p of points) {
    peaks.flows = Math.max(peaks.flows, p.flows);
    peaks.drops = Math.max(peaks.drops, p.drops);
    peaks.bytesIn = Math.max(peaks.bytesIn, p.bytesIn);
    peaks.bytesOut = Math.max(peaks.bytesOut, p.bytesOut);
    peaks.messageBytes = Math.max(peaks.messageBytes, p.messageBytes);
  }
  const idle = { stretches: idleSkipped.length, cycles: 0, messages: 0, seconds: 0 };
  for (const g of idleSkipped) (idle.cycles += g.cycles), (idle.messages += g.messages), (idle.seconds += g.to - g.from);

  return {
    device: device.id, extent, peaks, maxMessageSize: device.agent.maxMessageSize ?? 0, points, gaps, idle, marks,
    cycles: cycles.length, bucketSeconds,
  };
}

/** Every device's timeline on one shared axis (the run's packets, cycles, idle stretches and findings), so they line up. */
export function runTimelines(result: SimulationResult, options: Omit<TimelineOptions, 'extent'> = {}): DeviceTimeline[] {
  const { firstPacketTime, lastPacketTime } = result.summary;
  let extent = firstPacketTime !== null && lastPacketTime !== null ? { start: firstPacketTime, end: lastPacketTime } : null;
  for (const d of result.devices) extent = union(extent, ownExtent(d, marksOf(d.id, result.findings)));
  return result.devices.map((d) => deviceTimeline(d, result.findings, { ...options, extent: extent ?? undefined }));
}
