// The spend limits that apply to a user this month and how close they are: the Free plan's
// allowance (hosted mode only), the user's own monthly limit, and a key's monthly limit. Used by
// the gateway's 402 (through the spend tracker) and by the dashboard's 80 % banner alike.
import { billingPageUrl, type BillingConfig } from './billing-config';
import { formatUsd } from './money';
import type { EffectivePlan } from './plan';

export type LimitKind = 'allowance' | 'user' | 'key';

export interface LimitUse {
  kind: LimitKind;
  /** For kind "key". */
  keyId?: string;
  limitMicros: bigint;
  spentMicros: bigint;
}

export const WARNING_RATIO_PERCENT = 80n;

export interface SpendState {
  plan: EffectivePlan;
  spentMicros: bigint;
  userLimitMicros: bigint | null;
}

/** The user-wide limits (allowance, own limit) with what was spent against them. */
export function userLimitUses(state: SpendState): LimitUse[] {
  const uses: LimitUse[] = [];
  if (state.plan.allowanceMicros !== null) uses.push({ kind: 'allowance', limitMicros: state.plan.allowanceMicros, spentMicros: state.spentMicros });
  if (state.userLimitMicros !== null) uses.push({ kind: 'user', limitMicros: state.userLimitMicros, spentMicros: state.spentMicros });
  return uses;
}

export function isReached(use: LimitUse): boolean {
  return use.spentMicros >= use.limitMicros;
}

/** At or past 80 % (integer arithmetic). A limit of 0 is always "reached". */
export function isNearLimit(use: LimitUse): boolean {
  return use.spentMicros * 100n >= use.limitMicros * WARNING_RATIO_PERCENT;
}

export function percentUsed(use: LimitUse): number {
  if (use.limitMicros <= 0n) return 100;
  return Number((use.spentMicros * 100n) / use.limitMicros);
}

/** The 402 message: what was reached, and where to change it. */
export function limitReachedMessage(use: LimitUse, plan: EffectivePlan, config: BillingConfig): string {
  const url = billingPageUrl(config);
  const spent = formatUsd(use.spentMicros);
  const limit = formatUsd(use.limitMicros);
  switch (use.kind) {
    case 'allowance':
      if (plan.graceExpired)
        return `Your last payment failed and the grace period has ended, so the Free plan's monthly allowance of ${limit} applies (${spent} used this month). Update your payment method to continue: ${url}`;
      return `You have used the Free plan's monthly allowance of ${limit} of model cost (${spent} this month). Upgrade to Pay as you go to continue: ${url}`;
    case 'user':
      return `Your monthly spend limit of ${limit} is reached (${spent} this month). Raise or remove it on the billing page: ${url}`;
    case 'key':
      return `This API key's monthly spend limit of ${limit} is reached (${spent} this month). Raise or remove it on the billing page: ${url}`;
  }
}
