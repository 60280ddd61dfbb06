// Shared set-up for the billing tests: a user with a Stripe customer and a live subscription, and
// the billing configuration pointed at the fake Stripe.
import { loadBillingConfig, type BillingConfig } from '../../lib/billing/billing-config';
import type { Db } from '../../lib/db/client';
import type { FakeStripe } from '../fake-stripe/fake-stripe';

export const silentLogger = { info() {}, warn() {}, error() {} };

export function fakeStripeConfig(fake: FakeStripe, extra: Record<string, string> = {}): BillingConfig {
  return loadBillingConfig({ ...fake.env, STRIPE_WEBHOOK_SECRET: 'whsec_test_secret', LLMTEST_FEE_PERCENT: '5', ...extra });
}

export async function createSubscribedUser(db: Db, options: { id?: string; email: string; customerId: string; status?: string }): Promise<string> {
  const user = await db.user.create({ data: { id: options.id, email: options.email } });
  await db.billingAccount.create({
    data: {
      userId: user.id,
      stripeCustomerId: options.customerId,
      stripeSubscriptionId: `sub_${options.customerId}`,
      subscriptionStatus: options.status ?? 'active',
      subscriptionCreatedAt: new Date(),
      subscriptionVersion: new Date(),
    },
  });
  return user.id;
}
