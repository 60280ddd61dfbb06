// Benchmarks against the fake providers: replays through the real gateway pipeline, figures,
// cancel, restart, budget, "Use this model", tenancy.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { percentile } from '../../lib/benchmarks/benchmark-figures';
import { cancelBenchmark } from '../../lib/benchmarks/cancel-benchmark';
import { BenchmarkNotFoundError } from '../../lib/benchmarks/create-benchmark';
import { getBenchmark } from '../../lib/benchmarks/get-benchmark';
import { listSampleRows } from '../../lib/benchmarks/list-sample-rows';
import { switchFlowModel } from '../../lib/benchmarks/switch-flow-model';
import { undoFlowSettingChange } from '../../lib/queries/flows/update-flow-settings';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { listFlowSummaries } from '../../lib/queries/flows/list-flow-summaries';
import { parseTimeRange } from '../../lib/queries/flows/time-range';
import { useTestDatabase } from '../helpers/test-database';
import { type BenchmarkWorld, CANDIDATES, expectedCost, FLOW, startBenchmarkWorld, waitFor } from './benchmark-world';

useTestDatabase();

let w: BenchmarkWorld;
beforeAll(async () => {
  w = await startBenchmarkWorld(20);
}, 60_000);
afterAll(async () => {
  await w?.close();
});
beforeEach(() => {
  w.h.fake.reset();
  w.h.records.length = 0;
});
afterEach(async () => {
  await w.closeRunners();
});

const status = (id: string) => w.db.benchmark.findUniqueOrThrow({ where: { id } });

