// Everything the billing page shows, in one call: plan and its state, this month's spend (from
// our call log), what reached Stripe, the daily chart, the limits and the keys.
import type { Db } from '../db/client';
import type { BillingConfig } from './billing-config';
import { monthStartUtc, nextMonthStartUtc } from './month';
import { effectivePlan, type EffectivePlan } from './plan';
import { getDailySpend, type DailySpend } from './queries/get-daily-spend';
import { getMonthSpend } from './queries/get-month-spend';
import { getReportedUsage, type ReportedUsage } from './queries/get-reported-usage';

export interface BillingOverview {
  mode: 'self_hosted' | 'stripe';
  plan: EffectivePlan;
  periodStart: Date;
  periodEnd: Date;
  spentMicros: bigint;
  calls: number;
  /** Pay as you go: spend plus the fee (what the invoice will say for this month's usage). */
  feeBasisPoints: number;
  reported: ReportedUsage | null;
  daily: DailySpend[];
  userLimitMicros: bigint | null;
  keys: { id: string; name: string; prefix: string; limitMicros: bigint | null; spentMicros: bigint }[];
  hasCustomer: boolean;
  setupDone: boolean;
  subscription: { status: string | null; currentPeriodEnd: Date | null; cancelAtPeriodEnd: boolean } | null;
}

export async function getBillingOverview(db: Db, userId: string, config: BillingConfig, now = Date.now()): Promise<BillingOverview> {
  const periodStart = monthStartUtc(now);
  const [spend, account, keys, daily, reported, setup] = await Promise.all([
    getMonthSpend(db, userId, periodStart),
    db.billingAccount.findUnique({ where: { userId } }),
    db.apiKey.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true, prefix: true, monthlyLimitMicros: true } }),
    getDailySpend(db, userId, periodStart),
    config.stripe ? getReportedUsage(db, userId, periodStart) : Promise.resolve(null),
    config.stripe ? db.billingStripeSetup.findUnique({ where: { id: 'default' } }) : Promise.resolve(null),
  ]);
  return {
    mode: config.stripe ? 'stripe' : 'self_hosted',
    plan: effectivePlan(account, config, now),
    periodStart,
    periodEnd: nextMonthStartUtc(now),
    spentMicros: spend.totalMicros,
    calls: spend.calls,
    feeBasisPoints: config.feeBasisPoints,
    reported,
    daily,
    userLimitMicros: account?.monthlyLimitMicros ?? null,
    keys: keys.map((key) => ({ id: key.id, name: key.name, prefix: key.prefix, limitMicros: key.monthlyLimitMicros, spentMicros: spend.byKey.get(key.id) ?? 0n })),
    hasCustomer: Boolean(account?.stripeCustomerId),
    setupDone: Boolean(setup),
    subscription: account?.stripeSubscriptionId
      ? { status: account.subscriptionStatus, currentPeriodEnd: account.currentPeriodEnd, cancelAtPeriodEnd: account.cancelAtPeriodEnd }
      : null,
  };
}
