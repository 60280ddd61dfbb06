// OAuth tokens (Account.access_token / refresh_token / id_token, written by Auth.js when a user
// signs in with GitHub or Google) are stored encrypted. Auth.js writes them only through its
// adapter's linkAccount and reads them back only through getAccount, so the adapter is wrapped at
// those two points (lib/auth/auth.ts); no other code reads these columns.
// `rotateAccountTokens` re-encrypts every stored token under the current LLMTEST_SECRET
// (`llmtest secrets rotate`).
import type { Adapter, AdapterAccount } from 'next-auth/adapters';
import type { Db } from '../db/client';
import type { SecretBox } from './secret-box';

export const ACCOUNT_TOKEN_COLUMNS = ['access_token', 'refresh_token', 'id_token'] as const;
type TokenColumn = (typeof ACCOUNT_TOKEN_COLUMNS)[number];

const context = (column: TokenColumn) => `Account.${column}`;

export function encryptAccountTokens<T extends Partial<Record<TokenColumn, string | null | undefined>>>(account: T, box: SecretBox): T {
  const out = { ...account };
  for (const column of ACCOUNT_TOKEN_COLUMNS) {
    const value = out[column];
    if (typeof value === 'string' && value !== '' && !box.isEncrypted(value)) (out as Record<string, unknown>)[column] = box.encrypt(value, context(column));
  }
  return out;
}

export function decryptAccountTokens<T extends Partial<Record<TokenColumn, string | null | undefined>>>(account: T, box: SecretBox): T {
  const out = { ...account };
  for (const column of ACCOUNT_TOKEN_COLUMNS) {
    const value = out[column];
    if (typeof value === 'string') (out as Record<string, unknown>)[column] = box.decrypt(value, context(column));
  }
  return out;
}

/** The Auth.js adapter with tokens encrypted on the way in and decrypted on the way out. */
export function withEncryptedAccountTokens(adapter: Adapter, box: SecretBox): Adapter {
  const { linkAccount, getAccount } = adapter;
  return {
    ...adapter,
    ...(linkAccount && { linkAccount: (account: AdapterAccount) => linkAccount(encryptAccountTokens(account, box)) }),
    ...(getAccount && {
      getAccount: async (providerAccountId: string, provider: string) => {
        const account = await getAccount(providerAccountId, provider);
        return account ? decryptAccountTokens(account, box) : account;
      },
    }),
  };
}

/** Re-encrypts, under the current key, every token written with an older key or in plaintext. */
export async function rotateAccountTokens(db: Db, box: SecretBox): Promise<{ scanned: number; rotated: number }> {
  let scanned = 0;
  let rotated = 0;
  let cursor: { provider: string; providerAccountId: string } | undefined;
  for (;;) {
    const rows = await db.account.findMany({
      select: { provider: true, providerAccountId: true, access_token: true, refresh_token: true, id_token: true },
      orderBy: [{ provider: 'asc' }, { providerAccountId: 'asc' }],
      take: 500,
      ...(cursor && { cursor: { provider_providerAccountId: cursor }, skip: 1 }),
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      scanned++;
      const data: Partial<Record<TokenColumn, string>> = {};
      for (const column of ACCOUNT_TOKEN_COLUMNS) {
        const value = row[column];
        if (typeof value === 'string' && value !== '' && box.needsRotation(value)) data[column] = box.encrypt(box.decrypt(value, context(column)), context(column));
      }
      if (Object.keys(data).length) {
        await db.account.update({ where: { provider_providerAccountId: { provider: row.provider, providerAccountId: row.providerAccountId } }, data });
        rotated++;
      }
    }
    const last = rows[rows.length - 1]!;
    cursor = { provider: last.provider, providerAccountId: last.providerAccountId };
  }
  return { scanned, rotated };
}
