'use client';

// Search the catalog and pick models: several (candidates) or one (the judge). The choice travels
// in hidden inputs named `name`.
import { useMemo, useState } from 'react';

export interface PickableModel {
  id: string;
  name: string;
  /** "$0.15 / $0.60 per M tokens" */
  price: string;
}

const MAX_SHOWN = 8;

export function ModelPicker({ name, models, initial = [], single = false, label, exclude = [] }: { name: string; models: PickableModel[]; initial?: string[]; single?: boolean; label: string; exclude?: string[] }) {
  const [chosen, setChosen] = useState<string[]>(initial);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    return models
      .filter((m) => !chosen.includes(m.id) && !exclude.includes(m.id))
      .filter((m) => words.every((w) => m.id.toLowerCase().includes(w) || m.name.toLowerCase().includes(w)))
      .slice(0, MAX_SHOWN);
  }, [query, models, chosen, exclude]);
  const add = (id: string) => {
    setChosen((current) => (single ? [id] : [...current, id]));
    setQuery('');
  };
  return (
    <div data-testid={`picker-${name}`}>
      {chosen.map((id) => (
        <input key={id} type="hidden" name={name} value={id} />
      ))}
      <div className="mb-2 flex flex-wrap gap-2">
        {chosen.map((id) => (
          <span key={id} data-testid="picked-model" className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2.5 py-1 font-mono text-xs text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300">
            {id}
            <button type="button" aria-label={`Remove ${id}`} onClick={() => setChosen((current) => current.filter((c) => c !== id))} className="ml-1 text-indigo-400 hover:text-indigo-700">
              ×
            </button>
          </span>
        ))}
      </div>
      <input
        type="search"
        aria-label={label}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (matches[0]) add(matches[0].id);
          }
        }}
        placeholder="Search the catalog: gpt-4o-mini, claude, gemini flash…"
        className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-600 dark:bg-zinc-800"
      />
      {matches.length > 0 && (
        <ul className="mt-1 divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-white text-sm dark:divide-zinc-800 dark:border-zinc-700 dark:bg-zinc-900">
          {matches.map((m) => (
            <li key={m.id}>
              <button type="button" data-testid="model-option" data-model={m.id} onClick={() => add(m.id)} className="flex w-full items-baseline justify-between gap-3 px-3 py-1.5 text-left hover:bg-zinc-50 dark:hover:bg-zinc-800">
                <span className="font-mono text-xs">{m.id}</span>
                <span className="text-xs text-zinc-500">{m.price}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
