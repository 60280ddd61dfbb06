// Every figure the flows list and the flow page show, checked against calls with known costs
// and latencies (an oracle computes them from the seeded array). Runs on PGlite and PostgreSQL.
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { getDb, type Db } from '../../lib/db/client';
import { getFlowByName } from '../../lib/queries/flows/get-flow-by-name';
import { getFlowModelUsage } from '../../lib/queries/flows/get-flow-model-usage';
import { getFlowTimeSeries } from '../../lib/queries/flows/get-flow-time-series';
import { latencyBucketOf, latencyBucketValue } from '../../lib/queries/flows/latency-buckets';
import { listFlowSummaries } from '../../lib/queries/flows/list-flow-summaries';
import { listRecentFlowCalls } from '../../lib/queries/flows/list-recent-flow-calls';
import { makeCallRecord } from '../call-log/make-call-record';
import { useTestDatabase } from '../helpers/test-database';
import { createUserWithFlows, insertCalls, oracle, seedCall, type SeedCall } from './seed-calls';

useTestDatabase();

const T0 = Date.parse('2026-01-10T00:00:00.000Z');
const at = (h: number, m = 0, s = 0, ms = 0) => new Date(T0 + h * 3_600_000 + m * 60_000 + s * 1000 + ms);

let db: Db;
let a: { userId: string; flows: Record<string, string> };
let b: { userId: string; flows: Record<string, string> };
const calls: SeedCall[] = [];

beforeAll(async () => {
  db = await getDb();
  a = await createUserWithFlows(db, 'a@example.com', ['support-bot', 'summarizer', 'idle']);
  b = await createUserWithFlows(db, 'b@example.com', ['support-bot', 'b-only']);
  // support-bot of A: 20 calls every 15 minutes from 09:30, latencies 100, 200, … 2000 ms
  for (let i = 0; i < 20; i++) {
    calls.push(
      seedCall({
        userId: a.userId,
        flowId: a.flows['support-bot'],
        createdAt: at(9, 30 + i * 15),
        latencyMs: (i + 1) * 100,
        ttftMs: i % 2 === 0 ? (i + 1) * 25 : null,
        costMicros: [123n, 1_000_000n, 7n, 250_000n, 5_000_000_000_000_000n][i % 5],
        status: i === 5 ? 'cancelled' : i % 7 === 3 ? 'error' : 'ok',
        servedModel: i % 7 === 3 ? null : i % 3 === 0 ? 'claude-3-5-haiku' : 'gpt-4o-mini',
        requestedModel: 'gpt-4o-mini',
        fellBack: i % 4 === 0,
        jsonRepaired: i === 2,
      }),
    );
  }
  // other days (none on day 0), for ranges of several days read from the daily histograms
  for (const [i, h] of [-50, -33, -16, 30, 47].entries()) {
    calls.push(seedCall({ userId: a.userId, flowId: a.flows['support-bot'], createdAt: at(h, 13), latencyMs: 3000 + i * 517, ttftMs: i % 2 ? 90 + i : null, costMicros: 1_000n + BigInt(i), servedModel: 'gpt-4.1' }));
  }
  // benchmark replays in the same flow never count
  for (let i = 0; i < 5; i++) calls.push(seedCall({ userId: a.userId, flowId: a.flows['support-bot'], createdAt: at(10, i), costMicros: 999_999n, latencyMs: 5, source: 'benchmark' }));
  for (let i = 0; i < 5; i++) calls.push(seedCall({ userId: a.userId, flowId: a.flows.summarizer, createdAt: at(11, 5 + i, 7), latencyMs: 40 + i, costMicros: BigInt(10 + i), ttftMs: 12 }));
  for (let i = 0; i < 3; i++) calls.push(seedCall({ userId: b.userId, flowId: b.flows['support-bot'], createdAt: at(10, 10 + i), latencyMs: 7, costMicros: 1n }));
  calls.push(seedCall({ userId: b.userId, flowId: b.flows['b-only'], createdAt: at(12), costMicros: 2n }));
  await insertCalls(db, calls);
});

