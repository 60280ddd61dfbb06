// The flow page's charts over time: calls, errors, fallbacks, cost and latency p50/p95 per
// bucket (minute ≤ 2 h, hour ≤ 3 days, day beyond; UTC). Every bucket of the range is present,
// empty ones with zeros, so the charts have a continuous axis.
import type { Db } from '../../db/client';
import { EXACT_PERCENTILE_LIMIT, latencyPercentiles, percentileMode } from './latency-percentiles';
import { rawEdges, rollupHours, scoped, splitRange } from './range-source';
import { SqlParams, toBigInt, toNumber } from './sql-values';
import { bucketStarts, chooseBucket, type TimeBucket, type TimeRange } from './time-range';

export interface FlowTimePoint {
  /** Bucket start, epoch ms (UTC). */
  t: number;
  calls: number;
  errors: number;
  fallbacks: number;
  costMicros: bigint;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

export interface FlowTimeSeries {
  bucket: TimeBucket;
  points: FlowTimePoint[];
  percentilesExact: boolean;
}

export async function getFlowTimeSeries(
  db: Db,
  userId: string,
  flowId: string,
  range: Pick<TimeRange, 'from' | 'to'>,
  options: { callsInRange?: number; exactPercentileLimit?: number } = {},
): Promise<FlowTimeSeries> {
  const bucket = chooseBucket(range);
  const scope = { userId, flowId };
  const split = splitRange(range, { rawOnly: bucket === 'minute' });
  const p = new SqlParams();
  const unit = p.add(bucket);
  const sql = `SELECT (extract(epoch FROM "t") * 1000)::float8 AS "t", sum("calls")::bigint AS "calls",
      sum("errors")::bigint AS "errors", sum("fallbacks")::bigint AS "fallbacks", sum("costMicros")::bigint AS "costMicros"
    FROM (
      SELECT date_trunc(${unit}, "hour") AS "t", "calls", "errors", "fallbacks", "costMicros"
      FROM "FlowRollupHour" WHERE ${scoped(scope, p)} AND ${rollupHours(split, p)}
      UNION ALL
      SELECT date_trunc(${unit}, "createdAt"), 1, ("status" = 'error')::int, "fellBack"::int, "costMicros"
      FROM "CallLog" WHERE ${scoped(scope, p)} AND "source" = 'production' AND ${rawEdges(split, p)}
    ) AS source
    GROUP BY 1`;
  const grouping = { by: 'time' as const, bucket };
  const mode = percentileMode(options.callsInRange ?? Number.POSITIVE_INFINITY, grouping, options.exactPercentileLimit ?? EXACT_PERCENTILE_LIMIT);
  const [rows, percentiles] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p.values),
    latencyPercentiles(db, scope, range, grouping, mode),
  ]);
  const byStart = new Map(rows.map((row) => [toNumber(row.t), row]));
  const points = bucketStarts(range, bucket).map((t): FlowTimePoint => {
    const row = byStart.get(t);
    const pct = percentiles.get(String(t));
    return {
      t,
      calls: toNumber(row?.calls),
      errors: toNumber(row?.errors),
      fallbacks: toNumber(row?.fallbacks),
      costMicros: toBigInt(row?.costMicros),
      latencyP50Ms: pct?.latencyP50Ms ?? null,
      latencyP95Ms: pct?.latencyP95Ms ?? null,
    };
  });
  return { bucket, points, percentilesExact: mode === 'exact' };
}
