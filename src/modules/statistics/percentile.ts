/**
 * Percentiles from a histogram of whole days: how many cases took 0 days, 1 day, 2 days …
 * Gives exactly what PostgreSQL's percentile_cont gives over the raw values (linear
 * interpolation between the two nearest ranks), so sums of monthly histograms can stand in for a
 * scan of every case.
 */
export type Histogram = ReadonlyMap<number, number>;

export function histogramCount(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/** percentile_cont(f) over the values the histogram describes; null when it is empty. */
export function percentileCont(h: Histogram, f: number): number | null {
  const n = histogramCount(h);
  if (n === 0) return null;
  const sorted = [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const pos = f * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  const at = (rank: number): number => {
    let seen = 0;
    for (const [v, c] of sorted) {
      seen += c;
      if (rank < seen) return v;
    }
    return sorted[sorted.length - 1]![0];
  };
  const a = at(lo);
  if (frac === 0) return a;
  const b = at(lo + 1);
  return a + frac * (b - a);
}

export function addTo(h: Map<number, number>, days: number, n: number): void {
  h.set(days, (h.get(days) ?? 0) + n);
}
