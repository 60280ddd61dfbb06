// Rate limits per key and per user (requests and tokens per minute): 429 in OpenAI's envelope with
// Retry-After and x-ratelimit-* headers, through the real gateway and the openai SDK; the token
// estimate corrected by real usage; the Redis store shared by two "instances" (Redis on
// 127.0.0.1:6379, a unique key prefix per run) and failing open when Redis is down.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../lib/auth/api-key-format';
import { createRedisClient } from '../../lib/gateway/redis-client';
import { createMemoryRateLimitStore } from '../../lib/gateway/rate-limit/rate-limit-store';
import { createRateLimiter, estimatePromptTokens, formatResetDuration, type RateLimits, WINDOW_MS } from '../../lib/gateway/rate-limit/rate-limiter';
import { createRateLimiterFromEnv, loadRateLimits } from '../../lib/gateway/rate-limit/rate-limiter-from-env';
import { createRedisRateLimitStore } from '../../lib/gateway/rate-limit/redis-rate-limit-store';
import { RateLimitError } from '../../lib/gateway/errors';
import { type Harness, startHarness, userMessage } from '../gateway/harness';

const REDIS_URL = process.env.LLMTEST_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const runPrefix = `llmtest:test:${randomBytes(6).toString('hex')}:`;
const limits = (partial: Partial<RateLimits>): RateLimits => ({ keyRequestsPerMinute: 0, keyTokensPerMinute: 0, userRequestsPerMinute: 0, userTokensPerMinute: 0, ...partial });
const request = (over: Partial<Parameters<ReturnType<typeof createRateLimiter>['acquire']>[0]> = {}) => ({
  callId: randomBytes(4).toString('hex'),
  userId: 'u1',
  apiKeyId: 'k1',
  estimatedTokens: 10,
  now: 5 * WINDOW_MS + 1_000,
  ...over,
});

afterAll(async () => {
  // Leave nothing behind in the shared Redis.
  const client = createRedisClient(REDIS_URL);
  const keys = (await client.command('KEYS', `${runPrefix}*`).catch(() => [])) as string[];
  if (keys.length) await client.command('DEL', ...keys).catch(() => undefined);
  client.close();
});

