'use client';

import { useId, useState } from 'react';
import { CopyButton } from '@/components/copy-button';
import type { Snippet } from './quickstart-snippets';

/** The same example in several languages, one visible at a time. */
export function CodeTabs({ snippets, testId }: { snippets: Snippet[]; testId?: string }) {
  const [active, setActive] = useState(0);
  const id = useId();
  const snippet = snippets[active]!;
  return (
    <div data-testid={testId} className="overflow-hidden rounded-xl border border-zinc-200 bg-zinc-950 dark:border-zinc-800">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 px-2">
        <div role="tablist" aria-label="Language" className="flex overflow-x-auto">
          {snippets.map((s, index) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              id={`${id}-tab-${index}`}
              aria-selected={index === active}
              aria-controls={`${id}-panel`}
              onClick={() => setActive(index)}
              className={`whitespace-nowrap border-b-2 px-3 py-2 text-xs font-medium ${
                index === active ? 'border-indigo-400 text-white' : 'border-transparent text-zinc-400 hover:text-zinc-200'
              }`}
            >
              {s.label}
            </button>
          ))}
        </div>
        <CopyButton text={snippet.code} />
      </div>
      <pre id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active}`} className="overflow-x-auto p-4 font-mono text-xs leading-relaxed text-zinc-100">
        <code>{snippet.code}</code>
      </pre>
    </div>
  );
}
