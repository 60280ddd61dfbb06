import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProviderConfig } from '../../lib/providers/config';
import { createOpenAiCompatibleAdapter } from '../../lib/providers/openai-compatible';
import { openaiAdapter } from '../../lib/providers/openai';
import { createSseParser, type SseEvent } from '../../lib/providers/shared/sse-parser';
import type { ProviderAdapter, ProviderTarget, Usage, UpstreamError } from '../../lib/providers/types';
import { startFakeProviders, type FakeProviders } from './fake-providers';

let fake: FakeProviders;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const openAiHeaders = { authorization: 'Bearer sk-test', 'content-type': 'application/json' };
const anthropicHeaders = { 'x-api-key': 'sk-ant', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
const geminiHeaders = { 'x-goog-api-key': 'g', 'content-type': 'application/json' };
const messages = [{ role: 'user', content: 'What is the capital of Mexico?' }];

function post(pathname: string, body: unknown, headers: Record<string, string> = openAiHeaders, signal?: AbortSignal) {
  return fetch(`${fake.baseUrl}${pathname}`, { method: 'POST', headers, body: JSON.stringify(body), signal });
}

function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser({ onEvent: (event) => events.push(event) });
  parser.push(text);
  parser.end();
  return events;
}

/** Read a streamed body until it ends or fails; returns the text received and the failure. */
async function readAll(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: undefined };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

async function runAdapter(adapter: ProviderAdapter, target: ProviderTarget, stream: boolean, includeUsage = false) {
  const request = { model: 'catalog-model', messages: messages as never, stream, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) };
  const built = adapter.buildRequest(request, target, { stream, includeUsage });
  const response = await fetch(built.url, { method: 'POST', headers: built.headers, body: built.body });
  const observed = { text: '', usage: [] as Usage[], errors: [] as UpstreamError[], finish: [] as unknown[] };
  if (!response.ok) return { response, observed, error: adapter.mapError(response.status, await response.text(), Object.fromEntries(response.headers)) };
  if (!stream) return { response, observed, completion: adapter.parseResponse(await response.text(), { model: 'catalog-model', id: 'chatcmpl-gw', created: 1 }) };
  const transform = adapter.createStreamTransform({
    model: 'catalog-model',
    id: 'chatcmpl-gw',
    created: 1,
    includeUsage,
    observer: {
      text: (delta) => (observed.text += delta),
      usage: (usage) => observed.usage.push(usage),
      error: (error) => observed.errors.push(error),
      finish: (reason) => observed.finish.push(reason),
    },
  });
  const output = await new Response(response.body!.pipeThrough(transform)).text();
  return { response, observed, output };
}

