// The side-by-side view: one page of samples, each with the baseline's recorded answer and every
// candidate's answer (texts cut for the page), in the benchmark's candidate order.
import type { Db } from '../db/client';

export const SAMPLE_PAGE_SIZE = 25;
const TEXT_LIMIT = 4_000;

export interface SampleAnswer {
  model: string;
  status: string;
  text: string | null;
  latencyMs: number | null;
  costMicros: bigint;
  agreement: number | null;
  judgeScore: number | null;
  judgeReason: string | null;
  jsonValid: boolean | null;
  errorMessage: string | null;
  callLogId: string | null;
  fellBack: boolean;
  servedModel: string | null;
}

export interface SampleRow {
  position: number;
  callLogId: string;
  skipMessage: string | null;
  baselineModel: string | null;
  baselineText: string | null;
  baselineLatencyMs: number;
  baselineCostMicros: bigint;
  answers: SampleAnswer[];
}

const cut = (text: string | null) => (text !== null && text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)} […]` : text);

export async function listSampleRows(db: Db, userId: string, benchmarkId: string, page: number): Promise<{ rows: SampleRow[]; pages: number }> {
  const benchmark = await db.benchmark.findFirst({ where: { id: benchmarkId, userId }, select: { candidateModels: true } });
  if (!benchmark) return { rows: [], pages: 0 };
  const total = await db.benchmarkSample.count({ where: { benchmarkId } });
  const pages = Math.max(1, Math.ceil(total / SAMPLE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const samples = await db.benchmarkSample.findMany({
    where: { benchmarkId },
    orderBy: { position: 'asc' },
    skip: (current - 1) * SAMPLE_PAGE_SIZE,
    take: SAMPLE_PAGE_SIZE,
    select: {
      id: true,
      position: true,
      callLogId: true,
      skipMessage: true,
      baselineModel: true,
      baselineText: true,
      baselineLatencyMs: true,
      baselineCostMicros: true,
      results: {
        select: {
          model: true,
          status: true,
          answerText: true,
          latencyMs: true,
          costMicros: true,
          agreement: true,
          judgeScore: true,
          judgeReason: true,
          jsonValid: true,
          errorMessage: true,
          callLogId: true,
          fellBack: true,
          servedModel: true,
        },
      },
    },
  });
  const order = (model: string) => benchmark.candidateModels.indexOf(model);
  return {
    pages,
    rows: samples.map((s) => ({
      position: s.position,
      callLogId: s.callLogId,
      skipMessage: s.skipMessage,
      baselineModel: s.baselineModel,
      baselineText: cut(s.baselineText),
      baselineLatencyMs: s.baselineLatencyMs,
      baselineCostMicros: s.baselineCostMicros,
      answers: s.results
        .sort((a, b) => order(a.model) - order(b.model))
        .map(({ answerText, ...r }) => ({ ...r, text: cut(answerText) })),
    })),
  };
}
