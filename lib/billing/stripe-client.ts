// The one way to build a Stripe client. No network retries inside the SDK: the usage reporter
// retries on its own schedule with the same identifier and Idempotency-Key, and a webhook or a
// page action fails visibly instead of hanging. Telemetry off (no calls home).
import Stripe from 'stripe';
import type { StripeConnection } from './billing-config';

export type StripeClient = InstanceType<typeof Stripe>;

export function createStripeClient(connection: StripeConnection): StripeClient {
  return new Stripe(connection.secretKey, {
    host: connection.host,
    port: connection.port,
    protocol: connection.protocol,
    maxNetworkRetries: 0,
    telemetry: false,
    timeout: 20_000,
  });
}
