// Every adapter in the registry against the fake upstreams: the fake's wire formats and the
// adapters' parsers must agree (a break here means one of them drifted from the real format).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../../lib/providers/config';
import { getProviderAdapter } from '../../lib/providers/registry';
import type { ProviderId, Usage } from '../../lib/providers/types';
import { startFakeProviders, type FakeProviders } from './fake-providers';

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());

const upstreamModels: Record<ProviderId, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  gemini: 'gemini-2.5-flash',
  openrouter: 'openai/gpt-4o-mini',
  groq: 'llama-3.3-70b-versatile',
  together: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
  deepseek: 'deepseek-chat',
  mistral: 'mistral-small-latest',
  xai: 'grok-3-mini',
  fireworks: 'accounts/fireworks/models/llama-v3p1-8b-instruct',
  custom: 'llama3.2',
};

describe.each(Object.keys(upstreamModels) as ProviderId[])('%s adapter against the fake upstream', (id) => {
  async function call(stream: boolean, tool: boolean) {
    fake.reset();
    if (tool) fake.enqueue({ behaviour: { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}' } });
    else fake.enqueue({ behaviour: { type: 'content', text: 'Hello from the fake.', events: 4 } });
    const adapter = getProviderAdapter(id);
    expect(adapter.id).toBe(id);
    const credentials = loadProviderConfig(fake.env)[id]!;
    const built = adapter.buildRequest(
      { model: 'catalog-id', messages: [{ role: 'user', content: 'Hi' }], stream, max_tokens: 64 },
      { provider: id, upstreamModel: upstreamModels[id], ...credentials },
      { stream, includeUsage: false },
    );
    const response = await fetch(built.url, { method: 'POST', headers: built.headers, body: built.body });
    expect(response.status).toBe(200);
    expect(fake.requests[0].model).toBe(upstreamModels[id]);
    if (!stream) return { completion: adapter.parseResponse(await response.text(), { model: 'catalog-id', id: 'chatcmpl-x', created: 1 }), observed: undefined, output: '' };
    const observed = { text: '', usage: [] as Usage[], finish: [] as unknown[], errors: [] as unknown[] };
    const output = await new Response(
      response.body!.pipeThrough(
        adapter.createStreamTransform({
          model: 'catalog-id',
          id: 'chatcmpl-x',
          created: 1,
          includeUsage: false,
          observer: {
            text: (delta) => (observed.text += delta),
            usage: (usage) => observed.usage.push(usage),
            finish: (reason) => observed.finish.push(reason),
            error: (error) => observed.errors.push(error),
          },
        }),
      ),
    ).text();
    return { completion: undefined, observed, output };
  }

  it('non-streaming text and tool call', async () => {
    const text = (await call(false, false)).completion!;
    expect(text.choices[0].message.content).toBe('Hello from the fake.');
    expect(text.choices[0].finish_reason).toBe('stop');
    expect(text.usage?.completion_tokens).toBeGreaterThan(0);
    const tool = (await call(false, true)).completion!;
    expect(tool.choices[0].finish_reason).toBe('tool_calls');
    expect(JSON.parse(tool.choices[0].message.tool_calls![0].function.arguments)).toEqual({ city: 'Paris' });
  });

  it('streaming text and tool call', async () => {
    const text = await call(true, false);
    expect(text.observed).toMatchObject({ text: 'Hello from the fake.', finish: ['stop'], errors: [] });
    expect(text.observed!.usage.length).toBeGreaterThan(0);
    expect(text.output.endsWith('data: [DONE]\n\n')).toBe(true);
    const tool = await call(true, true);
    expect(tool.observed!.finish).toEqual(['tool_calls']);
    expect(tool.output).toContain('get_weather');
  });
});
