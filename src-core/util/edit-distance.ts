// Levenshtein distance with a cut-off, and "did you mean" for option names. A letter-count lower bound
// skips most candidates, so a file with thousands of unknown macros stays fast.

/** Edit distance of a and b, or max + 1 as soon as it must exceed max (only a band of width 2*max is computed). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const band = Number.isFinite(max) ? max : Math.max(a.length, b.length);
  const big = max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j <= band ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(b.length, i + band);
    cur.fill(big);
    cur[0] = i <= band ? i : big;
    let best = cur[0];
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return big;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[b.length], big);
}

/** Counts of A-Z, 0-9 and everything else: half their L1 difference is a lower bound of the edit distance. */
function histogram(s: string): Int16Array {
  const h = new Int16Array(37);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h[c >= 65 && c <= 90 ? c - 65 : c >= 48 && c <= 57 ? c - 22 : 36]++;
  }
  return h;
}

const histograms = new Map<string, Int16Array>();

function lowerBound(a: Int16Array, b: Int16Array): number {
  let d = 0;
  for (let i = 0; i < 37; i++) d += Math.abs(a[i] - b[i]);
  return Math.ceil(d / 2);
}

/** The closest candidate within a distance that grows with the name's length (a fifth of it, at least 2). */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const upper = name.toUpperCase();
  const limit = Math.max(2, Math.floor(name.length / 5));
  const h = histogram(upper);
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (c === upper) return c;
    let hc = histograms.get(c);
    if (!hc) histograms.set(c, (hc = histogram(c)));
    if (lowerBound(h, hc) >= bestD) continue;
    const d = editDistance(upper, c, bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
