// The flows list table: a pure component (figures in, HTML out) so tests can render it.
import Link from 'next/link';
import type { FlowSummary } from '../../lib/queries/flows/list-flow-summaries';
import { averageMicros, formatCount, formatMicros, formatMicrosExact, formatMs, formatRate, formatWhen } from './format-figures';
import { toQuery } from './range-query';
import type { FlowSortKey, SortDirection } from './sort-flows';

const COLUMNS: { key: FlowSortKey; label: string; numeric: boolean }[] = [
  { key: 'name', label: 'Flow', numeric: false },
  { key: 'calls', label: 'Calls', numeric: true },
  { key: 'spend', label: 'Spend', numeric: true },
  { key: 'avgCost', label: 'Avg / call', numeric: true },
  { key: 'p50', label: 'p50', numeric: true },
  { key: 'p95', label: 'p95', numeric: true },
  { key: 'ttft', label: 'TTFT p50', numeric: true },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'fallbacks', label: 'Fallbacks', numeric: true },
  { key: 'repairs', label: 'JSON repaired', numeric: true },
];

export interface FlowsTableProps {
  flows: FlowSummary[];
  sort: { key: FlowSortKey; direction: SortDirection };
  /** Search params to keep in links (the range). */
  query: Record<string, string>;
}

export function FlowsTable({ flows, sort, query }: FlowsTableProps) {
  const sortHref = (key: FlowSortKey) => {
    const direction = sort.key === key ? (sort.direction === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    return `/flows${toQuery({ ...query, sort: key, dir: direction })}`;
  };
  const cell = 'px-3 py-2.5 text-right tabular-nums whitespace-nowrap';
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm" data-testid="flows-table">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.key}
                className={`px-3 py-3 font-medium whitespace-nowrap ${column.numeric ? 'text-right' : ''}`}
                aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <Link href={sortHref(column.key)} className="hover:text-zinc-900 dark:hover:text-zinc-100">
                  {column.label}
                  {sort.key === column.key ? (sort.direction === 'asc' ? ' ↑' : ' ↓') : ''}
                </Link>
              </th>
            ))}
            <th className="px-3 py-3 font-medium">Top models</th>
            <th className="px-3 py-3 font-medium whitespace-nowrap">
              <Link href={sortHref('lastCall')} className="hover:text-zinc-900 dark:hover:text-zinc-100">
                Last call{sort.key === 'lastCall' ? (sort.direction === 'asc' ? ' ↑' : ' ↓') : ''}
              </Link>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {flows.map((flow) => {
            const average = averageMicros(flow.costMicros, flow.calls);
            return (
              <tr key={flow.flowId} data-testid="flow-row" data-flow={flow.name} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <td className="px-3 py-2.5 font-medium">
                  <Link href={`/flows/${encodeURIComponent(flow.name)}${toQuery(query)}`} className="text-indigo-600 hover:underline dark:text-indigo-400" data-testid="flow-link">
                    {flow.name}
                  </Link>
                </td>
                <td className={cell} data-testid="flow-calls">{formatCount(flow.calls)}</td>
                <td className={cell} data-testid="flow-spend" title={formatMicrosExact(flow.costMicros)}>{formatMicros(flow.costMicros)}</td>
                <td className={cell} data-testid="flow-avg-cost" title={average === null ? undefined : formatMicrosExact(average)}>
                  {average === null ? '—' : formatMicros(average)}
                </td>
                <td className={cell} data-testid="flow-p50">{formatMs(flow.latencyP50Ms, flow.percentilesExact)}</td>
                <td className={cell} data-testid="flow-p95">{formatMs(flow.latencyP95Ms, flow.percentilesExact)}</td>
                <td className={cell} data-testid="flow-ttft">{formatMs(flow.ttftP50Ms, flow.percentilesExact)}</td>
                <td className={cell} data-testid="flow-error-rate" title={`${flow.errors} errors`}>{formatRate(flow.errors, flow.calls)}</td>
                <td className={cell} data-testid="flow-fallback-rate" title={`${flow.fallbacks} fell back`}>{formatRate(flow.fallbacks, flow.calls)}</td>
                <td className={cell} data-testid="flow-repair-rate" title={`${flow.jsonRepaired} repaired`}>{formatRate(flow.jsonRepaired, flow.calls)}</td>
                <td className="px-3 py-2.5 text-xs text-zinc-500" data-testid="flow-top-models">
                  {flow.topModels.length === 0 ? '—' : flow.topModels.map((m) => `${m.model} (${formatCount(m.calls)})`).join(', ')}
                </td>
                <td className="px-3 py-2.5 text-xs whitespace-nowrap text-zinc-500" data-testid="flow-last-call">{formatWhen(flow.lastCallAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