describe('fake providers: default answers', () => {
  it('answers OpenAI non-streaming in the fixture shape, echoing the model', async () => {
    const response = await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await response.json();
    expect(body).toMatchObject({ object: 'chat.completion', model: 'gpt-4o', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'The capital of Mexico is Mexico City.' } }] });
    expect(body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ provider: 'openai', model: 'gpt-4o', stream: false, behaviour: 'default', status: 200, clientAborted: false });
  });

  it('streams OpenAI with the usage chunk only when asked for', async () => {
    const withUsage = parseSse(await (await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } })).text());
    expect(withUsage.at(-1)!.data).toBe('[DONE]');
    const usageChunk = JSON.parse(withUsage.at(-2)!.data);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage.prompt_tokens).toBeGreaterThan(0);
    expect(JSON.parse(withUsage[1].data).usage).toBeNull();
    const without = parseSse(await (await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages, stream: true })).text());
    expect(without).toHaveLength(withUsage.length - 1);
    expect(without.some((event) => event.data.includes('"usage"'))).toBe(false);
  });

  it('works end to end with the OpenAI adapter (stream and not)', async () => {
    const target = { provider: 'openai' as const, upstreamModel: 'gpt-4o-mini', ...loadProviderConfig(fake.env).openai! };
    const streamed = await runAdapter(openaiAdapter, target, true, false);
    expect(streamed.observed.text).toBe('The capital of Mexico is Mexico City.');
    expect(streamed.observed.usage).toHaveLength(1);
    expect(streamed.observed.finish).toEqual(['stop']);
    expect(streamed.output).not.toContain('"usage"');
    expect(fake.requests[0].body).toMatchObject({ model: 'gpt-4o-mini', stream_options: { include_usage: true } });
    const plain = await runAdapter(openaiAdapter, target, false);
    expect(plain.completion?.choices[0].message.content).toBe('The capital of Mexico is Mexico City.');
  });

  it('serves OpenRouter with processing comments and usage cost, through the compatible adapter', async () => {
    const target = { provider: 'openrouter' as const, upstreamModel: 'openai/gpt-4o-mini', ...loadProviderConfig(fake.env).openrouter! };
    const streamed = await runAdapter(createOpenAiCompatibleAdapter('openrouter'), target, true, true);
    expect(streamed.observed.usage[0].cost).toBeGreaterThan(0);
    expect(streamed.observed.text.length).toBeGreaterThan(0);
    const raw = await (await post('/openrouter/api/v1/chat/completions', { model: 'openai/gpt-4o-mini', messages, stream: true })).text();
    expect(raw.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    expect(raw).toMatch(/"id":"gen-\d+-[A-Za-z0-9]{20}"/);
  });

  it('serves the compat hosts under their own path segments, keyless allowed', async () => {
    const config = loadProviderConfig(fake.env);
    expect(Object.keys(config).sort()).toEqual(['anthropic', 'custom', 'deepseek', 'fireworks', 'gemini', 'groq', 'mistral', 'openai', 'openrouter', 'together', 'xai']);
    const result = await runAdapter(createOpenAiCompatibleAdapter('custom'), { provider: 'custom', upstreamModel: 'llama3.2', baseUrl: config.custom!.baseUrl, apiKey: '' }, true, true);
    expect(result.observed.usage).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ provider: 'compat', host: 'custom', model: 'llama3.2' });
    await post('/compat/v1/chat/completions', { model: 'm', messages });
    expect(fake.requests[1]).toMatchObject({ provider: 'compat', host: undefined });
  });

  it('answers Anthropic in its event format', async () => {
    const streamed = await post('/anthropic/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages, stream: true }, anthropicHeaders);
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await streamed.text());
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    const delta = JSON.parse(events.at(-2)!.data);
    expect(delta).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: expect.any(Number) } });
    const plain = await (await post('/anthropic/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 100, messages }, anthropicHeaders)).json();
    expect(plain).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', stop_reason: 'end_turn', content: [{ type: 'text' }] });
    expect(plain.id).toMatch(/^msg_01/);
  });

  it('answers Gemini as SSE (\\r\\n framing), JSON array and plain JSON', async () => {
    const body = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    const sse = await (await post('/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse', body, geminiHeaders)).text();
    expect(sse).toContain('\r\n\r\n');
    const events = parseSse(sse).map((event) => JSON.parse(event.data));
    expect(events.at(-1)).toMatchObject({ candidates: [{ finishReason: 'STOP' }], usageMetadata: { candidatesTokenCount: expect.any(Number) }, modelVersion: 'gemini-2.5-flash' });
    const array = await (await post('/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent', body, geminiHeaders)).json();
    expect(array).toHaveLength(events.length);
    const plain = await (await post('/gemini/v1beta/models/gemini-2.5-flash:generateContent?key=k', body, { 'content-type': 'application/json' })).json();
    expect(plain.candidates[0]).toMatchObject({ finishReason: 'STOP', index: 0, content: { role: 'model' } });
    expect(fake.requests.map((request) => [request.model, request.stream])).toEqual([
      ['gemini-2.5-flash', true],
      ['gemini-2.5-flash', true],
      ['gemini-2.5-flash', false],
    ]);
  });

  it('rejects requests without credentials like the real APIs', async () => {
    expect((await post('/openai/v1/chat/completions', { model: 'm', messages }, { 'content-type': 'application/json' })).status).toBe(401);
    const noVersion = await post('/anthropic/v1/messages', { model: 'm', messages }, { 'x-api-key': 'k' });
    expect(noVersion.status).toBe(400);
    expect((await noVersion.json()).error.message).toContain('anthropic-version');
    expect((await post('/gemini/v1beta/models/m:generateContent', {}, {})).status).toBe(403);
    expect(fake.requests.every((request) => request.behaviour === 'unauthorized')).toBe(true);
  });
});

