// The 402 at the limit, as the openai SDK sees it: a real gateway whose checkSpend is the real
// spend tracker on the test database, calls logged by the real call-log writer (so the spend the
// tracker reads back is the call log's). User limits, key limits, the Free allowance, and Pay as
// you go without a plan limit.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../lib/auth/api-key-format';
import { loadBillingConfig, type BillingConfig } from '../../lib/billing/billing-config';
import { getMonthSpend } from '../../lib/billing/queries/get-month-spend';
import { getSpendLimits } from '../../lib/billing/queries/get-spend-limits';
import { setKeySpendLimit, setUserSpendLimit } from '../../lib/billing/set-spend-limits';
import { createSpendTracker, type SpendTracker } from '../../lib/billing/spend-tracker';
import { createCallLogWriter, type CallLogWriter } from '../../lib/call-log/call-log-writer';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { getDb, type Db } from '../../lib/db/client';
import { startHarness, userMessage, type Harness } from '../gateway/harness';
import { useTestDatabase } from '../helpers/test-database';
import { silentLogger } from './billing-fixtures';

useTestDatabase();

let db: Db;
let writer: CallLogWriter;

beforeAll(async () => {
  db = await getDb();
  writer = createCallLogWriter({ sink: createPrismaCallLogSink(db), flushIntervalMs: 5, logger: silentLogger });
});
afterAll(async () => {
  await writer?.close();
});

interface Setup {
  h: Harness;
  tracker: SpendTracker;
  /** A client for a new user (and key) of that gateway. */
  newCustomer(email: string): Promise<{ userId: string; keyId: string; client: OpenAI }>;
}

async function setup(config: BillingConfig): Promise<Setup> {
  const tracker = createSpendTracker({
    config,
    load: async (userId, monthStart) => ({ spend: await getMonthSpend(db, userId, monthStart), limits: await getSpendLimits(db, userId) }),
  });
  const h = await startHarness({
    deps: {
      checkSpend: (userId, keyId) => tracker.check(userId, keyId),
      recordCall: (record) => {
        tracker.record(record);
        writer.enqueue(record);
      },
    },
  });
  return {
    h,
    tracker,
    async newCustomer(email) {
      const user = await db.user.create({ data: { email } });
      const { key, keyHash, prefix } = generateApiKey();
      const apiKey = await db.apiKey.create({ data: { userId: user.id, name: 'k', prefix, keyHash } });
      h.keys.set(keyHash, { id: apiKey.id, userId: user.id, revoked: false });
      return { userId: user.id, keyId: apiKey.id, client: new OpenAI({ baseURL: h.baseURL, apiKey: key, maxRetries: 0 }) };
    },
  };
}

async function callUntilRefused(client: OpenAI, max = 30): Promise<{ okCalls: number; error: InstanceType<typeof OpenAI.APIError> }> {
  for (let i = 0; i < max; i++) {
    try {
      await client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
    } catch (error) {
      if (error instanceof OpenAI.APIError) return { okCalls: i, error };
      throw error;
    }
    // Costs are recorded just after the response: let the tracker see this one.
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`still allowed after ${max} calls`);
}

describe('spend limits through the gateway (self-hosted: only the limits users set)', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(loadBillingConfig({ LLMTEST_PUBLIC_URL: 'https://llm.example.com' }));
  });
  afterAll(async () => s?.h.close());

  it('no limit set: calls go through, no plan allowance applies', async () => {
    const { client } = await s.newCustomer('unlimited@example.com');
    for (let i = 0; i < 3; i++) await client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
  });

  it('a user limit: 402 insufficient_quota in OpenAI\'s envelope once it is reached', async () => {
    const { userId, client } = await s.newCustomer('limited@example.com');
    await setUserSpendLimit(db, userId, 500n); // $0.0005: a few gpt-4o calls of the fake
    const { okCalls, error } = await callUntilRefused(client);
    expect(okCalls).toBeGreaterThanOrEqual(1);
    expect(error.status).toBe(402);
    expect(error.code).toBe('insufficient_quota');
    expect(error.type).toBe('insufficient_quota');
    expect(error.message).toMatch(/Your monthly spend limit of \$0\.0005 is reached \(\$0\.\d+ this month\)\. Raise or remove it on the billing page: https:\/\/llm\.example\.com\/billing/);
    expect(error.headers?.get('x-llmtest-request-id')).toBeTruthy();
    // Raising the limit (and dropping the cached figures, as the billing page does) lets calls through.
    await setUserSpendLimit(db, userId, null);
    s.tracker.invalidate(userId);
    await client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
  });

  it('a key limit stops that key only', async () => {
    const { userId, keyId, client } = await s.newCustomer('keylimit@example.com');
    await setKeySpendLimit(db, userId, keyId, 1n);
    // Nothing spent yet: the first call passes, the next ones are refused.
    const { okCalls, error } = await callUntilRefused(client);
    expect(okCalls).toBe(1);
    expect(error.status).toBe(402);
    expect(error.message).toContain("This API key's monthly spend limit of $0.000001 is reached");
  });

  it('the refused call is logged as a 402 and costs nothing', async () => {
    await writer.flush();
    const refused = await db.callLog.findMany({ where: { httpStatus: 402 } });
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.every((call) => call.costMicros === 0n && call.errorType === 'insufficient_quota')).toBe(true);
  });
});

describe('plans (Stripe configured)', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(loadBillingConfig({ STRIPE_SECRET_KEY: 'sk_test_x', LLMTEST_FREE_ALLOWANCE_USD: '0.0004', LLMTEST_PUBLIC_URL: 'https://llm.example.com' }));
  });
  afterAll(async () => s?.h.close());

  it('Free: 402 past the monthly allowance, with a link to upgrade', async () => {
    const { client } = await s.newCustomer('free@example.com');
    const { okCalls, error } = await callUntilRefused(client);
    expect(okCalls).toBeGreaterThanOrEqual(1);
    expect(error.status).toBe(402);
    expect(error.code).toBe('insufficient_quota');
    expect(error.message).toMatch(/You have used the Free plan's monthly allowance of \$0\.0004 of model cost .* Upgrade to Pay as you go to continue: https:\/\/llm\.example\.com\/billing/);
  });

  it('Pay as you go: no plan limit', async () => {
    const { userId, client } = await s.newCustomer('payg@example.com');
    await db.billingAccount.create({ data: { userId, stripeCustomerId: 'cus_payg', stripeSubscriptionId: 'sub_payg', subscriptionStatus: 'active' } });
    for (let i = 0; i < 6; i++) {
      await client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('a failed payment past its grace period: Free limits again, with a message saying why', async () => {
    const { userId, client } = await s.newCustomer('lapsed@example.com');
    await db.billingAccount.create({
      data: { userId, stripeCustomerId: 'cus_lapsed', stripeSubscriptionId: 'sub_lapsed', subscriptionStatus: 'past_due', paymentFailedAt: new Date(Date.now() - 8 * 86_400_000), graceUntil: new Date(Date.now() - 86_400_000) },
    });
    const { error } = await callUntilRefused(client);
    expect(error.status).toBe(402);
    expect(error.message).toContain('Your last payment failed and the grace period has ended');
  });
});