describe('a benchmark of 20 recorded calls on 3 candidate models', () => {
  it('replays every call on every model through the gateway and gets cost and latency right', async () => {
    w.h.fake.enqueue({ provider: 'anthropic', times: Number.POSITIVE_INFINITY, behaviour: { type: 'delay', ms: 150 } });
    const id = await w.create({ concurrency: 4 });
    const runner = w.runner();
    runner.start();
    const done = await waitFor(() => status(id), (b) => b.status === 'done');
    expect(done.doneCount).toBe(60);
    expect(done.totalCount).toBe(60);

    // Through the same pipeline and adapters, tagged as benchmark traffic, never as production.
    const replays = w.replays();
    expect(replays).toHaveLength(60);
    for (const record of replays) {
      expect(record).toMatchObject({ source: 'benchmark', apiKeyId: null, flowName: FLOW, status: 'ok', fellBack: false });
      expect(record.costMicros).toBe(expectedCost(record));
      expect(record.costMicros).toBeGreaterThan(0);
    }
    const upstream = w.h.fake.requests;
    expect(upstream.filter((r) => r.provider === 'openai' && r.model === 'gpt-4o-mini')).toHaveLength(20);
    expect(upstream.filter((r) => r.provider === 'anthropic')).toHaveLength(20);
    expect(upstream.filter((r) => r.provider === 'gemini')).toHaveLength(20);
    // Streamed production calls are replayed streamed.
    expect(replays.filter((r) => r.stream)).toHaveLength(12);

    const detail = (await getBenchmark(w.db, w.userId, id))!;
    expect(detail.figures.map((f) => f.model)).toEqual(['openai/gpt-4o', ...CANDIDATES]);
    let spent = 0;
    for (const model of CANDIDATES) {
      const figures = detail.figures.find((f) => f.model === model)!;
      const mine = replays.filter((r) => r.requestedModel === model);
      const total = mine.reduce((sum, r) => sum + r.costMicros, 0);
      spent += total;
      const latencies = mine.map((r) => r.latencyMs).sort((a, b) => a - b);
      expect(figures).toMatchObject({ calls: 20, errors: 0, errorRate: 0, fallbackRate: 0, jsonValidRate: null });
      expect(figures.totalCostMicros).toBe(BigInt(total));
      expect(figures.perCallCostMicros).toBe(BigInt(Math.round(total / 20)));
      expect(figures.latencyP50Ms).toBe(percentile(latencies, 0.5));
      expect(figures.latencyP95Ms).toBe(percentile(latencies, 0.95));
      expect(figures.ttftP50Ms).toBe(percentile(mine.map((r) => r.ttftMs!).sort((a, b) => a - b), 0.5));
    }
    expect(done.spentMicros).toBe(BigInt(spent));
    expect(done.judgeSpentMicros).toBe(0n);
    const byModel = Object.fromEntries(detail.figures.map((f) => [f.model, f]));
    expect(byModel['anthropic/claude-sonnet-4']!.latencyP50Ms!).toBeGreaterThanOrEqual(150);
    expect(byModel['openai/gpt-4o-mini']!.latencyP50Ms!).toBeLessThan(150);
    // The baseline's figures are the recorded production calls'.
    const baseline = byModel['openai/gpt-4o']!;
    expect(baseline.totalCostMicros).toBe(BigInt(w.production.reduce((sum, r) => sum + r.costMicros, 0)));
    expect(baseline.latencyP50Ms).toBe(percentile(w.production.map((r) => r.latencyMs).sort((a, b) => a - b), 0.5));
    // Agreement: the fake OpenAI answers gpt-4o and gpt-4o-mini with the same text; Claude differs.
    expect(byModel['openai/gpt-4o-mini']!.agreement).toBe(1);
    expect(byModel['anthropic/claude-sonnet-4']!.agreement!).toBeLessThan(0.9);

    // The side-by-side rows: the baseline's recorded answer beside every candidate's.
    const { rows } = await listSampleRows(w.db, w.userId, id, 1);
    expect(rows).toHaveLength(20);
    expect(rows[0]!.answers.map((a) => a.model)).toEqual(CANDIDATES);
    expect(rows[0]!.answers[0]!.text).toBe(rows[0]!.baselineText);

    // Written to the call log, the replays are not the flow's production traffic and bill nothing.
    const flowBefore = await w.db.flow.findUniqueOrThrow({ where: { userId_name: { userId: w.userId, name: FLOW } } });
    await createPrismaCallLogSink(w.db).write(replays);
    expect(await w.db.callLog.count({ where: { userId: w.userId, source: 'benchmark' } })).toBe(60);
    const flowAfter = await w.db.flow.findUniqueOrThrow({ where: { id: flowBefore.id } });
    expect(flowAfter.lastCallAt).toEqual(flowBefore.lastCallAt);
    const { flows } = await listFlowSummaries(w.db, w.userId, parseTimeRange({}), { flowId: flowBefore.id });
    expect(flows[0]!.calls).toBe(20);
    expect(await w.db.usageOutbox.count({ where: { userId: w.userId } })).toBe(0);
  });

  it('shows calls whose stored body was capped or has images as skipped, with why', async () => {
    const flow = await w.db.flow.findUniqueOrThrow({ where: { userId_name: { userId: w.userId, name: FLOW } } });
    const base = { userId: w.userId, flowId: flow.id, requestedModel: 'gpt-4o', servedModel: 'openai/gpt-4o', status: 'ok', httpStatus: 200, latencyMs: 10, responseBody: '{"choices":[{"message":{"content":"hi"}}]}' };
    await w.db.callLog.createMany({
      data: [
        { ...base, id: 'capped-call', createdAt: new Date(Date.now() + 1000), requestBody: '{"model":"gpt-4o","messages":[{"role":"user","content":"aaa', requestTruncated: true },
        {
          ...base,
          id: 'image-call',
          createdAt: new Date(Date.now() + 2000),
          requestBody: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] }),
        },
      ],
    });
    const id = await w.create({ sampleMode: 'picked', sampleSize: 3, callIds: ['capped-call', 'image-call', w.production[0]!.id], candidates: ['openai/gpt-4o-mini'] });
    const runner = w.runner();
    runner.start();
    await waitFor(() => status(id), (b) => b.status === 'done');
    const detail = (await getBenchmark(w.db, w.userId, id))!;
    expect(detail.totalCount).toBe(1);
    expect(detail.skipped.map((s) => [s.callLogId, s.reason])).toEqual([
      ['image-call', 'images'],
      ['capped-call', 'truncated'],
    ]);
    expect(detail.skipped[1]!.message).toMatch(/capped at 64 KB/);
    expect(w.replays()).toHaveLength(1);
    await w.db.callLog.deleteMany({ where: { id: { in: ['capped-call', 'image-call'] } } });
  });

  it('scores each answer with the judge, its cost kept apart', async () => {
    w.h.fake.enqueue({ provider: 'openai', model: 'gpt-4.1-mini', times: Number.POSITIVE_INFINITY, behaviour: { type: 'content', text: '{"score": 8, "reason": "Same steps, shorter."}' } });
    const id = await w.create({ sampleSize: 4, candidates: ['google/gemini-2.5-flash'], judgeModel: 'openai/gpt-4.1-mini' });
    w.runner().start();
    const done = await waitFor(() => status(id), (b) => b.status === 'done');
    const results = await w.db.benchmarkResult.findMany({ where: { benchmarkId: id } });
    expect(results.map((r) => [r.judgeScore, r.judgeReason])).toEqual(Array(4).fill([8, 'Same steps, shorter.']));
    const judged = w.replays().filter((r) => r.requestedModel === 'openai/gpt-4.1-mini');
    expect(judged).toHaveLength(4);
    const judgeCost = judged.reduce((sum, r) => sum + r.costMicros, 0);
    expect(done.judgeSpentMicros).toBe(BigInt(judgeCost));
    expect(results.reduce((sum, r) => sum + r.judgeCostMicros, 0n)).toBe(BigInt(judgeCost));
    const judgeRequest = w.h.fake.requests.find((r) => r.model === 'gpt-4.1-mini')!.body as { messages: Array<{ content: string }> };
    expect(judgeRequest.messages[0]!.content).toMatch(/Score the CANDIDATE from 1 to 10/);
    expect(judgeRequest.messages[1]!.content).toMatch(/REQUEST:\nuser: Question/);
    expect((await getBenchmark(w.db, w.userId, id))!.figures[1]!.judgeScore).toBe(8);
  });
});

