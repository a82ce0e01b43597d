// Runs one reader's fuzz property: fast-check makes the cases (seeded), the worker reads each within the time
// bound and under the heap limit, and a failure is reported with everything needed to reproduce it: the
// seed and path to replay, the input saved to a file, how it was made, and what was wrong.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FuzzCase } from './mutations';
import { readerSeed, type FuzzSettings } from './fuzz-settings';
import type { CaseResult, ReaderWorker } from './reader-worker';

export interface ReaderFuzz {
  /** The reader's name in FUZZ_READERS and in reports (pcap, feed-csv, ...). */
  reader: string;
  /** The worker target that reads the input. */
  target: string;
  /** Cases per CI run. */
  ciRuns: number;
  cases: fc.Arbitrary<FuzzCase>;
  /** Expectations beyond "a clear outcome", on the target's detail (empty: met). */
  expect?: (c: FuzzCase, detail: unknown) => string[];
}

/** Heap a worker may keep between cases (after a full collection): more means a reader keeps what it read. */
export const RETAINED_HEAP_MB = 64;

/** Longest time spent shrinking a failure before reporting the smallest input found so far. */
const SHRINK_MS = 20_000;

/** The problems with one case's result; empty when the outcome was clear and in time. */
export function verdict(result: CaseResult, caseMs: number): string[] {
  if (result.kind === 'hung') return [`no outcome within ${result.afterMs} ms: the reader hangs (or is far too slow)`];
  if (result.kind === 'died') return [`the worker died: ${result.reason}`];
  const out = [...result.problems];
  if (result.elapsedMs > caseMs) out.push(`took ${Math.round(result.elapsedMs)} ms, over the ${caseMs} ms bound`);
  return out;
}

/** Saves a failing input where the report says, named so it can be copied into the corpus as it is. */
function saveFailure(reader: string, c: FuzzCase): string {
  const dir = join(tmpdir(), 'microagent-fuzz-failures');
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(c.bytes).digest('hex').slice(0, 10);
  const file = join(dir, `${reader}-${hash}--${c.name}`);
  writeFileSync(file, c.bytes);
  return file;
}

export interface FuzzReport {
  runs: number;
  elapsedMs: number;
  slowestMs: number;
  largestInput: number;
}

export async function runReaderFuzz(spec: ReaderFuzz, worker: ReaderWorker, settings: FuzzSettings, testFile: string): Promise<FuzzReport> {
  const seed = readerSeed(settings.seed, spec.reader);
  const runs = settings.runs ?? spec.ciRuns;
  // By content: fast-check may hand back a copy of the failing value rather than the object the predicate saw.
  const failures = new Map<string, string[]>();
  const keyOf = (c: FuzzCase) => `${c.name}:${createHash('sha256').update(c.bytes).digest('hex')}`;
  let firstFailureAt = 0;
  let slowestMs = 0;
  let largestInput = 0;
  const started = performance.now();
  const property = fc.asyncProperty(spec.cases, async (c) => {
    if (firstFailureAt && performance.now() - firstFailureAt > SHRINK_MS) return true;
    largestInput = Math.max(largestInput, c.bytes.length);
    const result = await worker.run(spec.target, c.name, c.bytes, settings.caseMs);
    if (result.kind === 'done') slowestMs = Math.max(slowestMs, result.elapsedMs);
    const problems = verdict(result, settings.caseMs);
    if (problems.length === 0 && result.kind === 'done' && spec.expect) problems.push(...spec.expect(c, result.detail));
    if (problems.length === 0) return true;
    failures.set(keyOf(c), problems);
    if (process.env.FUZZ_DEBUG) console.error(`[fuzz debug] ${spec.reader}: ${c.how.slice(0, 200)}\n  ${problems.join('\n  ')}`);
    firstFailureAt ||= performance.now();
    return false;
  });
  const details = await fc.check(property, { seed, numRuns: runs, path: settings.path, verbose: 0 });
  if (details.failed) {
    const c = details.counterexample?.[0];
    let problems = c ? failures.get(keyOf(c)) : [String(details.errorInstance)];
    if (c && !problems) {
      // Not seen under this content (a failure that depends on load): run it once more to say what it does now.
      const again = verdict(await worker.run(spec.target, c.name, c.bytes, settings.caseMs), settings.caseMs);
      problems = again.length ? again : ['(passes when run again: the failure depends on timing or load)'];
    }
    const saved = c ? saveFailure(spec.reader, c) : '(no input)';
    throw new Error([
      `fuzz ${spec.reader}: a case failed after ${details.numRuns} of ${runs} cases (${details.numShrinks} shrinks)`,
      c ? `  input: ${c.name}, ${c.bytes.length} bytes, made by: ${c.how.slice(0, 600)}` : '',
      `  problems:\n${problems!.map((p) => `    ${p.replace(/\n/g, '\n      ')}`).join('\n')}`,
      `  saved to: ${saved}`,
      `  reproduce: FUZZ_READERS=${spec.reader} FUZZ_SEED=${settings.seed} FUZZ_PATH=${details.counterexamplePath} node scripts/run-tests.mjs ${testFile}`,
      `  keep it as a regression test: copy the file into test/unit/fuzz/corpus/${spec.target}/`,
    ].filter(Boolean).join('\n'));
  }
  const heap = await worker.heapUsed();
  if (heap > RETAINED_HEAP_MB * 1024 * 1024) {
    throw new Error(`fuzz ${spec.reader}: the worker keeps ${(heap / 1048576).toFixed(1)} MB after ${runs} cases (more than ${RETAINED_HEAP_MB} MB): a reader holds on to what it read`);
  }
  return { runs, elapsedMs: performance.now() - started, slowestMs, largestInput };
}
