import type { Db } from '../../db/client';
import type { TimeRange } from './time-range';

export interface RecentCall {
  id: string;
  createdAt: Date;
  requestedModel: string;
  servedModel: string | null;
  status: string;
  httpStatus: number;
  fellBack: boolean;
  jsonRepaired: boolean;
  costMicros: bigint;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
}

/** The newest production calls of the user's flow within the range (index CallLog(flowId, createdAt)). */
export async function listRecentFlowCalls(db: Db, userId: string, flowId: string, range: Pick<TimeRange, 'from' | 'to'>, limit = 20): Promise<RecentCall[]> {
  return db.callLog.findMany({
    where: { userId, flowId, source: 'production', createdAt: { gte: range.from, lt: range.to } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true, createdAt: true, requestedModel: true, servedModel: true, status: true, httpStatus: true, fellBack: true,
      jsonRepaired: true, costMicros: true, latencyMs: true, ttftMs: true, inputTokens: true, outputTokens: true,
    },
  });
}
