// `llmtest billing setup`: finds or creates, in Stripe, the product, the meter and the metered
// price of Pay as you go, and stores their ids. Safe to run any number of times, on any number
// of machines: each object is looked up first by a stable handle (the product's fixed id, the
// meter's event_name, the price's lookup_key) and created with an Idempotency-Key derived from
// that handle, so two concurrent runs still create each object once.
import Stripe from 'stripe';
import type { Db } from '../db/client';
import type { BillingConfig } from './billing-config';
import type { StripeClient } from './stripe-client';

export const PRODUCT_ID = 'llmtest_pay_as_you_go';
/** The price per unit: 1 unit = 1 micro-dollar billed = 0.0001 US cent. */
export const UNIT_AMOUNT_DECIMAL_CENTS = '0.0001';

export function priceLookupKey(config: Pick<BillingConfig, 'meterEventName'>): string {
  return `llmtest_payg_${config.meterEventName}`;
}

export interface BillingSetupResult {
  productId: string;
  meterId: string;
  priceId: string;
  meterEventName: string;
  /** Which of product / meter / price this run created (the rest already existed). */
  created: string[];
}

function isMissing(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string };
  return e.statusCode === 404 || e.code === 'resource_missing';
}

export async function billingSetup(db: Db, stripe: StripeClient, config: BillingConfig): Promise<BillingSetupResult> {
  const created: string[] = [];
  let productId: string;
  try {
    productId = (await stripe.products.retrieve(PRODUCT_ID)).id;
  } catch (error) {
    if (!isMissing(error)) throw error;
    const product = await stripe.products.create(
      { id: PRODUCT_ID, name: 'LLMTest Pay as you go', description: 'Model cost plus the platform fee, metered per call.', metadata: { llmtest: 'payg' } },
      { idempotencyKey: `llmtest-setup-product-${PRODUCT_ID}` },
    );
    productId = product.id;
    created.push('product');
  }

  let meterId: string | null = null;
  for await (const meter of stripe.billing.meters.list({ status: 'active', limit: 100 })) {
    if (meter.event_name === config.meterEventName) {
      meterId = meter.id;
      break;
    }
  }
  if (!meterId) {
    const meter = await stripe.billing.meters.create(
      {
        display_name: 'LLMTest usage (micro-dollars)',
        event_name: config.meterEventName,
        default_aggregation: { formula: 'sum' },
        customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
        value_settings: { event_payload_key: 'value' },
      },
      { idempotencyKey: `llmtest-setup-meter-${config.meterEventName}` },
    );
    meterId = meter.id;
    created.push('meter');
  }

  const lookupKey = priceLookupKey(config);
  const existing = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  let priceId = existing.data[0]?.id;
  if (!priceId) {
    const price = await stripe.prices.create(
      {
        product: productId,
        currency: 'usd',
        unit_amount_decimal: Stripe.Decimal.from(UNIT_AMOUNT_DECIMAL_CENTS),
        billing_scheme: 'per_unit',
        recurring: { interval: 'month', usage_type: 'metered', meter: meterId },
        lookup_key: lookupKey,
        nickname: 'Pay as you go (per micro-dollar billed)',
        metadata: { llmtest: 'payg', unit: 'micro-dollar' },
      },
      { idempotencyKey: `llmtest-setup-price-${lookupKey}-${meterId}` },
    );
    priceId = price.id;
    created.push('price');
  }

  const ids = { productId, meterId, priceId, meterEventName: config.meterEventName, priceLookupKey: lookupKey };
  await db.billingStripeSetup.upsert({ where: { id: 'default' }, create: { id: 'default', ...ids }, update: ids });
  return { productId, meterId, priceId, meterEventName: config.meterEventName, created };
}
