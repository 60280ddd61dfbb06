'use client';

import { useActionState } from 'react';

export type FlowSettingsFormState = { saved?: string; errors?: { modelOverride?: string; fallbackChain?: string } };

const input =
  'w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-600 dark:bg-zinc-800';

export function FlowSettingsForm({
  action,
  modelOverride,
  fallbackChain,
  modelIds,
}: {
  action: (state: FlowSettingsFormState, form: FormData) => Promise<FlowSettingsFormState>;
  modelOverride: string | null;
  fallbackChain: string[];
  modelIds: string[];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4" data-testid="flow-settings-form">
      <datalist id="catalog-models">
        {modelIds.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <label className="block text-sm">
        <span className="font-medium">Model override</span>
        <span className="block text-xs text-zinc-500">Route every call of this flow to this model, whatever the request asks for. Empty: no override.</span>
        <input name="modelOverride" list="catalog-models" defaultValue={modelOverride ?? ''} placeholder="e.g. openai/gpt-4o-mini" className={`mt-1 ${input}`} />
        {state.errors?.modelOverride && <span className="mt-1 block text-xs text-red-600" role="alert">{state.errors.modelOverride}</span>}
      </label>
      <label className="block text-sm">
        <span className="font-medium">Fallback chain</span>
        <span className="block text-xs text-zinc-500">Tried in order when the primary model fails; one model id per line. Empty: the catalog&apos;s default chain.</span>
        <textarea name="fallbackChain" rows={3} defaultValue={fallbackChain.join('\n')} className={`mt-1 ${input}`} />
        {state.errors?.fallbackChain && <span className="mt-1 block text-xs text-red-600" role="alert">{state.errors.fallbackChain}</span>}
      </label>
      <div className="flex items-center gap-3">
        <button disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
          {pending ? 'Saving…' : 'Save settings'}
        </button>
        {state.saved && <span className="text-sm text-emerald-600" role="status">{state.saved}</span>}
      </div>
    </form>
  );
}
