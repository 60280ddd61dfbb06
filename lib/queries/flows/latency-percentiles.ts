// Latency p50/p95 and time-to-first-token p50, grouped by flow or by time bucket.
//   exact   percentile_disc over the calls in CallLog (what PostgreSQL itself computes)
//   sketch  the same definition over the rollups' latency histograms: the reported value is the
//           midpoint of the histogram bucket that holds the exact percentile_disc value, so it
//           is exact below 128 ms and within 0.8 % above (see latency-buckets.ts)
// The sketch is used only when the range holds more calls than EXACT_PERCENTILE_LIMIT: below
// that, the exact scan is cheaper than the page budget (bench/flow-page).
import type { Db } from '../../db/client';
import { latencyBucketValue } from './latency-buckets';
import { rawEdges, rollupDays, rollupHours, scoped, scopedFlowIds, splitRange, type FlowScope } from './range-source';
import { SqlParams, toNullableNumber, toNumber } from './sql-values';
import type { TimeBucket, TimeRange } from './time-range';

export const EXACT_PERCENTILE_LIMIT = 20_000;

export type PercentileGrouping = { by: 'flow' } | { by: 'time'; bucket: TimeBucket };
export type PercentileMode = 'exact' | 'sketch';

export interface LatencyPercentiles {
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
}

/** Exact when the range is small enough to scan (or minute buckets, which read CallLog anyway). */
export function percentileMode(callsInRange: number, grouping: PercentileGrouping, limit = EXACT_PERCENTILE_LIMIT): PercentileMode {
  if (grouping.by === 'time' && grouping.bucket === 'minute') return 'exact';
  return callsInRange <= limit ? 'exact' : 'sketch';
}

/** Keyed by flow id, or by bucket start (epoch ms, as a string). */
export async function latencyPercentiles(
  db: Db,
  scope: FlowScope,
  range: Pick<TimeRange, 'from' | 'to'>,
  grouping: PercentileGrouping,
  mode: PercentileMode,
): Promise<Map<string, LatencyPercentiles>> {
  const p = new SqlParams();
  const unit = grouping.by === 'time' ? p.add(grouping.bucket) : '';
  const key = (column: string) => (grouping.by === 'flow' ? '"flowId"' : `(extract(epoch FROM date_trunc(${unit}, ${column})) * 1000)::float8`);
  let sql: string;
  if (mode === 'exact') {
    sql = `SELECT ${key('"createdAt"')} AS "key",
        percentile_disc(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS "latencyP50",
        percentile_disc(0.95) WITHIN GROUP (ORDER BY "latencyMs") AS "latencyP95",
        percentile_disc(0.5) WITHIN GROUP (ORDER BY "ttftMs") AS "ttftP50"
      FROM "CallLog"
      WHERE ${scoped(scope, p)} AND "source" = 'production'
        AND "createdAt" >= ${p.add(range.from)}::timestamp AND "createdAt" < ${p.add(range.to)}::timestamp
      GROUP BY 1`;
  } else {
    // daily histograms serve whole days unless the buckets are hours
    const split = splitRange(range, { withDays: grouping.by === 'flow' || grouping.bucket === 'day' });
    sql = `WITH samples AS (
        SELECT ${key('"day"')} AS "key", "metric", "bucket", "calls" FROM "FlowLatencyRollupDay"
        WHERE ${scopedFlowIds(scope, p)} AND ${rollupDays(split, p)}
        UNION ALL
        SELECT ${key('"hour"')}, "metric", "bucket", "calls" FROM "FlowLatencyRollupHour"
        WHERE ${scopedFlowIds(scope, p)} AND ${rollupHours(split, p)}
        UNION ALL
        SELECT ${key('"createdAt"')}, 'latency', llmtest_latency_bucket("latencyMs"), 1 FROM "CallLog"
        WHERE ${scoped(scope, p)} AND "source" = 'production' AND ${rawEdges(split, p)}
        UNION ALL
        SELECT ${key('"createdAt"')}, 'ttft', llmtest_latency_bucket("ttftMs"), 1 FROM "CallLog"
        WHERE ${scoped(scope, p)} AND "source" = 'production' AND "ttftMs" IS NOT NULL AND ${rawEdges(split, p)}
      ),
      histogram AS (SELECT "key", "metric", "bucket", sum("calls") AS "calls" FROM samples GROUP BY 1, 2, 3),
      cumulative AS (
        SELECT "key", "metric", "bucket",
          (sum("calls") OVER (PARTITION BY "key", "metric" ORDER BY "bucket"))::float8 AS "upTo",
          (sum("calls") OVER (PARTITION BY "key", "metric"))::float8 AS "total"
        FROM histogram
      )
      -- percentile_disc(f): the first value at position >= f * n, i.e. the bucket where the
      -- running count first reaches f * n (float8 like PostgreSQL's own computation)
      SELECT "key",
        min("bucket") FILTER (WHERE "metric" = 'latency' AND "upTo" >= 0.5::float8 * "total") AS "latencyP50",
        min("bucket") FILTER (WHERE "metric" = 'latency' AND "upTo" >= 0.95::float8 * "total") AS "latencyP95",
        min("bucket") FILTER (WHERE "metric" = 'ttft' AND "upTo" >= 0.5::float8 * "total") AS "ttftP50"
      FROM cumulative GROUP BY 1`;
  }
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p.values);
  const value = (v: unknown) => {
    const n = toNullableNumber(v);
    return n === null || mode === 'exact' ? n : latencyBucketValue(n);
  };
  const result = new Map<string, LatencyPercentiles>();
  for (const row of rows) {
    const k = grouping.by === 'flow' ? String(row.key) : String(toNumber(row.key));
    result.set(k, { latencyP50Ms: value(row.latencyP50), latencyP95Ms: value(row.latencyP95), ttftP50Ms: value(row.ttftP50) });
  }
  return result;
}
