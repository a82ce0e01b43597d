// Counts what each custom-alert rule of a device's security group counts, window by window: distinct flows
// for active connections, hub events (and the agent's own messages) for the hub counters.
import type { CloudOptions } from './cloud-options';
import type { CountRule, HubCounterEvent } from './security-groups';
import { WindowGrid } from './windows';
import { DistinctCounter } from '../util/distinct-counter';
import { DEFAULT_CLOUD_LIMITS } from './cloud-limits';

export interface WindowValue {
  start: number;
  end: number;
  observed: number;
  /** The window lies wholly inside the device's run (only such windows can be judged "too few"). */
  full: boolean;
  /** `observed` is an estimate: the window held more distinct flows than are counted exactly. */
  estimated?: boolean;
}

interface RuleState {
  rule: CountRule;
  /** Undefined for a thresholdRules entry: one window over the whole run. */
  grid?: WindowGrid;
  /** Open windows of distinct flows, by window end (exact up to a limit, then estimated: bounded either way). */
  open: Map<number, DistinctCounter>;
  /** Closed (or counted) windows: end -> value. */
  counts: Map<number, { start: number; observed: number; estimated?: boolean }>;
}

export class RuleCounters {
  private readonly states: RuleState[];
  private origin: number | undefined;
  /** Hub events heard before the first-record origin is known (the cloud gets an event script's hub events
   *  all at once, before any record): counted once the origin is set, so they cannot move it. */
  private pendingHub: { time: number; event: HubCounterEvent; protocol: string | undefined; count: number }[] = [];

  constructor(rules: readonly CountRule[], private readonly options: CloudOptions, private readonly exactDistinct = DEFAULT_CLOUD_LIMITS.exactDistinct) {
    this.states = rules.map((rule) => ({ rule, open: new Map(), counts: new Map() }));
  }

  get empty(): boolean {
    return this.states.length === 0;
  }

  private gridOf(s: RuleState, time: number): WindowGrid | undefined {
    if (s.rule.windowSeconds === undefined) return undefined;
    if (this.origin === undefined) this.origin = time;
    s.grid ??= new WindowGrid(s.rule.windowSeconds, this.options.windowBounds, this.options.windowAlignment, this.origin);
    return s.grid;
  }

  /** With first-record alignment, the origin is the earliest of the first streamed item (records come in
   *  time order) and the hub events heard before it; those are then counted against it. */
  private settle(time: number): void {
    if (this.origin !== undefined || this.pendingHub.length === 0) return;
    let origin = time;
    for (const e of this.pendingHub) if (e.time < origin) origin = e.time;
    this.origin = origin;
    const pending = this.pendingHub;
    this.pendingHub = [];
    for (const e of pending) this.countHubEvents(e.time, e.event, e.protocol, e.count);
  }

  /** A flow appeared in a record stamped `time`. */
  addFlow(time: number, flowKey: string | number): void {
    this.settle(time);
    for (const s of this.states) {
      if (s.rule.counter.kind !== 'active-connections') continue;
      const grid = this.gridOf(s, time);
      const w = grid ? grid.windowOf(time) : { start: -Infinity, end: Infinity };
      let set = s.open.get(w.end);
      if (!set) {
        // Records come in time order: windows that ended before this one opened are final.
        for (const [end, old] of s.open) if (end <= w.start) (s.counts.set(end, closed(end - (grid?.seconds ?? 0), old)), s.open.delete(end));
        set = new DistinctCounter(this.exactDistinct);
        s.open.set(w.end, set);
      }
      set.add(flowKey);
    }
  }

  /** `count` hub events of a type at `time` (protocol: the device's transport; MQTT when unsaid). */
  addHubEvents(time: number, event: HubCounterEvent, protocol: string | undefined, count: number): void {
    if (this.options.windowAlignment === 'first-record' && this.origin === undefined) {
      this.pendingHub.push({ time, event, protocol, count });
      return;
    }
    this.countHubEvents(time, event, protocol, count);
  }

  private countHubEvents(time: number, event: HubCounterEvent, protocol: string | undefined, count: number): void {
    for (const s of this.states) {
      const c = s.rule.counter;
      if (c.kind !== 'hub-events' || c.event !== event) continue;
      if (c.protocol && (protocol ?? 'mqtt') !== c.protocol) continue;
      this.bump(s, time, count);
    }
  }

  /** A security message the hub received (device-to-cloud MQTT telemetry). */
  addSecurityMessage(time: number): void {
    this.settle(time);
    for (const s of this.states) if (s.rule.counter.kind === 'hub-events' && s.rule.counter.withSecurityMessages) this.bump(s, time, 1);
  }

  private bump(s: RuleState, time: number, count: number): void {
    const grid = this.gridOf(s, time);
    const w = grid ? grid.windowOf(time) : { start: -Infinity, end: Infinity };
    const c = s.counts.get(w.end);
    if (c) c.observed += count;
    else s.counts.set(w.end, { start: w.start, observed: count });
  }

  /** Every window each rule judged, for a device whose run covered [from, to]. */
  finish(from: number, to: number): Map<CountRule, WindowValue[]> {
    this.settle(Infinity);
    const out = new Map<CountRule, WindowValue[]>();
    for (const s of this.states) {
      for (const [end, set] of s.open) s.counts.set(end, closed(end - (s.grid?.seconds ?? Infinity), set));
      s.open.clear();
      const values: WindowValue[] = [];
      if (s.rule.windowSeconds === undefined) {
        const c = s.counts.get(Infinity);
        values.push({ start: from, end: to, observed: c?.observed ?? 0, full: true, ...(c?.estimated ? { estimated: true } : {}) });
      } else {
        const grid = s.grid ?? new WindowGrid(s.rule.windowSeconds, this.options.windowBounds, this.options.windowAlignment, this.origin ?? from);
        for (const [end, c] of s.counts) values.push({ start: c.start, end, observed: c.observed, full: c.start >= from && end <= to, ...(c.estimated ? { estimated: true } : {}) });
        for (const w of grid.fullWindows(from, to)) if (!s.counts.has(w.end)) values.push({ start: w.start, end: w.end, observed: 0, full: true });
        values.sort((a, b) => a.end - b.end);
      }
      out.set(s.rule, values);
    }
    return out;
  }
}

/** A window's distinct flows, once no more records can fall in it. */
function closed(start: number, flows: DistinctCounter): { start: number; observed: number; estimated?: boolean } {
  return { start, observed: flows.size, ...(flows.estimated ? { estimated: true } : {}) };
}
