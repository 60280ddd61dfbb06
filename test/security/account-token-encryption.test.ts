// OAuth tokens at rest: written encrypted through the Auth.js adapter, read back decrypted, and
// re-encrypted by `llmtest secrets rotate` after LLMTEST_SECRET changes (old one in _PREVIOUS).
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { AdapterAccount } from 'next-auth/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser } from '../../lib/accounts/users';
import { runAdminCommand } from '../../lib/admin/admin-commands';
import { withEncryptedAccountTokens } from '../../lib/crypto/account-tokens';
import { createSecretBox } from '../../lib/crypto/secret-box';
import { getDb } from '../../lib/db/client';
import { useTestDatabase } from '../helpers/test-database';

useTestDatabase();

const OLD = 'old-instance-secret-0123456789abcdef';
const NEW = 'new-instance-secret-abcdef0123456789';
const saved = { LLMTEST_SECRET: process.env.LLMTEST_SECRET, LLMTEST_SECRET_PREVIOUS: process.env.LLMTEST_SECRET_PREVIOUS };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('OAuth tokens encrypted at rest', () => {
  it('are stored as enc:v1 ciphertext, read back in clear, and rotated to a new secret', async () => {
    const db = await getDb();
    const user = await createUser(db, { email: 'oauth@example.com', password: 'long enough' });
    const adapter = withEncryptedAccountTokens(PrismaAdapter(db as never), createSecretBox({ secret: OLD }));
    const account: AdapterAccount = {
      userId: user.id,
      type: 'oauth',
      provider: 'github',
      providerAccountId: '12345',
      access_token: 'gho_accessTOKENvalue123',
      refresh_token: 'ghr_refreshTOKENvalue456',
      id_token: 'eyJ.id.token',
      token_type: 'bearer',
      scope: 'read:user',
    };
    await adapter.linkAccount!(account);

    const raw = await db.account.findUniqueOrThrow({ where: { provider_providerAccountId: { provider: 'github', providerAccountId: '12345' } } });
    for (const column of ['access_token', 'refresh_token', 'id_token'] as const) {
      expect(raw[column]).toMatch(/^enc:v1:/);
      expect(raw[column]).not.toContain(account[column] as string);
    }
    expect(JSON.stringify(raw)).not.toContain('TOKENvalue');
    const read = await adapter.getAccount!('12345', 'github');
    expect(read?.access_token).toBe('gho_accessTOKENvalue123');
    expect(read?.refresh_token).toBe('ghr_refreshTOKENvalue456');

    // A legacy plaintext row (written before encryption) is encrypted by the rotation too.
    await db.account.create({ data: { userId: user.id, type: 'oauth', provider: 'google', providerAccountId: 'g1', access_token: 'ya29.plain' } });

    // Rotation without the old secret fails with a message naming the variable to set.
    process.env.LLMTEST_SECRET = NEW;
    delete process.env.LLMTEST_SECRET_PREVIOUS;
    const context = { db: getDb, migrate: async () => ({ applied: [] }) };
    const refused = await runAdminCommand({ command: 'secrets.rotate' }, context);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.error).toMatch(/LLMTEST_SECRET_PREVIOUS/);

    process.env.LLMTEST_SECRET_PREVIOUS = OLD;
    const rotated = await runAdminCommand({ command: 'secrets.rotate' }, context);
    expect(rotated).toEqual({ ok: true, lines: [expect.stringContaining('2 of 2')] });
    const newBox = createSecretBox({ secret: NEW });
    const after = await db.account.findMany({ orderBy: { provider: 'asc' } });
    for (const row of after) {
      expect(row.access_token).toMatch(new RegExp(`^enc:v1:${newBox.currentKeyId}:`));
      expect(newBox.needsRotation(row.access_token!)).toBe(false);
    }
    // Readable with the new secret alone: LLMTEST_SECRET_PREVIOUS can now be removed.
    const newAdapter = withEncryptedAccountTokens(PrismaAdapter(db as never), newBox);
    expect((await newAdapter.getAccount!('12345', 'github'))?.access_token).toBe('gho_accessTOKENvalue123');
    expect((await newAdapter.getAccount!('g1', 'google'))?.access_token).toBe('ya29.plain');
    // A second run finds nothing left to do.
    expect(await runAdminCommand({ command: 'secrets.rotate' }, context)).toEqual({ ok: true, lines: [expect.stringContaining('0 of 2')] });
  });
});