describe('the limiter (in memory)', () => {
  it('allows up to the limit in a window, then refuses with Retry-After until the window ends', async () => {
    const limiter = createRateLimiter(limits({ keyRequestsPerMinute: 2 }), createMemoryRateLimitStore());
    const first = await limiter.acquire(request());
    expect(first).toEqual({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-reset-requests': '59s' });
    await limiter.acquire(request());
    const refused = await Promise.resolve()
      .then(() => limiter.acquire(request({ now: 5 * WINDOW_MS + 45_500 })))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    const error = refused as RateLimitError;
    expect(error.status).toBe(429);
    expect(error.type).toBe('requests');
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.headers).toMatchObject({ 'retry-after': '15', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '15s' });
    expect(error.message).toMatch(/requests per minute.*API key.*limit 2, used 2/);
    // Next window: allowed again.
    await expect(Promise.resolve(limiter.acquire(request({ now: 6 * WINDOW_MS })))).resolves.toMatchObject({ 'x-ratelimit-remaining-requests': '1' });
  });

  it('counts per key and per user; a refused call charges nothing', async () => {
    const limiter = createRateLimiter(limits({ keyRequestsPerMinute: 2, userRequestsPerMinute: 3 }), createMemoryRateLimitStore());
    await limiter.acquire(request({ apiKeyId: 'a' }));
    await limiter.acquire(request({ apiKeyId: 'a' }));
    await expect(Promise.resolve().then(() => limiter.acquire(request({ apiKeyId: 'a' })))).rejects.toThrow(/API key/);
    // The refused call did not use the user's third slot: key b still gets it.
    await limiter.acquire(request({ apiKeyId: 'b' }));
    await expect(Promise.resolve().then(() => limiter.acquire(request({ apiKeyId: 'b' })))).rejects.toThrow(/account/);
    // Another user is not affected.
    await expect(Promise.resolve(limiter.acquire(request({ userId: 'u2', apiKeyId: 'c' })))).resolves.toBeTruthy();
  });

  it('charges an estimate of the prompt tokens, then corrects it with the real usage', async () => {
    expect(estimatePromptTokens(400)).toBe(100);
    const limiter = createRateLimiter(limits({ keyTokensPerMinute: 1_000 }), createMemoryRateLimitStore());
    const first = request({ estimatedTokens: 600 });
    expect(await limiter.acquire(first)).toMatchObject({ 'x-ratelimit-remaining-tokens': '400' });
    // 600 + 600 > 1000: refused …
    await expect(Promise.resolve().then(() => limiter.acquire(request({ estimatedTokens: 600 })))).rejects.toMatchObject({ type: 'tokens' });
    // … until the first call turns out to have used 150 tokens in all.
    limiter.settle(first.callId, 150, first.now + 10);
    expect(await limiter.acquire(request({ estimatedTokens: 600 }))).toMatchObject({ 'x-ratelimit-remaining-tokens': '250' });
    // Usage above the estimate is charged too.
    const big = request({ estimatedTokens: 10 });
    await limiter.acquire(big);
    limiter.settle(big.callId, 250, big.now + 10);
    await expect(Promise.resolve().then(() => limiter.acquire(request({ estimatedTokens: 10 })))).rejects.toMatchObject({ type: 'tokens' });
    // A request larger than the whole budget: 429 without Retry-After (waiting would not help).
    const tooLarge = await Promise.resolve()
      .then(() => limiter.acquire(request({ estimatedTokens: 5_000, now: 9 * WINDOW_MS })))
      .catch((e: RateLimitError) => e);
    expect(tooLarge).toMatchObject({ status: 429, message: expect.stringMatching(/too large/) });
    expect((tooLarge as RateLimitError).headers?.['retry-after']).toBeUndefined();
  });

  it('reads LLMTEST_RATE_LIMIT_* (off when unset; bad values name the variable)', () => {
    expect(createRateLimiterFromEnv({})).toBeUndefined();
    expect(loadRateLimits({ LLMTEST_RATE_LIMIT_KEY_RPM: '60', LLMTEST_RATE_LIMIT_USER_TPM: '100000' })).toEqual(
      limits({ keyRequestsPerMinute: 60, userTokensPerMinute: 100_000 }),
    );
    expect(() => loadRateLimits({ LLMTEST_RATE_LIMIT_KEY_TPM: '-1', LLMTEST_RATE_LIMIT_USER_RPM: 'lots' })).toThrow(
      /LLMTEST_RATE_LIMIT_KEY_TPM.*LLMTEST_RATE_LIMIT_USER_RPM/,
    );
    expect(formatResetDuration(250)).toBe('250ms');
    expect(formatResetDuration(60_000)).toBe('1m0s');
  });
});

describe('through the gateway and the openai SDK', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('answers 429 in OpenAI\'s envelope with Retry-After and x-ratelimit-* headers; successes carry the headers too', async () => {
    harness = await startHarness({ deps: { rateLimiter: createRateLimiter(limits({ keyRequestsPerMinute: 2, keyTokensPerMinute: 100_000 }), createMemoryRateLimitStore()) } });
    const { response } = await harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage() }).withResponse();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('100000');
    expect(Number(response.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(100_000);
    // Streams get them too.
    const stream = await harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage(), stream: true }).withResponse();
    expect(stream.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    for await (const _ of stream.data) void _;

    const raw = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: userMessage() }),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(raw.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(raw.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(raw.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(ms|s|m\d+s)$/);
    const body = (await raw.json()) as { error: { type: string; code: string; message: string } };
    expect(body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });

    // The SDK raises its RateLimitError.
    const sdkError = await harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage() }).catch((e: unknown) => e);
    expect(sdkError).toBeInstanceOf(OpenAI.RateLimitError);
    // Refused calls are logged (status 429) and settle to zero tokens.
    const records = await harness.waitForRecords(4);
    expect(records.filter((r) => r.httpStatus === 429)).toHaveLength(2);
  });

  it('corrects the token estimate with the usage the upstream reported', async () => {
    const store = createMemoryRateLimitStore();
    harness = await startHarness({ deps: { rateLimiter: createRateLimiter(limits({ keyTokensPerMinute: 100_000 }), store) } });
    // ~10,000 tokens estimated from the size; the upstream reports 30 + 12.
    harness.fake.enqueue({
      provider: 'openai',
      behaviour: {
        type: 'garbage',
        contentType: 'application/json',
        body: JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: 'Hello.' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
        }),
      },
    });
    const body = userMessage('x'.repeat(40_000));
    const { response } = await harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: body }).withResponse();
    const remainingAfterEstimate = Number(response.headers.get('x-ratelimit-remaining-tokens'));
    expect(remainingAfterEstimate).toBeLessThan(90_500);
    const [record] = await harness.waitForRecords(1);
    const used = record!.inputTokens + record!.outputTokens;
    expect(used).toBe(42);
    // The next call sees the real usage, not the estimate.
    const next = await harness.client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage('hi') }).withResponse();
    const remaining = Number(next.response.headers.get('x-ratelimit-remaining-tokens'));
    expect(remaining).toBeGreaterThan(remainingAfterEstimate);
    expect(100_000 - used - remaining).toBeLessThan(50); // only the second call's small estimate
  });
});

