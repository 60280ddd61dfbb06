// Usage reaches Stripe exactly once: N calls through the real gateway (openai SDK) → call log →
// outbox (trigger, same transaction) → meter events to the fake Stripe, which fails every other
// meter-event request (half before processing, half after: the response is lost although the
// event landed), and the reporter is "restarted" (a new reporter and Stripe client on the same
// database) halfway through. The fake's accepted events must add up to the call log exactly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { billingSetup } from '../../lib/billing/billing-setup';
import { billedMicros } from '../../lib/billing/money';
import { createStripeClient } from '../../lib/billing/stripe-client';
import { createUsageReporter, type UsageReporter } from '../../lib/billing/usage-reporter';
import { createCallLogWriter, type CallLogWriter } from '../../lib/call-log/call-log-writer';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { getDb, type Db } from '../../lib/db/client';
import { startFakeStripe, type FakeStripe } from '../fake-stripe/fake-stripe';
import { startHarness, userMessage, type Harness } from '../gateway/harness';
import { useTestDatabase } from '../helpers/test-database';
import { createSubscribedUser, fakeStripeConfig, silentLogger } from './billing-fixtures';

useTestDatabase();

let fake: FakeStripe;
let db: Db;
let writer: CallLogWriter;
let h: Harness;

beforeAll(async () => {
  fake = await startFakeStripe();
  db = await getDb();
  writer = createCallLogWriter({ sink: createPrismaCallLogSink(db), flushIntervalMs: 5, logger: silentLogger });
  h = await startHarness({ deps: { recordCall: (record) => writer.enqueue(record) } });
  await createSubscribedUser(db, { id: 'user_1', email: 'metered@example.com', customerId: 'cus_metered1' });
  await billingSetup(db, createStripeClient(fakeStripeConfig(fake).stripe!), fakeStripeConfig(fake));
});
afterAll(async () => {
  await h?.close();
  await writer?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.failEvery(0);
});

async function makeCalls(n: number): Promise<void> {
  const before = h.records.length;
  for (let i = 0; i < n; i++) await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(`call ${i}`) });
  void before;
  // Records are handed over after the response; wait until the writer has them all in the database.
  const until = Date.now() + 10_000;
  for (;;) {
    await writer.flush();
    const count = await db.callLog.count({ where: { userId: 'user_1' } });
    if (count >= totalCalls + n) break;
    if (Date.now() > until) throw new Error(`only ${count} calls logged`);
    await new Promise((r) => setTimeout(r, 20));
  }
  totalCalls += n;
}
let totalCalls = 0;

function reporter(): UsageReporter {
  const config = fakeStripeConfig(fake);
  return createUsageReporter({ db, stripe: createStripeClient(config.stripe!), config, logger: silentLogger, retryDelayMs: () => 0 });
}

async function drain(r: UsageReporter, maxTicks = 40): Promise<void> {
  for (let i = 0; i < maxTicks; i++) {
    await r.tick();
    const pending = (await db.usageReport.count({ where: { sentAt: null, failedAt: null } })) + (await db.usageOutbox.count({ where: { reportId: null } }));
    if (pending === 0) return;
  }
  throw new Error('usage still unsent after many passes');
}

async function expectExactlyOnce(): Promise<void> {
  const [{ cost }] = await db.$queryRawUnsafe<{ cost: string }[]>(`SELECT sum("costMicros")::text AS cost FROM "CallLog" WHERE "userId" = 'user_1' AND source = 'production'`);
  const reports = await db.usageReport.findMany({ where: { userId: 'user_1' } });
  // Every micro-dollar of the call log is in exactly one report…
  expect(reports.reduce((sum, r) => sum + r.costMicros, 0n)).toBe(BigInt(cost));
  expect(reports.map((r) => r.valueMicros)).toEqual(reports.map((r) => billedMicros(r.costMicros, 500)));
  // …and every report reached Stripe exactly once, under its own identifier.
  const accepted = fake.meterEvents.filter((e) => e.customer === 'cus_metered1');
  expect(accepted.map((e) => e.identifier).sort()).toEqual(reports.map((r) => r.id).sort());
  expect(accepted.reduce((sum, e) => sum + e.value, 0n)).toBe(reports.reduce((sum, r) => sum + r.valueMicros, 0n));
  expect(BigInt(cost)).toBeGreaterThan(0n);
}

