// customer.subscription.created / updated / deleted all carry the whole subscription: this
// applies it to the account unless it is older than what we have (events arrive in any order).
//
// Ordering rules, for the subscription we know (same id):
//   - `canceled` is final: nothing after it revives that subscription;
//   - an event older (event.created) than the last one applied is ignored; within the same
//     second, the status further along the lifecycle wins (incomplete < trialing < active <
//     past_due < unpaid < canceled).
// For another subscription of the same customer: an ending one (canceled, incomplete_expired)
// is ignored; a live one replaces ours when ours has ended or is older (subscription.created).
import { z } from 'zod';
import { eventTime, findAccountUserId, lockAccount, stripeId, type HandlerContext, type HandlerResult, type Tx, type WebhookEvent } from './webhook-handler';

const subscriptionSchema = z.looseObject({
  id: z.string(),
  customer: stripeId,
  status: z.string(),
  created: z.number(),
  cancel_at_period_end: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  // API ≥ 2025-03-31: the period lives on the items; before, on the subscription.
  current_period_start: z.number().nullish(),
  current_period_end: z.number().nullish(),
  items: z.looseObject({ data: z.array(z.looseObject({ current_period_start: z.number().nullish(), current_period_end: z.number().nullish() })) }).nullish(),
});

export type SubscriptionObject = z.infer<typeof subscriptionSchema>;

const STATUS_RANK: Record<string, number> = { incomplete: 0, incomplete_expired: 1, trialing: 2, active: 3, past_due: 4, unpaid: 5, paused: 5, canceled: 6 };
const ENDED = new Set(['canceled', 'incomplete_expired']);
const rank = (status: string | null | undefined) => STATUS_RANK[status ?? ''] ?? 0;

interface Current {
  stripeSubscriptionId: string | null;
  subscriptionStatus: string | null;
  subscriptionCreatedAt: Date | null;
  subscriptionVersion: Date | null;
}

/** Whether `sub`, seen in an event created at `version`, should replace what we hold. */
export function shouldApplySubscription(current: Current, sub: { id: string; status: string; created: number }, version: Date): boolean {
  if (!current.stripeSubscriptionId) return true;
  if (current.stripeSubscriptionId === sub.id) {
    if (current.subscriptionStatus === 'canceled') return false;
    const known = current.subscriptionVersion?.getTime();
    if (known === undefined || version.getTime() > known) return true;
    return version.getTime() === known && rank(sub.status) >= rank(current.subscriptionStatus);
  }
  if (ENDED.has(sub.status)) return false;
  if (!current.subscriptionStatus || ENDED.has(current.subscriptionStatus)) return true;
  return sub.created * 1000 > (current.subscriptionCreatedAt?.getTime() ?? 0);
}

function period(sub: SubscriptionObject): { start: Date | null; end: Date | null } {
  const item = sub.items?.data[0];
  const start = item?.current_period_start ?? sub.current_period_start ?? null;
  const end = item?.current_period_end ?? sub.current_period_end ?? null;
  return { start: start ? new Date(start * 1000) : null, end: end ? new Date(end * 1000) : null };
}

export async function applySubscriptionEvent(tx: Tx, event: WebhookEvent, context: HandlerContext): Promise<HandlerResult> {
  const parsed = subscriptionSchema.safeParse(event.data.object);
  if (!parsed.success) return { outcome: 'ignored', reason: 'not a subscription object' };
  const sub = parsed.data;
  const userId = await findAccountUserId(tx, sub.customer, sub.metadata?.llmtest_user_id);
  if (!userId) return { outcome: 'ignored', reason: `unknown customer ${sub.customer}` };
  await lockAccount(tx, userId);
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { userId } });
  const version = eventTime(event);
  if (!shouldApplySubscription(account, sub, version)) return { outcome: 'ignored', reason: 'stale', userId };
  const { start, end } = period(sub);
  // past_due opens the grace period if no failed invoice did yet; a live status closes it.
  let grace: { paymentFailedAt: Date | null; graceUntil: Date | null } | Record<string, never> = {};
  if ((sub.status === 'past_due' || sub.status === 'unpaid') && !account.graceUntil)
    grace = { paymentFailedAt: version, graceUntil: new Date(version.getTime() + context.config.graceDays * 86_400_000) };
  else if (sub.status === 'active' || sub.status === 'trialing' || ENDED.has(sub.status)) grace = { paymentFailedAt: null, graceUntil: null };
  await tx.billingAccount.update({
    where: { userId },
    data: {
      stripeCustomerId: account.stripeCustomerId ?? sub.customer,
      stripeSubscriptionId: sub.id,
      subscriptionStatus: sub.status,
      subscriptionCreatedAt: new Date(sub.created * 1000),
      subscriptionVersion: version,
      currentPeriodStart: start,
      currentPeriodEnd: end,
      cancelAtPeriodEnd: sub.cancel_at_period_end ?? false,
      ...grace,
    },
  });
  return { outcome: 'applied', userId };
}
