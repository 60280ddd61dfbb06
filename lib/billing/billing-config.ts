// Billing settings from the environment, read once. With STRIPE_SECRET_KEY unset the instance is
// self-hosted: no plan limits (only the spend limits users set), and nothing ever calls Stripe.
import { percentToBasisPoints, usdToMicros } from './money';

export interface StripeConnection {
  secretKey: string;
  /** Verifies webhook signatures; without it the webhook route answers 503. */
  webhookSecret: string | null;
  /** API host override (tests, a self-hosted mock): STRIPE_API_HOST / _PORT / _PROTOCOL. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

export interface BillingConfig {
  /** null = self-hosted (STRIPE_SECRET_KEY unset). */
  stripe: StripeConnection | null;
  /** Free plan: model cost included per calendar month (LLMTEST_FREE_ALLOWANCE_USD, default 1). */
  freeAllowanceMicros: bigint;
  /** Pay as you go: platform fee on top of model cost (LLMTEST_FEE_PERCENT, default 5). */
  feeBasisPoints: number;
  /** Days of Pay-as-you-go after a failed payment before Free limits apply (LLMTEST_BILLING_GRACE_DAYS, default 7). */
  graceDays: number;
  /** How often unreported usage is claimed and sent to Stripe (LLMTEST_USAGE_REPORT_INTERVAL_MS, default 10 000). */
  reportIntervalMs: number;
  /** In-memory spend totals re-read from the database after this (LLMTEST_SPEND_REFRESH_MS, default 5 000). */
  spendRefreshMs: number;
  /** The meter's event_name (LLMTEST_STRIPE_METER_EVENT, default llmtest_usage_micros). */
  meterEventName: string;
  /** Public dashboard URL for links in errors and Stripe return URLs (LLMTEST_PUBLIC_URL, else AUTH_URL). */
  publicUrl: string | null;
}

type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number, errors: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) errors.push(`${name} must be a positive integer (got ${JSON.stringify(raw)})`);
  return value;
}

export function loadBillingConfig(env: Env = process.env): BillingConfig {
  const errors: string[] = [];
  let freeAllowanceMicros = 1_000_000n;
  let feeBasisPoints = 500;
  try {
    if (env.LLMTEST_FREE_ALLOWANCE_USD) freeAllowanceMicros = usdToMicros(env.LLMTEST_FREE_ALLOWANCE_USD);
  } catch (error) {
    errors.push(`LLMTEST_FREE_ALLOWANCE_USD: ${(error as Error).message}`);
  }
  try {
    if (env.LLMTEST_FEE_PERCENT) feeBasisPoints = percentToBasisPoints(env.LLMTEST_FEE_PERCENT);
  } catch (error) {
    errors.push(`LLMTEST_FEE_PERCENT: ${(error as Error).message}`);
  }
  const protocol = env.STRIPE_API_PROTOCOL || undefined;
  if (protocol && protocol !== 'http' && protocol !== 'https') errors.push('STRIPE_API_PROTOCOL must be http or https');
  const port = env.STRIPE_API_PORT ? positiveInt(env, 'STRIPE_API_PORT', 443, errors) : undefined;
  const config: BillingConfig = {
    stripe: env.STRIPE_SECRET_KEY
      ? {
          secretKey: env.STRIPE_SECRET_KEY,
          webhookSecret: env.STRIPE_WEBHOOK_SECRET || null,
          host: env.STRIPE_API_HOST || undefined,
          port,
          protocol: protocol as 'http' | 'https' | undefined,
        }
      : null,
    freeAllowanceMicros,
    feeBasisPoints,
    graceDays: positiveInt(env, 'LLMTEST_BILLING_GRACE_DAYS', 7, errors),
    reportIntervalMs: positiveInt(env, 'LLMTEST_USAGE_REPORT_INTERVAL_MS', 10_000, errors),
    spendRefreshMs: positiveInt(env, 'LLMTEST_SPEND_REFRESH_MS', 5_000, errors),
    meterEventName: env.LLMTEST_STRIPE_METER_EVENT || 'llmtest_usage_micros',
    publicUrl: (env.LLMTEST_PUBLIC_URL || env.AUTH_URL || '').replace(/\/+$/, '') || null,
  };
  if (errors.length) throw new Error(`Invalid billing configuration:\n  ${errors.join('\n  ')}`);
  return config;
}

/** The dashboard's billing page, absolute when the public URL is known. */
export function billingPageUrl(config: BillingConfig): string {
  return `${config.publicUrl ?? ''}/billing`;
}
