// How many problems one file reports, and how a checker that stops building them past the cap still says how
// many there were: a note (MA004) carrying the count, which the pipeline folds into its own (check-document.ts).
import type { Diagnostic, Range } from './types';

/** Most problems one file reports; editors and CI logs choke on millions, and the first ones are what to fix. */
export const MAX_DIAGNOSTICS_PER_FILE = 2000;

export const OMITTED_CODE = 'MA004';

/** A note standing for `count` problems a checker counted but did not build (a hostile file can have one per
 *  character: building them all is the memory the cap exists to save). */
export function omittedNote(file: string, range: Range, count: number): Diagnostic {
  return { code: OMITTED_CODE, severity: 'information', file, range, omitted: count,
    message: `${count} more problems in this file are not shown (the first ${MAX_DIAGNOSTICS_PER_FILE} are); fix these and check again.` };
}

/** Counts problems past the cap instead of keeping them. */
export class ProblemBudget {
  omitted = 0;
  constructor(readonly max = MAX_DIAGNOSTICS_PER_FILE) {}

  /** Whether one more problem may be built (after `kept` were); false counts it as omitted. */
  take(kept: number): boolean {
    if (kept < this.max) return true;
    this.omitted++;
    return false;
  }
}
