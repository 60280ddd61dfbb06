// The latency histogram of the rollups (SQL: llmtest_latency_bucket in migration flow_rollups).
// Exact below 128 ms; from 2^k (k ≥ 7) on, 64 buckets per power of two, so a bucket's width is at
// most 1/64 of its lower bound and its midpoint is within 0.8 % of any value in it. Percentiles
// read from the histogram are the midpoint of the bucket holding the exact percentile_disc value.

export const EXACT_BELOW_MS = 128;

/** Mirror of llmtest_latency_bucket(ms) (kept for tests and documentation). */
export function latencyBucketOf(ms: number): number {
  if (ms < EXACT_BELOW_MS) return Math.max(0, Math.trunc(ms));
  const k = 31 - Math.clz32(ms);
  return 128 + (k - 7) * 64 + ((ms >>> (k - 6)) - 64);
}

/** [lowest, highest] latency in ms that falls into `bucket`. */
export function latencyBucketBounds(bucket: number): [number, number] {
  if (bucket < EXACT_BELOW_MS) return [bucket, bucket];
  const k = 7 + Math.floor((bucket - 128) / 64);
  const sub = (bucket - 128) % 64;
  const width = 2 ** (k - 6);
  const low = (64 + sub) * width;
  return [low, low + width - 1];
}

/** The value reported for a bucket: its midpoint, rounded to a whole millisecond. */
export function latencyBucketValue(bucket: number): number {
  const [low, high] = latencyBucketBounds(bucket);
  return Math.round((low + high) / 2);
}
