// Billing as the server process runs it: the spend tracker the gateway consults on every call,
// and, when Stripe is configured, the background usage reporter. Built by the composition root
// (lib/server/app-services.ts), closed on SIGTERM.
import type { Db } from '../db/client';
import { loadBillingConfig, type BillingConfig } from './billing-config';
import { getMonthSpend } from './queries/get-month-spend';
import { getSpendLimits } from './queries/get-spend-limits';
import { createSpendTracker, type SpendTracker } from './spend-tracker';
import { createStripeClient } from './stripe-client';
import { createUsageReporter, type UsageReporter } from './usage-reporter';

export interface BillingServices {
  config: BillingConfig;
  spend: SpendTracker;
  /** null in self-hosted mode. */
  reporter: UsageReporter | null;
  close(): Promise<void>;
}

export function createBillingServices(db: Db, env: NodeJS.ProcessEnv = process.env, options: { startReporter?: boolean } = {}): BillingServices {
  const config = loadBillingConfig(env);
  const spend = createSpendTracker({
    config,
    load: async (userId, monthStart) => {
      const [spent, limits] = await Promise.all([getMonthSpend(db, userId, monthStart), getSpendLimits(db, userId)]);
      return { spend: spent, limits };
    },
    logger: { error: (message, details) => console.error(`[billing] ${message}`, details ?? '') },
  });
  const reporter = config.stripe ? createUsageReporter({ db, stripe: createStripeClient(config.stripe), config }) : null;
  if (options.startReporter ?? true) reporter?.start();
  return {
    config,
    spend,
    reporter,
    async close() {
      await reporter?.close();
    },
  };
}

const holder = ((globalThis as Record<symbol, unknown>)[Symbol.for('llmtest.billingConfig')] ??= {}) as { config?: BillingConfig };

/** The process's billing configuration (pages, actions, the webhook route). */
export function getBillingConfig(): BillingConfig {
  holder.config ??= loadBillingConfig(process.env);
  return holder.config;
}
