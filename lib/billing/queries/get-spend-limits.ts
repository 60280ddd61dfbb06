// What bounds a user's spend: their BillingAccount (plan state and own monthly limit) and the
// monthly limits of their API keys.
import type { Db } from '../../db/client';
import type { BillingAccountState } from '../plan';

export interface SpendLimits {
  account: (BillingAccountState & { monthlyLimitMicros: bigint | null }) | null;
  /** API key id → its monthly limit (keys without one are absent). */
  keyLimits: Map<string, bigint>;
}

export async function getSpendLimits(db: Db, userId: string): Promise<SpendLimits> {
  const [account, keys] = await Promise.all([
    db.billingAccount.findUnique({ where: { userId } }),
    db.apiKey.findMany({ where: { userId, monthlyLimitMicros: { not: null } }, select: { id: true, monthlyLimitMicros: true } }),
  ]);
  return {
    account,
    keyLimits: new Map(keys.map((key) => [key.id, key.monthlyLimitMicros!])),
  };
}
