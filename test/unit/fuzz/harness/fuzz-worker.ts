// The fuzz worker: runs one target on one input at a time and reports how long it took and what it saw. It
// lives in a worker thread with a heap limit, so a reader that hangs can be stopped and one that allocates
// without bound dies alone instead of taking the test runner with it.
import { parentPort, workerData } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { targets } from '../targets';
import { Scratch } from './target';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const scratch = new Scratch((workerData as { scratchDir: string }).scratchDir);

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frames = (err.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8).join('\n');
  return `${err.name}: ${err.message}\n${frames}`;
}

parentPort!.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  if (req.kind === 'heap') {
    gc();
    reply = { id: req.id, kind: 'heap', heapUsed: process.memoryUsage().heapUsed };
  } else {
    const target = targets[req.target];
    const started = performance.now();
    try {
      if (!target) throw new Error(`no fuzz target ${req.target}`);
      const out = target({ name: req.name, bytes: req.bytes }, scratch);
      reply = { id: req.id, kind: 'done', elapsedMs: performance.now() - started, problems: out.problems, detail: out.detail };
    } catch (err) {
      reply = { id: req.id, kind: 'done', elapsedMs: performance.now() - started, problems: [`threw ${describe(err)}`] };
    }
  }
  parentPort!.postMessage(reply);
});
