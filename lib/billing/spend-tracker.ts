// The spend check on the gateway's request path, without a database round trip per request.
//
// Per user, in memory: this month's spend (total and per API key) read from the call log, plus
// the cost of the calls this instance recorded since that read ("local" increments), and the
// limits (plan, own limit, key limits). An entry older than `spendRefreshMs` is still served
// while one background refresh (single-flight) re-reads the database, so a busy user never waits;
// only a user's first call (or the first after a month change) awaits the read.
//
// Accuracy: another instance's calls show up within one refresh; this instance's at once. On a
// refresh, local increments made before the read started are dropped (the call log has them:
// it writes within ~50 ms); a call recorded during the read may be counted twice until the next
// refresh, which errs on the safe side. A call already running when the limit is reached finishes
// (its cost may go past the limit by one call per concurrent request).
//
// When the database cannot be read: a user already in memory keeps their last figures; a user
// never read is let through (billing must not take the gateway down) and the error is logged.
import type { BillingConfig } from './billing-config';
import { monthStartUtc } from './month';
import { effectivePlan } from './plan';
import type { MonthSpend } from './queries/get-month-spend';
import type { SpendLimits } from './queries/get-spend-limits';
import { isReached, limitReachedMessage, userLimitUses, type LimitUse } from './spend-rules';

export interface SpendDenial {
  message: string;
  limit: LimitUse;
}

export interface SpendTrackerOptions {
  load(userId: string, monthStart: Date): Promise<{ spend: MonthSpend; limits: SpendLimits }>;
  config: BillingConfig;
  now?(): number;
  logger?: { error(message: string, details?: unknown): void };
  /** Entries unused this long are dropped (default 10 min). */
  idleEvictMs?: number;
}

export interface RecordedCost {
  userId: string;
  apiKeyId: string | null;
  costMicros: number;
  source: string;
}

export interface SpendTracker {
  /** null = allowed; a denial = answer 402. Synchronous on a cached entry. */
  check(userId: string, apiKeyId: string | null): SpendDenial | null | Promise<SpendDenial | null>;
  /** A call this instance recorded (never throws). */
  record(call: RecordedCost): void;
  /** Forget a user's entry (limits changed here, a webhook changed the plan). */
  invalidate(userId: string): void;
  readonly size: number;
}

interface Entry {
  month: number;
  fetchedAt: number;
  lastUsedAt: number;
  spent: bigint;
  byKey: Map<string, bigint>;
  local: bigint;
  localByKey: Map<string, bigint>;
  limits: SpendLimits;
}

export function createSpendTracker(options: SpendTrackerOptions): SpendTracker {
  const now = options.now ?? Date.now;
  const config = options.config;
  const idleEvictMs = options.idleEvictMs ?? 600_000;
  const entries = new Map<string, Entry>();
  /** One database read per user at a time (single-flight), for first reads and refreshes alike. */
  const inflight = new Map<string, Promise<Entry | null>>();
  let lastSweep = now();

  function sweep(at: number): void {
    if (at - lastSweep < 60_000) return;
    lastSweep = at;
    for (const [userId, entry] of entries) if (at - entry.lastUsedAt > idleEvictMs && !inflight.has(userId)) entries.delete(userId);
  }

  function refresh(userId: string, existing: Entry | undefined, month: number): Promise<Entry | null> {
    const running = inflight.get(userId);
    if (running) return running;
    const baseLocal = existing?.local ?? 0n;
    const baseLocalByKey = new Map(existing?.localByKey ?? []);
    const pending = options.load(userId, new Date(month)).then(
      ({ spend, limits }) => {
        const current = entries.get(userId);
        // Keep the increments that arrived while the database was being read.
        const local = current && current.month === month ? current.local - baseLocal : 0n;
        const localByKey = new Map<string, bigint>();
        if (current && current.month === month)
          for (const [keyId, micros] of current.localByKey) {
            const rest = micros - (baseLocalByKey.get(keyId) ?? 0n);
            if (rest > 0n) localByKey.set(keyId, rest);
          }
        const entry: Entry = {
          month,
          fetchedAt: now(),
          lastUsedAt: current?.lastUsedAt ?? now(),
          spent: spend.totalMicros,
          byKey: spend.byKey,
          local: local > 0n ? local : 0n,
          localByKey,
          limits,
        };
        entries.set(userId, entry);
        return entry;
      },
      (error: unknown) => {
        options.logger?.error('spend figures could not be read; using the last known ones', { userId, error: (error as Error).message });
        return existing && existing.month === month ? existing : null;
      },
    );
    inflight.set(userId, pending);
    void pending.finally(() => inflight.delete(userId));
    return pending;
  }

  function evaluate(entry: Entry, apiKeyId: string | null, at: number): SpendDenial | null {
    const plan = effectivePlan(entry.limits.account, config, at);
    const spentMicros = entry.spent + entry.local;
    const uses = userLimitUses({ plan, spentMicros, userLimitMicros: entry.limits.account?.monthlyLimitMicros ?? null });
    if (apiKeyId) {
      const keyLimit = entry.limits.keyLimits.get(apiKeyId);
      if (keyLimit !== undefined)
        uses.push({ kind: 'key', keyId: apiKeyId, limitMicros: keyLimit, spentMicros: (entry.byKey.get(apiKeyId) ?? 0n) + (entry.localByKey.get(apiKeyId) ?? 0n) });
    }
    const reached = uses.find(isReached);
    return reached ? { message: limitReachedMessage(reached, plan, config), limit: reached } : null;
  }

  return {
    check(userId, apiKeyId) {
      const at = now();
      sweep(at);
      const month = monthStartUtc(at).getTime();
      const entry = entries.get(userId);
      if (entry && entry.month === month) {
        entry.lastUsedAt = at;
        if (at - entry.fetchedAt >= config.spendRefreshMs) void refresh(userId, entry, month);
        return evaluate(entry, apiKeyId, at);
      }
      return refresh(userId, entry && entry.month === month ? entry : undefined, month).then((fresh) => (fresh ? evaluate(fresh, apiKeyId, now()) : null));
    },

    record(call) {
      if (call.source !== 'production' || !(call.costMicros > 0)) return;
      const entry = entries.get(call.userId);
      if (!entry) return; // not in memory: its next read comes from the database anyway
      const micros = BigInt(Math.round(call.costMicros));
      entry.local += micros;
      if (call.apiKeyId) entry.localByKey.set(call.apiKeyId, (entry.localByKey.get(call.apiKeyId) ?? 0n) + micros);
    },

    invalidate(userId) {
      entries.delete(userId);
    },

    get size() {
      return entries.size;
    },
  };
}
