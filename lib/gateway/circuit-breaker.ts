// Circuit breaker per model@provider: after `threshold` consecutive failures the pair is skipped
// for `cooldownMs`; then one request is let through as a probe (half-open): success closes the
// circuit, failure opens it for another cool-down. In memory, shared by every request of the
// instance; the store interface lets a shared (Redis) implementation replace it.

export interface CircuitBreakerStore {
  /** May an attempt go to this key now? In half-open state only one caller gets true. */
  allow(key: string, now: number): boolean | Promise<boolean>;
  recordSuccess(key: string): void;
  recordFailure(key: string, now: number): void;
}

interface Circuit {
  failures: number;
  /** 0 while closed; when open, the time the next probe may go. */
  openUntil: number;
}

export function breakerKey(modelId: string, provider: string): string {
  return `${modelId}@${provider}`;
}

export function createMemoryCircuitBreaker(options: { threshold: number; cooldownMs: number; maxKeys?: number }): CircuitBreakerStore {
  const circuits = new Map<string, Circuit>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    allow(key, now) {
      const circuit = circuits.get(key);
      if (circuit === undefined || circuit.openUntil === 0) return true;
      if (now < circuit.openUntil) return false;
      // Half-open: this caller is the probe; others wait another cool-down (also covers a probe
      // that never reports back, e.g. cancelled by its client).
      circuit.openUntil = now + options.cooldownMs;
      return true;
    },
    recordSuccess(key) {
      circuits.delete(key);
    },
    recordFailure(key, now) {
      let circuit = circuits.get(key);
      if (circuit === undefined) {
        if (circuits.size >= maxKeys) circuits.delete(circuits.keys().next().value!);
        circuit = { failures: 0, openUntil: 0 };
        circuits.set(key, circuit);
      }
      circuit.failures += 1;
      if (circuit.failures >= options.threshold) circuit.openUntil = now + options.cooldownMs;
    },
  };
}