const RANGES: [string, Date, Date][] = [
  ['all of them with partial edge hours', at(9, 15), at(14, 45)],
  ['whole hours only', at(10), at(12)],
  ['inside one hour', at(10, 20), at(10, 50)],
  ['the day', at(0), at(24)],
  ['up to a millisecond before 14:00', at(9, 45), at(13, 59, 59, 999)],
  ['exactly at a call (from inclusive, to exclusive)', at(10, 0), at(11, 15)],
  ['several days with partial days and hours', at(-40, 20, 5), at(30, 10)],
  ['whole days', at(-48), at(48)],
  ['a week', at(-96, 30), at(72, 30)],
];

function expectSummaryMatches(summary: Awaited<ReturnType<typeof listFlowSummaries>>['flows'][number], expected: ReturnType<typeof oracle>) {
  expect(summary.calls).toBe(expected.calls);
  expect(summary.errors).toBe(expected.errors);
  expect(summary.cancelled).toBe(expected.cancelled);
  expect(summary.fallbacks).toBe(expected.fallbacks);
  expect(summary.jsonRepaired).toBe(expected.jsonRepaired);
  expect(summary.costMicros).toBe(expected.costMicros);
  expect(summary.latencyP50Ms).toBe(expected.latencyP50Ms);
  expect(summary.latencyP95Ms).toBe(expected.latencyP95Ms);
  expect(summary.ttftP50Ms).toBe(expected.ttftP50Ms);
  expect(summary.lastCallAt?.getTime() ?? null).toBe(expected.lastCallAt?.getTime() ?? null);
}

describe('flows list figures', () => {
  it('known set: exact integers for money and percentile_disc for latency', async () => {
    const { flows, totals } = await listFlowSummaries(db, a.userId, { from: at(9, 15), to: at(14, 45) });
    const bot = flows.find((f) => f.name === 'support-bot')!;
    expect(bot.calls).toBe(20);
    expect(bot.errors).toBe(3); // i = 3, 10, 17
    expect(bot.cancelled).toBe(1);
    expect(bot.fallbacks).toBe(5); // i = 0, 4, 8, 12, 16
    expect(bot.jsonRepaired).toBe(1);
    expect(bot.latencyP50Ms).toBe(1000);
    expect(bot.latencyP95Ms).toBe(1900);
    expect(bot.ttftP50Ms).toBe(225); // ttft 25, 75, … 475 (10 values): 5th = 225
    // 4 × (123 + 1,000,000 + 7 + 250,000 + 5e15) micro-dollars: beyond 2^53, still exact
    expect(bot.costMicros).toBe(4n * (123n + 1_000_000n + 7n + 250_000n + 5_000_000_000_000_000n));
    expect(bot.percentilesExact).toBe(true);
    expect(flows.map((f) => f.name)).toEqual(['support-bot', 'summarizer', 'idle']);
    expect(flows.find((f) => f.name === 'idle')).toMatchObject({ calls: 0, costMicros: 0n, latencyP50Ms: null, lastCallAt: null });
    expect(totals).toEqual({ calls: 25, errors: bot.errors, costMicros: bot.costMicros + 10n + 11n + 12n + 13n + 14n });
    expect(bot.topModels).toEqual([
      { model: 'gpt-4o-mini', calls: oracle(calls, { userId: a.userId, flowId: a.flows['support-bot'], from: at(0), to: at(24) }).byModel.get('gpt-4o-mini')!.calls },
      { model: 'claude-3-5-haiku', calls: oracle(calls, { userId: a.userId, flowId: a.flows['support-bot'], from: at(0), to: at(24) }).byModel.get('claude-3-5-haiku')!.calls },
    ]);
  });

  it.each(RANGES)('every figure of every flow matches the call log: %s', async (_name, from, to) => {
    const { flows, totals } = await listFlowSummaries(db, a.userId, { from, to });
    for (const flow of flows) expectSummaryMatches(flow, oracle(calls, { userId: a.userId, flowId: flow.flowId, from, to }));
    const all = oracle(calls, { userId: a.userId, from, to });
    expect(totals).toEqual({ calls: all.calls, errors: all.errors, costMicros: all.costMicros });
  });

  it('the histogram sketch reports the midpoint of the bucket holding the exact percentile', async () => {
    for (const [, from, to] of RANGES) {
      const exact = await listFlowSummaries(db, a.userId, { from, to });
      const sketch = await listFlowSummaries(db, a.userId, { from, to }, { exactPercentileLimit: 0 });
      for (const flow of sketch.flows) {
        const reference = exact.flows.find((f) => f.flowId === flow.flowId)!;
        const approx = (v: number | null) => (v === null ? null : latencyBucketValue(latencyBucketOf(v)));
        expect(flow.percentilesExact).toBe(sketch.totals.calls === 0);
        expect(flow.latencyP50Ms).toBe(approx(reference.latencyP50Ms));
        expect(flow.latencyP95Ms).toBe(approx(reference.latencyP95Ms));
        expect(flow.ttftP50Ms).toBe(approx(reference.ttftP50Ms));
        expect(flow.costMicros).toBe(reference.costMicros);
      }
    }
  });

  it('llmtest_latency_bucket in SQL equals the TypeScript mirror', async () => {
    const values = [0, 1, 127, 128, 129, 191, 192, 255, 256, 257, 1000, 4095, 4096, 65_535, 1_000_000, 2_147_483_647];
    for (let i = 0; i < 200; i++) values.push(Math.floor(Math.random() * 2 ** (1 + (i % 31))));
    const rows = await db.$queryRawUnsafe<{ v: number; b: number }[]>('SELECT v, llmtest_latency_bucket(v) AS b FROM unnest($1::int[]) AS v', values);
    for (const row of rows) expect(row.b).toBe(latencyBucketOf(row.v));
    for (const v of values) expect(Math.abs(latencyBucketValue(latencyBucketOf(v)) - v)).toBeLessThanOrEqual(Math.max(0, v / 128));
  });
});

