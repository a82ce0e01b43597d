// The allowed range of the learned ActiveConnectionsNotInAllowedRange rule, from the per-window distinct-flow
// counts the cloud's own counters gave (RuleCounters.finish: the same window grid, bounds and "full" windows):
//   maxThreshold = ceil(largest count * (1 + margin))
//   minThreshold = floor(smallest count of a full window * (1 - margin)), never below 0; 0 when no window was full
// (only full windows are judged "too few", so only they say how low the count goes).
import type { ThresholdBounds } from '../cloud/cloud-options';
import type { WindowValue } from '../cloud/rule-counters';

export interface ObservedWindows {
  /** Windows with a count or wholly inside a run (the ones the cloud judges). */
  windows: number;
  fullWindows: number;
  /** The largest count of any window (0 when none). */
  max: number;
  /** The smallest count of a full window (undefined when no window was full). */
  minFull?: number;
}

export interface LearnedThresholds {
  /** minThreshold and maxThreshold as written. */
  min: number;
  max: number;
  marginPercent: number;
  observed: ObservedWindows;
}

/** Folds window lists (any number of devices and views) into what was observed. */
export function observeWindows(lists: Iterable<readonly WindowValue[]>): ObservedWindows {
  const out: ObservedWindows = { windows: 0, fullWindows: 0, max: 0 };
  for (const list of lists) {
    for (const w of list) {
      if (!w.full && w.observed === 0) continue;
      out.windows++;
      out.max = Math.max(out.max, w.observed);
      if (w.full) {
        out.fullWindows++;
        out.minFull = Math.min(out.minFull ?? Infinity, w.observed);
      }
    }
  }
  return out;
}

// Products like 10 * 110 / 100 land a hair off the integer in floating point: round them to it first.
const EPSILON = 1e-9;

/** The rule's range with `marginPercent` (0 or more) around what was observed. */
export function thresholdsFor(seen: ObservedWindows, marginPercent: number, bounds: ThresholdBounds = 'inclusive'): LearnedThresholds {
  let max = Math.ceil((seen.max * (100 + marginPercent)) / 100 - EPSILON);
  let min = seen.minFull === undefined ? 0 : Math.max(0, Math.floor((seen.minFull * (100 - marginPercent)) / 100 + EPSILON));
  // With exclusive bounds a count equal to an end is out of range: step each end out by one (min stays >= 0).
  if (bounds === 'exclusive') {
    max += 1;
    min = Math.max(0, min - 1);
  }
  return { min, max: Math.max(max, min), marginPercent, observed: seen };
}
