// Spend limits set on the billing page: the user's monthly limit and each key's (null removes).
import type { Db } from '../db/client';
import { BillingError } from './billing-error';
import { usdToMicros } from './money';

/** "" → null (no limit); "25" / "2.50" → micros; anything else is refused. */
export function parseLimitInput(text: string): bigint | null {
  const trimmed = text.trim().replace(/^\$/, '');
  if (trimmed === '') return null;
  try {
    const micros = usdToMicros(trimmed);
    if (micros > 1_000_000_000_000n) throw new RangeError('too large');
    return micros;
  } catch {
    throw new BillingError('Enter an amount in dollars, like 25 or 2.50, or leave it empty for no limit.');
  }
}

export async function setUserSpendLimit(db: Db, userId: string, limitMicros: bigint | null): Promise<void> {
  await db.billingAccount.upsert({ where: { userId }, create: { userId, monthlyLimitMicros: limitMicros }, update: { monthlyLimitMicros: limitMicros } });
}

export async function setKeySpendLimit(db: Db, userId: string, keyId: string, limitMicros: bigint | null): Promise<void> {
  const { count } = await db.apiKey.updateMany({ where: { id: keyId, userId }, data: { monthlyLimitMicros: limitMicros } });
  if (count === 0) throw new BillingError('No such API key.');
}
