// What every webhook event handler gets and returns. A handler runs inside the transaction that
// records the event id (so an event is applied exactly once) and must only use `tx`.
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { BillingConfig } from '../billing-config';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface WebhookEvent {
  id: string;
  type: string;
  /** Seconds since the epoch (Stripe's event.created): the version used for ordering. */
  created: number;
  data: { object: unknown };
}

export interface HandlerContext {
  config: BillingConfig;
}

export interface HandlerResult {
  outcome: 'applied' | 'ignored';
  /** Why it was ignored (stale, unknown customer): stored with the event id. */
  reason?: string;
  /** The user whose billing state changed (their cached spend limits are dropped). */
  userId?: string;
}

export type WebhookHandler = (tx: Tx, event: WebhookEvent, context: HandlerContext) => Promise<HandlerResult>;

/** A Stripe id, or the expanded object carrying it. */
export const stripeId = z.union([z.string(), z.looseObject({ id: z.string() }).transform((o) => o.id)]);

export const eventTime = (event: WebhookEvent) => new Date(event.created * 1000);

/** The user of a Stripe customer (or, failing that, of an explicit user id from our metadata). */
export async function findAccountUserId(tx: Tx, customerId: string | null | undefined, fallbackUserId?: string | null): Promise<string | null> {
  if (customerId) {
    const account = await tx.billingAccount.findUnique({ where: { stripeCustomerId: customerId }, select: { userId: true } });
    if (account) return account.userId;
  }
  if (fallbackUserId) {
    const user = await tx.user.findUnique({ where: { id: fallbackUserId }, select: { id: true } });
    if (user) return user.id;
  }
  return null;
}

/** Serializes webhook handlers of one account (two events for it may arrive at once). */
export async function lockAccount(tx: Tx, userId: string): Promise<void> {
  await tx.billingAccount.upsert({ where: { userId }, create: { userId }, update: {} });
  await tx.$queryRawUnsafe('SELECT 1 FROM "BillingAccount" WHERE "userId" = $1 FOR UPDATE', userId);
}
