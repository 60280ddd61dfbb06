import type { Db } from '../client';

/** The gateway's key lookup (behind its in-memory cache): only what authentication needs. */
export async function findApiKeyByHash(db: Db, keyHash: string): Promise<{ id: string; userId: string; revoked: boolean } | null> {
  const key = await db.apiKey.findUnique({ where: { keyHash }, select: { id: true, userId: true, revokedAt: true } });
  return key ? { id: key.id, userId: key.userId, revoked: key.revokedAt !== null } : null;
}
