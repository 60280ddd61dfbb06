import { describe, expect, it } from 'vitest';
import { backoffDelay, countsAgainstBreaker, isClientError, isRetryable, sleep } from './retry-policy';
import { createMemoryCircuitBreaker } from './circuit-breaker';

const input = { baseMs: 250, maxMs: 8_000, retryAfterSeconds: undefined, remainingMs: 60_000 };

describe('retry policy', () => {
  it('classifies kinds', () => {
    for (const kind of ['rate_limited', 'overloaded', 'server_error', 'timeout', 'reset'] as const) expect(isRetryable(kind)).toBe(true);
    for (const kind of ['connect', 'unconfigured', 'bad_response', 'context_length', 'invalid_request'] as const) expect(isRetryable(kind)).toBe(false);
    for (const kind of ['invalid_request', 'auth', 'permission', 'not_found'] as const) expect(isClientError(kind)).toBe(true);
    expect(isClientError('context_length')).toBe(false);
    expect(countsAgainstBreaker('connect')).toBe(true);
    expect(countsAgainstBreaker('invalid_request')).toBe(false);
    expect(countsAgainstBreaker('context_length')).toBe(false);
  });

  it('full jitter: uniform in [0, min(cap, base·2^n)]', () => {
    expect(backoffDelay({ ...input, retryIndex: 0, random: () => 0.999 })).toBe(249);
    expect(backoffDelay({ ...input, retryIndex: 3, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay({ ...input, retryIndex: 10, random: () => 0.999 })).toBe(7992);
    expect(backoffDelay({ ...input, retryIndex: 2, random: () => 0 })).toBe(0);
  });

  it('honours Retry-After when it fits the cap and the deadline, else gives up on the model', () => {
    expect(backoffDelay({ ...input, retryIndex: 0, random: () => 0, retryAfterSeconds: 2 })).toBe(2000);
    expect(backoffDelay({ ...input, retryIndex: 0, random: () => 0, retryAfterSeconds: 30 })).toBeNull();
    expect(backoffDelay({ ...input, retryIndex: 0, random: () => 0, retryAfterSeconds: 2, remainingMs: 2500 })).toBeNull();
  });

  it('sleep resolves early on abort', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const done = sleep(10_000, controller.signal);
    controller.abort();
    await done;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('circuit breaker (memory)', () => {
  it('opens after N consecutive failures, lets one probe through after the cool-down, closes on success', () => {
    const breaker = createMemoryCircuitBreaker({ threshold: 3, cooldownMs: 1_000 });
    const key = 'openai/gpt-4o@openai';
    breaker.recordFailure(key, 0);
    breaker.recordFailure(key, 0);
    expect(breaker.allow(key, 0)).toBe(true);
    breaker.recordFailure(key, 0);
    expect(breaker.allow(key, 10)).toBe(false);
    expect(breaker.allow('other@openai', 10)).toBe(true);
    expect(breaker.allow(key, 1_000)).toBe(true); // the probe
    expect(breaker.allow(key, 1_001)).toBe(false); // others keep waiting
    breaker.recordSuccess(key);
    expect(breaker.allow(key, 1_002)).toBe(true);
  });

  it('a failed probe re-opens for another cool-down; a success resets the count', () => {
    const breaker = createMemoryCircuitBreaker({ threshold: 2, cooldownMs: 1_000 });
    breaker.recordFailure('k', 0);
    breaker.recordSuccess('k');
    breaker.recordFailure('k', 0);
    expect(breaker.allow('k', 0)).toBe(true);
    breaker.recordFailure('k', 0);
    expect(breaker.allow('k', 500)).toBe(false);
    expect(breaker.allow('k', 1_000)).toBe(true);
    breaker.recordFailure('k', 1_000);
    expect(breaker.allow('k', 1_500)).toBe(false);
    expect(breaker.allow('k', 2_000)).toBe(true);
  });
});
