// One call with everything the call page shows, scoped to its owner: another user's id reads as
// "no such call" (the page answers 404), never as "forbidden", so ids cannot be probed.
import type { CallAttempt } from '../../call-log/call-record';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';

export interface CallDetail {
  id: string;
  createdAt: Date;
  flowName: string;
  keyPrefix: string | null;
  keyName: string | null;
  requestedModel: string;
  servedModel: string | null;
  provider: string | null;
  status: string;
  httpStatus: number;
  errorType: string | null;
  errorMessage: string | null;
  stream: boolean;
  fellBack: boolean;
  contentFallback: boolean;
  jsonRepaired: boolean;
  source: string;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costEstimated: boolean;
  /** Integer micro-dollars. */
  inputCostMicros: number;
  cachedCostMicros: number;
  outputCostMicros: number;
  costMicros: number;
  attempts: CallAttempt[];
  responseHeaders: [name: string, value: string][];
  requestBody: string | null;
  requestTruncated: boolean;
  responseBody: string | null;
  responseTruncated: boolean;
}

const DETAIL_SELECT = {
  id: true,
  createdAt: true,
  requestedModel: true,
  servedModel: true,
  provider: true,
  status: true,
  httpStatus: true,
  errorType: true,
  errorMessage: true,
  stream: true,
  fellBack: true,
  contentFallback: true,
  jsonRepaired: true,
  source: true,
  latencyMs: true,
  ttftMs: true,
  inputTokens: true,
  cachedInputTokens: true,
  outputTokens: true,
  costEstimated: true,
  inputCostMicros: true,
  cachedCostMicros: true,
  outputCostMicros: true,
  costMicros: true,
  attempts: true,
  responseHeaders: true,
  requestBody: true,
  requestTruncated: true,
  responseBody: true,
  responseTruncated: true,
  flow: { select: { name: true } },
  apiKey: { select: { prefix: true, name: true } },
} satisfies Prisma.CallLogSelect;

export async function getCall(db: Db, userId: string, id: string): Promise<CallDetail | null> {
  if (!id || id.length > 200) return null;
  const row = await db.callLog.findFirst({ where: { id, userId }, select: DETAIL_SELECT });
  if (!row) return null;
  const { flow, apiKey, attempts, responseHeaders, inputCostMicros, cachedCostMicros, outputCostMicros, costMicros, ...rest } = row;
  return {
    ...rest,
    flowName: flow.name,
    keyPrefix: apiKey?.prefix ?? null,
    keyName: apiKey?.name ?? null,
    inputCostMicros: Number(inputCostMicros),
    cachedCostMicros: Number(cachedCostMicros),
    outputCostMicros: Number(outputCostMicros),
    costMicros: Number(costMicros),
    attempts: readAttempts(attempts),
    responseHeaders: readHeaders(responseHeaders),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored JSON read defensively: rows written by older versions may lack fields. */
export function readAttempts(value: unknown): CallAttempt[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((a) => ({
    model: typeof a.model === 'string' ? a.model : '?',
    provider: typeof a.provider === 'string' ? a.provider : '?',
    status: typeof a.status === 'number' ? a.status : 0,
    reason: typeof a.reason === 'string' ? a.reason : 'unknown',
    ...(typeof a.message === 'string' && a.message ? { message: a.message } : {}),
    latencyMs: typeof a.latencyMs === 'number' ? a.latencyMs : 0,
  }));
}

/** Header pairs sorted by name, so the page reads the same for every call. */
export function readHeaders(value: unknown): [string, string][] {
  if (!isRecord(value)) return [];
  return Object.entries(value)
    .map(([name, v]): [string, string] => [name.toLowerCase(), typeof v === 'string' ? v : JSON.stringify(v)])
    .sort(([a], [b]) => a.localeCompare(b));
}
