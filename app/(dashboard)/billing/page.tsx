import { DailySpendChart } from '@/components/billing/daily-spend-chart';
import { LimitForm } from '@/components/billing/limit-form';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { getBillingConfig } from '@/lib/billing/billing-services';
import { getBillingOverview, type BillingOverview } from '@/lib/billing/get-billing-overview';
import { formatUsd } from '@/lib/billing/money';
import { PLAN_NAMES } from '@/lib/billing/plan';
import { getDb } from '@/lib/db/client';
import { portalAction, setKeyLimitAction, setUserLimitAction, upgradeAction } from './actions';

export const metadata = { title: 'Billing' };
export const dynamic = 'force-dynamic';

const card = 'rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900';
const primaryButton = 'rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500';
const secondaryButton = 'rounded-lg border border-zinc-300 px-4 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800';

/** Micros → the text of a limit input ("2.5"), exact. */
function dollarsInput(micros: bigint | null): string {
  if (micros === null) return '';
  const fraction = String(micros % 1_000_000n).padStart(6, '0').replace(/0+$/, '');
  return `${micros / 1_000_000n}${fraction ? `.${fraction}` : ''}`;
}

const day = (d: Date) => d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className={card}>
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-zinc-500">{hint}</p>}
    </div>
  );
}

function PlanCard({ o }: { o: BillingOverview }) {
  if (o.mode === 'self_hosted')
    return (
      <div className={card} data-testid="billing-self-hosted">
        <p className="text-sm font-semibold">Self-hosted instance</p>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          Billing is off: <code className="font-mono text-xs">STRIPE_SECRET_KEY</code> is not set, so there are no plans, no allowance and nothing is sent to
          Stripe. Spend is still tracked from the call log, and the spend limits you set below still apply.
        </p>
      </div>
    );
  const fee = `${o.feeBasisPoints / 100} %`;
  return (
    <div className={`${card} flex flex-wrap items-start justify-between gap-4`}>
      <div>
        <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">Plan</p>
        <p className="mt-1 text-xl font-semibold" data-testid="billing-plan">
          {PLAN_NAMES[o.plan.plan]}
        </p>
        <p className="mt-1 max-w-xl text-sm text-zinc-500 dark:text-zinc-400">
          {o.plan.plan === 'payg'
            ? `Metered: the model cost of every call plus a ${fee} platform fee, invoiced monthly by Stripe.`
            : `Includes ${formatUsd(o.plan.allowanceMicros ?? 0n)} of model cost per month; calls past it get a 402 until you upgrade. Pay as you go: model cost + ${fee}.`}
        </p>
        {o.plan.inGrace && o.plan.graceUntil && (
          <p className="mt-2 text-sm font-medium text-amber-700 dark:text-amber-300">
            Payment failed: update your card before {o.plan.graceUntil.toISOString().slice(0, 10)} to keep Pay as you go.
          </p>
        )}
        {o.plan.graceExpired && <p className="mt-2 text-sm font-medium text-red-600">Payment failed and the grace period ended: Free limits apply until an invoice is paid.</p>}
        {o.subscription?.cancelAtPeriodEnd && o.subscription.currentPeriodEnd && (
          <p className="mt-2 text-sm text-zinc-500">Cancels on {o.subscription.currentPeriodEnd.toISOString().slice(0, 10)}.</p>
        )}
        {!o.setupDone && <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">Stripe is not set up yet: the operator must run `llmtest billing setup`.</p>}
      </div>
      <div className="flex flex-wrap gap-2">
        {o.plan.plan !== 'payg' && !o.plan.graceExpired && (
          <form action={upgradeAction}>
            <button className={primaryButton} disabled={!o.setupDone}>
              Upgrade to Pay as you go
            </button>
          </form>
        )}
        {o.hasCustomer && (
          <form action={portalAction}>
            <button className={o.plan.graceExpired ? primaryButton : secondaryButton}>{o.plan.graceExpired ? 'Update payment method' : 'Card, invoices and cancellation'}</button>
          </form>
        )}
      </div>
    </div>
  );
}

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await searchParams;
  const o = await getBillingOverview(await getDb(), user.id, getBillingConfig());
  const periodEndInclusive = new Date(o.periodEnd.getTime() - 86_400_000);
  const points = o.daily.map((d) => ({ day: d.day, label: day(new Date(`${d.day}T00:00:00Z`)), cost: Number(d.costMicros) / 1e6, calls: d.calls }));
  const error = typeof params.error === 'string' ? params.error : null;
  return (
    <>
      <PageHeader title="Billing" description="Your plan, this month's spend from the call log, what was reported to Stripe, and spend limits." />
      {params.checkout === 'success' && (
        <p role="status" className="mb-4 rounded-xl border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-500/40 dark:bg-emerald-500/10 dark:text-emerald-200">
          Thank you! Your plan changes as soon as Stripe confirms the subscription (usually a few seconds).
        </p>
      )}
      {error && (
        <p role="alert" className="mb-4 rounded-xl border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-200">
          {error}
        </p>
      )}
      <div className="space-y-6">
        <PlanCard o={o} />
        <div className="grid gap-4 sm:grid-cols-3">
          <Stat label="Current period (UTC)" value={`${day(o.periodStart)} – ${day(periodEndInclusive)}`} hint="Limits and allowances reset on the 1st" testId="billing-period" />
          <Stat label="Spend so far" value={formatUsd(o.spentMicros)} hint={`${o.calls.toLocaleString('en-US')} calls, model cost`} testId="billing-spend" />
          {o.reported ? (
            <Stat
              label="Reported to Stripe"
              value={formatUsd(o.reported.reportedCostMicros)}
              hint={`${formatUsd(o.reported.reportedValueMicros)} billed with the fee · ${formatUsd(o.reported.pendingCostMicros)} on its way${o.reported.failedReports ? ` · ${o.reported.failedReports} refused` : ''}`}
              testId="billing-reported"
            />
          ) : (
            <Stat label="Reported to Stripe" value="—" hint="Nothing is billed on a self-hosted instance" testId="billing-reported" />
          )}
        </div>
        <section className={card}>
          <h2 className="mb-3 text-sm font-medium">Daily spend this month</h2>
          {points.length === 0 ? <p className="py-10 text-center text-sm text-zinc-500">No spend this month yet.</p> : <DailySpendChart points={points} />}
        </section>
        <section className={card}>
          <h2 className="text-sm font-medium">Spend limits</h2>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
            Monthly, in dollars of model cost. At a limit, calls get a 402 <code className="font-mono text-xs">insufficient_quota</code> error; a banner warns at 80 %.
            Leave empty for no limit.
          </p>
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 pb-4 dark:border-zinc-800">
            <div>
              <p className="text-sm font-medium">Whole account</p>
              <p className="text-xs text-zinc-500">{formatUsd(o.spentMicros)} this month</p>
            </div>
            <LimitForm action={setUserLimitAction} current={dollarsInput(o.userLimitMicros)} label="Monthly limit for the account" testId="limit-account" />
          </div>
          {o.keys.length === 0 ? (
            <p className="pt-4 text-sm text-zinc-500">No API keys yet: per-key limits appear here once you create one.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {o.keys.map((key) => (
                <li key={key.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="limit-key-row" data-prefix={key.prefix}>
                  <div>
                    <p className="text-sm font-medium">
                      {key.name} <span className="font-mono text-xs text-zinc-500">{key.prefix}…</span>
                    </p>
                    <p className="text-xs text-zinc-500">{formatUsd(key.spentMicros)} this month</p>
                  </div>
                  <LimitForm action={setKeyLimitAction} keyId={key.id} current={dollarsInput(key.limitMicros)} label={`Monthly limit for key ${key.name}`} testId="limit-key" />
                </li>
              ))}
            </ul>
          )}
        </section>
        {o.mode === 'stripe' && (
          <section className={card}>
            <h2 className="text-sm font-medium">Invoices</h2>
            {o.hasCustomer ? (
              <form action={portalAction} className="mt-2">
                <button className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">Open your invoices in the Stripe customer portal →</button>
              </form>
            ) : (
              <p className="mt-1 text-sm text-zinc-500">No invoices yet: they appear once you are on Pay as you go.</p>
            )}
          </section>
        )}
      </div>
    </>
  );
}
