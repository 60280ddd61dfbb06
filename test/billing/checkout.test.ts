// Upgrade and self-service against the fake Stripe: one customer per user however often the
// button is pressed, a subscription Checkout Session for the metered price carrying our user id,
// and a customer-portal session returning to the billing page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingError } from '../../lib/billing/billing-error';
import { billingSetup } from '../../lib/billing/billing-setup';
import { createCheckoutSession, createPortalSession } from '../../lib/billing/checkout';
import { createStripeClient, type StripeClient } from '../../lib/billing/stripe-client';
import { getDb, type Db } from '../../lib/db/client';
import { startFakeStripe, type FakeStripe } from '../fake-stripe/fake-stripe';
import { useTestDatabase } from '../helpers/test-database';
import { fakeStripeConfig } from './billing-fixtures';

useTestDatabase();

let fake: FakeStripe;
let stripe: StripeClient;
let db: Db;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeClient(fakeStripeConfig(fake).stripe!);
  db = await getDb();
});
afterAll(async () => fake?.close());

describe('checkout and portal', () => {
  it('refuses to start Checkout before `billing setup`', async () => {
    const user = await db.user.create({ data: { email: 'early@example.com' } });
    await expect(createCheckoutSession(db, stripe, user, 'https://llm.example.com')).rejects.toBeInstanceOf(BillingError);
  });

  it('creates one customer, a metered subscription checkout and a portal session', async () => {
    const { priceId } = await billingSetup(db, stripe, fakeStripeConfig(fake));
    const user = await db.user.create({ data: { email: 'upgrade@example.com' } });
    const url = await createCheckoutSession(db, stripe, user, 'https://llm.example.com');
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    await createCheckoutSession(db, stripe, user, 'https://llm.example.com'); // pressed twice
    expect(fake.objects.customers.size).toBe(1);
    const [customer] = [...fake.objects.customers.values()];
    expect(customer).toMatchObject({ email: 'upgrade@example.com', metadata: { llmtest_user_id: user.id } });
    expect((await db.billingAccount.findUniqueOrThrow({ where: { userId: user.id } })).stripeCustomerId).toBe(customer!.id);
    const session = fake.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!.body;
    expect(session).toMatchObject({
      mode: 'subscription',
      customer: customer!.id,
      client_reference_id: user.id,
      line_items: [{ price: priceId }],
      subscription_data: { metadata: { llmtest_user_id: user.id } },
      success_url: 'https://llm.example.com/billing?checkout=success',
      cancel_url: 'https://llm.example.com/billing?checkout=cancelled',
    });
    const portal = await createPortalSession(db, stripe, user, 'https://llm.example.com');
    expect(portal).toMatch(/^https:\/\/billing\.stripe\.test\//);
    expect(fake.requests.at(-1)!.body).toMatchObject({ customer: customer!.id, return_url: 'https://llm.example.com/billing' });
  });
});
