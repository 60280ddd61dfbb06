// Operator commands, shared by the CLI (direct database access) and the running server's admin
// socket (when it owns the embedded database), so both behave identically.
import type { Db } from '../db/client';
import { createUser, findUserByEmail } from '../accounts/users';
import { createApiKey, revokeApiKey } from '../accounts/api-keys';
import { AccountError } from '../accounts/account-error';
import { rotateAccountTokens } from '../crypto/account-tokens';
import { instanceSecretBox } from '../crypto/instance-secret-box';
import { SecretBoxError } from '../crypto/secret-box';
import { loadBillingConfig } from '../billing/billing-config';
import { billingSetup } from '../billing/billing-setup';
import { createStripeClient } from '../billing/stripe-client';

export type AdminRequest =
  | { command: 'user.create'; email: string; password: string; name?: string }
  | { command: 'key.create'; email: string; name?: string }
  | { command: 'key.revoke'; prefix: string }
  | { command: 'migrate' }
  | { command: 'billing.setup' }
  | { command: 'secrets.rotate' }
  | { command: 'ping' };

export type AdminResult = { ok: true; lines: string[] } | { ok: false; error: string };

export interface AdminContext {
  db: () => Promise<Db>;
  migrate: () => Promise<{ applied: string[] }>;
}

export async function runAdminCommand(request: AdminRequest, context: AdminContext): Promise<AdminResult> {
  try {
    switch (request.command) {
      case 'ping':
        return { ok: true, lines: ['pong'] };
      case 'migrate': {
        const { applied } = await context.migrate();
        return { ok: true, lines: [applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.'] };
      }
      case 'user.create': {
        const user = await createUser(await context.db(), request);
        return { ok: true, lines: [`Created user ${user.email} (${user.id})`] };
      }
      case 'key.create': {
        const db = await context.db();
        const user = await findUserByEmail(db, request.email);
        const key = await createApiKey(db, user.id, request.name);
        // The key alone on the last line, so scripts can take it with `tail -n1`.
        return { ok: true, lines: [`Created key "${key.name}" (${key.prefix}…) for ${user.email}. It will not be shown again:`, key.key] };
      }
      case 'billing.setup': {
        // Uses the Stripe settings of the process that runs it (the server's, over its socket).
        const config = loadBillingConfig(process.env);
        if (!config.stripe) return { ok: false, error: 'STRIPE_SECRET_KEY is not set: this instance is self-hosted and does not use Stripe.' };
        const result = await billingSetup(await context.db(), createStripeClient(config.stripe), config);
        const state = (what: string) => (result.created.includes(what) ? 'created' : 'found');
        return {
          ok: true,
          lines: [
            `Product ${result.productId} (${state('product')})`,
            `Meter ${result.meterId}, event_name ${result.meterEventName} (${state('meter')})`,
            `Price ${result.priceId}, metered, $0.000001 per unit (${state('price')})`,
            'Stored in the database. Webhook endpoint to add in Stripe: <public URL>/api/stripe/webhook',
          ],
        };
      }
      case 'secrets.rotate': {
        // Runs with the secrets of the process that executes it (the server's, over its socket):
        // LLMTEST_SECRET encrypts, LLMTEST_SECRET_PREVIOUS decrypts what the old secret wrote.
        const result = await rotateAccountTokens(await context.db(), instanceSecretBox());
        return { ok: true, lines: [`Re-encrypted the OAuth tokens of ${result.rotated} of ${result.scanned} linked account(s) under the current LLMTEST_SECRET.`] };
      }
      case 'key.revoke': {
        const revoked = await revokeApiKey(await context.db(), request.prefix);
        return { ok: true, lines: [revoked.alreadyRevoked ? `Key ${revoked.prefix}… was already revoked.` : `Revoked key ${revoked.prefix}….`] };
      }
    }
  } catch (error) {
    if (error instanceof AccountError || error instanceof SecretBoxError) return { ok: false, error: error.message };
    throw error;
  }
}
