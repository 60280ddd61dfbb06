// POST /api/stripe/webhook: verify the signature on the raw body, then apply the event exactly
// once. The event id is inserted in the same transaction as the handler's changes: a replay (or
// Stripe's redelivery after a timeout) finds the id and does nothing; a handler that fails rolls
// the id back, and the 500 makes Stripe deliver it again later.
import type { Db } from '../db/client';
import type { BillingConfig } from './billing-config';
import { createStripeClient } from './stripe-client';
import { WEBHOOK_HANDLERS } from './webhook-handlers/index';
import type { HandlerResult, WebhookEvent } from './webhook-handlers/webhook-handler';

export interface WebhookDeps {
  db: Db;
  config: BillingConfig;
  /** Called after commit with the user whose plan changed (drops cached spend limits). */
  onAccountChanged?(userId: string): void;
}

export type ProcessOutcome = { status: 'duplicate' } | ({ status: 'processed' } & HandlerResult);

/** Applies a verified event once (by event id). */
export async function processStripeEvent(deps: WebhookDeps, event: WebhookEvent): Promise<ProcessOutcome> {
  const handler = WEBHOOK_HANDLERS[event.type];
  const result = await deps.db.$transaction(async (tx): Promise<ProcessOutcome> => {
    const inserted = await tx.$queryRawUnsafe<unknown[]>(
      `INSERT INTO "StripeEvent" ("id", "type", "createdAt", "outcome") VALUES ($1, $2, $3::timestamp(3), 'pending')
       ON CONFLICT ("id") DO NOTHING RETURNING 1`,
      event.id,
      event.type,
      new Date(event.created * 1000).toISOString(),
    );
    if (inserted.length === 0) return { status: 'duplicate' };
    const outcome: HandlerResult = handler ? await handler(tx, event, { config: deps.config }) : { outcome: 'ignored', reason: 'unhandled type' };
    await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome: outcome.reason ? `${outcome.outcome}: ${outcome.reason}` : outcome.outcome } });
    return { status: 'processed', ...outcome };
  });
  if (result.status === 'processed' && result.userId) deps.onAccountChanged?.(result.userId);
  return result;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export async function handleStripeWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const stripeConfig = deps.config.stripe;
  if (!stripeConfig) return json(404, { error: 'Billing is not enabled on this instance (STRIPE_SECRET_KEY is not set).' });
  if (!stripeConfig.webhookSecret) return json(503, { error: 'STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified.' });
  const signature = request.headers.get('stripe-signature');
  if (!signature) return json(400, { error: 'Missing Stripe-Signature header.' });
  // The signature covers the exact bytes Stripe sent: read them untouched, never re-serialize.
  const rawBody = await request.text();
  let event: WebhookEvent;
  try {
    event = createStripeClient(stripeConfig).webhooks.constructEvent(rawBody, signature, stripeConfig.webhookSecret) as unknown as WebhookEvent;
  } catch (error) {
    return json(400, { error: `Invalid signature: ${(error as Error).message}` });
  }
  try {
    const outcome = await processStripeEvent(deps, event);
    return json(200, { received: true, ...outcome });
  } catch (error) {
    console.error('[billing] webhook handler failed; Stripe will retry', { event: event.id, type: event.type, error: (error as Error).message });
    return json(500, { error: 'The event could not be applied; it will be retried.' });
  }
}
