// Stripe → POST /api/stripe/webhook. Verification, idempotency and the handlers are in lib/billing.
import { getBillingConfig } from '@/lib/billing/billing-services';
import { handleStripeWebhook } from '@/lib/billing/handle-stripe-webhook';
import { getDb } from '@/lib/db/client';
import { getAppServices } from '@/lib/server/app-services';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return handleStripeWebhook(request, {
    db: await getDb(),
    config: getBillingConfig(),
    // A plan change takes effect on the next call, not after the spend cache refresh.
    onAccountChanged: (userId) => void getAppServices().then((services) => services.billing.spend.invalidate(userId)),
  });
}
