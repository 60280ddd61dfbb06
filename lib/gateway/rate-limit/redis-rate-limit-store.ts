// The rate-limit counters shared by every instance through Redis (REDIS_URL). One Lua script per
// call checks and charges all its counters atomically (no two instances can both take the last
// slot); keys are `<prefix><counter>:<window>` and expire after two windows. If Redis fails, this
// instance counts in memory (fail open: limits become per instance, calls never fail because of
// Redis) and says so in the log, at most once a minute.
import { createRedisClient, type RedisClient } from '../redis-client';
import { createMemoryRateLimitStore, type RateLimitStore } from './rate-limit-store';

const CONSUME_SCRIPT = `
local window_ms = tonumber(ARGV[1])
local counts = {}
local refused = 0
for i = 1, #KEYS do
  local current = tonumber(redis.call('GET', KEYS[i]) or '0')
  counts[i] = current
  if refused == 0 and current + tonumber(ARGV[2 * i + 1]) > tonumber(ARGV[2 * i]) then refused = i end
end
if refused == 0 then
  for i = 1, #KEYS do
    counts[i] = redis.call('INCRBY', KEYS[i], ARGV[2 * i + 1])
    redis.call('PEXPIRE', KEYS[i], window_ms * 2)
  end
end
table.insert(counts, 1, refused)
return counts
`;

export interface RedisRateLimitStoreOptions {
  url?: string;
  client?: RedisClient;
  keyPrefix?: string;
  log?: (line: string) => void;
  now?: () => number;
}

export function createRedisRateLimitStore(options: RedisRateLimitStoreOptions): RateLimitStore & { close(): void } {
  const client = options.client ?? createRedisClient(options.url!);
  const local = createMemoryRateLimitStore();
  const prefix = options.keyPrefix ?? 'llmtest:ratelimit:';
  const log = options.log ?? ((line: string) => console.warn(line));
  const now = options.now ?? Date.now;
  let lastLogged = -Infinity;
  const failOpen = (error: unknown) => {
    if (now() - lastLogged < 60_000) return;
    lastLogged = now();
    log(`[llmtest] rate limits: Redis unavailable (${(error as Error)?.message ?? error}); counting per instance until it is back`);
  };

  return {
    async consume(counters, windowId, windowMs) {
      const keys = counters.map((counter) => `${prefix}${counter.key}:${windowId}`);
      const args = counters.flatMap((counter) => [counter.limit, counter.amount]);
      try {
        const reply = await client.command('EVAL', CONSUME_SCRIPT, keys.length, ...keys, windowMs, ...args);
        if (!Array.isArray(reply)) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
        const [refused, ...counts] = reply.map(Number);
        return { refused: refused!, counts };
      } catch (error) {
        failOpen(error);
        return local.consume(counters, windowId, windowMs);
      }
    },
    add(key, amount, windowId, windowMs) {
      local.add(key, amount, windowId, windowMs);
      if (amount === 0) return;
      const redisKey = `${prefix}${key}:${windowId}`;
      client
        .command('INCRBY', redisKey, amount)
        .then(() => client.command('PEXPIRE', redisKey, windowMs * 2))
        .catch(failOpen);
    },
    close() {
      client.close();
    },
  };
}
