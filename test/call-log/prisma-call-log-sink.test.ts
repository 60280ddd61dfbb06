// The Prisma sink and the writer against real databases: a fresh migrated PGlite and a fresh
// PostgreSQL database (random name, dropped at the end), same assertions on both.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLogWriter, type CallLogLogger } from '../../lib/call-log/call-log-writer';
import type { CallLogSink } from '../../lib/call-log/call-log-sink';
import { callRecordToJsonLine } from '../../lib/call-log/call-record-json';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { createAdapterFactory } from '../../lib/db/client';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { waitFor } from './fake-call-log-sink';
import { makeCallRecord, makeCallRecords } from './make-call-record';

const quietLogger: CallLogLogger = { info() {}, warn() {}, error() {} };

describe.each(['pglite', 'postgres'] as const)('call log on %s', (kind) => {
  let database: TestDatabase;
  let db: PrismaClient;
  let closeAdapter: () => Promise<void>;
  let sink: CallLogSink;
  let userA: string;
  let userB: string;
  let keyA: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { factory, close } = await createAdapterFactory(database.env);
    closeAdapter = close;
    db = new PrismaClient({ adapter: factory });
    userA = (await db.user.create({ data: { email: `a-${kind}@example.com` } })).id;
    userB = (await db.user.create({ data: { email: `b-${kind}@example.com` } })).id;
    keyA = (await db.apiKey.create({ data: { userId: userA, name: 'k', prefix: `llmt_a_${kind}`, keyHash: `hash-a-${kind}` } })).id;
    sink = createPrismaCallLogSink(db);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await closeAdapter?.();
    await database?.drop();
  });

  const countFor = (userId: string, flowName?: string) =>
    db.callLog.count({ where: { userId, ...(flowName ? { flow: { name: flowName } } : {}) } });

  it('N records enqueued → exactly N rows, flows created once, costs exact as BigInt', async () => {
    const writer = createCallLogWriter({ sink, maxBatch: 500, logger: quietLogger });
    const N = 2_345;
    const big = 3_000_000_007; // above int32: the columns are BIGINT
    let expectedCost = 0n;
    for (let i = 0; i < N; i++) {
      const costMicros = big + i;
      expectedCost += BigInt(costMicros);
      writer.enqueue(
        makeCallRecord({
          userId: i % 2 ? userA : userB,
          apiKeyId: i % 2 ? keyA : null,
          flowName: `bulk-${i % 5}`,
          costMicros,
          inputCostMicros: costMicros - 7,
          outputCostMicros: 7,
        }),
      );
    }
    await writer.close();
    expect(writer.stats()).toMatchObject({ written: N, duplicates: 0, dropped: 0, failedBatches: 0 });
    expect(await db.callLog.count({ where: { flow: { name: { startsWith: 'bulk-' } } } })).toBe(N);
    const flows = await db.flow.findMany({ where: { name: { startsWith: 'bulk-' } } });
    expect(flows).toHaveLength(10); // 2 users × 5 names, each created once across 5 batches
    const sum = await db.callLog.aggregate({
      _sum: { costMicros: true, inputCostMicros: true, outputCostMicros: true },
      where: { flow: { name: { startsWith: 'bulk-' } } },
    });
    expect(sum._sum.costMicros).toBe(expectedCost);
    expect(sum._sum.inputCostMicros! + sum._sum.outputCostMicros!).toBe(expectedCost);
  });

  it('stores every field as given', async () => {
    const record = makeCallRecord({
      userId: userA,
      apiKeyId: keyA,
      flowName: 'fields',
      createdAt: new Date('2026-03-04T05:06:07.089Z'),
      servedModel: 'claude-haiku',
      provider: 'anthropic',
      status: 'error',
      httpStatus: 502,
      errorType: 'upstream_error',
      errorMessage: 'all attempts failed',
      stream: true,
      fellBack: true,
      contentFallback: true,
      jsonRepaired: true,
      inputTokens: 1_000_000,
      outputTokens: 2,
      cachedInputTokens: 3,
      costEstimated: true,
      inputCostMicros: 1,
      outputCostMicros: 2,
      cachedCostMicros: 3,
      costMicros: 6,
      latencyMs: 4_321,
      ttftMs: 210,
      attempts: [
        { model: 'gpt-4o-mini', provider: 'openai', status: 429, reason: 'rate_limited', message: 'slow down', latencyMs: 40 },
        { model: 'claude-haiku', provider: 'anthropic', status: 0, reason: 'timeout', latencyMs: 4_000 },
      ],
      requestBody: '{"messages":[{"role":"user","content":"héllo ✓"}]}',
      requestTruncated: true,
      responseBody: null,
      responseTruncated: false,
      responseHeaders: { 'x-llmtest-fallback-model': 'claude-haiku' },
      source: 'benchmark',
    });
    expect(await sink.write([record])).toEqual({ inserted: 1, unknownUser: 0 });
    const row = await db.callLog.findUniqueOrThrow({ where: { id: record.id }, include: { flow: true } });
    const { flowName, ...columns } = record;
    expect(row.flow.name).toBe(flowName);
    expect(row).toMatchObject({
      ...columns,
      inputCostMicros: 1n,
      outputCostMicros: 2n,
      cachedCostMicros: 3n,
      costMicros: 6n,
    });
  });

  it('never inserts a duplicate: rewriting or replaying a batch skips the ids already stored', async () => {
    const records = makeCallRecords(300, { userId: userB, flowName: 'replay' });
    expect(await sink.write(records.slice(0, 200))).toEqual({ inserted: 200, unknownUser: 0 });
    expect(await sink.write(records)).toEqual({ inserted: 100, unknownUser: 0 });
    expect(await sink.write([records[0], records[0]])).toEqual({ inserted: 0, unknownUser: 0 });
    expect(await countFor(userB, 'replay')).toBe(300);

    // A spill file replayed after a crash that happened after the database had the rows.
    const spillDir = mkdtempSync(path.join(tmpdir(), 'llmtest-spill-'));
    try {
      writeFileSync(path.join(spillDir, 'calllog-00001700000000000-999999-deadbeef-000001.jsonl'), records.map(callRecordToJsonLine).join(''));
      const writer = createCallLogWriter({ sink, spillDir, logger: quietLogger });
      await waitFor(() => writer.stats().replayed === 300, 20_000, 'replay');
      await writer.close();
      expect(writer.stats()).toMatchObject({ written: 0, duplicates: 300 });
      expect(readdirSync(spillDir).filter((n) => n.startsWith('calllog-'))).toEqual([]);
    } finally {
      rmSync(spillDir, { recursive: true, force: true });
    }
    expect(await countFor(userB, 'replay')).toBe(300);
  });

  it('a flow exists from its first call; lastCallAt and the key lastUsedAt follow the newest call', async () => {
    const t0 = new Date('2026-05-01T10:00:00.000Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    await sink.write([
      makeCallRecord({ userId: userA, apiKeyId: keyA, flowName: 'timeline', createdAt: at(5) }),
      makeCallRecord({ userId: userA, apiKeyId: keyA, flowName: 'timeline', createdAt: at(1) }),
    ]);
    let flow = await db.flow.findUniqueOrThrow({ where: { userId_name: { userId: userA, name: 'timeline' } } });
    expect(flow.lastCallAt).toEqual(at(5));
    // Older records (a late replay) never move it back.
    await sink.write([makeCallRecord({ userId: userA, apiKeyId: keyA, flowName: 'timeline', createdAt: at(2) })]);
    flow = await db.flow.findUniqueOrThrow({ where: { id: flow.id } });
    expect(flow.lastCallAt).toEqual(at(5));
    await sink.write([makeCallRecord({ userId: userA, apiKeyId: keyA, flowName: 'timeline', createdAt: at(9) })]);
    flow = await db.flow.findUniqueOrThrow({ where: { id: flow.id } });
    expect(flow.lastCallAt).toEqual(at(9));
    expect(await db.flow.count({ where: { name: 'timeline' } })).toBe(1);
    expect(await countFor(userA, 'timeline')).toBe(4);
  });

  it('concurrent batches creating the same new flow create it once', async () => {
    const batches = Array.from({ length: 4 }, () => makeCallRecords(50, { userId: userB, flowName: 'race' }));
    const results = await Promise.all(batches.map((batch) => sink.write(batch)));
    expect(results.map((r) => r?.inserted)).toEqual([50, 50, 50, 50]);
    expect(await db.flow.count({ where: { userId: userB, name: 'race' } })).toBe(1);
    expect(await countFor(userB, 'race')).toBe(200);
  });

  it('skips calls of unknown users, stores a deleted key as NULL, cleans text PostgreSQL refuses', async () => {
    const gone = makeCallRecord({ userId: 'no-such-user', flowName: 'misc' });
    const deletedKey = makeCallRecord({ userId: userA, apiKeyId: 'no-such-key', flowName: 'misc' });
    const dirty = makeCallRecord({ userId: userA, flowName: 'misc', errorMessage: 'a\u0000b\ud800c', responseHeaders: { x: 'n\u0000ul' } });
    expect(await sink.write([gone, deletedKey, dirty])).toEqual({ inserted: 2, unknownUser: 1 });
    expect((await db.callLog.findUniqueOrThrow({ where: { id: deletedKey.id } })).apiKeyId).toBeNull();
    const stored = await db.callLog.findUniqueOrThrow({ where: { id: dirty.id } });
    expect(stored.errorMessage).toBe('ab\ufffdc');
    expect(stored.responseHeaders).toEqual({ x: 'nul' });
    expect(await db.callLog.count({ where: { id: gone.id } })).toBe(0);
  });

  it('a batch is all or nothing; the writer isolates the refused record and keeps the rest', async () => {
    const records = makeCallRecords(40, { userId: userA, flowName: 'atomic' });
    const broken = [...records];
    broken[17] = { ...records[17], id: null as never }; // NOT NULL violation (23502)
    const error = await sink.write(broken).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(sink.isPermanentError?.(error)).toBe(true);
    expect(await countFor(userA, 'atomic')).toBe(0);

    const spillDir = mkdtempSync(path.join(tmpdir(), 'llmtest-spill-'));
    try {
      const writer = createCallLogWriter({ sink, spillDir, maxBatch: 40, logger: quietLogger });
      for (const r of broken) writer.enqueue(r);
      await writer.close();
      expect(writer.stats()).toMatchObject({ written: 39, rejected: 1, failedBatches: 0 });
      expect(readdirSync(spillDir).some((n) => n.startsWith('rejected-'))).toBe(true);
    } finally {
      rmSync(spillDir, { recursive: true, force: true });
    }
    expect(await countFor(userA, 'atomic')).toBe(39);
  });

  it('a record that cannot be serialized is set aside; an invalid date is stored as now', async () => {
    const circular = makeCallRecord({ userId: userA, flowName: 'odd' });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    circular.attempts = [loop as never];
    const badDate = makeCallRecord({ userId: userA, flowName: 'odd', createdAt: new Date(Number.NaN) });
    const fine = makeCallRecord({ userId: userA, flowName: 'odd' });
    const writer = createCallLogWriter({ sink, logger: quietLogger });
    for (const r of [circular, badDate, fine]) writer.enqueue(r);
    const before = Date.now();
    await writer.close();
    expect(writer.stats()).toMatchObject({ written: 2, rejected: 1, failedBatches: 0 });
    const stored = await db.callLog.findUniqueOrThrow({ where: { id: badDate.id } });
    expect(Math.abs(stored.createdAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('an outage spills to disk and the replay lands every record exactly once', async () => {
    let down = true;
    const flaky: CallLogSink = {
      write: (records) => (down ? Promise.reject(new Error('Connection terminated unexpectedly')) : sink.write(records)),
      isPermanentError: sink.isPermanentError,
    };
    const spillDir = mkdtempSync(path.join(tmpdir(), 'llmtest-spill-'));
    try {
      const writer = createCallLogWriter({
        sink: flaky,
        spillDir,
        maxBatch: 100,
        spillAfterMs: 30,
        retryBaseMs: 10,
        retryMaxMs: 50,
        logger: quietLogger,
      });
      const records = makeCallRecords(1_000, { userId: userB, flowName: 'outage' });
      for (let i = 0; i < records.length; i += 100) {
        for (const r of records.slice(i, i + 100)) writer.enqueue(r);
        await new Promise((r) => setTimeout(r, 5));
      }
      await waitFor(() => writer.stats().spilled === 1_000, 10_000, 'spill');
      down = false;
      await waitFor(() => writer.stats().replayed === 1_000, 30_000, 'replay');
      await writer.close();
      expect(writer.stats()).toMatchObject({ written: 1_000, dropped: 0 });
    } finally {
      rmSync(spillDir, { recursive: true, force: true });
    }
    expect(await countFor(userB, 'outage')).toBe(1_000);
  });
});
