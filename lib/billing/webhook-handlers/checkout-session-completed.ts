// checkout.session.completed: the user finished Stripe Checkout for Pay as you go. Links the
// customer and the subscription to the user (client_reference_id is our user id). The
// subscription events carry the details; this only makes the upgrade effective at once, and is
// versioned like them so an older subscription event cannot undo it.
import { z } from 'zod';
import { shouldApplySubscription } from './apply-subscription';
import { eventTime, findAccountUserId, lockAccount, stripeId, type WebhookHandler } from './webhook-handler';

const sessionSchema = z.looseObject({
  id: z.string(),
  mode: z.string().nullish(),
  status: z.string().nullish(),
  customer: stripeId.nullish(),
  subscription: stripeId.nullish(),
  client_reference_id: z.string().nullish(),
});

export const checkoutSessionCompleted: WebhookHandler = async (tx, event) => {
  const parsed = sessionSchema.safeParse(event.data.object);
  if (!parsed.success) return { outcome: 'ignored', reason: 'not a checkout session' };
  const session = parsed.data;
  if (session.mode !== 'subscription' || !session.subscription) return { outcome: 'ignored', reason: 'not a subscription checkout' };
  const userId = await findAccountUserId(tx, session.customer, session.client_reference_id);
  if (!userId) return { outcome: 'ignored', reason: `unknown customer ${session.customer}` };
  await lockAccount(tx, userId);
  const account = await tx.billingAccount.findUniqueOrThrow({ where: { userId } });
  const version = eventTime(event);
  if (!shouldApplySubscription(account, { id: session.subscription, status: 'active', created: event.created }, version))
    return { outcome: 'ignored', reason: 'stale', userId };
  await tx.billingAccount.update({
    where: { userId },
    data: {
      stripeCustomerId: account.stripeCustomerId ?? session.customer ?? null,
      stripeSubscriptionId: session.subscription,
      subscriptionStatus: 'active',
      subscriptionCreatedAt: account.stripeSubscriptionId === session.subscription ? account.subscriptionCreatedAt : version,
      subscriptionVersion: version,
      paymentFailedAt: null,
      graceUntil: null,
    },
  });
  return { outcome: 'applied', userId };
};
