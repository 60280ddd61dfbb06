// Scale-out: two app processes (different ports and data dirs) sharing one PostgreSQL database
// and one Redis. A key revoked on A is refused on B within 5 s; a circuit opened by failures
// through A is open on B; the call log has every call of both.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAdminCommand } from '../../lib/admin/admin-socket';
import { createRedisClient } from '../../lib/gateway/redis-client';
import { type AppProcess, startApp } from '../faults/app-process';
import { attemptsOf, chat, createFaultWorld, errorOf, type FaultWorld, sleep, waitForLogs } from '../faults/fault-world';

const REDIS_URL = process.env.LLMTEST_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
// A model id of our own: its breaker keys (llmtest:breaker:custom/<id>@custom:*) touch nothing else in the shared Redis.
const model = `custom/scale-${randomBytes(6).toString('hex')}`;
const messages = [{ role: 'user', content: 'Say hello.' }];

let world: FaultWorld;
let a: AppProcess;
let b: AppProcess;
const ids: string[] = [];

beforeAll(async () => {
  world = await createFaultWorld();
  const env = world.appEnv({ REDIS_URL, LLMTEST_BREAKER_THRESHOLD: '3', LLMTEST_BREAKER_COOLDOWN_MS: '30000' });
  [a, b] = await Promise.all([startApp({ env }), startApp({ env })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  const redis = createRedisClient(REDIS_URL);
  try {
    const base = `llmtest:breaker:${model}@custom`;
    await redis.command('DEL', `${base}:failures`, `${base}:open`, `${base}:probe`);
  } finally {
    redis.close();
  }
  await world?.close();
});

async function call(app: AppProcess, key = world.key, body: Record<string, unknown> = {}) {
  const result = await chat(app.origin, key, { model: 'openai/gpt-4o', messages, ...body }, { timeoutMs: 10_000 });
  expect(result.failed).toBeUndefined();
  if (result.requestId && result.status !== 401) ids.push(result.requestId);
  return result;
}

describe('two instances sharing PostgreSQL and Redis', () => {
  it('both serve calls', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await call(i % 2 ? a : b)).status).toBe(200);
    }
  });

  it('circuit breakers are shared: failures through A open the circuit B sees', async () => {
    world.fake.reset();
    world.fake.enqueue({ provider: 'compat', model: model.slice('custom/'.length), times: Infinity, behaviour: { type: 'status', status: 500 } });
    // Threshold 3: two calls through A (an attempt and its retry each) open it.
    for (let i = 0; i < 2; i++) {
      const failed = await call(a, world.key, { model });
      expect(failed.status).toBe(502);
    }
    const upstreamCalls = world.fake.requests.length;
    expect(upstreamCalls).toBe(4);
    const skipped = await call(b, world.key, { model });
    expect(skipped.status).toBe(503);
    expect(errorOf(skipped)).toMatchObject({ type: 'server_error', code: 'no_available_model' });
    expect(errorOf(skipped).message).toMatch(/circuit_open/);
    // B did not send anything upstream for the open circuit.
    expect(world.fake.requests.length).toBe(upstreamCalls);
    const [row] = await waitForLogs(world.db, [skipped.requestId!]);
    expect(attemptsOf(row!).map((attempt) => attempt.reason)).toEqual(['circuit_open']);
    world.fake.reset();
  });

  it('a key revoked on A is refused on B within 5 s', async () => {
    const { key } = await (await import('../../lib/accounts/api-keys')).createApiKey(world.db, world.userId, 'scale-out');
    // Hot in both caches.
    expect((await call(a, key)).status).toBe(200);
    expect((await call(b, key)).status).toBe(200);
    const revoked = await sendAdminCommand(a.dataDir, { command: 'key.revoke', prefix: key });
    expect(revoked).toMatchObject({ ok: true });
    const revokedAt = Date.now();
    // A (where it was revoked) refuses at once.
    expect((await call(a, key)).status).toBe(401);
    let refusedAfter = -1;
    while (Date.now() - revokedAt < 6_000) {
      const result = await call(b, key);
      if (result.status === 401) {
        refusedAfter = Date.now() - revokedAt;
        expect(errorOf(result)).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error' });
        break;
      }
      expect(result.status).toBe(200);
      await sleep(50);
    }
    console.info(`[scale-out] key revoked on A: refused on B after ${refusedAfter} ms`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThan(5_000);
  });

  it('the call log has every call of both instances', async () => {
    const rows = await waitForLogs(world.db, ids, 15_000);
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
  });
});
