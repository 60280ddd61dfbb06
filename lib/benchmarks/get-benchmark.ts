// One benchmark of one user, with its figures per model and progress; another user's id (or an
// unknown one) is null, so pages answer 404.
import type { Db } from '../db/client';
import { baselineFigures, candidateFigures, estimateRemainingMs, type ModelFigures } from './benchmark-figures';

export interface SkippedSample {
  position: number;
  callLogId: string;
  reason: string;
  message: string;
}

export interface BenchmarkDetail {
  id: string;
  status: string;
  flowName: string;
  flowModelOverride: string | null;
  sampleMode: string;
  baselineModel: string;
  candidateModels: string[];
  judgeModel: string | null;
  budgetMicros: bigint;
  spentMicros: bigint;
  judgeSpentMicros: bigint;
  concurrency: number;
  fallbacks: boolean;
  doneCount: number;
  totalCount: number;
  stopReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  samples: number;
  jsonFlow: boolean;
  skipped: SkippedSample[];
  /** Baseline first, then the candidates in the order chosen. */
  figures: ModelFigures[];
  etaMs: number | null;
}

export const isActiveStatus = (status: string) => status === 'queued' || status === 'running';

export async function getBenchmark(db: Db, userId: string, id: string, now = Date.now()): Promise<BenchmarkDetail | null> {
  const benchmark = await db.benchmark.findFirst({ where: { id, userId }, include: { flow: { select: { name: true, modelOverride: true } } } });
  if (!benchmark) return null;
  const [samples, results] = await Promise.all([
    db.benchmarkSample.findMany({
      where: { benchmarkId: id },
      orderBy: { position: 'asc' },
      select: {
        position: true,
        callLogId: true,
        skipReason: true,
        skipMessage: true,
        jsonMode: true,
        baselineText: true,
        baselineLatencyMs: true,
        baselineTtftMs: true,
        baselineCostMicros: true,
        baselineFellBack: true,
      },
    }),
    db.benchmarkResult.findMany({
      where: { benchmarkId: id },
      select: { model: true, status: true, latencyMs: true, ttftMs: true, costMicros: true, fellBack: true, jsonValid: true, agreement: true, judgeScore: true, judgeCostMicros: true, finishedAt: true },
    }),
  ]);
  const replayed = samples.filter((s) => s.skipReason === null);
  const jsonFlow = replayed.length > 0 && replayed.every((s) => s.jsonMode);
  return {
    id: benchmark.id,
    status: benchmark.status,
    flowName: benchmark.flow.name,
    flowModelOverride: benchmark.flow.modelOverride,
    sampleMode: benchmark.sampleMode,
    baselineModel: benchmark.baselineModel,
    candidateModels: benchmark.candidateModels,
    judgeModel: benchmark.judgeModel,
    budgetMicros: benchmark.budgetMicros,
    spentMicros: benchmark.spentMicros,
    judgeSpentMicros: benchmark.judgeSpentMicros,
    concurrency: benchmark.concurrency,
    fallbacks: benchmark.fallbacks,
    doneCount: benchmark.doneCount,
    totalCount: benchmark.totalCount,
    stopReason: benchmark.stopReason,
    createdAt: benchmark.createdAt,
    startedAt: benchmark.startedAt,
    finishedAt: benchmark.finishedAt,
    samples: samples.length,
    jsonFlow,
    skipped: samples.filter((s) => s.skipReason !== null).map((s) => ({ position: s.position, callLogId: s.callLogId, reason: s.skipReason!, message: s.skipMessage ?? '' })),
    figures: [baselineFigures(benchmark.baselineModel, replayed, jsonFlow), ...benchmark.candidateModels.map((model) => candidateFigures(model, results, jsonFlow))],
    etaMs: isActiveStatus(benchmark.status)
      ? estimateRemainingMs(
          results.map((r) => r.finishedAt),
          benchmark.totalCount - benchmark.doneCount,
          now,
          benchmark.startedAt,
        )
      : null,
  };
}
