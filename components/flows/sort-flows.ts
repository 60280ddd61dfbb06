import type { FlowSummary } from '../../lib/queries/flows/list-flow-summaries';
import { averageMicros } from './format-figures';

export const FLOW_SORT_KEYS = ['name', 'calls', 'spend', 'avgCost', 'p50', 'p95', 'ttft', 'errors', 'fallbacks', 'repairs', 'lastCall'] as const;
export type FlowSortKey = (typeof FLOW_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

const rate = (part: number, total: number) => (total > 0 ? part / total : -1);

const VALUE: Record<FlowSortKey, (f: FlowSummary) => number | bigint | string> = {
  name: (f) => f.name,
  calls: (f) => f.calls,
  spend: (f) => f.costMicros,
  avgCost: (f) => averageMicros(f.costMicros, f.calls) ?? -1n,
  p50: (f) => f.latencyP50Ms ?? -1,
  p95: (f) => f.latencyP95Ms ?? -1,
  ttft: (f) => f.ttftP50Ms ?? -1,
  errors: (f) => rate(f.errors, f.calls),
  fallbacks: (f) => rate(f.fallbacks, f.calls),
  repairs: (f) => rate(f.jsonRepaired, f.calls),
  lastCall: (f) => f.lastCallAt?.getTime() ?? -1,
};

export function parseFlowSort(sort: unknown, dir: unknown): { key: FlowSortKey; direction: SortDirection } {
  const key = (FLOW_SORT_KEYS as readonly string[]).includes(String(sort)) ? (sort as FlowSortKey) : 'calls';
  const direction: SortDirection = dir === 'asc' || dir === 'desc' ? dir : key === 'name' ? 'asc' : 'desc';
  return { key, direction };
}

/** A sorted copy; ties by name. */
export function sortFlows(flows: FlowSummary[], key: FlowSortKey, direction: SortDirection): FlowSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...flows].sort((a, b) => {
    const x = VALUE[key](a);
    const y = VALUE[key](b);
    const order = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x < y ? -1 : x > y ? 1 : 0;
    return order * sign || a.name.localeCompare(b.name);
  });
}
