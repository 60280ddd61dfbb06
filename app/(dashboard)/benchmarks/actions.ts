'use server';

import { revalidatePath } from 'next/cache';
import { notFound, redirect } from 'next/navigation';
import type { NewBenchmarkFormState } from '@/components/benchmarks/new-benchmark-form';
import { requireUser } from '@/lib/auth/session';
import { benchmarkInputSchema, dollarsToMicros } from '@/lib/benchmarks/benchmark-input';
import { cancelBenchmark } from '@/lib/benchmarks/cancel-benchmark';
import { BenchmarkNotFoundError, createBenchmark } from '@/lib/benchmarks/create-benchmark';
import { switchFlowModel } from '@/lib/benchmarks/switch-flow-model';
import { getDb } from '@/lib/db/client';
import { FlowNotFoundError, undoFlowSettingChange } from '@/lib/queries/flows/update-flow-settings';
import { getAppServices } from '@/lib/server/app-services';

const benchmarkPath = (id: string) => `/benchmarks/${encodeURIComponent(id)}`;
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

function rethrowNotFound(error: unknown): never {
  if (error instanceof BenchmarkNotFoundError || error instanceof FlowNotFoundError) notFound();
  throw error;
}

export async function createBenchmarkAction(_state: NewBenchmarkFormState, form: FormData): Promise<NewBenchmarkFormState> {
  const user = await requireUser();
  const parsed = benchmarkInputSchema.safeParse({
    flowName: text(form, 'flow'),
    sampleMode: text(form, 'sampleMode'),
    sampleSize: text(form, 'sampleSize') || form.getAll('call').length,
    from: text(form, 'from') ? `${text(form, 'from')}Z` : undefined,
    to: text(form, 'to') ? `${text(form, 'to')}Z` : undefined,
    callIds: form.getAll('call').map(String),
    candidates: form.getAll('candidate').map(String),
    judgeModel: text(form, 'judgeModel') || null,
    budgetMicros: dollarsToMicros(text(form, 'budget')),
    concurrency: text(form, 'concurrency') || undefined,
    fallbacks: form.get('fallbacks') === 'on',
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return { errors };
  }
  let id: string;
  try {
    ({ id } = await createBenchmark(await getDb(), user.id, parsed.data));
  } catch (error) {
    rethrowNotFound(error);
  }
  (await getAppServices()).benchmarks.wake();
  revalidatePath('/benchmarks');
  redirect(benchmarkPath(id));
}

export async function cancelBenchmarkAction(id: string): Promise<void> {
  const user = await requireUser();
  try {
    await cancelBenchmark(await getDb(), user.id, id);
  } catch (error) {
    rethrowNotFound(error);
  }
  (await getAppServices()).benchmarks.cancel(id);
  revalidatePath(benchmarkPath(id));
}

export async function switchModelAction(id: string, model: string): Promise<void> {
  const user = await requireUser();
  let result: Awaited<ReturnType<typeof switchFlowModel>>;
  try {
    result = await switchFlowModel(await getDb(), { userId: user.id, email: user.email }, id, model);
  } catch (error) {
    rethrowNotFound(error);
  }
  // This instance's gateway applies it to the flow's next call (others within the cache TTL).
  (await getAppServices()).gateway.invalidateFlowSettings(user.id, result.flowName);
  revalidatePath(`/flows/${encodeURIComponent(result.flowName)}`);
  redirect(`${benchmarkPath(id)}?switched=${encodeURIComponent(result.change?.id ?? '')}`);
}

export async function undoSwitchAction(id: string, flowName: string, changeId: string): Promise<void> {
  const user = await requireUser();
  try {
    await undoFlowSettingChange(await getDb(), { userId: user.id, email: user.email }, flowName, changeId);
  } catch (error) {
    rethrowNotFound(error);
  }
  (await getAppServices()).gateway.invalidateFlowSettings(user.id, flowName);
  revalidatePath(`/flows/${encodeURIComponent(flowName)}`);
  redirect(`${benchmarkPath(id)}?undone=1`);
}