describe('Redis store (REDIS_URL)', () => {
  it('shares counts between instances and is atomic under concurrency', async () => {
    const prefix = `${runPrefix}shared:`;
    const storeA = createRedisRateLimitStore({ url: REDIS_URL, keyPrefix: prefix });
    const storeB = createRedisRateLimitStore({ url: REDIS_URL, keyPrefix: prefix });
    const config = limits({ keyRequestsPerMinute: 10, userTokensPerMinute: 1_000_000 });
    const a = createRateLimiter(config, storeA);
    const b = createRateLimiter(config, storeB);
    try {
      const now = Date.now();
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => Promise.resolve().then(() => (i % 2 ? a : b).acquire(request({ now, apiKeyId: 'shared-key' })))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(30);
      expect(rejected[0]!.reason).toBeInstanceOf(RateLimitError);
      expect((rejected[0]!.reason as RateLimitError).headers?.['retry-after']).toBeTruthy();
      // The token counter of the user moved on both instances' charges only (refused calls charged nothing).
      const client = createRedisClient(REDIS_URL);
      const windowId = Math.floor(now / WINDOW_MS);
      expect(Number(await client.command('GET', `${prefix}u:u1:tpm:${windowId}`))).toBe(100);
      expect(Number(await client.command('PTTL', `${prefix}k:shared-key:rpm:${windowId}`))).toBeGreaterThan(60_000);
      client.close();
    } finally {
      a.close?.();
      b.close?.();
    }
  });

  it('applies the usage correction in Redis', async () => {
    const prefix = `${runPrefix}settle:`;
    const limiter = createRateLimiter(limits({ keyTokensPerMinute: 1_000 }), createRedisRateLimitStore({ url: REDIS_URL, keyPrefix: prefix }));
    try {
      const now = Date.now();
      const first = request({ estimatedTokens: 900, now, apiKeyId: 'tk' });
      await limiter.acquire(first);
      await expect(Promise.resolve().then(() => limiter.acquire(request({ estimatedTokens: 200, now, apiKeyId: 'tk' })))).rejects.toMatchObject({ type: 'tokens' });
      limiter.settle(first.callId, 100, now);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await limiter.acquire(request({ estimatedTokens: 200, now, apiKeyId: 'tk' }))).toMatchObject({ 'x-ratelimit-remaining-tokens': '700' });
    } finally {
      limiter.close?.();
    }
  });

  it('fails open with one log line when Redis is down', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const lines: string[] = [];
    const limiter = createRateLimiter(limits({ keyRequestsPerMinute: 2 }), createRedisRateLimitStore({ url: `redis://127.0.0.1:${port}`, keyPrefix: runPrefix, log: (line) => lines.push(line) }));
    try {
      // Allowed (per-instance counting), and still limited by this instance's own counts.
      await limiter.acquire(request({ apiKeyId: 'down' }));
      await limiter.acquire(request({ apiKeyId: 'down' }));
      await expect(Promise.resolve().then(() => limiter.acquire(request({ apiKeyId: 'down' })))).rejects.toBeInstanceOf(RateLimitError);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/rate limits: Redis unavailable.*per instance/);
    } finally {
      limiter.close?.();
    }
  });

  it('a gateway with REDIS_URL in its env uses the shared store', async () => {
    const { key } = generateApiKey();
    expect(key).toMatch(/^llmt_/);
    const limiter = createRateLimiterFromEnv({ REDIS_URL, LLMTEST_RATE_LIMIT_USER_RPM: '1' }, { keyPrefix: `${runPrefix}env:` });
    const other = createRateLimiterFromEnv({ REDIS_URL, LLMTEST_RATE_LIMIT_USER_RPM: '1' }, { keyPrefix: `${runPrefix}env:` });
    try {
      await limiter!.acquire(request({ userId: 'env-user', now: Date.now() }));
      await expect(Promise.resolve().then(() => other!.acquire(request({ userId: 'env-user', now: Date.now() })))).rejects.toBeInstanceOf(RateLimitError);
    } finally {
      limiter?.close?.();
      other?.close?.();
    }
  });
});
