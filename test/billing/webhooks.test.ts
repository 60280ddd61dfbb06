// POST /api/stripe/webhook through the real route handler: signatures (valid, invalid, replayed),
// idempotency by event id, and subscription / invoice events delivered out of order.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingConfig } from '../../lib/billing/billing-config';
import { handleStripeWebhook } from '../../lib/billing/handle-stripe-webhook';
import { effectivePlan } from '../../lib/billing/plan';
import { getDb, type Db } from '../../lib/db/client';
import { startFakeStripe, type FakeStripe } from '../fake-stripe/fake-stripe';
import { useTestDatabase } from '../helpers/test-database';
import { fakeStripeConfig } from './billing-fixtures';

useTestDatabase();

const SECRET = 'whsec_test_secret';
const stripe = new Stripe('sk_test_fake', { telemetry: false });
let fake: FakeStripe;
let config: BillingConfig;
let db: Db;
let eventCounter = 0;
const changed: string[] = [];

beforeAll(async () => {
  fake = await startFakeStripe();
  config = fakeStripeConfig(fake);
  db = await getDb();
});
afterAll(async () => {
  await fake?.close();
});

function event(type: string, object: Record<string, unknown>, created: number, id = `evt_${++eventCounter}`) {
  return { id, object: 'event', type, created, api_version: '2026-10-28.endive', livemode: false, data: { object } };
}

