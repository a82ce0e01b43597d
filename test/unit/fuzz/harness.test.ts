// The fuzz harness can fail: a reader that throws, hangs, allocates without bound or keeps what it read fails
// its property, and the report names the seed and path that replay it and the file the input was saved to.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { fuzzSettings, readerSeed } from './harness/fuzz-settings';
import { ReaderWorker } from './harness/reader-worker';
import { runReaderFuzz, verdict } from './harness/fuzz-property';
import { mutate, mutated, type FuzzCase } from './harness/mutations';

const worker = new ReaderWorker({ heapMb: 64 });
after(() => worker.close());
const settings = { ...fuzzSettings({}), caseMs: 2000 };

const named = (name: string): fc.Arbitrary<FuzzCase> => fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ name, bytes, how: `${bytes.length} random bytes` }));

test('a reader that throws fails the property; the report says how to replay the case and where the input is', async () => {
  const spec = { reader: 'self-test', target: 'self-test', ciRuns: 20, cases: named('throw') };
  await assert.rejects(runReaderFuzz(spec, worker, settings, 'test/unit/fuzz/harness.test.ts'), (err: Error) => {
    assert.match(err.message, /threw TypeError: Cannot read properties of undefined/);
    assert.match(err.message, new RegExp(`FUZZ_SEED=${settings.seed} FUZZ_PATH=\\S+ node scripts/run-tests.mjs test/unit/fuzz/harness.test.ts`));
    assert.match(err.message, /input: throw, 0 bytes/, 'shrunk to the smallest input');
    const saved = /saved to: (\S+)/.exec(err.message)?.[1];
    assert.ok(saved && existsSync(saved) && readFileSync(saved).length === 0, `the input is saved: ${saved}`);
    return true;
  });
});

test('a problem a target reports fails the property like a crash', async () => {
  const spec = { reader: 'self-test', target: 'self-test', ciRuns: 5, cases: named('problem') };
  await assert.rejects(runReaderFuzz(spec, worker, settings, 'x'), /a problem the target saw/);
});

test('a reader that hangs is stopped at the time bound, and the next case gets a fresh worker', async () => {
  const hung = await worker.run('self-test', 'hang', new Uint8Array(1), 500);
  assert.deepEqual(verdict(hung, 500), ['no outcome within 500 ms: the reader hangs (or is far too slow)']);
  const next = await worker.run('self-test', 'fine', new Uint8Array(3), 5000);
  assert.deepEqual(next.kind === 'done' && next.detail, { bytes: 3 });
});

test('a reader that allocates without bound dies alone at the heap limit and is reported', async () => {
  const died = await worker.run('self-test', 'allocate', new Uint8Array(1), 60_000);
  assert.equal(died.kind, 'died');
  assert.match(verdict(died, 60_000)[0], /the worker died: ran out of its 64 MB heap/);
  const next = await worker.run('self-test', 'fine', new Uint8Array(2), 5000);
  assert.equal(next.kind, 'done');
});

test('a reader that keeps what it read fails the retained-heap check', async () => {
  // A heap large enough to keep 1 MB a case for 80 cases, so the retained-heap check is what fails.
  const roomy = new ReaderWorker({ heapMb: 160 });
  try {
    const spec = { reader: 'self-test', target: 'self-test', ciRuns: 80, cases: named('keep') };
    await assert.rejects(runReaderFuzz(spec, roomy, settings, 'x'), /the worker keeps \d+\.\d MB after 80 cases/);
  } finally {
    await roomy.close();
  }
});

test('one seed gives the same cases every time; another seed other cases; each reader its own stream', () => {
  const arb = mutated(named('x'));
  const sample = (seed: number) => fc.sample(arb, { seed, numRuns: 20 }).map((c) => `${c.how}|${Buffer.from(c.bytes).toString('hex')}`);
  assert.deepEqual(sample(5), sample(5));
  assert.notDeepEqual(sample(5), sample(6));
  assert.notEqual(readerSeed(1, 'pcap'), readerSeed(1, 'pcapng'));
  assert.deepEqual(fuzzSettings({ FUZZ_RUNS: '100000', FUZZ_SEED: '123', FUZZ_READERS: 'pcap, feed-csv' }), { runs: 100000, seed: 123, path: undefined, caseMs: 5000, only: ['pcap', 'feed-csv'] });
  assert.throws(() => fuzzSettings({ FUZZ_RUNS: 'many' }), /FUZZ_RUNS=many: expected an integer/);
});

test('mutations: truncation, fields written at either byte order, insertion at a line start, repeats', () => {
  const input = new Uint8Array(Buffer.from('ab\ncd\n'));
  assert.deepEqual(Buffer.from(mutate(input, { kind: 'truncate', at: 0x8000 })).toString(), 'ab\n');
  assert.deepEqual([...mutate(new Uint8Array(8), { kind: 'field', at: 0x8000, width: 4, value: 0x01020304, littleEndian: false, aligned: true })], [0, 0, 0, 0, 1, 2, 3, 4]);
  assert.deepEqual([...mutate(new Uint8Array(8), { kind: 'field', at: 0x8000, width: 4, value: 0x01020304, littleEndian: true, aligned: true })], [0, 0, 0, 0, 4, 3, 2, 1]);
  assert.equal(Buffer.from(mutate(input, { kind: 'insert', at: 0xb000, bytes: new Uint8Array([0x58]), atLineStart: true })).toString(), 'ab\nXcd\n');
  assert.equal(Buffer.from(mutate(input, { kind: 'repeat', at: 0, length: 3, times: 3 })).toString(), 'ab\nab\nab\ncd\n');
});
