'use server';

import { revalidatePath } from 'next/cache';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { createApiKey, revokeApiKeyById } from '@/lib/accounts/api-keys';
import { AccountError } from '@/lib/accounts/account-error';

export type CreateKeyState = { key?: string; prefix?: string; name?: string; error?: string };

export async function createKeyAction(_state: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const user = await requireUser();
  try {
    const created = await createApiKey(await getDb(), user.id, String(form.get('name') ?? ''));
    revalidatePath('/keys');
    return { key: created.key, prefix: created.prefix, name: created.name };
  } catch (error) {
    if (error instanceof AccountError) return { error: error.message };
    throw error;
  }
}

export async function revokeKeyAction(keyId: string): Promise<{ error?: string }> {
  const user = await requireUser();
  try {
    await revokeApiKeyById(await getDb(), user.id, keyId);
  } catch (error) {
    if (error instanceof AccountError) return { error: error.message };
    throw error;
  }
  revalidatePath('/keys');
  return {};
}
