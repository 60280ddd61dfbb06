// The 80 % banner as HTML: this month's spend from the call log against the user's limit, a key's
// limit and the Free allowance, through the real query and the real component.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpendBanner } from '../../components/billing/spend-banner';
import { loadBillingConfig } from '../../lib/billing/billing-config';
import { getSpendWarnings } from '../../lib/billing/get-spend-warnings';
import { setKeySpendLimit, setUserSpendLimit } from '../../lib/billing/set-spend-limits';
import { getDb, type Db } from '../../lib/db/client';
import { useTestDatabase } from '../helpers/test-database';

useTestDatabase();

const selfHosted = loadBillingConfig({});
const hosted = loadBillingConfig({ STRIPE_SECRET_KEY: 'sk_test_x', LLMTEST_FREE_ALLOWANCE_USD: '1' });
let db: Db;
let seq = 0;

beforeAll(async () => {
  db = await getDb();
});

async function userWithSpend(email: string, calls: { micros: bigint; keyId?: string; source?: string; at?: Date }[]): Promise<{ userId: string; keyId: string }> {
  const user = await db.user.create({ data: { email } });
  const key = await db.apiKey.create({ data: { userId: user.id, name: 'backend', prefix: `llmt_b${++seq}`, keyHash: `h${seq}-${email}` } });
  const flow = await db.flow.create({ data: { userId: user.id, name: 'unknown' } });
  for (const call of calls)
    await db.callLog.create({
      data: { id: `c${++seq}`, userId: user.id, apiKeyId: call.keyId === 'none' ? null : key.id, flowId: flow.id, requestedModel: 'gpt-4o', status: 'ok', httpStatus: 200, latencyMs: 1, costMicros: call.micros, source: call.source ?? 'production', createdAt: call.at ?? new Date() },
    });
  return { userId: user.id, keyId: key.id };
}

async function bannerHtml(userId: string, config = selfHosted): Promise<string> {
  const { warnings, plan } = await getSpendWarnings(db, userId, config);
  return renderToStaticMarkup(createElement(SpendBanner, { warnings, plan }));
}

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");

describe('80 % banner', () => {
  it('appears at 80 % of the user limit, with the figures and a link to billing', async () => {
    const { userId } = await userWithSpend('eighty@example.com', [{ micros: 500_000n }, { micros: 350_000n }]);
    await setUserSpendLimit(db, userId, 1_000_000n);
    const html = await bannerHtml(userId);
    expect(html).toContain('data-testid="spend-banner"');
    expect(text(html)).toContain('You have used 85 % of your monthly spend limit this month ($0.85 of $1.00).');
    expect(html).toContain('href="/billing"');
  });

  it('stays away below 80 %, and ignores benchmark calls and last month', async () => {
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 86_400_000);
    const { userId } = await userWithSpend('seventy@example.com', [{ micros: 790_000n }, { micros: 900_000n, source: 'benchmark' }, { micros: 900_000n, at: lastMonth }]);
    await setUserSpendLimit(db, userId, 1_000_000n);
    expect(await bannerHtml(userId)).toBe('');
  });

  it('says when a limit is reached (calls get 402) and names the key', async () => {
    const { userId, keyId } = await userWithSpend('keys@example.com', [{ micros: 2_000_000n }]);
    await setKeySpendLimit(db, userId, keyId, 2_000_000n);
    const html = text(await bannerHtml(userId));
    expect(html).toContain('You have reached the monthly limit of API key “backend” ($2.00 of $2.00): calls with that key are refused with 402');
  });

  it('Free plan (Stripe configured): warns at 80 % of the allowance and offers the upgrade', async () => {
    const { userId } = await userWithSpend('free-banner@example.com', [{ micros: 900_000n }]);
    expect(await bannerHtml(userId, selfHosted)).toBe(''); // self-hosted: no allowance
    const html = text(await bannerHtml(userId, hosted));
    expect(html).toContain("You have used 90 % of the Free plan's monthly allowance this month ($0.90 of $1.00).");
    expect(html).toContain('Go to billing');
  });

  it('a failed payment in its grace period is announced even below any limit', async () => {
    const { userId } = await userWithSpend('grace-banner@example.com', []);
    await db.billingAccount.create({ data: { userId, stripeCustomerId: 'cus_gb', stripeSubscriptionId: 'sub_gb', subscriptionStatus: 'past_due', graceUntil: new Date(Date.now() + 3 * 86_400_000) } });
    expect(text(await bannerHtml(userId, hosted))).toContain('Your last payment failed. Update your payment method before');
  });
});
