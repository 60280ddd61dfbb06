// REDIS_URL set → the breaker is shared by every instance through Redis; unset → undefined
// (createGateway then uses its in-memory breaker).
import type { CircuitBreakerStore } from './circuit-breaker';
import type { GatewayConfig } from './config';
import { createRedisCircuitBreaker } from './redis-circuit-breaker';

export function createCircuitBreakerFromEnv(
  env: Record<string, string | undefined>,
  config: Pick<GatewayConfig, 'breakerThreshold' | 'breakerCooldownMs'>,
): (CircuitBreakerStore & { close(): void }) | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\//.test(url)) throw new Error('REDIS_URL must start with redis:// or rediss://');
  return createRedisCircuitBreaker({ url, threshold: config.breakerThreshold, cooldownMs: config.breakerCooldownMs });
}
