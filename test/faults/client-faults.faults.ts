// Client-side faults against the real app process: a client that leaves mid-stream, and 1,000
// clients that connect and go silent (slowloris).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startApp } from './app-process';
import { chat, createFaultWorld, type FaultWorld, sleep, ssePayloads, waitForLogs } from './fault-world';

let world: FaultWorld;
let app: AppProcess;
const HEADERS_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 3_000;

beforeAll(async () => {
  world = await createFaultWorld();
  app = await startApp({
    env: world.appEnv({ LLMTEST_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), LLMTEST_HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) }),
  });
});
afterAll(async () => {
  await app?.stop();
  await world?.close();
});

const messages = [{ role: 'user', content: 'Tell me a long story.' }];
const longText = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');

describe('client faults through the real app process', () => {
  it('a client that disconnects mid-stream aborts the upstream call and is logged as cancelled', async () => {
    world.fake.reset();
    // 60 events 100 ms apart: a 6 s stream the client leaves after its first chunk.
    world.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: longText, events: 60, chunkDelayMs: 100 } });
    const controller = new AbortController();
    const response = await fetch(`${app.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages, stream: true }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-llmtest-request-id')!;
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: ');
    const leftAt = Date.now();
    controller.abort();

    // The fake provider sees the gateway hang up well before its 6 s answer would have ended.
    await expect.poll(() => world.fake.requests.at(-1)?.clientAborted, { timeout: 3_000, interval: 50 }).toBe(true);
    expect(world.fake.requests.at(-1)!.endedAt! - leftAt).toBeLessThan(2_000);

    const [row] = await waitForLogs(world.db, [requestId]);
    expect(row).toMatchObject({ status: 'cancelled', httpStatus: 499, errorType: 'cancelled', stream: true });
  });

  it('a client that disconnects before the answer starts aborts the upstream call too', async () => {
    world.fake.reset();
    world.fake.enqueue({ provider: 'openai', behaviour: { type: 'delay', ms: 5_000 } });
    const controller = new AbortController();
    const pending = fetch(`${app.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages }),
      signal: controller.signal,
    }).catch(() => null);
    await expect.poll(() => world.fake.requests.length, { timeout: 3_000, interval: 20 }).toBe(1);
    controller.abort();
    await pending;
    await expect.poll(() => world.fake.requests[0]!.clientAborted, { timeout: 3_000, interval: 50 }).toBe(true);
    // No request id reached the client: find the row by its requested model and status.
    await expect
      .poll(async () => world.db.callLog.count({ where: { userId: world.userId, status: 'cancelled', stream: false } }), { timeout: 5_000, interval: 100 })
      .toBe(1);
  });

  it('1,000 silent or slow clients do not exhaust the server, and are cut off by its timeouts', { timeout: 60_000 }, async () => {
    world.fake.reset();
    const sockets: net.Socket[] = [];
    let closedByServer = 0;
    const open = (write: (socket: net.Socket) => void) =>
      new Promise<void>((resolve) => {
        const socket = net.connect(app.port, '127.0.0.1', () => {
          write(socket);
          resolve();
        });
        socket.on('error', () => undefined);
        // Read (and drop) what the server sends, or its close would never be noticed.
        socket.resume();
        socket.on('close', () => closedByServer++);
        sockets.push(socket);
      });
    const silent = () => undefined;
    const partialHeaders = (socket: net.Socket) => socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${world.key}\r\n`);
    const partialBody = (socket: net.Socket) =>
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${world.key}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"model":`);
    const started = Date.now();
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => open([silent, partialHeaders, partialBody][(batch * 100 + i) % 3]!)));
    }
    expect(sockets).toHaveLength(1_000);
    const openedIn = Date.now() - started;

    // Meanwhile normal requests are served quickly.
    for (let i = 0; i < 5; i++) {
      const result = await chat(app.origin, world.key, { model: 'openai/gpt-4o', messages }, { timeoutMs: 5_000 });
      expect(result.status).toBe(200);
      expect(result.ms).toBeLessThan(1_000);
    }
    const models = await fetch(`${app.origin}/v1/models`, { signal: AbortSignal.timeout(5_000) });
    expect(models.status).toBe(200);

    // A response may last longer than the request timeout: it bounds receiving the request only.
    world.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: longText, events: 40, chunkDelayMs: 100 } });
    const long = await chat(app.origin, world.key, { model: 'openai/gpt-4o', messages, stream: true }, { timeoutMs: 15_000 });
    expect(long.ms).toBeGreaterThan(REQUEST_TIMEOUT_MS);
    expect(ssePayloads(long.text).at(-1)).toBe('[DONE]');

    // The silent and slow sockets are closed by the server (headers / request timeout + check interval).
    await expect.poll(() => closedByServer, { timeout: REQUEST_TIMEOUT_MS + HEADERS_TIMEOUT_MS + 5_000, interval: 200 }).toBe(1_000);
    console.info(`[faults] slowloris: 1,000 sockets opened in ${openedIn} ms, all closed by the server after ${Date.now() - started} ms`);
    for (const socket of sockets) socket.destroy();
  });

  it('an idle keep-alive connection is not cut by the headers timeout', async () => {
    const socket = net.connect(app.port, '127.0.0.1');
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const request = 'GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(request);
    await expect.poll(() => received.includes('"object":"list"') || received.includes('"data"'), { timeout: 3_000 }).toBe(true);
    const firstLength = received.length;
    // Idle for longer than the headers timeout plus its check interval.
    await sleep(HEADERS_TIMEOUT_MS * 2 + 500);
    expect(socket.destroyed).toBe(false);
    socket.write(request);
    await expect.poll(() => received.slice(firstLength).startsWith('HTTP/1.1 200'), { timeout: 3_000 }).toBe(true);
    socket.destroy();
  });
});