describe('running', () => {
  it('cancel stops new calls at once and aborts the ones in flight', async () => {
    w.h.fake.enqueue({ provider: 'openai', times: Number.POSITIVE_INFINITY, behaviour: { type: 'delay', ms: 400 } });
    const id = await w.create({ concurrency: 2, candidates: ['openai/gpt-4o-mini'] });
    const runner = w.runner();
    runner.start();
    await waitFor(() => w.h.fake.requests.length, (n) => n >= 2);
    expect(await cancelBenchmark(w.db, w.userId, id)).toBe(true);
    runner.cancel(id);
    const atCancel = w.h.fake.requests.length;
    await waitFor(() => runner.activeRuns(), (runs) => runs.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.h.fake.requests.length).toBe(atCancel);
    const after = await status(id);
    expect(after.status).toBe('cancelled');
    expect(after.doneCount).toBe(0);
    expect(await w.db.benchmarkResult.count({ where: { benchmarkId: id, status: 'pending' } })).toBe(20);
    expect(w.replays().filter((r) => r.status === 'cancelled')).toHaveLength(2);
    expect(await cancelBenchmark(w.db, w.userId, id)).toBe(false);
  });

  it('a restart mid-run resumes the pending results, none run twice', async () => {
    w.h.fake.enqueue({ provider: 'openai', times: Number.POSITIVE_INFINITY, behaviour: { type: 'delay', ms: 60 } });
    const id = await w.create({ concurrency: 2, candidates: ['openai/gpt-4o-mini', 'openai/gpt-4.1-mini'] });
    const first = w.runner();
    first.start();
    await waitFor(() => status(id), (b) => b.doneCount >= 6);
    await first.close(); // SIGTERM: calls in flight aborted, their results stay pending
    const stopped = await status(id);
    expect(stopped.status).toBe('running');
    expect(stopped.leaseUntil).toBeNull();
    expect(stopped.doneCount).toBeLessThan(40);
    const doneBefore = await w.db.benchmarkResult.findMany({ where: { benchmarkId: id, status: 'ok' }, select: { id: true, callLogId: true } });

    const second = w.runner();
    second.start();
    const done = await waitFor(() => status(id), (b) => b.status === 'done');
    expect(done.doneCount).toBe(40);
    const results = await w.db.benchmarkResult.findMany({ where: { benchmarkId: id } });
    expect(results.every((r) => r.status === 'ok' && r.callLogId)).toBe(true);
    // What was written before the restart is kept as it was.
    for (const before of doneBefore) expect(results.find((r) => r.id === before.id)!.callLogId).toBe(before.callLogId);
    const completed = w.replays().filter((r) => r.status === 'ok');
    expect(completed).toHaveLength(40);
    expect(done.spentMicros).toBe(BigInt(completed.reduce((sum, r) => sum + r.costMicros, 0)));
  });

  it('after a crash (the lease left behind expires) another runner takes it over', async () => {
    const id = await w.create({ sampleSize: 5, candidates: ['openai/gpt-4o-mini'] });
    await w.db.benchmark.update({ where: { id }, data: { status: 'running', runnerId: 'crashed-process', leaseUntil: new Date(Date.now() + 400) } });
    const runner = w.runner();
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await status(id)).doneCount).toBe(0); // still leased to the dead process
    const done = await waitFor(() => status(id), (b) => b.status === 'done');
    expect(done.doneCount).toBe(5);
  });

  it('the budget stops it cleanly', async () => {
    // Every replay costs about the same: the budget buys about five.
    const probe = await w.create({ sampleSize: 1, candidates: ['anthropic/claude-sonnet-4'] });
    w.runner().start();
    const one = (await waitFor(() => status(probe), (b) => b.status === 'done')).spentMicros;
    const id = await w.create({ concurrency: 1, candidates: ['anthropic/claude-sonnet-4'], budgetMicros: Number(one) * 5 - 1 });
    w.runner().start();
    const stopped = await waitFor(() => status(id), (b) => b.status !== 'queued' && b.status !== 'running');
    expect(stopped.status).toBe('budget_reached');
    expect(stopped.stopReason).toMatch(/^Budget reached: \$/);
    expect(stopped.spentMicros).toBeGreaterThanOrEqual(stopped.budgetMicros);
    expect(stopped.doneCount).toBeGreaterThanOrEqual(4);
    expect(stopped.doneCount).toBeLessThanOrEqual(6);
    // It stops at the first call past the budget: before it, the spend was under.
    const results = await w.db.benchmarkResult.findMany({ where: { benchmarkId: id, status: 'ok' } });
    const last = results.sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime())[0]!;
    expect(stopped.spentMicros - last.costMicros).toBeLessThan(stopped.budgetMicros);
    expect(await w.db.benchmarkResult.count({ where: { benchmarkId: id, status: 'pending' } })).toBe(20 - stopped.doneCount);
  });
});

