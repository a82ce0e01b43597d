// Messages between the fuzz suite and its worker thread.

export type WorkerTask =
  | { kind: 'run'; target: string; name: string; bytes: Uint8Array }
  | { kind: 'heap' };

export type WorkerRequest = WorkerTask & { id: number };

export type WorkerReply =
  | { id: number; kind: 'done'; elapsedMs: number; problems: string[]; detail?: unknown }
  | { id: number; kind: 'heap'; heapUsed: number };
