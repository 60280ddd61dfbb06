// Retries and fallbacks through the openai SDK: which model served, and the headers saying so.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, userMessage } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.records.length = 0;
});

const always = Number.POSITIVE_INFINITY;

async function create(body: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) {
  return h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), ...body }).withResponse();
}

describe('fallbacks', () => {
  it.each([
    ['500', { type: 'status', status: 500 } as const],
    ['429', { type: 'status', status: 429 } as const],
    ['503', { type: 'status', status: 503 } as const],
    ['connection reset', { type: 'reset' } as const],
    ['reset mid-body', { type: 'reset-mid-body' } as const],
    ['garbage body', { type: 'garbage', body: '<html>oops</html>' } as const],
  ])('on %s: retries the model, then falls back to the default chain', async (_name, behaviour) => {
    h.fake.enqueue({ provider: 'openai', times: always, behaviour });
    const { data, response } = await create();
    expect(data.model).toBe('google/gemini-2.5-pro');
    expect(response.headers.get('x-llmtest-fallback-model')).toBe('google/gemini-2.5-pro');
    expect(response.headers.get('x-llmtest-content-fallback')).toBe('false');
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'ok', fellBack: true, contentFallback: false, requestedModel: 'gpt-4o', servedModel: 'google/gemini-2.5-pro', provider: 'gemini' });
    expect(record!.attempts.at(-1)).toMatchObject({ model: 'google/gemini-2.5-pro', reason: 'ok' });
    const openaiAttempts = record!.attempts.filter((a) => a.provider === 'openai');
    // bad_response falls back at once; transient kinds get one retry (LLMTEST_MAX_RETRIES=1)
    expect(openaiAttempts.length).toBe(behaviour.type === 'garbage' ? 1 : 2);
    expect(response.headers.get('x-llmtest-request-id')).toBe(record!.id);
  });

  it('on a first-byte timeout: falls back', async () => {
    h.fake.enqueue({ provider: 'openai', times: always, behaviour: { type: 'delay', ms: 3_000 } });
    const { data } = await create();
    expect(data.model).toBe('google/gemini-2.5-pro');
    const [record] = await h.waitForRecords(1);
    expect(record!.attempts.slice(0, 2).map((a) => a.reason)).toEqual(['timeout', 'timeout']);
  });

  it('a retry on the same model that succeeds is not a fallback', async () => {
    h.fake.enqueue({ provider: 'openai', times: 1, behaviour: { type: 'status', status: 500 } });
    const { data, response } = await create();
    expect(data.model).toBe('openai/gpt-4o');
    expect(response.headers.get('x-llmtest-fallback-model')).toBeNull();
    const [record] = await h.waitForRecords(1);
    expect(record!.attempts.map((a) => `${a.reason}:${a.status}`)).toEqual(['server_error:500', 'ok:200']);
    expect(record!.fellBack).toBe(false);
  });

  it('honours the request `models` order (OpenRouter convention)', async () => {
    h.fake.enqueue({ provider: 'openai', times: always, behaviour: { type: 'status', status: 500 } });
    const { data, response } = await create({ models: ['openai/gpt-4o', 'anthropic/claude-sonnet-4'] } as never);
    expect(data.model).toBe('anthropic/claude-sonnet-4');
    expect(response.headers.get('x-llmtest-fallback-model')).toBe('anthropic/claude-sonnet-4');
    expect(h.fake.requests.at(-1)!.body).not.toHaveProperty('models');
  });

  it('falls back to a larger-context model on context_length_exceeded', async () => {
    h.fake.enqueue({ provider: 'openai', model: 'gpt-4o', behaviour: { type: 'status', status: 400 } });
    const { data, response } = await create();
    expect(data.model).toBe('openai/o3');
    expect(response.headers.get('x-llmtest-fallback-model')).toBe('openai/o3');
    const [record] = await h.waitForRecords(1);
    expect(record!.attempts[0]).toMatchObject({ model: 'openai/gpt-4o', reason: 'context_length', status: 400 });
  });

  it('streams from the fallback when the primary fails before the first byte', async () => {
    h.fake.enqueue({ provider: 'openai', times: always, behaviour: { type: 'status', status: 502 } });
    const { data: stream, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), stream: true }).withResponse();
    expect(response.headers.get('x-llmtest-fallback-model')).toBe('google/gemini-2.5-pro');
    let text = '';
    for await (const chunk of stream) {
      expect(chunk.model).toBe('google/gemini-2.5-pro');
      text += chunk.choices[0]?.delta.content ?? '';
    }
    expect(text.length).toBeGreaterThan(0);
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ stream: true, fellBack: true, status: 'ok' });
  });

  it.each([
    ['invalid SSE', { type: 'invalid-sse' } as const],
    ['a stream that stalls before its first event', { type: 'stall-stream', afterEvents: 0 } as const],
    ['a reset before the first event', { type: 'reset-mid-stream', afterEvents: 0 } as const],
  ])('streaming: falls back on %s', async (_name, behaviour) => {
    h.fake.enqueue({ provider: 'openai', times: always, behaviour });
    const { data: stream, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), stream: true }).withResponse();
    expect(response.headers.get('x-llmtest-fallback-model')).toBe('google/gemini-2.5-pro');
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('502 listing every attempt when all upstreams fail', async () => {
    for (const provider of ['openai', 'gemini', 'anthropic', 'openrouter'] as const) h.fake.enqueue({ provider, times: always, behaviour: { type: 'status', status: 500 } });
    const error = (await create().catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(502);
    expect(error.code).toBe('upstream_failed');
    expect(error.message).toMatch(/openai\/gpt-4o via openai: server_error \(500\)/);
    expect(error.message).toMatch(/google\/gemini-2.5-pro via gemini: server_error \(500\)/);
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'error', httpStatus: 502, servedModel: null });
  });

  it('429 when every upstream is rate limited', async () => {
    for (const provider of ['openai', 'gemini', 'anthropic', 'openrouter'] as const) h.fake.enqueue({ provider, times: always, behaviour: { type: 'status', status: 429 } });
    const error = (await create().catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(429);
  });
});

describe('deadline and circuit breaker', () => {
  it('504 when the call deadline passes', async () => {
    const tight = await startHarness({ fake: h.fake, config: { deadlineMs: 800, firstByteTimeoutMs: 5_000 } });
    try {
      h.fake.enqueue({ times: always, behaviour: { type: 'delay', ms: 3_000 } });
      const started = Date.now();
      const error = (await tight.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(error.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await tight.close();
    }
  });

  it('skips a model whose circuit is open, then probes it after the cool-down', async () => {
    const fragile = await startHarness({ fake: h.fake, config: { breakerThreshold: 2, breakerCooldownMs: 400, maxRetries: 0 } });
    try {
      h.fake.enqueue({ provider: 'openai', times: 2, behaviour: { type: 'status', status: 500 } });
      await fragile.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
      await fragile.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
      const { data } = await fragile.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }).withResponse();
      expect(data.model).toBe('google/gemini-2.5-pro');
      const records = await fragile.waitForRecords(3);
      expect(records[2]!.attempts[0]).toMatchObject({ model: 'openai/gpt-4o', reason: 'circuit_open' });
      await new Promise((r) => setTimeout(r, 450));
      const probe = await fragile.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
      expect(probe.model).toBe('openai/gpt-4o');
    } finally {
      await fragile.close();
    }
  });
});
