// Turns the query results into what the client charts receive: plain numbers and strings only
// (no bigint, no Date) so they cross the server → client boundary.
import type { FlowModelUsage } from '../../lib/queries/flows/get-flow-model-usage';
import type { FlowTimeSeries } from '../../lib/queries/flows/get-flow-time-series';
import { formatBucket } from './format-figures';

export interface ChartPoint {
  t: number;
  label: string;
  calls: number;
  errors: number;
  fallbacks: number;
  /** Dollars, for the axis only (tables show exact figures). */
  cost: number;
  p50: number | null;
  p95: number | null;
}

export interface ModelMix {
  models: string[];
  rows: ({ label: string } & Record<string, number | string>)[];
}

export const MAX_MIX_MODELS = 6;
export const OTHER_MODELS = 'other models';

export function toChartPoints(series: FlowTimeSeries): ChartPoint[] {
  return series.points.map((p) => ({
    t: p.t,
    label: formatBucket(p.t, series.bucket),
    calls: p.calls,
    errors: p.errors,
    fallbacks: p.fallbacks,
    cost: Number(p.costMicros) / 1_000_000,
    p50: p.latencyP50Ms,
    p95: p.latencyP95Ms,
  }));
}

/** Calls per model per bucket, the most used models kept and the rest summed as "other models". */
export function toModelMix(usage: FlowModelUsage, series: FlowTimeSeries): ModelMix {
  const ranked = [...usage.byModel].sort((a, b) => b.calls - a.calls).map((m) => m.model);
  const kept = ranked.slice(0, MAX_MIX_MODELS);
  const models = ranked.length > MAX_MIX_MODELS ? [...kept, OTHER_MODELS] : kept;
  const rows = new Map<number, { label: string } & Record<string, number | string>>();
  for (const p of series.points) rows.set(p.t, { label: formatBucket(p.t, series.bucket), ...Object.fromEntries(models.map((m) => [m, 0])) });
  for (const m of usage.mix) {
    const row = rows.get(m.t);
    if (!row) continue;
    const key = kept.includes(m.model) ? m.model : OTHER_MODELS;
    row[key] = (row[key] as number) + m.calls;
  }
  return { models, rows: [...rows.values()] };
}
