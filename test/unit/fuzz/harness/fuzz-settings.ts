// The fuzz suite's knobs, from the environment: how many cases, which seed, the time bound per input, which
// readers. CI runs the defaults (fixed seeds, a fixed number of cases per reader); people run it longer.

export interface FuzzSettings {
  /** Cases per reader: FUZZ_RUNS, else the reader's own CI count. */
  runs?: number;
  /** Base seed: FUZZ_SEED (each reader adds its own offset, so readers do not share a stream). */
  seed: number;
  /** fast-check's replay path of one failing case (FUZZ_PATH, printed with a failure). */
  path?: string;
  /** Longest time one input may take, in milliseconds (FUZZ_CASE_MS). A reader still busy then has hung. */
  caseMs: number;
  /** Readers to run (FUZZ_READERS=pcap,feed-list); empty: all. */
  only: string[];
}

export const DEFAULT_SEED = 20250610;

function intFrom(name: string, text: string | undefined, fallback: number | undefined): number | undefined {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${text}: expected an integer`);
  return n;
}

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  return {
    runs: intFrom('FUZZ_RUNS', env.FUZZ_RUNS, undefined),
    seed: intFrom('FUZZ_SEED', env.FUZZ_SEED, DEFAULT_SEED)!,
    path: env.FUZZ_PATH || undefined,
    caseMs: intFrom('FUZZ_CASE_MS', env.FUZZ_CASE_MS, 5000)!,
    only: (env.FUZZ_READERS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}

/** A reader's seed: the base seed plus a stable hash of its name, so one FUZZ_SEED moves every reader. */
export function readerSeed(base: number, reader: string): number {
  let h = 2166136261;
  for (let i = 0; i < reader.length; i++) h = Math.imul(h ^ reader.charCodeAt(i), 16777619);
  return (base + (h >>> 0)) | 0;
}
