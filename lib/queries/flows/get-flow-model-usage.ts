// Which models served a flow over a range: the cost breakdown by model and the model mix per
// time bucket (same buckets as the time series). The model is the one that served the call
// (the fallback's when it fell back), or the requested one when none did.
import type { Db } from '../../db/client';
import { rawEdges, rollupHours, scoped, scopedFlowIds, splitRange } from './range-source';
import { SqlParams, toBigInt, toNumber } from './sql-values';
import { chooseBucket, type TimeRange } from './time-range';

export interface ModelCost {
  model: string;
  calls: number;
  /** Integer micro-dollars. */
  costMicros: bigint;
}

export interface ModelMixPoint {
  t: number;
  model: string;
  calls: number;
}

export interface FlowModelUsage {
  /** Most expensive first (then most calls). */
  byModel: ModelCost[];
  mix: ModelMixPoint[];
}

export async function getFlowModelUsage(db: Db, userId: string, flowId: string, range: Pick<TimeRange, 'from' | 'to'>): Promise<FlowModelUsage> {
  const bucket = chooseBucket(range);
  const scope = { userId, flowId };
  const split = splitRange(range, { rawOnly: bucket === 'minute' });
  const p = new SqlParams();
  const unit = p.add(bucket);
  const sql = `SELECT (extract(epoch FROM "t") * 1000)::float8 AS "t", "model", sum("calls")::bigint AS "calls", sum("costMicros")::bigint AS "costMicros"
    FROM (
      SELECT date_trunc(${unit}, "hour") AS "t", "model", "calls", "costMicros"
      FROM "FlowModelRollupHour" WHERE ${scopedFlowIds(scope, p)} AND ${rollupHours(split, p)}
      UNION ALL
      SELECT date_trunc(${unit}, "createdAt"), coalesce("servedModel", "requestedModel"), 1, "costMicros"
      FROM "CallLog" WHERE ${scoped(scope, p)} AND "source" = 'production' AND ${rawEdges(split, p)}
    ) AS source
    GROUP BY 1, 2 ORDER BY 1, 2`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p.values);
  const totals = new Map<string, ModelCost>();
  const mix: ModelMixPoint[] = [];
  for (const row of rows) {
    const model = String(row.model);
    const calls = toNumber(row.calls);
    const entry = totals.get(model) ?? { model, calls: 0, costMicros: 0n };
    entry.calls += calls;
    entry.costMicros += toBigInt(row.costMicros);
    totals.set(model, entry);
    mix.push({ t: toNumber(row.t), model, calls });
  }
  const byModel = [...totals.values()].sort((a, b) => (b.costMicros > a.costMicros ? 1 : b.costMicros < a.costMicros ? -1 : b.calls - a.calls || a.model.localeCompare(b.model)));
  return { byModel, mix };
}
