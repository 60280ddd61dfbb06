// Preset links and a custom from/to form (a plain GET form: works without JavaScript).
import Link from 'next/link';
import type { TimeRange } from '../../lib/queries/flows/time-range';
import { toDateTimeLocal, toQuery } from './range-query';

const PRESETS = [
  ['1h', 'Last hour'],
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['30d', '30 days'],
] as const;

export function RangePicker({ path, range, keep = {} }: { path: string; range: TimeRange; keep?: Record<string, string | undefined> }) {
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="range-picker">
      <nav className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
        {PRESETS.map(([key, label]) => (
          <Link
            key={key}
            href={`${path}${toQuery({ ...keep, range: key })}`}
            aria-current={range.preset === key ? 'page' : undefined}
            className={`rounded-md px-3 py-1 font-medium ${
              range.preset === key ? 'bg-indigo-600 text-white' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
            }`}
          >
            {label}
          </Link>
        ))}
      </nav>
      <form method="get" action={path} className="flex flex-wrap items-center gap-2 text-sm">
        {Object.entries(keep).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
        <input type="hidden" name="range" value="custom" />
        <label className="flex items-center gap-1 text-zinc-500">
          From
          <input
            type="datetime-local"
            name="from"
            required
            defaultValue={toDateTimeLocal(range.from)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100"
          />
        </label>
        <label className="flex items-center gap-1 text-zinc-500">
          to
          <input
            type="datetime-local"
            name="to"
            defaultValue={toDateTimeLocal(range.to)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100"
          />
        </label>
        <span className="text-xs text-zinc-400">UTC</span>
        <button className={`rounded-md border px-3 py-1 font-medium ${range.preset === 'custom' ? 'border-indigo-600 text-indigo-600 dark:text-indigo-300' : 'border-zinc-300 dark:border-zinc-600'}`}>
          Apply
        </button>
      </form>
    </div>
  );
}
