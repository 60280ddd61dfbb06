import { formatMicros } from '../flows/format-figures';
import { AutoRefresh } from './auto-refresh';
import { formatEta, STATUS_LABELS } from './format-benchmark';

export function ProgressPanel({
  status,
  doneCount,
  totalCount,
  spentMicros,
  judgeSpentMicros,
  budgetMicros,
  etaMs,
  stopReason,
  cancel,
}: {
  status: string;
  doneCount: number;
  totalCount: number;
  spentMicros: bigint;
  judgeSpentMicros: bigint;
  budgetMicros: bigint;
  etaMs: number | null;
  stopReason: string | null;
  cancel: () => Promise<void>;
}) {
  const active = status === 'queued' || status === 'running';
  const percent = totalCount > 0 ? Math.round((doneCount / totalCount) * 100) : 100;
  return (
    <section data-testid="benchmark-progress" data-status={status} className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <AutoRefresh active={active} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <span
            data-testid="benchmark-status"
            className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${
              active ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300' : status === 'done' ? 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300' : 'bg-amber-50 text-amber-800 dark:bg-amber-500/10 dark:text-amber-300'
            }`}
          >
            {STATUS_LABELS[status] ?? status}
          </span>
          <span className="text-sm tabular-nums" data-testid="benchmark-done">
            {doneCount} / {totalCount} calls
          </span>
          <span className="text-sm tabular-nums text-zinc-500" data-testid="benchmark-spent" title={`of which judge ${formatMicros(judgeSpentMicros)}`}>
            {formatMicros(spentMicros)} of {formatMicros(budgetMicros)} budget
          </span>
          {active && <span className="text-sm text-zinc-500">ETA {formatEta(etaMs)}</span>}
        </div>
        {active && (
          <form action={cancel}>
            <button className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800">Cancel</button>
          </form>
        )}
      </div>
      <div className="mt-3 h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" role="progressbar" aria-valuemin={0} aria-valuemax={totalCount} aria-valuenow={doneCount}>
        <div className="h-full rounded-full bg-indigo-500" style={{ width: `${percent}%` }} />
      </div>
      {stopReason && <p className="mt-2 text-sm text-zinc-500">{stopReason}</p>}
    </section>
  );
}
