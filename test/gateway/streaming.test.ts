// Streaming through the gateway: chunks as they arrive, usage, tools, mid-stream failures,
// client aborts, and token estimation when the upstream reports no usage.
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

describe('stream: true', () => {
  it('streams content with the final usage chunk and SSE headers', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'One two three four.', events: 4 } });
    const { data: stream, response } = await h.client.chat.completions
      .create({ model: 'gpt-4o', messages: userMessage(), stream: true, stream_options: { include_usage: true } })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const requestId = response.headers.get('x-llmtest-request-id');
    let text = '';
    let usage: unknown = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      // OpenAI-format chunks are forwarded untouched: the upstream's own model id (adapter decision).
      expect(chunk.model).toMatch(/gpt-4o/);
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('One two three four.');
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ id: requestId, stream: true, status: 'ok', servedModel: 'openai/gpt-4o', costEstimated: false });
    expect(record!.ttftMs).not.toBeNull();
    expect(record!.ttftMs!).toBeLessThanOrEqual(record!.latencyMs + 1);
    expect(JSON.parse(record!.responseBody!).choices[0].message.content).toBe('One two three four.');
    expect(record!.outputTokens).toBe((usage as { completion_tokens: number }).completion_tokens);
  });

  it('forwards chunks as they arrive (no buffering)', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'a b c d e', events: 5, chunkDelayMs: 150 } });
    const started = Date.now();
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(Date.now() - started);
    expect(arrivals.length).toBe(5);
    expect(arrivals[0]!).toBeLessThan(arrivals.at(-1)! - 300);
  });

  it('streams Anthropic and Gemini as OpenAI chunks', async () => {
    for (const [provider, model] of [
      ['anthropic', 'anthropic/claude-sonnet-4'],
      ['gemini', 'google/gemini-2.5-flash'],
    ] as const) {
      h.fake.enqueue({ provider, behaviour: { type: 'content', text: `Streamed by ${provider}.`, events: 3 } });
      const stream = await h.client.chat.completions.create({ model, messages: userMessage(), stream: true, stream_options: { include_usage: true } });
      let text = '';
      let sawUsage = false;
      for await (const chunk of stream) {
        expect(chunk.model).toBe(model);
        text += chunk.choices[0]?.delta.content ?? '';
        sawUsage ||= !!chunk.usage;
      }
      expect(text).toBe(`Streamed by ${provider}.`);
      expect(sawUsage).toBe(true);
    }
  });

  it('streams tool-call deltas', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'tool-call', name: 'lookup', arguments: '{"q":"llm gateways"}' } });
    const stream = await h.client.chat.completions.create({
      model: 'gpt-4o',
      messages: userMessage(),
      stream: true,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    });
    let name = '';
    let args = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      name += call?.function?.name ?? '';
      args += call?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('lookup');
    expect(JSON.parse(args)).toEqual({ q: 'llm gateways' });
    expect(finish).toBe('tool_calls');
    const [record] = await h.waitForRecords(1);
    const stored = JSON.parse(record!.responseBody!);
    expect(stored.choices[0].message.tool_calls).toEqual([{ id: expect.any(String), type: 'function', function: { name: 'lookup', arguments: '{"q":"llm gateways"}' } }]);
    expect(stored.choices[0].finish_reason).toBe('tool_calls');
  });

  it('estimates tokens when the stream reports no usage', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'no-usage' } });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage('Count me.'), stream: true });
    for await (const _chunk of stream) void _chunk;
    const [record] = await h.waitForRecords(1);
    expect(record!.costEstimated).toBe(true);
    expect(record!.inputTokens).toBeGreaterThan(0);
    expect(record!.outputTokens).toBeGreaterThan(0);
    expect(record!.costMicros).toBeGreaterThan(0);
  });

  it('a failure after the first byte ends the stream with an error event, and is logged', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'reset-mid-stream', afterEvents: 2 } });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), stream: true });
    let error: unknown;
    try {
      for await (const _chunk of stream) void _chunk;
    } catch (e) {
      error = e;
    }
    expect(String((error as Error)?.message)).toMatch(/upstream stream failed/i);
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'error', httpStatus: 200, errorType: 'reset', stream: true });
    expect(h.fake.requests.filter((r) => r.provider === 'openai')).toHaveLength(1);
  });

  for (const provider of ['anthropic', 'gemini'] as const) {
    it(`a ${provider} stream cut after the first byte ends with an error event, not silently`, async () => {
      // Late enough that content already reached the client (before it, the gateway falls back).
      h.fake.enqueue({ provider, behaviour: { type: 'reset-mid-stream', afterEvents: 5 } });
      const model = provider === 'anthropic' ? 'anthropic/claude-sonnet-4' : 'google/gemini-2.5-flash';
      const stream = await h.client.chat.completions.create({ model, messages: userMessage(), stream: true });
      let error: unknown;
      let chunks = 0;
      try {
        for await (const _chunk of stream) chunks++;
      } catch (e) {
        error = e;
      }
      expect(chunks).toBeGreaterThan(0);
      expect(String((error as Error)?.message)).toMatch(/upstream stream failed/i);
      const [record] = await h.waitForRecords(1);
      expect(record).toMatchObject({ status: 'error', httpStatus: 200, stream: true, fellBack: false });
    });
  }

  it('an Anthropic error event arriving with the first content (nothing sent yet) is retried, unseen by the client', async () => {
    const events = [
      ['message_start', { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [], stop_reason: null, usage: { input_tokens: 9, output_tokens: 1 } } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Partial answer' } }],
      ['error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    ] as const;
    const body = events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
    h.fake.enqueue({ provider: 'anthropic', behaviour: { type: 'garbage', body, contentType: 'text/event-stream' } });
    const stream = await h.client.chat.completions.create({ model: 'anthropic/claude-sonnet-4', messages: userMessage(), stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    // The partial answer never reached the client: the retry's whole answer did.
    expect(text).not.toContain('Partial answer');
    expect(text.length).toBeGreaterThan(0);
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'ok', stream: true });
    expect(record.attempts.length).toBeGreaterThanOrEqual(2);
    expect(record.attempts[0]).toMatchObject({ model: 'anthropic/claude-sonnet-4', reason: 'overloaded' });
    expect(record.attempts.at(-1)).toMatchObject({ reason: 'ok' });
  });

  it('an idle upstream stream times out with an error event', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'stall-stream', afterEvents: 2 } });
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), stream: true });
    let error: unknown;
    try {
      for await (const _chunk of stream) void _chunk;
    } catch (e) {
      error = e;
    }
    expect(String((error as Error)?.message)).toMatch(/timeout/i);
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'error', errorType: 'timeout' });
  });

  it('a client that disconnects aborts the upstream request and the call is recorded as cancelled', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'a b c d e f g h i j', events: 10, chunkDelayMs: 200 } });
    const controller = new AbortController();
    const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage(), stream: true }, { signal: controller.signal });
    try {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) controller.abort();
    } catch {
      // the SDK throws APIUserAbortError
    }
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'cancelled', stream: true });
    const until = Date.now() + 3_000;
    while (h.fake.requests.at(-1)?.endedAt === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const upstream = h.fake.requests.at(-1)!;
    expect(upstream.clientAborted).toBe(true);
    expect(upstream.endedAt! - upstream.receivedAt).toBeLessThan(1_500);
  });

  it('a client that disconnects before the first byte aborts the upstream too', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'delay', ms: 1_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await expect(h.client.chat.completions.create({ model: 'gpt-4o', messages: userMessage() }, { signal: controller.signal })).rejects.toThrow();
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ status: 'cancelled', httpStatus: 499 });
    const until = Date.now() + 2_000;
    while (h.fake.requests.at(-1)?.endedAt === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(h.fake.requests.at(-1)!.clientAborted).toBe(true);
  });
});