describe('flow page figures', () => {
  it.each([
    ['minute buckets (2 h)', at(10), at(12), 60_000],
    ['hour buckets (a day, unaligned)', at(0, 30), at(24, 30), 3_600_000],
    ['day buckets (7 days)', at(-72), at(96), 86_400_000],
  ] as const)('time series per bucket matches the call log: %s', async (_name, from, to, step) => {
    for (const exactPercentileLimit of [Number.POSITIVE_INFINITY, 0]) {
      const series = await getFlowTimeSeries(db, a.userId, a.flows['support-bot'], { from, to }, { callsInRange: 20, exactPercentileLimit });
      expect(series.points[0].t).toBe(Math.floor(from.getTime() / step) * step);
      for (const point of series.points) {
        const expected = oracle(calls, {
          userId: a.userId,
          flowId: a.flows['support-bot'],
          from: new Date(Math.max(point.t, from.getTime())),
          to: new Date(Math.min(point.t + step, to.getTime())),
        });
        expect(point).toMatchObject({ calls: expected.calls, errors: expected.errors, fallbacks: expected.fallbacks, costMicros: expected.costMicros });
        const approx = (v: number | null) => (v === null || series.percentilesExact ? v : latencyBucketValue(latencyBucketOf(v)));
        expect(point.latencyP50Ms).toBe(approx(expected.latencyP50Ms));
        expect(point.latencyP95Ms).toBe(approx(expected.latencyP95Ms));
      }
      expect(series.points.reduce((s, p) => s + p.calls, 0)).toBe(oracle(calls, { userId: a.userId, flowId: a.flows['support-bot'], from, to }).calls);
    }
  });

  it('cost by model and the model mix match the call log', async () => {
    for (const [, from, to] of RANGES) {
      const usage = await getFlowModelUsage(db, a.userId, a.flows['support-bot'], { from, to });
      const expected = oracle(calls, { userId: a.userId, flowId: a.flows['support-bot'], from, to }).byModel;
      expect(new Map(usage.byModel.map((m) => [m.model, { calls: m.calls, costMicros: m.costMicros }]))).toEqual(expected);
      expect(usage.mix.reduce((s, m) => s + m.calls, 0)).toBe([...expected.values()].reduce((s, m) => s + m.calls, 0));
    }
  });

  it('recent calls: newest first, production only, within the range', async () => {
    const recent = await listRecentFlowCalls(db, a.userId, a.flows['support-bot'], { from: at(0), to: at(24) }, 5);
    expect(recent.map((c) => c.latencyMs)).toEqual([2000, 1900, 1800, 1700, 1600]);
  });
});

