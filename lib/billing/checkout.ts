// Upgrade and self-service: a Stripe customer per user (created once), a Checkout Session for
// the metered price, and a customer-portal session for card, invoices and cancellation.
import type { Db } from '../db/client';
import { BillingError } from './billing-error';
import type { StripeClient } from './stripe-client';

export async function ensureStripeCustomer(db: Db, stripe: StripeClient, user: { id: string; email: string }): Promise<string> {
  const account = await db.billingAccount.findUnique({ where: { userId: user.id }, select: { stripeCustomerId: true } });
  if (account?.stripeCustomerId) return account.stripeCustomerId;
  // The idempotency key makes a double click (or two tabs) create one customer, not two.
  const customer = await stripe.customers.create({ email: user.email, metadata: { llmtest_user_id: user.id } }, { idempotencyKey: `llmtest-customer-${user.id}` });
  await db.billingAccount.upsert({ where: { userId: user.id }, create: { userId: user.id, stripeCustomerId: customer.id }, update: {} });
  await db.billingAccount.updateMany({ where: { userId: user.id, stripeCustomerId: null }, data: { stripeCustomerId: customer.id } });
  const stored = await db.billingAccount.findUniqueOrThrow({ where: { userId: user.id }, select: { stripeCustomerId: true } });
  return stored.stripeCustomerId!;
}

export async function createCheckoutSession(db: Db, stripe: StripeClient, user: { id: string; email: string }, baseUrl: string): Promise<string> {
  const setup = await db.billingStripeSetup.findUnique({ where: { id: 'default' } });
  if (!setup) throw new BillingError('Billing is not set up yet: the operator must run `llmtest billing setup`.');
  const customer = await ensureStripeCustomer(db, stripe, user);
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: user.id,
    line_items: [{ price: setup.priceId }],
    subscription_data: { metadata: { llmtest_user_id: user.id } },
    success_url: `${baseUrl}/billing?checkout=success`,
    cancel_url: `${baseUrl}/billing?checkout=cancelled`,
  });
  if (!session.url) throw new BillingError('Stripe did not return a checkout URL.');
  return session.url;
}

export async function createPortalSession(db: Db, stripe: StripeClient, user: { id: string; email: string }, baseUrl: string): Promise<string> {
  const customer = await ensureStripeCustomer(db, stripe, user);
  const session = await stripe.billingPortal.sessions.create({ customer, return_url: `${baseUrl}/billing` });
  return session.url;
}