async function deliver(payload: object, options: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const body = JSON.stringify(payload);
  const signature = options.signature ?? stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? SECRET, timestamp: options.timestamp });
  const request = new Request('http://localhost/api/stripe/webhook', { method: 'POST', headers: { 'stripe-signature': signature, 'content-type': 'application/json' }, body });
  const response = await handleStripeWebhook(request, { db, config, onAccountChanged: (userId) => changed.push(userId) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function subscription(id: string, customer: string, status: string, created: number, extra: Record<string, unknown> = {}) {
  return {
    id,
    object: 'subscription',
    customer,
    status,
    created,
    cancel_at_period_end: false,
    metadata: {},
    items: { object: 'list', data: [{ id: `si_${id}`, current_period_start: created, current_period_end: created + 30 * 86400 }] },
    ...extra,
  };
}

async function userWithCustomer(email: string, customer: string): Promise<string> {
  const user = await db.user.create({ data: { email } });
  await db.billingAccount.create({ data: { userId: user.id, stripeCustomerId: customer } });
  return user.id;
}

const account = (userId: string) => db.billingAccount.findUniqueOrThrow({ where: { userId } });
const T = 1_790_000_000;

describe('signatures', () => {
  it('accepts a valid signature, refuses an invalid or stale one, and applies a replay once', async () => {
    const userId = await userWithCustomer('sig@example.com', 'cus_sig');
    const payload = event('customer.subscription.created', subscription('sub_sig', 'cus_sig', 'active', T), T);

    const wrongSecret = await deliver(payload, { secret: 'whsec_other' });
    expect(wrongSecret.status).toBe(400);
    const garbage = await deliver(payload, { signature: 't=1,v1=deadbeef' });
    expect(garbage.status).toBe(400);
    // Signed 10 minutes ago: outside the SDK's 5-minute tolerance (replay protection).
    const stale = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(400);
    expect(await db.stripeEvent.count({ where: { id: payload.id } })).toBe(0);

    const first = await deliver(payload);
    expect(first).toMatchObject({ status: 200, body: { status: 'processed', outcome: 'applied' } });
    expect((await account(userId)).subscriptionStatus).toBe('active');
    expect(changed).toContain(userId);

    // The same event again (Stripe redelivers after a timeout): acknowledged, not re-applied.
    await db.billingAccount.update({ where: { userId }, data: { subscriptionStatus: 'marker' } });
    const replay = await deliver(payload);
    expect(replay).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect((await account(userId)).subscriptionStatus).toBe('marker');
  });

  it('answers 400 without a signature header and 404 in self-hosted mode', async () => {
    const noHeader = await handleStripeWebhook(new Request('http://x/api/stripe/webhook', { method: 'POST', body: '{}' }), { db, config });
    expect(noHeader.status).toBe(400);
    const selfHosted = await handleStripeWebhook(new Request('http://x/api/stripe/webhook', { method: 'POST', body: '{}' }), { db, config: { ...config, stripe: null } });
    expect(selfHosted.status).toBe(404);
  });
});

describe('out-of-order delivery', () => {
  it('an older subscription event never overwrites a newer one', async () => {
    const userId = await userWithCustomer('order@example.com', 'cus_order');
    const created = event('customer.subscription.created', subscription('sub_o', 'cus_order', 'incomplete', T), T);
    const active = event('customer.subscription.updated', subscription('sub_o', 'cus_order', 'active', T), T + 5);
    const pastDue = event('customer.subscription.updated', subscription('sub_o', 'cus_order', 'past_due', T), T + 100);
    // Delivered newest first.
    expect((await deliver(pastDue)).body.outcome).toBe('applied');
    expect((await deliver(active)).body).toMatchObject({ outcome: 'ignored', reason: 'stale' });
    expect((await deliver(created)).body).toMatchObject({ outcome: 'ignored', reason: 'stale' });
    const state = await account(userId);
    expect(state.subscriptionStatus).toBe('past_due');
    // past_due opened the grace period (7 days from the event).
    expect(state.graceUntil?.getTime()).toBe((T + 100) * 1000 + 7 * 86_400_000);
  });

  it('deleted is final: a late "updated: active" for the same subscription does not revive it', async () => {
    const userId = await userWithCustomer('deleted@example.com', 'cus_del');
    await deliver(event('customer.subscription.deleted', subscription('sub_d', 'cus_del', 'canceled', T), T + 50));
    await deliver(event('customer.subscription.updated', subscription('sub_d', 'cus_del', 'active', T), T + 60));
    expect((await account(userId)).subscriptionStatus).toBe('canceled');
    expect(effectivePlan(await account(userId), config, Date.now()).plan).toBe('free');
    // A new subscription after the cancellation does take over.
    await deliver(event('customer.subscription.created', subscription('sub_d2', 'cus_del', 'active', T + 70), T + 70));
    expect(await account(userId)).toMatchObject({ stripeSubscriptionId: 'sub_d2', subscriptionStatus: 'active' });
    // …and the old one's late deletion does not touch it.
    await deliver(event('customer.subscription.deleted', subscription('sub_d', 'cus_del', 'canceled', T), T + 80));
    expect(await account(userId)).toMatchObject({ stripeSubscriptionId: 'sub_d2', subscriptionStatus: 'active' });
  });

  it('same second: the status further along wins', async () => {
    const userId = await userWithCustomer('tie@example.com', 'cus_tie');
    await deliver(event('customer.subscription.updated', subscription('sub_t', 'cus_tie', 'active', T), T + 1));
    await deliver(event('customer.subscription.created', subscription('sub_t', 'cus_tie', 'incomplete', T), T + 1));
    expect((await account(userId)).subscriptionStatus).toBe('active');
  });

  it('checkout completion links the subscription; an older "created: incomplete" cannot undo it', async () => {
    const user = await db.user.create({ data: { email: 'checkout@example.com' } });
    const session = { id: 'cs_1', object: 'checkout.session', mode: 'subscription', status: 'complete', customer: 'cus_co', subscription: 'sub_co', client_reference_id: user.id };
    expect((await deliver(event('checkout.session.completed', session, T + 10))).body.outcome).toBe('applied');
    await deliver(event('customer.subscription.created', subscription('sub_co', 'cus_co', 'incomplete', T + 9), T + 9));
    const state = await account(user.id);
    expect(state).toMatchObject({ stripeCustomerId: 'cus_co', stripeSubscriptionId: 'sub_co', subscriptionStatus: 'active' });
    expect(effectivePlan(state, config, Date.now()).plan).toBe('payg');
  });

  it('a failed payment starts a grace period, then Free limits; a paid invoice ends it; a late failure is ignored', async () => {
    const userId = await userWithCustomer('grace@example.com', 'cus_grace');
    await deliver(event('customer.subscription.created', subscription('sub_g', 'cus_grace', 'active', T), T));
    const invoice = (id: string) => ({ id, object: 'invoice', customer: 'cus_grace', status: 'open' });
    await deliver(event('invoice.payment_failed', invoice('in_1'), T + 100));
    let state = await account(userId);
    expect(state.graceUntil?.getTime()).toBe((T + 100) * 1000 + 7 * 86_400_000);
    expect(effectivePlan(state, config, (T + 100) * 1000 + 86_400_000)).toMatchObject({ plan: 'payg', inGrace: true });
    expect(effectivePlan(state, config, (T + 100) * 1000 + 8 * 86_400_000)).toMatchObject({ plan: 'free', graceExpired: true });
    // Stripe's retry fails again: the grace period is not extended.
    await deliver(event('invoice.payment_failed', invoice('in_1'), T + 200));
    expect((await account(userId)).graceUntil?.getTime()).toBe((T + 100) * 1000 + 7 * 86_400_000);
    await deliver(event('invoice.paid', { ...invoice('in_1'), status: 'paid' }, T + 300));
    state = await account(userId);
    expect(state.graceUntil).toBeNull();
    // A failure older than the payment, delivered late, changes nothing.
    expect((await deliver(event('invoice.payment_failed', invoice('in_1'), T + 250))).body).toMatchObject({ outcome: 'ignored', reason: 'stale' });
    expect((await account(userId)).graceUntil).toBeNull();
  });

  it('unknown customers and unhandled types are acknowledged (no endless redelivery)', async () => {
    const unknown = await deliver(event('invoice.paid', { id: 'in_x', object: 'invoice', customer: 'cus_nobody' }, T));
    expect(unknown).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
    const refunded = event('charge.refunded', { id: 'ch_1' }, T);
    const other = await deliver(refunded);
    expect(other).toMatchObject({ status: 200, body: { outcome: 'ignored', reason: 'unhandled type' } });
    expect(await db.stripeEvent.findUniqueOrThrow({ where: { id: refunded.id } })).toMatchObject({ type: 'charge.refunded', outcome: 'ignored: unhandled type' });
  });
});
