// Regression tests: every input the fuzz suite (or a hostile-input report) once broke a reader with, kept in
// corpus/<target>/<label>--<file name>, runs through the same worker and checks as the fuzz cases. A `.gz` entry
// is gunzipped first (huge repetitive inputs stay small in the repository). Entries whose fix belongs to work
// in progress elsewhere are marked todo, with the reason: they run and report, and do not fail the suite.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fuzzSettings } from './harness/fuzz-settings';
import { ReaderWorker } from './harness/reader-worker';
import { verdict } from './harness/fuzz-property';
import { targets } from './targets';

const CORPUS = join(__dirname, 'corpus');
const settings = fuzzSettings();
const worker = new ReaderWorker({ heapMb: 256 });
after(() => worker.close());

/** Entries a reader does not pass yet, and why (the fix is someone else's work in progress). */
const TODO: Record<string, string> = {};

for (const target of readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory()).sort()) {
  test(`corpus: the folder ${target} names a fuzz target`, () => {
    assert.ok(target in targets, `test/unit/fuzz/corpus/${target} is not a target (${Object.keys(targets).join(', ')})`);
  });
  for (const entry of readdirSync(join(CORPUS, target)).sort()) {
    const key = `${target}/${entry}`;
    const at = entry.indexOf('--');
    const zipped = entry.endsWith('.gz');
    const name = entry.slice(at + 2, zipped ? -3 : undefined);
    test(`corpus ${key}: ends in a result or a clear error, in time, in bounded memory`, { todo: TODO[key] }, async () => {
      assert.ok(at > 0, `${key}: corpus files are named <label>--<file name the reader sees>`);
      const raw = readFileSync(join(CORPUS, target, entry));
      const bytes = new Uint8Array(zipped ? gunzipSync(raw) : raw);
      const problems = verdict(await worker.run(target, name, bytes, settings.caseMs), settings.caseMs);
      assert.deepEqual(problems, [], `${key} (${bytes.length} bytes as ${name}):\n${problems.join('\n')}`);
    });
  }
}
