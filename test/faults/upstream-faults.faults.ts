// Upstream faults through the real app process (server.ts, production build, PostgreSQL): each
// fault gives the documented fallback or a clear 5xx in OpenAI's envelope, every call completes
// within a bound, and every call is in the log with its attempts.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AppProcess, closedPort, startApp } from './app-process';
import { attemptsOf, assertCompleteRow, chat, type CallResult, createFaultWorld, errorOf, type FaultWorld, ssePayloads, waitForLogs } from './fault-world';

let world: FaultWorld;
let app: AppProcess;
const ids: string[] = [];
let faultsInjected = 0;
// A scripted OpenAI-format upstream (DeepSeek's base URL) for faults the fake providers cannot
// time: each request takes the next script, which writes to the response as it likes.
const scripts: Array<(res: ServerResponse) => Promise<void>> = [];
let scripted: Server;

beforeAll(async () => {
  world = await createFaultWorld();
  scripted = createServer((req, res) => {
    req.resume();
    const script = scripts.shift();
    if (!script) return void res.writeHead(500).end('{"error":{"message":"no script"}}');
    void script(res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
  app = await startApp({
    env: world.appEnv({
      // custom/<model> goes to a loopback port nothing listens on: connection refused.
      LLMTEST_CUSTOM_BASE_URL: `http://127.0.0.1:${await closedPort()}/v1`,
      DEEPSEEK_BASE_URL: `http://127.0.0.1:${(scripted.address() as AddressInfo).port}/v1`,
    }),
  });
});
afterAll(async () => {
  scripted?.closeAllConnections();
  scripted?.close();
  const exit = await app?.stop();
  console.info(`[faults] upstream: ${faultsInjected} faults injected, ${ids.length} calls, server exit ${JSON.stringify(exit)}`);
  await world?.close();
});
beforeEach(() => world.fake.reset());

const messages = [{ role: 'user', content: 'Say hello.' }];
/** Every fault call must be answered within this (deadline 2.5 s + retries/backoff + slack). */
const BOUND_MS = 6_000;

async function call(body: Record<string, unknown>): Promise<CallResult> {
  const result = await chat(app.origin, world.key, { messages, ...body }, { timeoutMs: BOUND_MS + 5_000 });
  expect(result.failed).toBeUndefined();
  expect(result.ms).toBeLessThan(BOUND_MS);
  expect(result.requestId).toBeTruthy();
  ids.push(result.requestId!);
  return result;
}

async function logOf(result: CallResult) {
  const [row] = await waitForLogs(world.db, [result.requestId!]);
  expect(row, `call ${result.requestId} is in the log`).toBeDefined();
  assertCompleteRow(row!);
  return row!;
}

function inject(rule: Parameters<FaultWorld['fake']['enqueue']>[0]) {
  faultsInjected += rule.times === Infinity ? 1 : (rule.times ?? 1);
  world.fake.enqueue(rule);
}

describe('upstream faults through the real app process', () => {
  it('connection refused: falls back at once to the next model', async () => {
    for (const stream of [false, true]) {
      faultsInjected++;
      const result = await call({ model: 'custom/llama3', models: ['custom/llama3', 'openai/gpt-4o'], stream });
      expect(result.status).toBe(200);
      expect(result.headers.get('x-llmtest-fallback-model')).toBe('openai/gpt-4o');
      if (stream) expect(ssePayloads(result.text).at(-1)).toBe('[DONE]');
      const row = await logOf(result);
      expect(row.status).toBe('ok');
      expect(row.fellBack).toBe(true);
      expect(attemptsOf(row).map((a) => [a.provider, a.reason])).toEqual([
        ['custom', 'connect'],
        ['openai', 'ok'],
      ]);
    }
  });

  it('reset before the answer and mid-body: retried on the same model, then fallen back', async () => {
    inject({ provider: 'openai', behaviour: { type: 'reset' } });
    const retried = await call({ model: 'openai/gpt-4o', models: ['openai/gpt-4o', 'anthropic/claude-sonnet-4'] });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('x-llmtest-fallback-model')).toBeNull();
    expect(attemptsOf(await logOf(retried)).map((a) => a.reason)).toEqual(['reset', 'ok']);

    inject({ provider: 'openai', times: 2, behaviour: { type: 'reset-mid-body' } });
    const fellBack = await call({ model: 'openai/gpt-4o', models: ['openai/gpt-4o', 'anthropic/claude-sonnet-4'] });
    expect(fellBack.status).toBe(200);
    expect(fellBack.headers.get('x-llmtest-fallback-model')).toBe('anthropic/claude-sonnet-4');
    expect(JSON.parse(fellBack.text).choices[0].message.content).toBeTruthy();
    const row = await logOf(fellBack);
    expect(attemptsOf(row).map((a) => [a.provider, a.reason])).toEqual([
      ['openai', 'reset'],
      ['openai', 'reset'],
      ['anthropic', 'ok'],
    ]);
  });

  it.each(['openai', 'anthropic', 'gemini'] as const)('%s reset mid-stream after the first byte: an error event the SDK raises, logged as error', async (provider) => {
    const model = { openai: 'openai/gpt-4o', anthropic: 'anthropic/claude-sonnet-4', gemini: 'google/gemini-2.5-flash' }[provider];
    // 5 events: past Anthropic's message_start / content_block_start / ping, into the content.
    inject({ provider, behaviour: { type: 'reset-mid-stream', afterEvents: 5 } });
    const result = await call({ model, stream: true });
    expect(result.status).toBe(200);
    const payloads = ssePayloads(result.text);
    expect(payloads.at(-1)).toMatchObject({ error: { type: 'server_error', code: 'upstream_error' } });
    const row = await logOf(result);
    expect(row).toMatchObject({ status: 'error', httpStatus: 200, errorType: 'reset' });
    expect(attemptsOf(row).map((a) => a.reason)).toEqual(['ok']);

    // The same through the official SDK: the error event is raised, not swallowed.
    inject({ provider, behaviour: { type: 'reset-mid-stream', afterEvents: 5 } });
    const client = new OpenAI({ baseURL: `${app.origin}/v1`, apiKey: world.key, maxRetries: 0, timeout: BOUND_MS });
    const consume = async () => {
      const stream = await client.chat.completions.create({ model, messages: messages as never, stream: true });
      for await (const chunk of stream) void chunk;
    };
    await expect(consume()).rejects.toThrow(/upstream stream failed/);
  });

  it('a stalled stream: after the first byte the idle timeout ends it with an error event; before it, a retry/fallback', async () => {
    inject({ provider: 'openai', behaviour: { type: 'stall-stream', afterEvents: 2 } });
    const stalled = await call({ model: 'openai/gpt-4o', stream: true });
    expect(stalled.status).toBe(200);
    expect(ssePayloads(stalled.text).at(-1)).toMatchObject({ error: { code: 'upstream_timeout' } });
    expect(await logOf(stalled)).toMatchObject({ status: 'error', errorType: 'timeout' });

    inject({ provider: 'openai', times: 2, behaviour: { type: 'stall-stream', afterEvents: 0 } });
    const before = await call({ model: 'openai/gpt-4o', models: ['openai/gpt-4o', 'anthropic/claude-sonnet-4'], stream: true });
    expect(before.status).toBe(200);
    expect(before.headers.get('x-llmtest-fallback-model')).toBe('anthropic/claude-sonnet-4');
    expect(ssePayloads(before.text).at(-1)).toBe('[DONE]');
    expect(attemptsOf(await logOf(before)).map((a) => [a.provider, a.reason])).toEqual([
      ['openai', 'timeout'],
      ['openai', 'timeout'],
      ['anthropic', 'ok'],
    ]);
  });

  it('a 200 whose body is garbage: falls back at once (no retry)', async () => {
    inject({ provider: 'openai', behaviour: { type: 'garbage', body: '<html><body>502 Bad Gateway</body></html>', contentType: 'text/html' } });
    const result = await call({ model: 'openai/gpt-4o', models: ['openai/gpt-4o', 'google/gemini-2.5-flash'] });
    expect(result.status).toBe(200);
    expect(result.headers.get('x-llmtest-fallback-model')).toBe('google/gemini-2.5-flash');
    expect(attemptsOf(await logOf(result)).map((a) => [a.provider, a.reason])).toEqual([
      ['openai', 'bad_response'],
      ['gemini', 'ok'],
    ]);

    // Only garbage everywhere: a clear 502 naming every attempt.
    inject({ provider: 'openai', behaviour: { type: 'garbage', body: '{"not":"a completion"' } });
    const failed = await call({ model: 'openai/gpt-4o' });
    expect(failed.status).toBe(502);
    expect(errorOf(failed)).toMatchObject({ type: 'server_error', code: 'upstream_failed' });
    expect(errorOf(failed).message).toMatch(/openai\/gpt-4o via openai: bad_response/);
    expect(await logOf(failed)).toMatchObject({ status: 'error', httpStatus: 502, errorType: 'upstream_failed' });
  });

  it.each(['openai', 'anthropic', 'gemini'] as const)('invalid SSE framing from %s before any content: falls back, the client sees a clean stream', async (provider) => {
    const model = { openai: 'openai/gpt-4o', anthropic: 'anthropic/claude-sonnet-4', gemini: 'google/gemini-2.5-flash' }[provider];
    const fallback = provider === 'openai' ? 'anthropic/claude-sonnet-4' : 'openai/gpt-4o';
    inject({ provider, behaviour: { type: 'invalid-sse' } });
    const result = await call({ model, models: [model, fallback], stream: true });
    expect(result.status).toBe(200);
    const payloads = ssePayloads(result.text);
    expect(payloads.at(-1)).toBe('[DONE]');
    expect(payloads.some((p) => typeof p === 'object' && p !== null && 'error' in p)).toBe(false);
    expect(result.headers.get('x-llmtest-fallback-model')).toBe(fallback);
    const attempts = attemptsOf(await logOf(result));
    expect(attempts[0]).toMatchObject({ provider, reason: 'bad_response' });
    expect(attempts.at(-1)).toMatchObject({ reason: 'ok' });
  });

  it.each([
    ['a non-JSON event', 'data: <html>502 Bad Gateway</html>\n\n', 'bad_response'],
    ['a clean close without finish_reason or [DONE]', '', 'reset'],
  ])('after content has started, %s: the client gets an error event, not a silently truncated answer', async (_, tail, errorType) => {
    const first = 'data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1,"model":"deepseek-chat","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n';
    faultsInjected++;
    scripts.push(async (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(first);
      await new Promise((r) => setTimeout(r, 200));
      res.end(tail);
    });
    const result = await call({ model: 'deepseek/deepseek-chat', stream: true });
    const payloads = ssePayloads(result.text);
    expect(payloads[0]).toMatchObject({ choices: [{ delta: { content: 'Hel' } }] });
    expect(payloads.at(-2)).toMatchObject({ error: { type: 'server_error' } });
    expect(payloads.at(-1)).toBe('[DONE]');
    expect(await logOf(result)).toMatchObject({ status: 'error', errorType });
  });

  it('a provider answering after the deadline: 504 within the deadline, the upstream request aborted', async () => {
    for (const stream of [false, true]) {
      inject({ provider: 'openai', times: Infinity, behaviour: { type: 'delay', ms: 8_000 } });
      const result = await call({ model: 'openai/gpt-4o', stream });
      expect(result.status).toBe(504);
      expect(errorOf(result)).toMatchObject({ type: 'server_error', code: 'upstream_timeout' });
      expect(result.ms).toBeLessThan(2_500 + 1_000);
      const row = await logOf(result);
      expect(row).toMatchObject({ status: 'error', httpStatus: 504, errorType: 'upstream_timeout' });
      expect(attemptsOf(row).length).toBeGreaterThanOrEqual(1);
      expect(attemptsOf(row).every((a) => a.reason === 'timeout')).toBe(true);
      // The gateway hung up on the slow upstream instead of leaving the request open.
      await expect.poll(() => world.fake.requests.filter((r) => r.behaviour === 'delay').every((r) => r.endedAt !== undefined), { timeout: 3_000 }).toBe(true);
      world.fake.reset();
    }
  });

  it('all providers down at once: a clear 5xx for every call, each within the bound, all logged', async () => {
    for (const provider of ['openai', 'anthropic', 'gemini'] as const) {
      inject({ provider, times: Infinity, behaviour: { type: 'reset' } });
    }
    const models = ['openai/gpt-4o', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-flash', 'custom/llama3'];
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => call({ model: models[0], models, stream: i % 2 === 0 })));
    for (const result of results) {
      // 502 naming every attempt; 504 only if a loaded machine let the 2.5 s deadline pass first.
      expect([502, 504]).toContain(result.status);
      expect(errorOf(result)).toMatchObject({ type: 'server_error', code: result.status === 502 ? 'upstream_failed' : 'upstream_timeout', param: null });
      expect(errorOf(result).message).toMatch(/openai\/gpt-4o via openai: reset/);
    }
    const rows = await waitForLogs(world.db, results.map((r) => r.requestId!));
    expect(rows).toHaveLength(results.length);
    for (const row of rows) {
      assertCompleteRow(row);
      expect(row).toMatchObject({ status: 'error' });
      const reasons = attemptsOf(row).map((a) => a.reason);
      // Each model retried once (LLMTEST_MAX_RETRIES=1) except the refused one (fallen back at once).
      if (row.httpStatus === 502) expect(reasons).toEqual(['reset', 'reset', 'reset', 'reset', 'reset', 'reset', 'connect']);
      else expect(reasons.every((reason) => ['reset', 'connect', 'timeout'].includes(reason))).toBe(true);
    }
    faultsInjected += results.length * 7;
  });
});
