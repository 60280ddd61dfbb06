// Errors as the openai SDK sees them: status, OpenAI's envelope, and the request id header.
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../lib/auth/api-key-format';
import { type Harness, startHarness, userMessage } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { keyCacheTtlMs: 300, keyNegativeTtlMs: 100 } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.records.length = 0;
});

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected an API error');
}

async function raw(path: string, init: RequestInit & { json?: unknown } = {}) {
  const response = await fetch(`${h.baseURL}${path}`, {
    method: 'POST',
    ...init,
    headers: { authorization: `Bearer ${h.key}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe('authentication', () => {
  it('401s a missing, malformed or unknown key in OpenAI\'s envelope', async () => {
    for (const apiKey of ['', 'sk-not-ours', 'llmt_' + 'a'.repeat(43)]) {
      const client = new OpenAI({ baseURL: h.baseURL, apiKey: apiKey || 'x', maxRetries: 0 });
      const error = await apiError(client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }));
      expect(error.status).toBe(401);
      expect(error.code).toBe('invalid_api_key');
      expect(error.type).toBe('invalid_request_error');
      expect(error.headers?.get('x-llmtest-request-id')).toBeTruthy();
    }
    const none = await fetch(`${h.baseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/did not provide an API key/);
    expect(h.fake.requests).toHaveLength(0);
  });

  it('a revoked key stops working within the cache TTL (≤ 5 s), without invalidation', async () => {
    await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
    h.keys.get(hashApiKey(h.key))!.revoked = true;
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 5_000) {
      status = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }).then(
        () => 200,
        (error: InstanceType<typeof OpenAI.APIError>) => error.status ?? 0,
      );
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(5_000);
    h.keys.get(hashApiKey(h.key))!.revoked = false;
    h.gateway.invalidateApiKey(h.keyId);
    await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() });
  });
});

describe('request errors', () => {
  it('400 for malformed JSON and bad fields, naming the field', async () => {
    const malformed = await raw('/chat/completions', { body: '{"model": "gpt-4o", "messages": [' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json', param: null });

    const error = await apiError(h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), temperature: 5 }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('temperature');
    expect(error.message).toMatch(/temperature/);

    const stream = await raw('/chat/completions', { json: { model: 'gpt-4o', messages: userMessage(), stream: 'true' } });
    expect(stream.status).toBe(400);
    expect(stream.body.error.param).toBe('stream');
    expect(h.fake.requests).toHaveLength(0);
    const records = await h.waitForRecords(3);
    expect(records.every((r) => r.status === 'error' && r.httpStatus === 400)).toBe(true);
  });

  it('400 for a bad X-Flow header', async () => {
    const error = await apiError(h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }, { headers: { 'X-Flow': 'no spaces please' } }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('X-Flow');
  });

  it('404 for an unknown model, suggesting close ids', async () => {
    const error = await apiError(h.client.chat.completions.create({ model: 'openai/gpt-4oo', messages: userMessage() }));
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toMatch(/Did you mean .*openai\/gpt-4o/);
  });

  it('413 for a body over the limit, without reading it all', async () => {
    const big = 'x'.repeat(70 * 1024);
    const response = await raw('/chat/completions', { json: { model: 'gpt-4o', messages: userMessage(big) } });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('request_too_large');
    const error = await apiError(h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(big) }));
    expect(error.status).toBe(413);
  });

  it('404 for unknown /v1 paths and 405 for wrong methods', async () => {
    const unknown = await raw('/embeddings', { json: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_url');
    const wrongMethod = await fetch(`${h.baseURL}/chat/completions`, { headers: { authorization: `Bearer ${h.key}` } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const modelsPost = await raw('/models', { json: {} });
    expect(modelsPost.status).toBe(405);
  });

  it('returns an upstream 400 as-is without fallback', async () => {
    const body = JSON.stringify({ error: { message: "Invalid value for 'logit_bias'.", type: 'invalid_request_error', param: 'logit_bias', code: null } });
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'status', status: 400, body } });
    const error = await apiError(h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^400 openai: Invalid value for 'logit_bias'/);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('names the env var when no provider serving the model is configured', async () => {
    const bare = await startHarness({ env: (env) => ({ OPENAI_API_KEY: env.OPENAI_API_KEY!, OPENAI_BASE_URL: env.OPENAI_BASE_URL! }), fake: h.fake, config: { defaultChainLength: 0 } });
    try {
      const error = await apiError(bare.client.chat.completions.create({ model: 'anthropic/claude-sonnet-4', messages: userMessage() }));
      expect(error.status).toBe(503);
      expect(error.message).toContain('anthropic/claude-sonnet-4 is unavailable: set ANTHROPIC_API_KEY or OPENROUTER_API_KEY');
    } finally {
      await bare.close();
    }
  });
});