describe('tenancy', () => {
  it("never shows another user's flows or calls", async () => {
    expect(await getFlowByName(db, b.userId, 'summarizer')).toBeNull();
    expect((await getFlowByName(db, a.userId, 'support-bot'))?.id).toBe(a.flows['support-bot']);
    const { flows, totals } = await listFlowSummaries(db, b.userId, { from: at(0), to: at(24) });
    expect(flows.map((f) => f.name).sort()).toEqual(['b-only', 'support-bot']);
    expect(totals).toEqual({ calls: 4, errors: 0, costMicros: 5n });
    // a foreign flow id with one's own user id yields nothing
    const series = await getFlowTimeSeries(db, b.userId, a.flows['support-bot'], { from: at(0), to: at(24) });
    expect(series.points.every((p) => p.calls === 0 && p.latencyP50Ms === null)).toBe(true);
    expect((await getFlowModelUsage(db, b.userId, a.flows['support-bot'], { from: at(0), to: at(24) })).byModel).toEqual([]);
    expect(await listRecentFlowCalls(db, b.userId, a.flows['support-bot'], { from: at(0), to: at(24) })).toEqual([]);
    expect((await listFlowSummaries(db, b.userId, { from: at(0), to: at(24) }, { flowId: a.flows['support-bot'], exactPercentileLimit: 0 })).flows).toEqual([]);
  });
});

describe('rollups follow the call log', () => {
  it('after updates and deletes, and through the call-log sink', async () => {
    const bot = a.flows['support-bot'];
    const doomed = calls.filter((c) => c.flowId === bot && c.source === 'production').slice(0, 3);
    await db.callLog.deleteMany({ where: { id: { in: doomed.map((c) => c.id) } } });
    calls.splice(0, calls.length, ...calls.filter((c) => !doomed.includes(c)));
    const changed = calls.find((c) => c.flowId === bot && c.status === 'ok')!;
    await db.callLog.update({ where: { id: changed.id }, data: { status: 'error', costMicros: 42n } });
    changed.status = 'error';
    changed.costMicros = 42n;

    const record = makeCallRecord({ userId: a.userId, flowName: 'support-bot', createdAt: at(11, 11), costMicros: 31_337, latencyMs: 777, ttftMs: 55 });
    expect(await createPrismaCallLogSink(db).write([record])).toMatchObject({ inserted: 1 });
    calls.push(seedCall({ id: record.id, userId: a.userId, flowId: bot, createdAt: record.createdAt, costMicros: 31_337n, latencyMs: 777, ttftMs: 55 }));

    for (const [, from, to] of RANGES) {
      for (const exactPercentileLimit of [Number.POSITIVE_INFINITY, 0]) {
        const { flows } = await listFlowSummaries(db, a.userId, { from, to }, { exactPercentileLimit });
        const flow = flows.find((f) => f.flowId === bot)!;
        const expected = oracle(calls, { userId: a.userId, flowId: bot, from, to });
        const approx = (v: number | null) => (v === null || flow.percentilesExact ? v : latencyBucketValue(latencyBucketOf(v)));
        expectSummaryMatches(flow, { ...expected, latencyP50Ms: approx(expected.latencyP50Ms), latencyP95Ms: approx(expected.latencyP95Ms), ttftP50Ms: approx(expected.ttftP50Ms) });
      }
    }
  });
});
