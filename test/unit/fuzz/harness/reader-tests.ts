// Declares one node:test test per reader of a fuzz file, all sharing one worker: FUZZ_READERS skips the others,
// and each test prints its case count, time, slowest case and largest input.
import { test, after } from 'node:test';
import { fuzzSettings } from './fuzz-settings';
import { ReaderWorker } from './reader-worker';
import { runReaderFuzz, type ReaderFuzz } from './fuzz-property';

/** The heap every fuzz case runs under (the readers' code and schemas take about 15 MB of it). */
export const FUZZ_HEAP_MB = 96;

/** `file` is the test file's path from the repository root (for the replay line); `outcome` ends each title. */
export function readerTests(file: string, readers: readonly ReaderFuzz[], outcome: string): void {
  const settings = fuzzSettings();
  const worker = new ReaderWorker({ heapMb: FUZZ_HEAP_MB });
  after(() => worker.close());
  for (const spec of readers) {
    const skip = settings.only.length > 0 && !settings.only.includes(spec.reader) ? `not in FUZZ_READERS=${settings.only.join(',')}` : false;
    test(`fuzz ${spec.reader}: ${outcome}`, { skip }, async (t) => {
      const r = await runReaderFuzz(spec, worker, settings, file);
      t.diagnostic(`${spec.reader}: ${r.runs} cases in ${(r.elapsedMs / 1000).toFixed(1)} s, slowest ${r.slowestMs.toFixed(0)} ms, largest input ${r.largestInput} bytes`);
    });
  }
}
