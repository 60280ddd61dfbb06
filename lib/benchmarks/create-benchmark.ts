// Creating a benchmark: choose the sample from the flow's recorded production calls, copy each
// one (request, baseline answer and figures) into BenchmarkSample, mark the ones that cannot be
// replayed as skipped with why, and queue one BenchmarkResult per (sample, candidate). The runner
// picks it up from the database (benchmark-runner.ts).
//
// Sampled calls are successful production calls of the flow (a failed call has no answer to
// compare with); hand-picked calls that failed are kept as skipped.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import type { BenchmarkInput } from './benchmark-input';
import { answerText, inspectRecordedRequest } from './recorded-call';

export class BenchmarkNotFoundError extends Error {
  readonly status = 404;
  constructor(what = 'Benchmark not found') {
    super(what);
  }
}

const CALL_SELECT = {
  id: true,
  createdAt: true,
  status: true,
  requestBody: true,
  requestTruncated: true,
  servedModel: true,
  responseBody: true,
  latencyMs: true,
  ttftMs: true,
  costMicros: true,
  fellBack: true,
} satisfies Prisma.CallLogSelect;

type SampledCall = Prisma.CallLogGetPayload<{ select: typeof CALL_SELECT }>;

async function sampleCalls(db: Db, userId: string, flowId: string, input: BenchmarkInput): Promise<SampledCall[]> {
  const base = { userId, flowId, source: 'production' } satisfies Prisma.CallLogWhereInput;
  if (input.sampleMode === 'last') {
    return db.callLog.findMany({ where: { ...base, status: 'ok' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: input.sampleSize, select: CALL_SELECT });
  }
  if (input.sampleMode === 'picked') {
    const ids = [...new Set(input.callIds)].slice(0, input.sampleSize);
    const calls = await db.callLog.findMany({ where: { ...base, id: { in: ids } }, select: CALL_SELECT });
    return calls.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
  // random N in [from, to): ORDER BY random() over the range (the (flowId, createdAt) index
  // bounds the scan to the range).
  const from = input.from ?? new Date(0);
  const to = input.to ?? new Date(8.64e15);
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "CallLog"
    WHERE "flowId" = ${flowId} AND "userId" = ${userId} AND "source" = 'production' AND "status" = 'ok'
      AND "createdAt" >= ${from} AND "createdAt" < ${to}
    ORDER BY random() LIMIT ${input.sampleSize}`;
  const calls = await db.callLog.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: CALL_SELECT });
  return calls.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** The most frequent served model of the sample (the flow's override when it has one). */
function baselineModelOf(calls: SampledCall[], override: string | null): string {
  if (override) return override;
  const counts = new Map<string, number>();
  for (const call of calls) if (call.servedModel) counts.set(call.servedModel, (counts.get(call.servedModel) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
}

export interface CreatedBenchmark {
  id: string;
  samples: number;
  skipped: number;
  results: number;
}

export async function createBenchmark(db: Db, userId: string, input: BenchmarkInput): Promise<CreatedBenchmark> {
  const flow = await db.flow.findUnique({ where: { userId_name: { userId, name: input.flowName } }, select: { id: true, modelOverride: true } });
  if (!flow) throw new BenchmarkNotFoundError('Flow not found');
  const calls = await sampleCalls(db, userId, flow.id, input);
  const candidates = [...new Set(input.candidates)];
  const benchmarkId = randomUUID();
  let results = 0;
  let skipped = 0;
  const sampleRows: Prisma.BenchmarkSampleCreateManyInput[] = [];
  const resultRows: Prisma.BenchmarkResultCreateManyInput[] = [];
  calls.forEach((call, position) => {
    const inspected =
      call.status !== 'ok'
        ? ({ ok: false, reason: 'failed', message: 'The recorded call failed: there is no answer to compare with.' } as const)
        : inspectRecordedRequest(call.requestBody, call.requestTruncated);
    const sampleId = randomUUID();
    sampleRows.push({
      id: sampleId,
      benchmarkId,
      position,
      callLogId: call.id,
      callCreatedAt: call.createdAt,
      requestBody: inspected.ok ? call.requestBody : null,
      skipReason: inspected.ok ? null : inspected.reason,
      skipMessage: inspected.ok ? null : inspected.message,
      jsonMode: inspected.ok ? inspected.request.jsonMode : false,
      baselineModel: call.servedModel,
      baselineText: answerText(call.responseBody),
      baselineLatencyMs: call.latencyMs,
      baselineTtftMs: call.ttftMs,
      baselineCostMicros: call.costMicros,
      baselineFellBack: call.fellBack,
    });
    if (!inspected.ok) {
      skipped++;
      return;
    }
    for (const model of candidates) {
      resultRows.push({ benchmarkId, sampleId, model });
      results++;
    }
  });
  const nothingToRun = results === 0;
  await db.$transaction(async (tx) => {
    await tx.benchmark.create({
      data: {
        id: benchmarkId,
        userId,
        flowId: flow.id,
        status: nothingToRun ? 'done' : 'queued',
        stopReason: nothingToRun ? (calls.length === 0 ? 'No recorded calls matched the sample.' : 'Every sampled call was skipped.') : null,
        finishedAt: nothingToRun ? new Date() : null,
        sampleMode: input.sampleMode,
        baselineModel: baselineModelOf(calls, flow.modelOverride),
        candidateModels: candidates,
        judgeModel: input.judgeModel ?? null,
        budgetMicros: BigInt(input.budgetMicros),
        concurrency: input.concurrency,
        fallbacks: input.fallbacks,
        totalCount: results,
      },
    });
    if (sampleRows.length > 0) await tx.benchmarkSample.createMany({ data: sampleRows });
    if (resultRows.length > 0) await tx.benchmarkResult.createMany({ data: resultRows });
  });
  return { id: benchmarkId, samples: calls.length, skipped, results };
}
