'use client';

// The public models page: every catalog model, filtered as you type. The filters live in the URL
// (replaceState, no navigation) so a filtered list can be shared.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { CAPABILITIES, type Capability, DEFAULT_MODEL_FILTERS, filterModels, type ModelFilters, type ModelSort, modelFiltersToSearchParams } from './filter-models';
import { formatContext, formatPricePerM } from './format-model';
import { type ModelSummary, providerName } from './model-summary';

const field =
  'mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-2.5 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-950';
const label = 'text-xs font-medium text-zinc-500 dark:text-zinc-400';

const PRICE_LIMITS: [string, number | null][] = [
  ['Any price', null],
  ['Free', 0],
  ['≤ $0.10', 100_000],
  ['≤ $0.50', 500_000],
  ['≤ $1', 1_000_000],
  ['≤ $3', 3_000_000],
  ['≤ $10', 10_000_000],
];

const CONTEXT_MINIMUMS: [string, number][] = [
  ['Any context', 0],
  ['≥ 8K', 8_000],
  ['≥ 32K', 32_000],
  ['≥ 128K', 128_000],
  ['≥ 200K', 200_000],
  ['≥ 1M', 1_000_000],
];

const SORT_LABELS: Record<ModelSort, string> = { name: 'Name', price: 'Price: lowest first', context: 'Context: largest first', newest: 'Newest first' };
const CAPABILITY_LABELS: Record<Capability, string> = { tools: 'Tools', json: 'JSON', vision: 'Vision' };

function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

