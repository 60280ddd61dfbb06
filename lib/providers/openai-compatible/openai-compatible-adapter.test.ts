import { describe, expect, it } from 'vitest';
import { dataPayloads, readProviderFixture, runTransform } from '../shared/test-helpers';
import type { ChatCompletionRequest, Usage, UpstreamError } from '../types';
import { createOpenAiCompatibleAdapter } from './create-openai-compatible-adapter';
import { openAiCompatibleHosts } from './openai-compatible-hosts';

const request: ChatCompletionRequest = {
  model: 'catalog-id',
  models: ['a', 'b'],
  messages: [{ role: 'user', content: 'Hi' }],
  seed: 3,
  max_completion_tokens: 20,
  user: 'u',
  store: true,
  logprobs: true,
};

describe('createOpenAiCompatibleAdapter', () => {
  it('builds an OpenRouter request with the routed model id and attribution header', () => {
    const adapter = createOpenAiCompatibleAdapter('openrouter');
    expect(adapter.id).toBe('openrouter');
    const built = adapter.buildRequest(request, { provider: 'openrouter', upstreamModel: 'openai/gpt-4o-mini', baseUrl: 'https://openrouter.ai/api/v1', apiKey: 'or-key' }, { stream: true, includeUsage: false });
    expect(built.url).toBe('https://openrouter.ai/api/v1/chat/completions');
    expect(built.headers).toMatchObject({ authorization: 'Bearer or-key', 'X-Title': 'LLMTest' });
    const body = JSON.parse(built.body);
    expect(body).toMatchObject({ model: 'openai/gpt-4o-mini', stream: true, stream_options: { include_usage: true }, seed: 3, user: 'u' });
    expect(body).not.toHaveProperty('models');
  });

  it('applies Mistral parameter differences', () => {
    const built = createOpenAiCompatibleAdapter('mistral').buildRequest(request, { provider: 'mistral', upstreamModel: 'mistral-small-latest', baseUrl: 'https://api.mistral.ai/v1', apiKey: 'k' }, { stream: true, includeUsage: true });
    const body = JSON.parse(built.body);
    expect(body).toEqual({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }], random_seed: 3, max_tokens: 20, stream: true });
  });

  it('sends everything to a keyless custom host', () => {
    const built = createOpenAiCompatibleAdapter('custom').buildRequest(request, { provider: 'custom', upstreamModel: 'llama3.2', baseUrl: 'http://localhost:11434/v1', apiKey: '' }, { stream: false, includeUsage: false });
    expect(built.headers.authorization).toBeUndefined();
    expect(JSON.parse(built.body)).toMatchObject({ model: 'llama3.2', store: true, logprobs: true });
  });

  it('has an entry for every OpenAI-format provider id', () => {
    expect(Object.keys(openAiCompatibleHosts).sort()).toEqual(['custom', 'deepseek', 'fireworks', 'groq', 'mistral', 'openrouter', 'together', 'xai']);
  });

  it('parses an OpenRouter answer keeping its model id and cost', () => {
    const adapter = createOpenAiCompatibleAdapter('openrouter');
    const completion = adapter.parseResponse(readProviderFixture('openrouter/chat-nonstream-usage-cost.json').toString(), { model: 'gpt-5-mini', id: 'x', created: 1 });
    expect(completion.model).toBe('openai/gpt-5-mini-2025-08-07');
    expect(completion.usage).toMatchObject({ total_tokens: 235, cost: 0.00034225 });
  });

  it('streams the OpenRouter fixtures with usage and errors reported', async () => {
    const adapter = createOpenAiCompatibleAdapter('openrouter');
    const usages: Usage[] = [];
    const errors: UpstreamError[] = [];
    let text = '';
    const output = await runTransform(
      adapter.createStreamTransform({
        model: 'm',
        id: 'i',
        created: 1,
        includeUsage: true,
        observer: { usage: (usage) => usages.push(usage), error: (error) => errors.push(error), text: (delta) => (text += delta) },
      }),
      [new Uint8Array(readProviderFixture('openrouter/chat-stream-long-processing-usage-in-choice-chunk.sse'))],
    );
    expect(dataPayloads(output).at(-1)).toBe('[DONE]');
    expect(usages).toHaveLength(1);
    expect(usages[0].cost).toBe(0.0145476);
    expect(errors).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
  });

  it('maps OpenRouter errors', () => {
    const error = createOpenAiCompatibleAdapter('openrouter').mapError(429, readProviderFixture('openrouter/error-429-upstream-rate-limited.json').toString(), { 'retry-after': '2' });
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 2, status: 429 });
  });
});
