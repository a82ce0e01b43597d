// Runs a check that pauses (a step generator, check-document.ts) without holding the server: after each slice
// of work it gives way to the event loop, so requests that arrived meanwhile (hover, other documents) are
// answered, and it stops at a pause once the document it checks has changed or closed.

/** Work between two turns of the event loop: short enough that a hover waits no longer than this. */
export const SLICE_MS = 10;

export type StepsOutcome<T> = { done: true; value: T } | { done: false };

export async function runCooperatively<T>(steps: Generator<void, T, void>, cancelled: () => boolean = () => false, sliceMs = SLICE_MS): Promise<StepsOutcome<T>> {
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return { done: true, value: r.value };
    if (performance.now() - sliceStart < sliceMs) continue;
    // setImmediate, not a microtask: incoming messages are I/O callbacks, which run only between macrotasks.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (cancelled()) {
      steps.return(undefined as never);
      return { done: false };
    }
    sliceStart = performance.now();
  }
}
