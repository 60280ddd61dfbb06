'use client';

import { useActionState, useState } from 'react';
import { ModelPicker, type PickableModel } from './model-picker';

export type NewBenchmarkFormState = { errors?: Record<string, string> };

const input = 'rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-600 dark:bg-zinc-800';
const card = 'rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900';

function FieldError({ message }: { message?: string }) {
  return message ? (
    <span className="mt-1 block text-xs text-red-600" role="alert">
      {message}
    </span>
  ) : null;
}

export function NewBenchmarkForm({
  action,
  flows,
  flow,
  baselineModel,
  pickedCallIds,
  models,
  rubric,
  defaultRange,
  maxSample,
  maxConcurrency,
}: {
  action: (state: NewBenchmarkFormState, form: FormData) => Promise<NewBenchmarkFormState>;
  flows: string[];
  flow: string;
  baselineModel: string | null;
  pickedCallIds: string[];
  models: PickableModel[];
  rubric: string;
  defaultRange: { from: string; to: string };
  maxSample: number;
  maxConcurrency: number;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [mode, setMode] = useState(pickedCallIds.length > 0 ? 'picked' : 'last');
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="space-y-6" data-testid="new-benchmark-form">
      <section className={card}>
        <h2 className="mb-3 text-base font-semibold">Flow and sample</h2>
        <label className="block text-sm">
          <span className="font-medium">Flow</span>
          <select name="flow" defaultValue={flow} className={`mt-1 block w-full max-w-md ${input}`}>
            {flows.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <FieldError message={errors.flowName} />
        </label>
        <p className="mt-2 text-xs text-zinc-500">
          Baseline: {baselineModel ? <span className="font-mono">{baselineModel}</span> : 'the model that served the sampled calls'} — its recorded answers are the reference; it is not called again.
        </p>
        <fieldset className="mt-4 space-y-2 text-sm">
          <legend className="font-medium">Calls to replay (successful production calls of the flow)</legend>
          {(
            [
              ['last', 'The last N calls'],
              ['random', 'A random N from a time range'],
              ['picked', `Hand-picked calls (${pickedCallIds.length} selected in the calls explorer)`],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="sampleMode" value={value} checked={mode === value} onChange={() => setMode(value)} disabled={value === 'picked' && pickedCallIds.length === 0} />
              {label}
            </label>
          ))}
          <FieldError message={errors.sampleMode ?? errors.callIds} />
        </fieldset>
        {pickedCallIds.map((id) => (
          <input key={id} type="hidden" name="call" value={id} />
        ))}
        <div className="mt-3 flex flex-wrap items-end gap-4">
          {mode !== 'picked' && (
            <label className="text-sm">
              <span className="font-medium">N</span>
              <input name="sampleSize" type="number" min={1} max={maxSample} defaultValue={Math.min(50, maxSample)} className={`mt-1 block w-28 ${input}`} />
              <FieldError message={errors.sampleSize} />
            </label>
          )}
          {mode === 'random' && (
            <>
              <label className="text-sm">
                <span className="font-medium">From (UTC)</span>
                <input name="from" type="datetime-local" defaultValue={defaultRange.from} className={`mt-1 block ${input}`} />
              </label>
              <label className="text-sm">
                <span className="font-medium">To (UTC)</span>
                <input name="to" type="datetime-local" defaultValue={defaultRange.to} className={`mt-1 block ${input}`} />
                <FieldError message={errors.to} />
              </label>
            </>
          )}
        </div>
        <p className="mt-2 text-xs text-zinc-500">Up to {maxSample} calls. Calls whose stored request was capped at 64 KB or contains images are listed as skipped.</p>
      </section>

      <section className={card}>
        <h2 className="mb-1 text-base font-semibold">Candidate models</h2>
        <p className="mb-3 text-xs text-zinc-500">Each sampled call is replayed on each candidate, through the gateway, exactly as it was sent (only the model changes).</p>
        <ModelPicker name="candidate" label="Search candidate models" models={models} />
        <FieldError message={errors.candidates} />
      </section>

      <section className={card}>
        <h2 className="mb-1 text-base font-semibold">Judge (optional)</h2>
        <p className="mb-3 text-xs text-zinc-500">
          Without a judge, quality is the agreement with the baseline&apos;s answers (JSON: key/value agreement; text: ROUGE-L F1). With one, the judge scores every candidate answer from 1 to 10 with this fixed rubric; its cost is shown apart.
        </p>
        <ModelPicker name="judgeModel" label="Search a judge model" models={models} single />
        <FieldError message={errors.judgeModel} />
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium">The judge&apos;s rubric</summary>
          <pre data-testid="judge-rubric" className="mt-2 whitespace-pre-wrap rounded-lg bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-800">
            {rubric}
          </pre>
        </details>
      </section>

      <section className={card}>
        <h2 className="mb-3 text-base font-semibold">Limits</h2>
        <div className="flex flex-wrap items-end gap-6">
          <label className="text-sm">
            <span className="font-medium">Budget (USD)</span>
            <input name="budget" inputMode="decimal" defaultValue="1.00" className={`mt-1 block w-32 ${input}`} />
            <FieldError message={errors.budgetMicros} />
          </label>
          <label className="text-sm">
            <span className="font-medium">Calls at a time</span>
            <input name="concurrency" type="number" min={1} max={maxConcurrency} defaultValue={4} className={`mt-1 block w-24 ${input}`} />
            <FieldError message={errors.concurrency} />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="fallbacks" />
            Allow fallbacks (off: only the candidate itself is tried)
          </label>
        </div>
        <p className="mt-2 text-xs text-zinc-500">The run stops cleanly when candidate and judge calls together reach the budget. Benchmark calls are never billed as production usage.</p>
      </section>

      <div className="flex items-center gap-3">
        <button disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-50">
          {pending ? 'Starting…' : 'Start benchmark'}
        </button>
        <FieldError message={errors.form} />
      </div>
    </form>
  );
}