describe('fake providers: faults', () => {
  it('answers a queued status with the provider error shape and headers', async () => {
    fake.enqueue({ provider: 'openai', behaviour: { type: 'status', status: 429, headers: { 'retry-after': '2' } } });
    const target = { provider: 'openai' as const, upstreamModel: 'gpt-4o', ...loadProviderConfig(fake.env).openai! };
    const limited = await runAdapter(openaiAdapter, target, false);
    expect(limited.error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 2 });
    fake.enqueue({ provider: 'openai', behaviour: { type: 'status', status: 400 } });
    expect((await runAdapter(openaiAdapter, target, false)).error?.kind).toBe('context_length');
    // The rules were used up: back to normal answers.
    expect((await runAdapter(openaiAdapter, target, false)).completion).toBeDefined();

    fake.enqueue({ provider: 'anthropic', behaviour: { type: 'status', status: 529 } });
    const overloaded = await post('/anthropic/v1/messages', { model: 'c', messages }, anthropicHeaders);
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    fake.enqueue({ provider: 'gemini', behaviour: { type: 'status', status: 429 } });
    const exhausted = await post('/gemini/v1beta/models/g:generateContent', {}, geminiHeaders);
    expect(await exhausted.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
    fake.enqueue({ provider: 'openrouter', behaviour: { type: 'status', status: 500, body: 'plain failure' } });
    expect(await (await post('/openrouter/api/v1/chat/completions', { model: 'x', messages })).text()).toBe('plain failure');
  });

  it('matches rules by provider and model, and honours times', async () => {
    fake.enqueue({ provider: 'openai', model: 'gpt-4o', times: 2, behaviour: { type: 'status', status: 503 } });
    fake.enqueue({ times: Infinity, behaviour: { type: 'status', status: 500 } });
    expect((await post('/openai/v1/chat/completions', { model: 'other', messages })).status).toBe(500);
    expect((await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages })).status).toBe(503);
    expect((await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages })).status).toBe(503);
    expect((await post('/openai/v1/chat/completions', { model: 'gpt-4o', messages })).status).toBe(500);
    expect((await post('/anthropic/v1/messages', { model: 'c', messages }, anthropicHeaders)).status).toBe(500);
  });

  it('resets the connection before any response', async () => {
    fake.enqueue({ behaviour: { type: 'reset' } });
    await expect(post('/openai/v1/chat/completions', { model: 'm', messages })).rejects.toThrow();
    expect(fake.requests[0]).toMatchObject({ behaviour: 'reset', clientAborted: false });
  });

  it('resets in the middle of a JSON body', async () => {
    fake.enqueue({ behaviour: { type: 'reset-mid-body' } });
    const response = await post('/openai/v1/chat/completions', { model: 'm', messages });
    expect(response.status).toBe(200);
    const { text, error } = await readAll(response);
    expect(error).toBeDefined();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('resets in the middle of a stream after the given number of events', async () => {
    fake.enqueue({ provider: 'anthropic', behaviour: { type: 'reset-mid-stream', afterEvents: 3 } });
    const response = await post('/anthropic/v1/messages', { model: 'c', messages, stream: true }, anthropicHeaders);
    const { text, error } = await readAll(response);
    expect(error).toBeDefined();
    expect(parseSse(text).map((event) => event.event)).toEqual(['message_start', 'content_block_start', 'ping']);
  });

  it('stalls a stream and records the client giving up', async () => {
    fake.enqueue({ behaviour: { type: 'stall-stream', afterEvents: 2 } });
    const controller = new AbortController();
    const response = await post('/openai/v1/chat/completions', { model: 'm', messages, stream: true }, openAiHeaders, controller.signal);
    const reader = response.body!.getReader();
    let text = '';
    while (parseSse(text).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    const next = reader.read();
    const raced = await Promise.race([next.then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('stalled'), 150))]);
    expect(raced).toBe('stalled');
    controller.abort();
    await next.catch(() => undefined);
    await expect.poll(() => fake.requests[0].clientAborted).toBe(true);
    expect(fake.requests[0].endedAt).toBeDefined();
  });

  it('delays the first byte', async () => {
    fake.enqueue({ behaviour: { type: 'delay', ms: 120 } });
    const started = performance.now();
    const response = await post('/openai/v1/chat/completions', { model: 'm', messages });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(response.status).toBe(200);
  });

  it('answers with given content in the given number of events, with gaps', async () => {
    fake.enqueue({ provider: 'gemini', behaviour: { type: 'content', text: '{"answer": 42}', events: 3, chunkDelayMs: 30 } });
    const started = performance.now();
    const sse = await (await post('/gemini/v1beta/models/g:streamGenerateContent?alt=sse', {}, geminiHeaders)).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    const texts = parseSse(sse).map((event) => JSON.parse(event.data).candidates[0].content.parts[0].text);
    expect(texts).toHaveLength(3);
    expect(texts.join('')).toBe('{"answer": 42}');
  });

  it('answers with a tool call in each format', async () => {
    fake.enqueue({ provider: 'openai', behaviour: { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const chunks = parseSse(await (await post('/openai/v1/chat/completions', { model: 'm', messages, stream: true })).text())
      .filter((event) => event.data !== '[DONE]')
      .map((event) => JSON.parse(event.data));
    expect(chunks[0].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather', arguments: '' } });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0].function.arguments ?? '').join('')).toBe('{"city":"Paris"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');

    fake.enqueue({ provider: 'anthropic', behaviour: { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const message = await (await post('/anthropic/v1/messages', { model: 'c', messages }, anthropicHeaders)).json();
    expect(message).toMatchObject({ stop_reason: 'tool_use', content: [{ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } }] });

    fake.enqueue({ provider: 'gemini', behaviour: { type: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const gemini = await (await post('/gemini/v1beta/models/g:generateContent', {}, geminiHeaders)).json();
    expect(gemini.candidates[0].content.parts[0]).toEqual({ functionCall: { name: 'get_weather', args: { city: 'Paris' } } });
  });

  it('sends garbage and invalid SSE with status 200', async () => {
    fake.enqueue({ behaviour: { type: 'garbage', body: '<html>oops</html>', contentType: 'text/html' } });
    const garbage = await post('/openai/v1/chat/completions', { model: 'm', messages });
    expect(garbage.status).toBe(200);
    expect(garbage.headers.get('content-type')).toBe('text/html');
    expect(await garbage.text()).toBe('<html>oops</html>');

    fake.enqueue({ behaviour: { type: 'invalid-sse' } });
    const target = { provider: 'openai' as const, upstreamModel: 'gpt-4o', ...loadProviderConfig(fake.env).openai! };
    const result = await runAdapter(openaiAdapter, target, true);
    expect(result.observed.errors.map((error) => error.kind)).toContain('bad_response');
    expect(result.output!.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('streams without usage', async () => {
    fake.enqueue({ behaviour: { type: 'no-usage' }, times: 2 });
    const target = { provider: 'openai' as const, upstreamModel: 'gpt-4o', ...loadProviderConfig(fake.env).openai! };
    const result = await runAdapter(openaiAdapter, target, true, true);
    expect(result.observed.usage).toEqual([]);
    expect(result.observed.text.length).toBeGreaterThan(0);
    const anthropic = parseSse(await (await post('/anthropic/v1/messages', { model: 'c', messages, stream: true }, anthropicHeaders)).text());
    expect(anthropic.some((event) => event.data.includes('usage'))).toBe(false);
  });

  it('applies configured latency, event count and gaps', async () => {
    fake.configure({ latencyMs: 40, streamEvents: 5, streamEventGapMs: 10 });
    const started = performance.now();
    const events = parseSse(await (await post('/compat/v1/chat/completions', { model: 'm', messages, stream: true })).text());
    expect(performance.now() - started).toBeGreaterThanOrEqual(40 + 6 * 10 - 10);
    // role chunk + 5 content chunks + finish chunk + [DONE]
    expect(events).toHaveLength(8);
  });

  it('keeps up with many concurrent requests', async () => {
    const count = 500;
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: count }, (_, index) => post('/openai/v1/chat/completions', { model: 'm', messages, stream: index % 2 === 0 }).then(async (response) => (await response.text(), response.status))),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(fake.requests).toHaveLength(count);
    // Generous bound; this is a smoke test, not a benchmark.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('fake providers: CLI and control API', () => {
  it('starts as a process, prints its env and obeys the control API', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cli.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          if (buffer.includes('\n')) resolve(buffer.slice(0, buffer.indexOf('\n')));
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      const { baseUrl, env } = JSON.parse(line) as { baseUrl: string; env: Record<string, string> };
      expect(env.OPENAI_BASE_URL).toBe(`${baseUrl}/openai/v1`);
      const control = (pathname: string, body?: unknown) =>
        fetch(`${baseUrl}${pathname}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

      expect((await control('/__fake/rules', { provider: 'openai', times: null, behaviour: { type: 'status', status: 502 } })).status).toBe(200);
      expect((await control('/__fake/rules', { behaviour: { type: 'nonsense' } })).status).toBe(400);
      const first = await fetch(`${env.OPENAI_BASE_URL}/chat/completions`, { method: 'POST', headers: openAiHeaders, body: JSON.stringify({ model: 'm', messages }) });
      expect(first.status).toBe(502);
      const log = await (await control('/__fake/requests')).json();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ provider: 'openai', status: 502, behaviour: 'status' });
      expect(await (await control('/__fake/config', { latencyMs: 60, streamEvents: 20, streamEventGapMs: 20 })).json()).toMatchObject({ latencyMs: 60, streamEvents: 20 });
      await control('/__fake/reset', {});
      expect(await (await control('/__fake/requests')).json()).toEqual([]);
      expect((await control('/__fake/config')).ok).toBe(true);
      const second = await fetch(`${env.OPENAI_BASE_URL}/chat/completions`, { method: 'POST', headers: openAiHeaders, body: JSON.stringify({ model: 'm', messages }) });
      expect(second.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
