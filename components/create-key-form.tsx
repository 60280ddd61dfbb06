'use client';

import { useActionState } from 'react';
import type { CreateKeyState } from '@/app/(dashboard)/keys/actions';
import { CopyButton } from './copy-button';

export function CreateKeyForm({ action }: { action: (state: CreateKeyState, form: FormData) => Promise<CreateKeyState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <div className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <form action={formAction} className="flex flex-wrap items-end gap-3">
        <label className="min-w-56 flex-1 text-sm font-medium">
          Key name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="e.g. production backend"
            className="mt-1 block w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-950"
          />
        </label>
        <button disabled={pending} className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60">
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {state.error && <p role="alert" className="mt-3 text-sm text-red-600">{state.error}</p>}
      {state.key && (
        <div data-testid="new-key" className="mt-4 rounded-xl border border-amber-300 bg-amber-50 p-4 dark:border-amber-500/40 dark:bg-amber-500/10">
          <p className="text-sm font-medium text-amber-900 dark:text-amber-200">
            Your new key “{state.name}”. Copy it now: it will not be shown again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-key-value" className="min-w-0 flex-1 break-all rounded-lg bg-white px-3 py-2 font-mono text-sm dark:bg-zinc-950">
              {state.key}
            </code>
            <CopyButton text={state.key} />
          </div>
        </div>
      )}
    </div>
  );
}
