// JSON recovery: repair in place, content fallback to the next model, and the streaming policy.
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
const jsonObject = { type: 'json_object' as const };
const personSchema = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'person',
    schema: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] },
  },
};

describe('response_format JSON, non-streaming', () => {
  it('returns valid JSON untouched', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: '{"ok":true}' } });
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: jsonObject }).withResponse();
    expect(data.choices[0]!.message.content).toBe('{"ok":true}');
    expect(response.headers.get('x-llmtest-json-repaired')).toBeNull();
  });

  it('repairs fenced JSON with prose and a trailing comma, and says so', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'Here you go:\n```json\n{"name": "Ada", "age": 36,}\n```\nAnything else?' } });
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: personSchema }).withResponse();
    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ name: 'Ada', age: 36 });
    expect(response.headers.get('x-llmtest-json-repaired')).toBe('true');
    expect(response.headers.get('x-llmtest-fallback-model')).toBeNull();
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ jsonRepaired: true, contentFallback: false, fellBack: false });
  });

  it('unrepairable content falls back to the next model (content fallback)', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'Sorry, I cannot produce JSON today.' } });
    h.fake.enqueue({ provider: 'gemini', behaviour: { type: 'content', text: '{"ok": true}' } });
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: jsonObject }).withResponse();
    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ ok: true });
    expect(data.model).toBe('google/gemini-2.5-pro');
    expect(response.headers.get('x-llmtest-fallback-model')).toBe('google/gemini-2.5-pro');
    expect(response.headers.get('x-llmtest-content-fallback')).toBe('true');
    const [record] = await h.waitForRecords(1);
    expect(record!.attempts[0]).toMatchObject({ model: 'openai/gpt-4o', status: 200, reason: 'invalid_json' });
    expect(record).toMatchObject({ contentFallback: true, fellBack: true });
  });

  it('content failing the json_schema falls back too', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: '{"name": "Ada"}' } });
    h.fake.enqueue({ provider: 'gemini', behaviour: { type: 'content', text: '{"name": "Ada", "age": 36}' } });
    const { data, response } = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: personSchema }).withResponse();
    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ name: 'Ada', age: 36 });
    expect(response.headers.get('x-llmtest-content-fallback')).toBe('true');
    const [record] = await h.waitForRecords(1);
    expect(record!.attempts[0]!.message).toMatch(/json_schema/);
  });

  it('502 invalid_json_output when no model returns valid JSON', async () => {
    for (const provider of ['openai', 'gemini', 'anthropic', 'openrouter'] as const) h.fake.enqueue({ provider, times: always, behaviour: { type: 'content', text: 'plain prose, no JSON' } });
    const error = (await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: jsonObject }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(502);
    expect(error.code).toBe('invalid_json_output');
    expect(error.message).toMatch(/openai\/gpt-4o via openai: invalid_json \(200\)/);
  });
});

describe('response_format JSON, streaming (passed through as it arrives)', () => {
  it('streams valid JSON normally', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: '{"ok": true}', events: 4 } });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: jsonObject, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toEqual({ ok: true });
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'ok', errorType: null });
  });

  it('does not hold invalid JSON back, but flags it in the call log', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'not json at all', events: 3 } });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), response_format: jsonObject, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('not json at all');
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'ok', errorType: 'invalid_json_output', stream: true });
  });
});