describe('usage → Stripe meter events', () => {
  it('N calls reach Stripe exactly once although half the requests fail and the reporter restarts', async () => {
    fake.failEvery(2, 'alternate', '/v1/billing/meter_events');
    await makeCalls(12);
    const first = reporter();
    await first.tick(); // meter event 1: accepted
    await makeCalls(8);
    await first.tick(); // meter event 2: accepted by Stripe, but the response is lost
    // Restart: the first reporter is gone (its Stripe client too); unsent reports are in the DB.
    await first.close();
    expect(await db.usageReport.count({ where: { sentAt: null } })).toBeGreaterThan(0);
    const second = reporter();
    for (let round = 0; round < 3; round++) {
      await makeCalls(4);
      await second.tick();
    }
    await drain(second);
    await second.close();

    const meterRequests = fake.requests.filter((r) => r.path === '/v1/billing/meter_events');
    expect(meterRequests.some((r) => r.outcome === 'failed-after')).toBe(true);
    expect(meterRequests.some((r) => r.outcome === 'failed-before')).toBe(true);
    expect(meterRequests.length).toBeGreaterThan(fake.meterEvents.length);
    // Every meter event carried its identifier as the Idempotency-Key too.
    expect(meterRequests.every((r) => r.idempotencyKey === r.body.identifier)).toBe(true);
    await expectExactlyOnce();
  });

  it('the identifier alone dedupes when idempotency keys are not honoured (e.g. past 24 h)', async () => {
    fake.honourIdempotencyKeys = false;
    fake.failEvery(2, 'after', '/v1/billing/meter_events');
    const r = reporter();
    for (let round = 0; round < 4; round++) {
      await makeCalls(3);
      await r.tick();
    }
    await drain(r);
    await r.close();
    fake.honourIdempotencyKeys = true;
    const duplicates = fake.requests.filter((q) => q.path === '/v1/billing/meter_events' && q.status === 400);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(r.stats().duplicates).toBe(duplicates.length);
    await expectExactlyOnce();
  });

  it('a cut connection after Stripe processed the event: the SDK retries with the same key, counted once', async () => {
    fake.failEvery(1, 'drop', '/v1/billing/meter_events');
    await makeCalls(3);
    const r = reporter();
    await r.tick();
    fake.failEvery(0);
    await drain(r);
    await r.close();
    expect(fake.requests.some((q) => q.outcome === 'dropped')).toBe(true);
    await expectExactlyOnce();
  });

  it('keeps usage in the database while Stripe is down, and sends it when it is back', async () => {
    fake.failEvery(1, 'before', '/v1/billing/meter_events');
    await makeCalls(4);
    const r = reporter();
    await r.tick();
    await r.tick();
    expect(await db.usageReport.count({ where: { sentAt: null } })).toBeGreaterThan(0);
    fake.failEvery(0);
    await drain(r);
    await r.close();
    await expectExactlyOnce();
  });

  it('bills nothing for users without a live subscription, nor benchmark calls', async () => {
    const freeUser = await db.user.create({ data: { email: 'free@example.com' } });
    const before = await db.usageOutbox.count();
    const flow = await db.flow.create({ data: { userId: freeUser.id, name: 'x' } });
    await db.callLog.create({ data: { id: 'free-1', userId: freeUser.id, flowId: flow.id, requestedModel: 'gpt-4o', status: 'ok', httpStatus: 200, latencyMs: 1, costMicros: 1000n } });
    const subFlow = await db.flow.findFirstOrThrow({ where: { userId: 'user_1' } });
    await db.callLog.create({ data: { id: 'bench-1', userId: 'user_1', flowId: subFlow.id, requestedModel: 'gpt-4o', status: 'ok', httpStatus: 200, latencyMs: 1, costMicros: 1000n, source: 'benchmark' } });
    expect(await db.usageOutbox.count()).toBe(before);
  });
});
