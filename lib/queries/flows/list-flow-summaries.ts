// The flows list: one row per flow of the user with its figures over a range, and the totals.
// Counts and money come from the hourly rollups plus the range's partial edge hours in CallLog
// (range-source.ts); money is summed as bigint in SQL and never passes through a float.
import type { Db } from '../../db/client';
import { EXACT_PERCENTILE_LIMIT, latencyPercentiles, percentileMode, type LatencyPercentiles } from './latency-percentiles';
import { rawEdges, rollupHours, scoped, scopedFlowIds, splitRange, type FlowScope } from './range-source';
import { SqlParams, toBigInt, toNumber } from './sql-values';
import type { TimeRange } from './time-range';

export interface ModelCalls {
  model: string;
  calls: number;
}

export interface FlowSummary extends LatencyPercentiles {
  flowId: string;
  name: string;
  calls: number;
  errors: number;
  cancelled: number;
  fallbacks: number;
  jsonRepaired: number;
  /** Integer micro-dollars. */
  costMicros: bigint;
  /** Most used served models in the range, up to 3, most calls first. */
  topModels: ModelCalls[];
  /** Last call in the range. */
  lastCallAt: Date | null;
  /** False when the percentiles come from the histogram sketch. */
  percentilesExact: boolean;
}

export interface FlowTotals {
  calls: number;
  errors: number;
  costMicros: bigint;
}

export interface FlowSummaries {
  flows: FlowSummary[];
  totals: FlowTotals;
}

export interface FlowSummaryOptions {
  /** Only this flow (it must belong to the user). */
  flowId?: string;
  /** Above this many calls in the range, percentiles come from the histogram sketch. */
  exactPercentileLimit?: number;
}

async function countsByFlow(db: Db, scope: FlowScope, range: Pick<TimeRange, 'from' | 'to'>) {
  const split = splitRange(range);
  const p = new SqlParams();
  const sql = `WITH source AS (
      SELECT "flowId", "calls", "errors", "cancelled", "fallbacks", "jsonRepaired", "costMicros", "lastCallAt"
      FROM "FlowRollupHour" WHERE ${scoped(scope, p)} AND ${rollupHours(split, p)}
      UNION ALL
      SELECT "flowId", 1, ("status" = 'error')::int, ("status" = 'cancelled')::int, "fellBack"::int, "jsonRepaired"::int,
        "costMicros", "createdAt"
      FROM "CallLog" WHERE ${scoped(scope, p)} AND "source" = 'production' AND ${rawEdges(split, p)}
    )
    SELECT f."id", f."name",
      coalesce(sum(s."calls"), 0)::bigint AS "calls",
      coalesce(sum(s."errors"), 0)::bigint AS "errors",
      coalesce(sum(s."cancelled"), 0)::bigint AS "cancelled",
      coalesce(sum(s."fallbacks"), 0)::bigint AS "fallbacks",
      coalesce(sum(s."jsonRepaired"), 0)::bigint AS "jsonRepaired",
      coalesce(sum(s."costMicros"), 0)::bigint AS "costMicros",
      (extract(epoch FROM max(s."lastCallAt")) * 1000)::float8 AS "lastCallAt"
    FROM "Flow" f LEFT JOIN source s ON s."flowId" = f."id"
    WHERE f."userId" = ${p.add(scope.userId)}${scope.flowId ? ` AND f."id" = ${p.add(scope.flowId)}` : ''}
    GROUP BY f."id", f."name"`;
  return db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p.values);
}

/** Calls per flow and served model over the range (rollups + edges). */
export async function modelCallsByFlow(db: Db, scope: FlowScope, range: Pick<TimeRange, 'from' | 'to'>): Promise<Map<string, ModelCalls[]>> {
  const split = splitRange(range);
  const p = new SqlParams();
  const sql = `SELECT "flowId", "model", sum("calls")::bigint AS "calls" FROM (
      SELECT "flowId", "model", "calls" FROM "FlowModelRollupHour" WHERE ${scopedFlowIds(scope, p)} AND ${rollupHours(split, p)}
      UNION ALL
      SELECT "flowId", coalesce("servedModel", "requestedModel"), 1 FROM "CallLog"
      WHERE ${scoped(scope, p)} AND "source" = 'production' AND ${rawEdges(split, p)}
    ) AS m GROUP BY 1, 2`;
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...p.values);
  const byFlow = new Map<string, ModelCalls[]>();
  for (const row of rows) {
    const list = byFlow.get(String(row.flowId)) ?? [];
    list.push({ model: String(row.model), calls: toNumber(row.calls) });
    byFlow.set(String(row.flowId), list);
  }
  for (const list of byFlow.values()) list.sort((a, b) => b.calls - a.calls || a.model.localeCompare(b.model));
  return byFlow;
}

export async function listFlowSummaries(db: Db, userId: string, range: Pick<TimeRange, 'from' | 'to'>, options: FlowSummaryOptions = {}): Promise<FlowSummaries> {
  const scope: FlowScope = { userId, flowId: options.flowId };
  const rows = await countsByFlow(db, scope, range);
  const totals: FlowTotals = { calls: 0, errors: 0, costMicros: 0n };
  for (const row of rows) {
    totals.calls += toNumber(row.calls);
    totals.errors += toNumber(row.errors);
    totals.costMicros += toBigInt(row.costMicros);
  }
  const mode = percentileMode(totals.calls, { by: 'flow' }, options.exactPercentileLimit ?? EXACT_PERCENTILE_LIMIT);
  const [percentiles, models] =
    totals.calls === 0
      ? [new Map<string, LatencyPercentiles>(), new Map<string, ModelCalls[]>()]
      : await Promise.all([latencyPercentiles(db, scope, range, { by: 'flow' }, mode), modelCallsByFlow(db, scope, range)]);
  const flows = rows.map((row): FlowSummary => {
    const id = String(row.id);
    const pct = percentiles.get(id);
    return {
      flowId: id,
      name: String(row.name),
      calls: toNumber(row.calls),
      errors: toNumber(row.errors),
      cancelled: toNumber(row.cancelled),
      fallbacks: toNumber(row.fallbacks),
      jsonRepaired: toNumber(row.jsonRepaired),
      costMicros: toBigInt(row.costMicros),
      latencyP50Ms: pct?.latencyP50Ms ?? null,
      latencyP95Ms: pct?.latencyP95Ms ?? null,
      ttftP50Ms: pct?.ttftP50Ms ?? null,
      topModels: (models.get(id) ?? []).slice(0, 3),
      lastCallAt: row.lastCallAt === null || row.lastCallAt === undefined ? null : new Date(toNumber(row.lastCallAt)),
      percentilesExact: mode === 'exact',
    };
  });
  flows.sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
  return { flows, totals };
}
