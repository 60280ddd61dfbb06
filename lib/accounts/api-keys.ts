import type { Db } from '../db/client';
import { API_KEY_PREFIX, displayPrefix, generateApiKey, hashApiKey } from '../auth/api-key-format';
import { AccountError } from './account-error';
import { announceKeyRevoked } from './key-revocations';

const MAX_NAME_LENGTH = 100;

/** Creates a key and returns it in full: the only time it exists outside the caller's hands. */
export async function createApiKey(db: Db, userId: string, name?: string | null) {
  const keyName = (name ?? '').trim() || 'Default key';
  if (keyName.length > MAX_NAME_LENGTH) throw new AccountError('invalid_input', `Key name is too long (${MAX_NAME_LENGTH} characters at most).`);
  const { key, prefix, keyHash } = generateApiKey();
  const row = await db.apiKey.create({
    data: { userId, name: keyName, prefix, keyHash },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...row, key };
}

export async function listApiKeys(db: Db, userId: string) {
  return db.apiKey.findMany({
    where: { userId },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/**
 * Revokes by the display prefix ("llmt_ab12cd34", with or without the trailing "…") or by the
 * whole key. With `userId`, only that user's keys can match (the dashboard); without, any (operator CLI).
 */
export async function revokeApiKey(db: Db, prefixOrKey: string, userId?: string) {
  const value = prefixOrKey.trim().replace(/…$|\.\.\.$/, '');
  if (!value.startsWith(API_KEY_PREFIX) || value.length <= API_KEY_PREFIX.length)
    throw new AccountError('invalid_input', `Expected a key prefix like ${API_KEY_PREFIX}ab12cd34 or a whole key, got ${JSON.stringify(prefixOrKey)}.`);
  const isWholeKey = value.length > displayPrefix(value).length;
  const where = isWholeKey ? { keyHash: hashApiKey(value) } : { prefix: value };
  const key = await db.apiKey.findFirst({ where: { ...where, ...(userId ? { userId } : {}) }, select: { id: true, keyHash: true, prefix: true, revokedAt: true } });
  if (!key) throw new AccountError('key_not_found', `No API key matches ${displayPrefix(value)}.`);
  const revokedAt = key.revokedAt ?? new Date();
  if (!key.revokedAt) await db.apiKey.update({ where: { id: key.id }, data: { revokedAt } });
  announceKeyRevoked(key.keyHash);
  return { id: key.id, prefix: key.prefix, revokedAt, alreadyRevoked: Boolean(key.revokedAt) };
}

export async function revokeApiKeyById(db: Db, userId: string, keyId: string) {
  const key = await db.apiKey.findFirst({ where: { id: keyId, userId }, select: { prefix: true } });
  if (!key) throw new AccountError('key_not_found', 'No such API key.');
  return revokeApiKey(db, key.prefix, userId);
}
