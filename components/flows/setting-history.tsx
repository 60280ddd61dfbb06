import type { FlowSettingChangeRecord } from '../../lib/queries/flows/update-flow-settings';
import type { FlowSettings } from '../../lib/queries/flows/validate-flow-settings';
import { formatWhen } from './format-figures';

function describe(settings: FlowSettings): string {
  const override = settings.modelOverride ? `override ${settings.modelOverride}` : 'no override';
  const chain = settings.fallbackChain.length ? `fallbacks ${settings.fallbackChain.join(' → ')}` : 'default fallbacks';
  return `${override}; ${chain}`;
}

/** Newest first; each change can be undone (restores its "before"), recorded as a change too. */
export function SettingHistory({ changes, undo }: { changes: FlowSettingChangeRecord[]; undo: (changeId: string) => Promise<void> }) {
  if (changes.length === 0) return <p className="text-sm text-zinc-500">No changes yet.</p>;
  return (
    <ol className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="setting-history">
      {changes.map((change) => (
        <li key={change.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="setting-change">
          <div className="min-w-0">
            <p className="text-xs text-zinc-500">
              {formatWhen(change.createdAt)} · {change.changedByEmail}
              {change.undoOfId && ' · undo'}
            </p>
            <p className="mt-1 break-words">
              <span className="text-zinc-500 line-through decoration-zinc-400">{describe(change.before)}</span>
              <span className="mx-2 text-zinc-400">→</span>
              <span>{describe(change.after)}</span>
            </p>
          </div>
          <form action={undo.bind(null, change.id)}>
            <button className="rounded-md border border-zinc-300 px-2.5 py-1 text-xs font-medium hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800">Undo</button>
          </form>
        </li>
      ))}
    </ol>
  );
}
