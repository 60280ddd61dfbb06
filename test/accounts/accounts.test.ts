// Users and API keys against a real database (LLMTEST_TEST_DB=pglite|postgres).
import { describe, expect, it } from 'vitest';
import { AccountError } from '../../lib/accounts/account-error';
import { createApiKey, listApiKeys, revokeApiKey, revokeApiKeyById } from '../../lib/accounts/api-keys';
import { keyRevocations } from '../../lib/accounts/key-revocations';
import { createUser, findUserByEmail } from '../../lib/accounts/users';
import { hashApiKey } from '../../lib/auth/api-key-format';
import { verifyPassword } from '../../lib/auth/password';
import { getDb } from '../../lib/db/client';
import { useTestDatabase } from '../helpers/test-database';

useTestDatabase();

describe('accounts', () => {
  it('creates users with a normalised email and a scrypt hash, refusing duplicates and bad input', async () => {
    const db = await getDb();
    const user = await createUser(db, { email: '  Ada@Example.COM ', password: 'long enough' });
    expect(user.email).toBe('ada@example.com');
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toContain('long enough');
    expect(await verifyPassword('long enough', stored.passwordHash)).toBe(true);

    await expect(createUser(db, { email: 'ada@example.com', password: 'long enough' })).rejects.toMatchObject({ code: 'duplicate_email' });
    await expect(createUser(db, { email: 'not-an-email', password: 'long enough' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(createUser(db, { email: 'b@example.com', password: 'short' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(findUserByEmail(db, 'nobody@example.com')).rejects.toBeInstanceOf(AccountError);
  });

  it('stores only the hash and prefix of a key; revokes by prefix, by whole key, and only the owner by id', async () => {
    const db = await getDb();
    const owner = await createUser(db, { email: 'owner@example.com', password: 'long enough' });
    const other = await createUser(db, { email: 'other@example.com', password: 'long enough' });
    const created = await createApiKey(db, owner.id, ' CI ');
    expect(created.name).toBe('CI');
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row.prefix).toBe(created.key.slice(0, 13));

    const announced: string[] = [];
    keyRevocations.on('revoked', (hash: string) => announced.push(hash));

    await expect(revokeApiKeyById(db, other.id, created.id)).rejects.toMatchObject({ code: 'key_not_found' });
    const revoked = await revokeApiKey(db, `${created.prefix}…`);
    expect(revoked.alreadyRevoked).toBe(false);
    expect(announced).toEqual([row.keyHash]);
    const again = await revokeApiKey(db, created.key);
    expect(again.alreadyRevoked).toBe(true);

    const second = await createApiKey(db, owner.id, 'second');
    await revokeApiKeyById(db, owner.id, second.id);
    const list = await listApiKeys(db, owner.id);
    expect(list.map((k) => k.name).sort()).toEqual(['CI', 'second']);
    expect(list.every((k) => k.revokedAt)).toBe(true);
    expect(await listApiKeys(db, other.id)).toEqual([]);

    await expect(revokeApiKey(db, 'llmt_doesnotexist')).rejects.toMatchObject({ code: 'key_not_found' });
    await expect(revokeApiKey(db, 'sk-123')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
