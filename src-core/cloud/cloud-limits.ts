// How much state the simulated cloud keeps per device and view, so that a day-long capture of a busy device
// (millions of flows, hundreds of thousands of remotes) runs in bounded memory. Below these limits nothing
// is summarised and the findings are exactly those of an unbounded run; past them, what is summarised is
// said in the run's notes (docs/detections.md, "Bounded state").

export interface CloudLimits {
  /** Remote addresses held per device and view; past it, the half idle longest are analysed and let go. */
  remotes: number;
  /** Flows held per device and view (over all remotes); past it, likewise. */
  flows: number;
  /** Subjects (indicators, addresses, ports, names) that get a finding of their own, per device, code and view;
   *  the first ones seen are kept, the others counted in a note. */
  subjectsPerCode: number;
  /** Distinct flows of one custom-alert window counted exactly before the count becomes an estimate. */
  exactDistinct: number;
  /** Distinct values the findings count (addresses, peers, names), held exactly per device over all its
   *  findings; past it, the largest count becomes an estimate. */
  distinctBudget: number;
}

export const DEFAULT_CLOUD_LIMITS: Readonly<CloudLimits> = Object.freeze({
  remotes: 5_000,
  flows: 12_000,
  subjectsPerCode: 500,
  exactDistinct: 50_000,
  distinctBudget: 50_000,
});
