import type { Db } from '../client';

/** Records that a key was used (the gateway debounces this to once a minute per key). */
export async function touchApiKey(db: Db, keyId: string, at: Date = new Date()): Promise<void> {
  await db.apiKey.updateMany({ where: { id: keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } });
}
