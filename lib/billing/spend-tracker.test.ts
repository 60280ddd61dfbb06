import { describe, expect, it } from 'vitest';
import { loadBillingConfig } from './billing-config';
import type { MonthSpend } from './queries/get-month-spend';
import type { SpendLimits } from './queries/get-spend-limits';
import { createSpendTracker } from './spend-tracker';

const config = loadBillingConfig({ LLMTEST_SPEND_REFRESH_MS: '1000' });

function fakeDb(initial: bigint, limit: bigint | null) {
  const state = { spent: initial, limit, reads: 0, fail: false, gate: null as Promise<void> | null };
  const load = async (): Promise<{ spend: MonthSpend; limits: SpendLimits }> => {
    state.reads += 1;
    if (state.gate) await state.gate;
    if (state.fail) throw new Error('db down');
    return {
      spend: { totalMicros: state.spent, calls: 0, byKey: new Map() },
      limits: { account: { stripeCustomerId: null, stripeSubscriptionId: null, subscriptionStatus: null, graceUntil: null, monthlyLimitMicros: state.limit }, keyLimits: new Map() },
    };
  };
  return { state, load };
}

describe('spend tracker', () => {
  it('reads the database once, then answers from memory with local increments', async () => {
    let now = Date.UTC(2026, 10, 10);
    const { state, load } = fakeDb(900n, 1_000n);
    const tracker = createSpendTracker({ config, load, now: () => now });
    expect(await tracker.check('u', 'k')).toBeNull();
    expect(tracker.check('u', 'k')).toBeNull(); // synchronous on a fresh entry
    tracker.record({ userId: 'u', apiKeyId: 'k', costMicros: 100, source: 'production' });
    expect(tracker.check('u', 'k')).toMatchObject({ limit: { kind: 'user', spentMicros: 1_000n } });
    tracker.record({ userId: 'u', apiKeyId: 'k', costMicros: 5_000, source: 'benchmark' }); // not counted
    expect(state.reads).toBe(1);
    // Past the refresh interval: served at once, one background read; the database now has the call.
    state.spent = 1_000n;
    now += 1_500;
    expect(tracker.check('u', 'k')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(state.reads).toBe(2);
    expect(tracker.check('u', 'k')).toMatchObject({ limit: { spentMicros: 1_000n } }); // not double-counted
  });

  it('single-flight first read; fails open for an unknown user when the database is down', async () => {
    const { state, load } = fakeDb(0n, null);
    let open!: () => void;
    state.gate = new Promise<void>((r) => (open = r));
    const tracker = createSpendTracker({ config, load, logger: { error() {} } });
    const a = tracker.check('u', null);
    const b = tracker.check('u', null);
    open();
    await Promise.all([a, b]);
    expect(state.reads).toBe(1);
    state.gate = null;
    state.fail = true;
    expect(await tracker.check('other', null)).toBeNull();
  });

  it('a new month starts from the database again', async () => {
    let now = Date.UTC(2026, 10, 30, 23, 59);
    const { state, load } = fakeDb(2_000n, 1_000n);
    const tracker = createSpendTracker({ config, load, now: () => now });
    expect(await tracker.check('u', null)).not.toBeNull();
    state.spent = 0n;
    now = Date.UTC(2026, 11, 1, 0, 1);
    expect(await tracker.check('u', null)).toBeNull();
  });
});
