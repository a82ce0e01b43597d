// The flows a traffic generator has in flight, as a binary min-heap on the time of each flow's next packet
// (ties by the order flows were made, so the same inputs write the same bytes): the scenario generator and the
// busy-device generator both draw their next packet from it.

export interface ScheduledFlow {
  /** Time of the flow's next packet. */
  next: number;
  /** Breaks ties between flows due at the same time: the one made first goes first. */
  order: number;
}

function less(a: ScheduledFlow, b: ScheduledFlow): boolean {
  return a.next < b.next || (a.next === b.next && a.order < b.order);
}

export function pushFlow<T extends ScheduledFlow>(h: T[], s: T): void {
  h.push(s);
  let i = h.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(h[i], h[parent])) break;
    [h[i], h[parent]] = [h[parent], h[i]];
    i = parent;
  }
}

/** Removes the first flow (h[0]). */
export function popFlow<T extends ScheduledFlow>(h: T[]): void {
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    siftDownFlow(h, 0);
  }
}

/** Restores the heap after h[i]'s `next` grew (the first flow sent a packet and waits for its next one). */
export function siftDownFlow<T extends ScheduledFlow>(h: T[], i: number): void {
  for (;;) {
    const l = i * 2 + 1;
    const r = l + 1;
    let m = i;
    if (l < h.length && less(h[l], h[m])) m = l;
    if (r < h.length && less(h[r], h[m])) m = r;
    if (m === i) return;
    [h[i], h[m]] = [h[m], h[i]];
    i = m;
  }
}