describe('"Use this model for this flow"', () => {
  it('sets the override (recorded, undoable) and the next production call of the flow goes there', async () => {
    const id = await w.create({ sampleSize: 2, candidates: ['anthropic/claude-sonnet-4'] });
    w.runner().start();
    await waitFor(() => status(id), (b) => b.status === 'done');
    // Warm the gateway's flow-settings cache: no override yet.
    await w.h.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'X-Flow': FLOW } });
    expect(w.h.fake.requests.at(-1)!.model).toBe('gpt-4o');

    const actor = { userId: w.userId, email: 'owner@example.com' };
    const { flowName, change } = await switchFlowModel(w.db, actor, id, 'anthropic/claude-sonnet-4');
    w.h.gateway.invalidateFlowSettings(w.userId, flowName);
    expect(change).toMatchObject({ before: { modelOverride: null }, after: { modelOverride: 'anthropic/claude-sonnet-4' } });
    const { data } = await w.h.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'X-Flow': FLOW } }).withResponse();
    expect(w.h.fake.requests.at(-1)!.provider).toBe('anthropic');
    expect(data.model).toBe('anthropic/claude-sonnet-4');

    await undoFlowSettingChange(w.db, actor, FLOW, change!.id);
    w.h.gateway.invalidateFlowSettings(w.userId, FLOW);
    await w.h.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'X-Flow': FLOW } });
    expect(w.h.fake.requests.at(-1)!.model).toBe('gpt-4o');
    expect(await w.db.flowSettingChange.count({ where: { flow: { name: FLOW, userId: w.userId } } })).toBe(2);
  });
});

describe('tenancy', () => {
  it("another user's benchmark is not found, and cannot be cancelled or used", async () => {
    const id = await w.create({ sampleSize: 1, candidates: ['openai/gpt-4o-mini'] });
    const other = await w.db.user.create({ data: { email: `other-${Date.now()}@example.com` } });
    expect(await getBenchmark(w.db, other.id, id)).toBeNull();
    expect((await listSampleRows(w.db, other.id, id, 1)).rows).toEqual([]);
    await expect(cancelBenchmark(w.db, other.id, id)).rejects.toBeInstanceOf(BenchmarkNotFoundError);
    await expect(switchFlowModel(w.db, { userId: other.id, email: other.email }, id, 'openai/gpt-4o-mini')).rejects.toBeInstanceOf(BenchmarkNotFoundError);
    expect((await status(id)).status).toBe('queued');
    await cancelBenchmark(w.db, w.userId, id);
  });
});
