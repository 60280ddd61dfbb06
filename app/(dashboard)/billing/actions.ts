'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { LimitFormState } from '@/components/billing/limit-form';
import { requireUser } from '@/lib/auth/session';
import { BillingError } from '@/lib/billing/billing-error';
import { getBillingConfig } from '@/lib/billing/billing-services';
import { createCheckoutSession, createPortalSession } from '@/lib/billing/checkout';
import { parseLimitInput, setKeySpendLimit, setUserSpendLimit } from '@/lib/billing/set-spend-limits';
import { createStripeClient } from '@/lib/billing/stripe-client';
import { getDb } from '@/lib/db/client';
import { getAppServices } from '@/lib/server/app-services';

/** New limits bite on the next call on this instance (others within the spend refresh). */
async function dropCachedSpend(userId: string): Promise<void> {
  (await getAppServices()).billing.spend.invalidate(userId);
}

async function saveLimit(form: FormData, save: (userId: string, micros: bigint | null) => Promise<void>): Promise<LimitFormState> {
  const user = await requireUser();
  try {
    await save(user.id, parseLimitInput(String(form.get('limit') ?? '')));
  } catch (error) {
    if (error instanceof BillingError) return { error: error.message };
    throw error;
  }
  await dropCachedSpend(user.id);
  revalidatePath('/', 'layout');
  return { saved: true };
}

export async function setUserLimitAction(_state: LimitFormState, form: FormData): Promise<LimitFormState> {
  return saveLimit(form, async (userId, micros) => setUserSpendLimit(await getDb(), userId, micros));
}

export async function setKeyLimitAction(_state: LimitFormState, form: FormData): Promise<LimitFormState> {
  return saveLimit(form, async (userId, micros) => setKeySpendLimit(await getDb(), userId, String(form.get('keyId') ?? ''), micros));
}

async function baseUrl(): Promise<string> {
  const configured = getBillingConfig().publicUrl;
  if (configured) return configured;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

async function toStripe(create: (stripe: ReturnType<typeof createStripeClient>, user: { id: string; email: string }, base: string) => Promise<string>): Promise<never> {
  const user = await requireUser();
  const config = getBillingConfig();
  if (!config.stripe) redirect('/billing');
  let url: string;
  try {
    url = await create(createStripeClient(config.stripe), user, await baseUrl());
  } catch (error) {
    const message = error instanceof BillingError ? error.message : 'Stripe could not be reached. Please try again in a moment.';
    if (!(error instanceof BillingError)) console.error('[billing] Stripe request failed', error);
    redirect(`/billing?error=${encodeURIComponent(message)}`);
  }
  redirect(url);
}

export async function upgradeAction(): Promise<void> {
  await toStripe(async (stripe, user, base) => createCheckoutSession(await getDb(), stripe, user, base));
}

export async function portalAction(): Promise<void> {
  await toStripe(async (stripe, user, base) => createPortalSession(await getDb(), stripe, user, base));
}
