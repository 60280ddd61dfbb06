import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest, ProviderTarget } from '../types';
import { buildOpenAiRequest } from './build-openai-request';
import { openAiHost, type OpenAiFormatHost } from './openai-format-host';

const target: ProviderTarget = { provider: 'openai', upstreamModel: 'gpt-4o-2024-08-06', baseUrl: 'https://api.openai.com/v1/', apiKey: 'sk-test' };
const request: ChatCompletionRequest = {
  model: 'gpt-4o',
  models: ['gpt-4o', 'claude-sonnet-4'],
  messages: [{ role: 'user', content: 'Hi' }],
  temperature: 0.5,
  stream: true,
  web_search_options: { search_context_size: 'low' },
};

describe('buildOpenAiRequest', () => {
  it('posts to /chat/completions with a bearer key and the upstream model', () => {
    const built = buildOpenAiRequest(openAiHost, request, target, { stream: true, includeUsage: false });
    expect(built.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(built.headers).toMatchObject({ authorization: 'Bearer sk-test', 'content-type': 'application/json', accept: 'text/event-stream' });
    expect(JSON.parse(built.body)).toEqual({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.5,
      stream: true,
      stream_options: { include_usage: true },
      web_search_options: { search_context_size: 'low' },
    });
  });

  it('keeps other stream_options and drops stream fields when not streaming', () => {
    const streaming = buildOpenAiRequest(openAiHost, { ...request, stream_options: { include_usage: false, extra: 1 } as never }, target, { stream: true, includeUsage: false });
    expect(JSON.parse(streaming.body).stream_options).toEqual({ include_usage: true, extra: 1 });
    const plain = buildOpenAiRequest(openAiHost, { ...request, stream: false, stream_options: { include_usage: true } }, target, { stream: false, includeUsage: false });
    const body = JSON.parse(plain.body);
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('stream_options');
    expect(plain.headers).not.toHaveProperty('accept');
  });

  it('splices the raw body: same JSON as re-serialising, client value bytes kept', () => {
    const rawBody = '{\n  "model": "gpt-4o",\n  "messages": [{"role": "user", "content": "Hi"}],\n  "temperature": 0.50,\n  "models": ["a"],\n  "stream": true\n}';
    const parsed = JSON.parse(rawBody) as ChatCompletionRequest;
    const spliced = buildOpenAiRequest(openAiHost, parsed, target, { stream: true, includeUsage: true, rawBody });
    const serialised = buildOpenAiRequest(openAiHost, parsed, target, { stream: true, includeUsage: true });
    expect(JSON.parse(spliced.body)).toEqual(JSON.parse(serialised.body));
    expect(spliced.body).toContain('"temperature": 0.50');
    expect(spliced.body).toContain('"messages": [{"role": "user", "content": "Hi"}]');
  });

  it('falls back to serialising when the raw body cannot be scanned', () => {
    const built = buildOpenAiRequest(openAiHost, request, target, { stream: false, includeUsage: false, rawBody: '{"mod\\u0065l":"x"}' });
    expect(JSON.parse(built.body).model).toBe('gpt-4o-2024-08-06');
  });

  it('applies host exclusions, renames and headers, and omits auth for keyless hosts', () => {
    const host: OpenAiFormatHost = {
      id: 'mistral',
      excludedParameters: ['user', 'web_search_options'],
      renamedParameters: { seed: 'random_seed' },
      acceptsStreamOptions: false,
      extraHeaders: { 'x-title': 'LLMTest' },
      usageContainers: [],
    };
    const built = buildOpenAiRequest(host, { ...request, seed: 7, user: 'u1' }, { ...target, apiKey: '' }, { stream: true, includeUsage: true });
    const body = JSON.parse(built.body);
    expect(body).toMatchObject({ random_seed: 7, stream: true });
    for (const field of ['seed', 'user', 'web_search_options', 'stream_options', 'models']) expect(body).not.toHaveProperty(field);
    expect(built.headers).not.toHaveProperty('authorization');
    expect(built.headers['x-title']).toBe('LLMTest');
  });
});
