import type { Db } from '../db/client';

export interface BenchmarkListItem {
  id: string;
  flowName: string;
  status: string;
  baselineModel: string;
  candidateModels: string[];
  judgeModel: string | null;
  doneCount: number;
  totalCount: number;
  spentMicros: bigint;
  budgetMicros: bigint;
  createdAt: Date;
}

/** The user's benchmarks, newest first. */
export async function listBenchmarks(db: Db, userId: string, limit = 100): Promise<BenchmarkListItem[]> {
  const rows = await db.benchmark.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      status: true,
      baselineModel: true,
      candidateModels: true,
      judgeModel: true,
      doneCount: true,
      totalCount: true,
      spentMicros: true,
      budgetMicros: true,
      createdAt: true,
      flow: { select: { name: true } },
    },
  });
  return rows.map(({ flow, ...row }) => ({ ...row, flowName: flow.name }));
}
