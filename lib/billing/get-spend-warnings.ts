// The dashboard's banner: every limit at or past 80 % this month (Free allowance, the user's own
// limit, each key's limit), read straight from the database (a page view, not the hot path).
import type { Db } from '../db/client';
import type { BillingConfig } from './billing-config';
import { monthStartUtc } from './month';
import { effectivePlan, type EffectivePlan } from './plan';
import { getMonthSpend } from './queries/get-month-spend';
import { getSpendLimits } from './queries/get-spend-limits';
import { isNearLimit, isReached, percentUsed, userLimitUses, type LimitUse } from './spend-rules';

export interface SpendWarning extends LimitUse {
  keyName?: string;
  percent: number;
  reached: boolean;
}

export interface SpendWarnings {
  plan: EffectivePlan;
  warnings: SpendWarning[];
}

export async function getSpendWarnings(db: Db, userId: string, config: BillingConfig, now = Date.now()): Promise<SpendWarnings> {
  const since = monthStartUtc(now);
  const [spend, limits] = await Promise.all([getMonthSpend(db, userId, since), getSpendLimits(db, userId)]);
  const plan = effectivePlan(limits.account, config, now);
  const uses: LimitUse[] = userLimitUses({ plan, spentMicros: spend.totalMicros, userLimitMicros: limits.account?.monthlyLimitMicros ?? null });
  for (const [keyId, limitMicros] of limits.keyLimits) uses.push({ kind: 'key', keyId, limitMicros, spentMicros: spend.byKey.get(keyId) ?? 0n });
  const near = uses.filter(isNearLimit);
  const keyIds = near.flatMap((use) => (use.keyId ? [use.keyId] : []));
  const names = keyIds.length
    ? new Map((await db.apiKey.findMany({ where: { id: { in: keyIds }, revokedAt: null }, select: { id: true, name: true } })).map((k) => [k.id, k.name]))
    : new Map<string, string>();
  const warnings = near
    .filter((use) => !use.keyId || names.has(use.keyId))
    .map((use) => ({ ...use, keyName: use.keyId ? names.get(use.keyId) : undefined, percent: percentUsed(use), reached: isReached(use) }));
  return { plan, warnings };
}
