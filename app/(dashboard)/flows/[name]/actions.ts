'use server';

import { revalidatePath } from 'next/cache';
import { notFound } from 'next/navigation';
import type { FlowSettingsFormState } from '@/components/flows/flow-settings-form';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { FlowNotFoundError, undoFlowSettingChange, updateFlowSettings } from '@/lib/queries/flows/update-flow-settings';
import { validateFlowSettings } from '@/lib/queries/flows/validate-flow-settings';

const flowPath = (name: string) => `/flows/${encodeURIComponent(name)}`;

export async function saveFlowSettingsAction(flowName: string, _state: FlowSettingsFormState, form: FormData): Promise<FlowSettingsFormState> {
  const user = await requireUser();
  const checked = validateFlowSettings({ modelOverride: String(form.get('modelOverride') ?? ''), fallbackChain: String(form.get('fallbackChain') ?? '') });
  if (!checked.ok) return { errors: checked.errors };
  try {
    const change = await updateFlowSettings(await getDb(), { userId: user.id, email: user.email }, flowName, checked.settings);
    revalidatePath(flowPath(flowName));
    return { saved: change ? 'Saved. The gateway applies it within a few seconds.' : 'No change.' };
  } catch (error) {
    if (error instanceof FlowNotFoundError) notFound();
    throw error;
  }
}

export async function undoFlowSettingChangeAction(flowName: string, changeId: string): Promise<void> {
  const user = await requireUser();
  try {
    await undoFlowSettingChange(await getDb(), { userId: user.id, email: user.email }, flowName, changeId);
  } catch (error) {
    if (error instanceof FlowNotFoundError) notFound();
    throw error;
  }
  revalidatePath(flowPath(flowName));
}
