// The dashboard-wide banner (every page, from app/(dashboard)/layout.tsx): limits at or past
// 80 % this month, a limit reached (calls get 402), and a failed payment's grace period. No email:
// this is the warning.
import Link from 'next/link';
import type { SpendWarning } from '../../lib/billing/get-spend-warnings';
import { formatUsd } from '../../lib/billing/money';
import type { EffectivePlan } from '../../lib/billing/plan';

function label(warning: SpendWarning): string {
  switch (warning.kind) {
    case 'allowance':
      return "the Free plan's monthly allowance";
    case 'user':
      return 'your monthly spend limit';
    case 'key':
      return `the monthly limit of API key “${warning.keyName ?? 'unnamed'}”`;
  }
}

export function SpendBanner({ warnings, plan }: { warnings: SpendWarning[]; plan: EffectivePlan }) {
  const grace = plan.inGrace && plan.graceUntil;
  if (warnings.length === 0 && !grace && !plan.graceExpired) return null;
  const reached = warnings.some((w) => w.reached) || plan.graceExpired;
  return (
    <div
      role="status"
      data-testid="spend-banner"
      className={`mb-6 rounded-xl border px-4 py-3 text-sm ${
        reached
          ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-200'
          : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200'
      }`}
    >
      <ul className="space-y-1">
        {grace && (
          <li data-testid="spend-banner-grace">
            Your last payment failed. Update your payment method before {plan.graceUntil!.toISOString().slice(0, 10)} to stay on Pay as you go.
          </li>
        )}
        {plan.graceExpired && <li data-testid="spend-banner-grace">Your last payment failed and the grace period has ended: Free plan limits apply until an invoice is paid.</li>}
        {warnings.map((w) => (
          <li key={`${w.kind}-${w.keyId ?? ''}`} data-testid="spend-banner-item" data-kind={w.kind}>
            {w.reached ? (
              <>
                You have reached {label(w)} ({formatUsd(w.spentMicros)} of {formatUsd(w.limitMicros)}): calls {w.kind === 'key' ? 'with that key ' : ''}are refused with 402
                until {w.kind === 'allowance' ? 'you upgrade' : 'you raise it'} or the month ends.
              </>
            ) : (
              <>
                You have used {w.percent} % of {label(w)} this month ({formatUsd(w.spentMicros)} of {formatUsd(w.limitMicros)}).
              </>
            )}
          </li>
        ))}
      </ul>
      <Link href="/billing" className="mt-1 inline-block font-semibold underline underline-offset-2">
        {warnings.some((w) => w.kind === 'allowance') || plan.graceExpired || grace ? 'Go to billing' : 'Review limits'}
      </Link>
    </div>
  );
}
