// "Did you mean" suggestions for unknown names (properties, rule types, security groups).
import { editDistance } from '../util/edit-distance';

/** The closest candidate within a third of the name's length (case-insensitive), if any. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(n, c.toLowerCase(), bestD - 1);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
