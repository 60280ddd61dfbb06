// Sign-in throttling per email and per IP: a sliding window of failures; after too many the
// attempt is refused before the password is even checked. In-memory (per instance): enough to
// make online guessing slow; documented in the README.

export interface SignInThrottle {
  /** Seconds to wait before the next attempt, or 0 when allowed. */
  retryAfterSeconds(email: string, ip: string): number;
  recordFailure(email: string, ip: string): void;
  recordSuccess(email: string, ip: string): void;
}

export function createSignInThrottle(options: { maxFailures?: number; windowMs?: number; now?: () => number } = {}): SignInThrottle {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (key: string) => {
    const cutoff = now() - windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) failures.set(key, list);
    else failures.delete(key);
    return list;
  };
  const keys = (email: string, ip: string) => [`e:${email.toLowerCase()}`, `i:${ip}`];

  return {
    retryAfterSeconds(email, ip) {
      let wait = 0;
      for (const key of keys(email, ip)) {
        // The IP gets a larger budget: several people may share one address.
        const limit = key.startsWith('i:') ? maxFailures * 4 : maxFailures;
        const list = recent(key);
        if (list.length >= limit) wait = Math.max(wait, Math.ceil((list[list.length - limit] + windowMs - now()) / 1000));
      }
      return wait;
    },
    recordFailure(email, ip) {
      for (const key of keys(email, ip)) failures.set(key, [...recent(key), now()]);
    },
    recordSuccess(email) {
      failures.delete(`e:${email.toLowerCase()}`);
    },
  };
}

/** The process-wide throttle used by sign-in (shared between tsx-loaded and bundled code). */
export const signInThrottle: SignInThrottle = ((globalThis as Record<symbol, unknown>)[Symbol.for('llmtest.signInThrottle')] ??=
  createSignInThrottle()) as SignInThrottle;
