// Tumbling windows for the custom alerts' timeWindowSize (docs/agent-facts.md §4.3 leaves alignment and bounds open;
// CloudOptions decides): which window a time falls in, and which windows a run covers in full.
import type { WindowAlignment, WindowBounds } from './cloud-options';

export interface Window {
  start: number;
  end: number;
}

export class WindowGrid {
  constructor(
    readonly seconds: number,
    private readonly bounds: WindowBounds,
    private readonly alignment: WindowAlignment,
    /** The first record's time, for `first-record` alignment. */
    private readonly origin: number,
  ) {}

  private get offset(): number {
    return this.alignment === 'epoch' ? 0 : this.origin;
  }

  /** The window a record stamped `time` belongs to. */
  windowOf(time: number): Window {
    const size = this.seconds;
    const o = this.offset;
    if (this.bounds === 'start-inclusive') {
      const start = o + Math.floor((time - o) / size) * size;
      return { start, end: start + size };
    }
    // (start, end]: a record exactly on a boundary closes the window before it; with first-record alignment
    // the first record itself opens the first window (only it: an earlier time stays in (o - size, o]).
    let end = o + Math.ceil((time - o) / size) * size;
    if (this.alignment === 'first-record' && time === o) end = o + size;
    return { start: end - size, end };
  }

  /** Every window that lies wholly inside [from, to]: the ones a "too few" alert may judge. */
  fullWindows(from: number, to: number, max = 100_000): Window[] {
    const out: Window[] = [];
    let w = this.windowOf(from);
    if (w.start < from) w = { start: w.end, end: w.end + this.seconds };
    while (w.end <= to && out.length < max) {
      out.push(w);
      w = { start: w.end, end: w.end + this.seconds };
    }
    return out;
  }
}