export function ModelExplorer({ models, initialFilters }: { models: ModelSummary[]; initialFilters: ModelFilters }) {
  const [filters, setFilters] = useState(initialFilters);
  const deferred = useDeferredValue(filters);
  const shown = useMemo(() => filterModels(models, deferred), [models, deferred]);
  const vendors = useMemo(() => countBy(models.map((m) => m.vendor)), [models]);
  const providers = useMemo(() => countBy(models.flatMap((m) => m.providers)), [models]);

  useEffect(() => {
    const query = modelFiltersToSearchParams(filters).toString();
    window.history.replaceState(window.history.state, '', query ? `?${query}` : window.location.pathname);
  }, [filters]);

  const set = <K extends keyof ModelFilters>(key: K, value: ModelFilters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const toggle = (capability: Capability, on: boolean) =>
    set('capabilities', on ? CAPABILITIES.filter((c) => c === capability || filters.capabilities.includes(c)) : filters.capabilities.filter((c) => c !== capability));

  return (
    <div>
      <div className="mb-4 rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
          <label className={`${label} col-span-2 md:col-span-3 xl:col-span-2`}>
            Search models
            <input
              type="search"
              value={filters.q}
              onChange={(e) => set('q', e.target.value)}
              placeholder="claude-sonnet-4, gpt-4o, llama…"
              className={field}
              data-testid="model-search"
              autoComplete="off"
            />
          </label>
          <label className={label}>
            Vendor
            <select value={filters.vendor} onChange={(e) => set('vendor', e.target.value)} className={field}>
              <option value="">All vendors</option>
              {vendors.map(([vendor, count]) => (
                <option key={vendor} value={vendor}>
                  {vendor} ({count})
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            Served by
            <select value={filters.provider} onChange={(e) => set('provider', e.target.value)} className={field}>
              <option value="">Any provider</option>
              {providers.map(([provider, count]) => (
                <option key={provider} value={provider}>
                  {providerName(provider)} ({count})
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            Input price per 1M
            <select
              value={filters.maxInputPrice === null ? '' : String(filters.maxInputPrice)}
              onChange={(e) => set('maxInputPrice', e.target.value === '' ? null : Number(e.target.value))}
              className={field}
            >
              {PRICE_LIMITS.map(([text, value]) => (
                <option key={text} value={value === null ? '' : String(value)}>
                  {text}
                </option>
              ))}
              {filters.maxInputPrice !== null && !PRICE_LIMITS.some(([, v]) => v === filters.maxInputPrice) && (
                <option value={String(filters.maxInputPrice)}>≤ {formatPricePerM(filters.maxInputPrice)}</option>
              )}
            </select>
          </label>
          <label className={label}>
            Context
            <select value={String(filters.minContext)} onChange={(e) => set('minContext', Number(e.target.value))} className={field}>
              {CONTEXT_MINIMUMS.map(([text, value]) => (
                <option key={text} value={String(value)}>
                  {text}
                </option>
              ))}
              {!CONTEXT_MINIMUMS.some(([, v]) => v === filters.minContext) && <option value={String(filters.minContext)}>≥ {formatContext(filters.minContext)}</option>}
            </select>
          </label>
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
          <fieldset className="flex items-center gap-4">
            <legend className="sr-only">Capabilities</legend>
            {CAPABILITIES.map((capability) => (
              <label key={capability} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={filters.capabilities.includes(capability)}
                  onChange={(e) => toggle(capability, e.target.checked)}
                  className="h-4 w-4 rounded border-zinc-300 accent-indigo-600"
                />
                {CAPABILITY_LABELS[capability]}
              </label>
            ))}
          </fieldset>
          <label className="flex items-center gap-2 text-zinc-500">
            Sort
            <select value={filters.sort} onChange={(e) => set('sort', e.target.value as ModelSort)} className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100">
              {Object.entries(SORT_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <span className="ml-auto text-zinc-500" data-testid="model-count" aria-live="polite">
            {shown.length === models.length ? `${models.length} models` : `${shown.length} of ${models.length} models`}
          </span>
          <button type="button" onClick={() => setFilters(DEFAULT_MODEL_FILTERS)} className="rounded-md px-2 py-1 text-sm font-medium text-indigo-600 hover:bg-indigo-50 dark:text-indigo-400 dark:hover:bg-indigo-500/10">
            Reset
          </button>
        </div>
      </div>

      {shown.length === 0 ? (
        <p data-testid="models-empty" className="rounded-2xl border border-dashed border-zinc-300 bg-white p-10 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900">
          No model matches. Try fewer filters.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm" data-testid="models-table">
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
              <tr>
                <th className="px-4 py-3 font-medium">Model</th>
                <th className="px-4 py-3 text-right font-medium">Context</th>
                <th className="px-4 py-3 text-right font-medium">Input / output per 1M tokens</th>
                <th className="px-4 py-3 font-medium">Capabilities</th>
                <th className="px-4 py-3 font-medium">Served by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {shown.map((model) => (
                <ModelRow key={model.id} model={model} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Chip({ children, strong }: { children: React.ReactNode; strong?: boolean }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-[11px] font-medium ${
        strong ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300' : 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300'
      }`}
    >
      {children}
    </span>
  );
}

function ModelRow({ model }: { model: ModelSummary }) {
  const capabilities = CAPABILITIES.filter((c) => model[c]);
  return (
    <tr data-testid="model-row" data-model={model.id} className="align-top">
      <td className="px-4 py-3">
        {model.name !== model.id && <div className="font-medium">{model.name}</div>}
        <div className={model.name !== model.id ? 'mt-0.5 select-all font-mono text-xs text-zinc-600 dark:text-zinc-400' : 'select-all font-mono text-xs font-medium'}>{model.id}</div>
        {model.aliases.length > 0 && (
          <div className="mt-1 text-xs text-zinc-500">
            also{' '}
            {model.aliases.map((alias, i) => (
              <span key={alias}>
                {i > 0 && ', '}
                <code className="font-mono">{alias}</code>
              </span>
            ))}
          </div>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums" title={`${model.contextLength.toLocaleString('en-US')} tokens${model.maxOutputTokens ? `, up to ${model.maxOutputTokens.toLocaleString('en-US')} out` : ''}`}>
        {formatContext(model.contextLength)}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums" data-testid="model-price">
        <span>{formatPricePerM(model.inputPrice)}</span>
        <span className="text-zinc-400"> / </span>
        <span>{formatPricePerM(model.outputPrice)}</span>
        {model.cachedPrice !== null && <div className="text-xs text-zinc-500">{formatPricePerM(model.cachedPrice)} cached input</div>}
        {model.tieredAbove !== null && <div className="text-xs text-zinc-500">higher above {formatContext(model.tieredAbove)} input</div>}
      </td>
      <td className="px-4 py-3">
        <span className="flex flex-wrap gap-1">
          {capabilities.length === 0 ? <span className="text-xs text-zinc-400">text only</span> : capabilities.map((c) => <Chip key={c}>{CAPABILITY_LABELS[c]}</Chip>)}
        </span>
      </td>
      <td className="px-4 py-3">
        <span className="flex flex-wrap gap-1">
          {model.providers.map((provider, i) => (
            <Chip key={provider} strong={i === 0 && provider !== 'openrouter'}>
              {providerName(provider)}
            </Chip>
          ))}
        </span>
      </td>
    </tr>
  );
}
