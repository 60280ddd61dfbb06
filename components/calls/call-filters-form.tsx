'use client';

// The explorer's filters, kept in the URL so a filtered view can be shared and reloaded. Menus
// apply at once; typed fields (model, times) on Enter or "Apply". Works as a plain GET form
// without JavaScript. Changing a filter always starts again from the newest call (no cursor).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { CallFilterOptions } from '@/lib/queries/calls/list-call-filter-options';

export type CallFilterValues = Partial<Record<'flow' | 'model' | 'status' | 'fallback' | 'repaired' | 'key' | 'source' | 'from' | 'to', string>>;

const field =
  'mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-950';
const label = 'text-xs font-medium text-zinc-500 dark:text-zinc-400';

const STATUS_OPTIONS: [string, string][] = [
  ['', 'Any'],
  ['ok', 'Succeeded'],
  ['error', 'Failed'],
  ['cancelled', 'Cancelled'],
  ['4xx', '4xx'],
  ['5xx', '5xx'],
];

export function CallFiltersForm({ options, values }: { options: CallFilterOptions; values: CallFilterValues }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function apply(form: HTMLFormElement) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim()) params.set(name, value.trim());
    }
    const query = params.toString();
    startTransition(() => router.push(query ? `/calls?${query}` : '/calls'));
  }

  const statusOptions = values.status && !STATUS_OPTIONS.some(([v]) => v === values.status) ? [...STATUS_OPTIONS, [values.status, values.status] as [string, string]] : STATUS_OPTIONS;
  const flows = values.flow && !options.flows.includes(values.flow) ? [...options.flows, values.flow] : options.flows;
  const select = (event: React.ChangeEvent<HTMLSelectElement>) => apply(event.currentTarget.form!);

  return (
    <form
      action="/calls"
      method="get"
      data-testid="call-filters"
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
      className="mb-4 grid grid-cols-2 gap-3 rounded-2xl border border-zinc-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <label className={label}>
        Flow
        <select name="flow" defaultValue={values.flow ?? ''} onChange={select} className={field}>
          <option value="">All flows</option>
          {flows.map((flow) => (
            <option key={flow} value={flow}>
              {flow}
            </option>
          ))}
        </select>
      </label>
      <label className={`${label} col-span-2 sm:col-span-1 lg:col-span-2`}>
        Model (requested or served)
        <input name="model" list="call-filter-models" defaultValue={values.model ?? ''} placeholder="e.g. openai/gpt-4o" className={`${field} font-mono`} />
        <datalist id="call-filter-models">
          {options.models.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      </label>
      <label className={label}>
        Status
        <select name="status" defaultValue={values.status ?? ''} onChange={select} className={field}>
          {statusOptions.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        Fallback
        <select name="fallback" defaultValue={values.fallback ?? ''} onChange={select} className={field}>
          <option value="">Any</option>
          <option value="yes">Fell back</option>
          <option value="no">First model</option>
        </select>
      </label>
      <label className={label}>
        JSON repaired
        <select name="repaired" defaultValue={values.repaired ?? ''} onChange={select} className={field}>
          <option value="">Any</option>
          <option value="yes">Repaired</option>
          <option value="no">Not repaired</option>
        </select>
      </label>
      <label className={label}>
        API key
        <select name="key" defaultValue={values.key ?? ''} onChange={select} className={field}>
          <option value="">All keys</option>
          {options.keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.prefix}…){key.revoked ? ' revoked' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        From (UTC)
        <input type="datetime-local" name="from" defaultValue={values.from ?? ''} className={field} />
      </label>
      <label className={label}>
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={values.to ?? ''} className={field} />
      </label>
      {values.source && <input type="hidden" name="source" value={values.source} />}
      <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
        <button className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60" disabled={pending}>
          {pending ? 'Loading…' : 'Apply'}
        </button>
        <Link href="/calls" className="whitespace-nowrap rounded-lg px-3 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
