// Fixed one-minute windows of counters (requests or tokens), behind a store interface so one
// instance counts in memory and several share the counts through Redis. `consume` is
// all-or-nothing over the counters of one call: when any would pass its limit, none is charged
// (a refused call costs its key and user nothing).

export interface RateLimitCounter {
  /** e.g. "k:<apiKeyId>:rpm"; the store appends the window. */
  key: string;
  limit: number;
  amount: number;
}

export interface ConsumeResult {
  /** 0 when every counter had room (all were charged); else 1 + the index of the first that had not. */
  refused: number;
  /** Each counter's value: after charging when allowed, as found when refused. */
  counts: number[];
}

export interface RateLimitStore {
  consume(counters: RateLimitCounter[], windowId: number, windowMs: number): ConsumeResult | Promise<ConsumeResult>;
  /** Corrects a counter of a window (token estimate → real usage); fire and forget, may be negative. */
  add(key: string, amount: number, windowId: number, windowMs: number): void;
  close?(): void;
}

export function createMemoryRateLimitStore(options: { maxKeys?: number } = {}): RateLimitStore {
  const counters = new Map<string, { windowId: number; count: number }>();
  const maxKeys = options.maxKeys ?? 200_000;
  const current = (key: string, windowId: number) => {
    const entry = counters.get(key);
    return entry && entry.windowId === windowId ? entry.count : 0;
  };
  const prune = (windowId: number) => {
    if (counters.size < maxKeys) return;
    for (const [key, entry] of counters) if (entry.windowId < windowId) counters.delete(key);
    // Still full of live keys: forget the oldest (fails open for them, never blocks anyone).
    for (const key of counters.keys()) {
      if (counters.size < maxKeys) break;
      counters.delete(key);
    }
  };
  return {
    consume(list, windowId) {
      const counts = list.map((counter) => current(counter.key, windowId));
      const failing = list.findIndex((counter, index) => counts[index]! + counter.amount > counter.limit);
      if (failing >= 0) return { refused: failing + 1, counts };
      prune(windowId);
      list.forEach((counter, index) => {
        counts[index]! += counter.amount;
        counters.set(counter.key, { windowId, count: counts[index]! });
      });
      return { refused: 0, counts };
    },
    add(key, amount, windowId) {
      const entry = counters.get(key);
      if (entry && entry.windowId === windowId) entry.count += amount;
      else if (amount > 0) counters.set(key, { windowId, count: amount });
    },
  };
}
