// The circuit breaker shared by every instance through Redis (when REDIS_URL is set). Keys per
// model@provider: `<prefix>:failures` (consecutive failures), `:open` (set for the cool-down when
// the count reaches the threshold) and `:probe` (SET NX: exactly one instance, cluster-wide, sends
// the half-open probe). Any Redis failure falls back to this instance's in-memory breaker, which
// is always kept up to date too: a Redis outage degrades to per-instance breaking, never to
// failed calls. Cost on the hot path: one pipelined round trip per attempt (two for a probe).
import { type CircuitBreakerStore, createMemoryCircuitBreaker } from './circuit-breaker';
import { createRedisClient, type RedisClient } from './redis-client';

export interface RedisCircuitBreakerOptions {
  url?: string;
  client?: RedisClient;
  threshold: number;
  cooldownMs: number;
  keyPrefix?: string;
}

export function createRedisCircuitBreaker(options: RedisCircuitBreakerOptions): CircuitBreakerStore & { close(): void } {
  const client = options.client ?? createRedisClient(options.url!);
  const local = createMemoryCircuitBreaker({ threshold: options.threshold, cooldownMs: options.cooldownMs });
  const prefix = options.keyPrefix ?? 'llmtest:breaker:';
  // Consecutive-failure counts older than this are forgotten (a model that failed once a day is healthy).
  const failureWindowMs = options.cooldownMs * 10;
  const ignore = () => undefined;

  return {
    async allow(key, now) {
      const base = prefix + key;
      try {
        const [open, failures] = await Promise.all([client.command('GET', `${base}:open`), client.command('GET', `${base}:failures`)]);
        if (open !== null) return false;
        if (Number(failures ?? 0) < options.threshold) return true;
        // Cool-down over: the instance that wins the probe key sends the one probe.
        return (await client.command('SET', `${base}:probe`, '1', 'NX', 'PX', options.cooldownMs)) === 'OK';
      } catch {
        return local.allow(key, now);
      }
    },
    recordSuccess(key) {
      local.recordSuccess(key);
      const base = prefix + key;
      client.command('DEL', `${base}:failures`, `${base}:open`, `${base}:probe`).catch(ignore);
    },
    recordFailure(key, now) {
      local.recordFailure(key, now);
      const base = prefix + key;
      client
        .command('INCR', `${base}:failures`)
        .then((count) => {
          client.command('PEXPIRE', `${base}:failures`, failureWindowMs).catch(ignore);
          if (Number(count) >= options.threshold) {
            client.command('SET', `${base}:open`, '1', 'PX', options.cooldownMs).catch(ignore);
            client.command('DEL', `${base}:probe`).catch(ignore);
          }
        })
        .catch(ignore);
    },
    close() {
      client.close();
    },
  };
}
