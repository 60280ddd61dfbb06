// Operator commands, shared by the CLI (direct database access) and the running server's admin
// socket (when it owns the embedded database), so both behave identically.
import type { Db } from '../db/client';
import { createUser, findUserByEmail } from '../accounts/users';
import { createApiKey, revokeApiKey } from '../accounts/api-keys';
import { AccountError } from '../accounts/account-error';

export type AdminRequest =
  | { command: 'user.create'; email: string; password: string; name?: string }
  | { command: 'key.create'; email: string; name?: string }
  | { command: 'key.revoke'; prefix: string }
  | { command: 'migrate' }
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
      case 'key.revoke': {
        const revoked = await revokeApiKey(await context.db(), request.prefix);
        return { ok: true, lines: [revoked.alreadyRevoked ? `Key ${revoked.prefix}… was already revoked.` : `Revoked key ${revoked.prefix}….`] };
      }
    }
  } catch (error) {
    if (error instanceof AccountError) return { ok: false, error: error.message };
    throw error;
  }
}
