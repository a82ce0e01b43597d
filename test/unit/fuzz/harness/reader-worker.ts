// The test side of the fuzz worker: sends one input at a time, stops a worker that overruns the time bound
// (a hang fails the case instead of hanging CI), and turns a worker that died of its heap limit into a
// failed case. A dead or stopped worker is replaced for the next case.
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerReply, WorkerRequest, WorkerTask } from './worker-protocol';

export type CaseResult =
  | { kind: 'done'; elapsedMs: number; problems: string[]; detail?: unknown }
  | { kind: 'hung'; afterMs: number }
  | { kind: 'died'; reason: string };

export interface ReaderWorkerOptions {
  /** The worker's old-generation heap limit in MB: the memory bound every case runs under. */
  heapMb: number;
}

const TSX = require.resolve('tsx/cjs');
const ENTRY = join(__dirname, 'fuzz-worker.ts');

export class ReaderWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: { id: number; worker: Worker; resolve: (r: WorkerReply | { kind: 'died'; reason: string }) => void } | undefined;
  private readonly scratchDir = mkdtempSync(join(tmpdir(), 'microagent-fuzz-'));

  constructor(readonly options: ReaderWorkerOptions) {}

  private start(): Worker {
    // tsx compiles the worker's TypeScript; the worker gets the same hooks as the test process.
    const w = new Worker(`require(${JSON.stringify(TSX)}); require(${JSON.stringify(ENTRY)});`, {
      eval: true,
      workerData: { scratchDir: this.scratchDir },
      // The stack of a main thread (V8's default, about 984 KB), not a worker's 4 MB: the CLI and the language
      // server read on their main thread, so a recursion that fits a worker's stack may not fit theirs.
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 0.95 },
      stdout: true,
      stderr: true,
    });
    // What a reader prints is not the test's output (the runner reads this process's stdout): drained, dropped.
    w.stdout.resume();
    w.stderr.resume();
    w.on('message', (reply: WorkerReply) => {
      if (this.pending && reply.id === this.pending.id) {
        const p = this.pending;
        this.pending = undefined;
        p.resolve(reply);
      }
    });
    const died = (reason: string) => {
      if (this.worker === w) this.worker = undefined;
      // A stopped worker's exit arrives after its replacement took the next case: that case is not its.
      if (this.pending?.worker !== w) return;
      const p = this.pending;
      this.pending = undefined;
      p.resolve({ kind: 'died', reason });
    };
    w.on('error', (err: Error & { code?: string }) => died(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `ran out of its ${this.options.heapMb} MB heap` : `${err.name}: ${err.message}`));
    w.on('exit', (code) => died(`exited with code ${code}`));
    w.unref();
    this.worker = w;
    return w;
  }

  private send(req: WorkerTask, timeoutMs: number): Promise<WorkerReply | { kind: 'died'; reason: string } | { kind: 'hung'; afterMs: number }> {
    const w = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.worker = undefined;
        void w.terminate();
        resolve({ kind: 'hung', afterMs: timeoutMs });
      }, timeoutMs);
      this.pending = { id, worker: w, resolve: (r) => { clearTimeout(timer); resolve(r); } };
      const message: WorkerRequest = { ...req, id };
      w.postMessage(message);
    });
  }

  /** Runs `target` on one input within `timeoutMs` (worker start-up not counted: it happens before the clock starts). */
  async run(target: string, name: string, bytes: Uint8Array, timeoutMs: number): Promise<CaseResult> {
    if (!this.worker) await this.heapUsed(60_000);
    const r = await this.send({ kind: 'run', target, name, bytes }, timeoutMs);
    if (r.kind === 'heap') return { kind: 'died', reason: 'answered a run with a heap report' };
    return r;
  }

  /** Heap in use after a full garbage collection (what the worker keeps between cases). */
  async heapUsed(timeoutMs = 30_000): Promise<number> {
    const r = await this.send({ kind: 'heap' }, timeoutMs);
    if (r.kind !== 'heap') throw new Error(`the fuzz worker did not report its heap: ${JSON.stringify(r)}`);
    return r.heapUsed;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
    rmSync(this.scratchDir, { recursive: true, force: true });
  }
}
