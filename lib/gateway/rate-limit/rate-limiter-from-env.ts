// LLMTEST_RATE_LIMIT_{KEY,USER}_{RPM,TPM} → a RateLimiter, or undefined when all are 0/unset (the
// default: a self-hosted gateway is not throttled unless the operator asks). With REDIS_URL the
// counters are shared by every instance; otherwise each instance counts for itself.
import { z } from 'zod';
import { createRedisRateLimitStore } from './redis-rate-limit-store';
import { createMemoryRateLimitStore } from './rate-limit-store';
import { createRateLimiter, type RateLimiter, type RateLimits } from './rate-limiter';

export const RATE_LIMIT_ENV: Record<keyof RateLimits, string> = {
  keyRequestsPerMinute: 'LLMTEST_RATE_LIMIT_KEY_RPM',
  keyTokensPerMinute: 'LLMTEST_RATE_LIMIT_KEY_TPM',
  userRequestsPerMinute: 'LLMTEST_RATE_LIMIT_USER_RPM',
  userTokensPerMinute: 'LLMTEST_RATE_LIMIT_USER_TPM',
};

const limit = z.coerce.number().int().min(0).max(1_000_000_000);

/** Unset or empty → 0 (off); invalid → one error naming each bad variable. */
export function loadRateLimits(env: Record<string, string | undefined>): RateLimits {
  const limits = {} as RateLimits;
  const problems: string[] = [];
  for (const [field, name] of Object.entries(RATE_LIMIT_ENV) as Array<[keyof RateLimits, string]>) {
    const parsed = limit.safeParse(env[name]?.trim() || '0');
    if (parsed.success) limits[field] = parsed.data;
    else problems.push(`${name}: expected a whole number ≥ 0 (0 = no limit), got ${JSON.stringify(env[name])}`);
  }
  if (problems.length) throw new Error(`Invalid rate limit configuration: ${problems.join('; ')}`);
  return limits;
}

export function createRateLimiterFromEnv(env: Record<string, string | undefined>, options: { keyPrefix?: string; log?: (line: string) => void } = {}): RateLimiter | undefined {
  const limits = loadRateLimits(env);
  if (Object.values(limits).every((value) => value === 0)) return undefined;
  const url = env.REDIS_URL?.trim();
  if (url && !/^rediss?:\/\//.test(url)) throw new Error('REDIS_URL must start with redis:// or rediss://');
  const store = url ? createRedisRateLimitStore({ url, keyPrefix: options.keyPrefix, log: options.log }) : createMemoryRateLimitStore();
  return createRateLimiter(limits, store);
}
