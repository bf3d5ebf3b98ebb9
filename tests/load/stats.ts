/** Small statistics helpers for the benchmarks. */

/** The p-th percentile (nearest rank) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The p-th percentile of a histogram with one bucket per unit (bucket i counts values in [i, i+1)). */
export function histogramPercentile(buckets: ArrayLike<number>, p: number): number {
  let total = 0;
  for (let i = 0; i < buckets.length; i++) total += buckets[i] as number;
  if (total === 0) return 0;
  const wanted = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i] as number;
    if (seen >= wanted) return i + 1;
  }
  return buckets.length;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
