// The gateway through the official openai SDK against the fake providers: the happy paths.
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

describe('POST /v1/chat/completions (non-streaming)', () => {
  it('passes an OpenAI call through and records it', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'Hello there!' } });
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }).withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('openai/gpt-4o');
    expect(data.choices[0]!.message.content).toBe('Hello there!');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    const requestId = response.headers.get('x-llmtest-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-llmtest-fallback-model')).toBeNull();
    expect(h.fake.requests.at(-1)).toMatchObject({ provider: 'openai', model: 'gpt-4o', stream: false });

    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({
      id: requestId,
      userId: 'user_1',
      apiKeyId: h.keyId,
      flowName: 'unknown',
      requestedModel: 'gpt-4o',
      servedModel: 'openai/gpt-4o',
      provider: 'openai',
      status: 'ok',
      httpStatus: 200,
      stream: false,
      fellBack: false,
      costEstimated: false,
      source: 'production',
    });
    expect(record!.inputTokens).toBe(data.usage!.prompt_tokens);
    expect(record!.outputTokens).toBe(data.usage!.completion_tokens);
    expect(record!.costMicros).toBe(record!.inputCostMicros + record!.outputCostMicros + record!.cachedCostMicros);
    expect(record!.costMicros).toBeGreaterThan(0);
    expect(record!.attempts).toEqual([expect.objectContaining({ model: 'openai/gpt-4o', provider: 'openai', status: 200, reason: 'ok' })]);
    expect(JSON.parse(record!.requestBody!)).toMatchObject({ model: 'gpt-4o' });
    expect(record!.requestBody).not.toContain(h.key);
    expect(JSON.parse(record!.responseBody!).choices[0].message.content).toBe('Hello there!');
    expect(record!.responseHeaders['x-llmtest-request-id']).toBe(requestId);
    expect(record!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('names the flow from X-Flow', async () => {
    await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }, { headers: { 'X-Flow': ' checkout.v2 ' } });
    const [record] = await h.waitForRecords(1);
    expect(record!.flowName).toBe('checkout.v2');
  });

  it('passes unknown fields through to OpenAI-format upstreams', async () => {
    await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), metadata: { order: '42' }, seed: 7 } as never);
    expect(h.fake.requests.at(-1)!.body).toMatchObject({ model: 'gpt-4o', metadata: { order: '42' }, seed: 7 });
  });

  it('returns tool calls', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const data = await h.client.chat.completions.create({
      model: 'gpt-4o',
      messages: userMessage('Weather in Paris?'),
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    });
    expect(data.choices[0]!.finish_reason).toBe('tool_calls');
    const call = data.choices[0]!.message.tool_calls![0]!;
    expect(call.type === 'function' && call.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('serves Anthropic and Gemini models through the same OpenAI client', async () => {
    h.fake.enqueue({ provider: 'anthropic', behaviour: { type: 'content', text: 'From Claude.' } });
    const claude = await h.client.chat.completions.create({ model: 'anthropic/claude-sonnet-4', messages: userMessage(), max_tokens: 100 });
    expect(claude.model).toBe('anthropic/claude-sonnet-4');
    expect(claude.choices[0]!.message.content).toBe('From Claude.');
    expect(h.fake.requests.at(-1)).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-20250514' });

    h.fake.enqueue({ provider: 'gemini', behaviour: { type: 'content', text: 'From Gemini.' } });
    const gemini = await h.client.chat.completions.create({ model: 'google/gemini-2.5-flash', messages: userMessage() });
    expect(gemini.model).toBe('google/gemini-2.5-flash');
    expect(gemini.choices[0]!.message.content).toBe('From Gemini.');
    expect(h.fake.requests.at(-1)).toMatchObject({ provider: 'gemini', model: 'gemini-2.5-flash' });
    const records = await h.waitForRecords(2);
    expect(records.map((r) => r.provider)).toEqual(['anthropic', 'gemini']);
    expect(records.every((r) => r.costMicros > 0)).toBe(true);
  });
});

describe('GET /v1/models', () => {
  it('lists the catalog with or without a key', async () => {
    const page = await h.client.models.list();
    expect(page.data.length).toBeGreaterThan(300);
    expect(page.data.some((m) => m.id === 'openai/gpt-4o')).toBe(true);
    const anonymous = await fetch(`${h.baseURL}/models`);
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as { object: string }).object).toBe('list');
  });
});
