/** The largest number of timestamps (ms) in any half-open window [t, t + windowMs). */
export const maxInWindow = (times: readonly number[], windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] ?? 0;
    if (j < i) j = i;
    while (j < sorted.length && (sorted[j] ?? 0) < start + windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
};
