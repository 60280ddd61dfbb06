// How a query reads a time range: whole UTC hours from the rollup tables (maintained by triggers
// on CallLog), and the partial hours at the edges straight from CallLog. The figures are exact
// for any from/to; the raw part is at most two partial hours (or the whole range when it is
// short: minute charts read CallLog only).
import type { SqlParams } from './sql-values';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

type Span = [Date, Date];

export interface RangeSplit {
  /** Whole UTC days [start, end) read from daily rollups (only when asked for). */
  days: Span | null;
  /** Whole hours read from hourly rollups (at most two spans). */
  hours: Span[];
  /** Partial hours [start, end) read from CallLog (at most two). */
  edges: Span[];
}

const span = (a: number, b: number): Span[] => (a < b ? [[new Date(a), new Date(b)]] : []);

/**
 * rawOnly: all of it from CallLog (minute charts of short ranges). withDays: whole days from the
 * daily rollups and only the hours around them from the hourly ones.
 */
export function splitRange(range: { from: Date; to: Date }, options: { rawOnly?: boolean; withDays?: boolean } = {}): RangeSplit {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const hoursFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const hoursTo = Math.floor(to / HOUR_MS) * HOUR_MS;
  if (options.rawOnly || hoursFrom >= hoursTo) return { days: null, hours: [], edges: span(from, to) };
  const edges = [...span(from, hoursFrom), ...span(hoursTo, to)];
  const daysFrom = Math.ceil(hoursFrom / DAY_MS) * DAY_MS;
  const daysTo = Math.floor(hoursTo / DAY_MS) * DAY_MS;
  if (!options.withDays || daysFrom >= daysTo) return { days: null, hours: span(hoursFrom, hoursTo), edges };
  return { days: [new Date(daysFrom), new Date(daysTo)], hours: [...span(hoursFrom, daysFrom), ...span(daysTo, hoursTo)], edges };
}

function within(spans: Span[], p: SqlParams, column: string): string {
  if (spans.length === 0) return 'false';
  return `(${spans.map(([a, b]) => `(${column} >= ${p.add(a)}::timestamp AND ${column} < ${p.add(b)}::timestamp)`).join(' OR ')})`;
}

/** `day` column within the whole days ("false" when there are none). */
export function rollupDays(split: RangeSplit, p: SqlParams, column = '"day"'): string {
  return within(split.days ? [split.days] : [], p, column);
}

/** `hour` column within the whole hours ("false" when there are none). */
export function rollupHours(split: RangeSplit, p: SqlParams, column = '"hour"'): string {
  return within(split.hours, p, column);
}

/** `createdAt` within the edges ("false" when there are none). */
export function rawEdges(split: RangeSplit, p: SqlParams, column = '"createdAt"'): string {
  return within(split.edges, p, column);
}

/** Who may see what: always the user; optionally one of their flows. */
export interface FlowScope {
  userId: string;
  flowId?: string;
}

/** Condition on a table with "userId" and "flowId" columns (CallLog, FlowRollupHour). */
export function scoped(scope: FlowScope, p: SqlParams, alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return scope.flowId
    ? `${a}"userId" = ${p.add(scope.userId)} AND ${a}"flowId" = ${p.add(scope.flowId)}`
    : `${a}"userId" = ${p.add(scope.userId)}`;
}

/** Condition on a rollup table that has only "flowId": the flows the scope allows. */
export function scopedFlowIds(scope: FlowScope, p: SqlParams, alias = ''): string {
  const a = alias ? `${alias}.` : '';
  const flow = scope.flowId ? ` AND "id" = ${p.add(scope.flowId)}` : '';
  return `${a}"flowId" IN (SELECT "id" FROM "Flow" WHERE "userId" = ${p.add(scope.userId)}${flow})`;
}
