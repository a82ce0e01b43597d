// How fast V8 may grow the heap in the commands that replay traffic. Their live state is bounded by design
// (docs/detections.md, "Bounded state": a few tens of MiB whatever the capture) but they allocate steadily
// (records, remotes let go of), and V8's default growth lets the heap reach four to five times the live
// state between full collections: a day-long busy capture peaked at 310 MB with 30 MB live. A growth factor
// of 1.25 (a documented V8 option, read at each collection) keeps the peak near the live state (250 MB with
// the bench's feeds loaded) at no measured cost in time (bench/memory.mjs). Not for `check`: its live state
// can be large, and there more frequent full collections would cost time.
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function limitHeapGrowth(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--heap-growing-percent=25');
}
