'use client';

// One spend limit (the account's or a key's): dollars, empty = no limit.
import { useActionState } from 'react';

export type LimitFormState = { error?: string; saved?: boolean };

export function LimitForm({
  action,
  keyId,
  current,
  label,
  testId,
}: {
  action: (state: LimitFormState, form: FormData) => Promise<LimitFormState>;
  keyId?: string;
  /** The current limit in dollars ("" = none). */
  current: string;
  label: string;
  testId: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" data-testid={testId}>
      {keyId && <input type="hidden" name="keyId" value={keyId} />}
      <label className="flex items-center gap-2 text-sm">
        <span className="sr-only">{label}</span>
        <span className="text-zinc-500">$</span>
        <input
          name="limit"
          aria-label={label}
          defaultValue={current}
          inputMode="decimal"
          placeholder="No limit"
          className="w-28 rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-950"
        />
      </label>
      <button disabled={pending} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {pending ? 'Saving…' : 'Save'}
      </button>
      {state.saved && !pending && <span className="text-xs text-emerald-600 dark:text-emerald-400">Saved</span>}
      {state.error && (
        <span role="alert" className="text-xs text-red-600">
          {state.error}
        </span>
      )}
    </form>
  );
}
