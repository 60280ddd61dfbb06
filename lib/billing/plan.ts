// Which plan a user is on right now, from their BillingAccount row. The SQL trigger that writes
// the usage outbox (migration billing) applies the same rule to decide what is billed.
//
//   self-hosted (no Stripe)                       → no plan limit, nothing billed
//   subscription active / trialing                → Pay as you go
//   past_due, within the grace period             → Pay as you go (grace: "update your card")
//   a failed payment whose grace period has ended → Free limits (until an invoice is paid)
//   anything else (never subscribed, canceled)    → Free
import type { BillingConfig } from './billing-config';

export type PlanId = 'self_hosted' | 'free' | 'payg';

export interface BillingAccountState {
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  subscriptionStatus: string | null;
  graceUntil: Date | null;
  currentPeriodStart?: Date | null;
  currentPeriodEnd?: Date | null;
  cancelAtPeriodEnd?: boolean;
}

export interface EffectivePlan {
  plan: PlanId;
  /** A payment failed and the grace period runs until graceUntil. */
  inGrace: boolean;
  /** The grace period ended without a paid invoice: Free limits apply. */
  graceExpired: boolean;
  graceUntil: Date | null;
  /** Model cost included per month on this plan; null = no plan limit. */
  allowanceMicros: bigint | null;
}

const BILLED_STATUSES = new Set(['active', 'trialing', 'past_due']);

export function effectivePlan(account: BillingAccountState | null, config: Pick<BillingConfig, 'stripe' | 'freeAllowanceMicros'>, now: number): EffectivePlan {
  if (!config.stripe) return { plan: 'self_hosted', inGrace: false, graceExpired: false, graceUntil: null, allowanceMicros: null };
  const free: EffectivePlan = { plan: 'free', inGrace: false, graceExpired: false, graceUntil: null, allowanceMicros: config.freeAllowanceMicros };
  if (!account?.stripeSubscriptionId || !account.subscriptionStatus || !BILLED_STATUSES.has(account.subscriptionStatus)) return free;
  const graceUntil = account.graceUntil;
  if (graceUntil && graceUntil.getTime() <= now) return { ...free, graceExpired: true, graceUntil };
  return { plan: 'payg', inGrace: graceUntil !== null, graceExpired: false, graceUntil, allowanceMicros: null };
}

export const PLAN_NAMES: Record<PlanId, string> = {
  self_hosted: 'Self-hosted',
  free: 'Free',
  payg: 'Pay as you go',
};
