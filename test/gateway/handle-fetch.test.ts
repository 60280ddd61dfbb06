// handleFetch: the same pipeline behind a Fetch API Request/Response (Next route files).
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

const url = 'http://localhost:3000/v1/chat/completions';

function post(body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Request {
  return new Request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

describe('handleFetch', () => {
  it('answers a non-streaming call', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'Via fetch.' } });
    const response = await h.gateway.handleFetch(post({ model: 'gpt-4o', messages: userMessage() }, { 'x-flow': 'fetch-flow' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe('Via fetch.');
    const [record] = await h.waitForRecords(1);
    expect(record).toMatchObject({ id: response.headers.get('x-llmtest-request-id'), flowName: 'fetch-flow', status: 'ok' });
  });

  it('streams SSE through a ReadableStream', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'a b c', events: 3 } });
    const response = await h.gateway.handleFetch(post({ model: 'gpt-4o', messages: userMessage(), stream: true }));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const content = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => JSON.parse(event.slice(6)).choices[0]?.delta?.content ?? '')
      .join('');
    expect(content).toBe('a b c');
  });

  it('cancelling the response body aborts the upstream and records a cancelled call', async () => {
    h.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: 'a b c d e f', events: 6, chunkDelayMs: 200 } });
    const response = await h.gateway.handleFetch(post({ model: 'gpt-4o', messages: userMessage(), stream: true }));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const [record] = await h.waitForRecords(1);
    expect(record!.status).toBe('cancelled');
  });

  it('maps errors and routes like handleNode', async () => {
    expect((await h.gateway.handleFetch(new Request(url, { method: 'POST', body: '{}' }))).status).toBe(401);
    expect((await h.gateway.handleFetch(new Request('http://localhost/v1/models'))).status).toBe(200);
    expect((await h.gateway.handleFetch(new Request('http://localhost/v1/nope'))).status).toBe(404);
    const tooBig = await h.gateway.handleFetch(post({ model: 'gpt-4o', messages: userMessage('x'.repeat(70_000)) }));
    expect(tooBig.status).toBe(413);
    const bad = await h.gateway.handleFetch(post({ model: 'gpt-4o', messages: [] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('messages');
  });
});
