// One page of a user's calls, newest first, with keyset pagination on (createdAt desc, id desc):
// no OFFSET, so page 1,000 costs what page 1 costs.
//
// Going older than a cursor (c, i) means (createdAt, id) < (c, i). Written as
//   createdAt <= c AND (createdAt < c OR id < i)
// the first half is a plain range condition on the index's second column, so PostgreSQL starts
// the index scan at the cursor instead of scanning from the newest row and filtering (an OR alone
// is not an index condition). Going newer (`before`) is the mirror image in ascending order,
// reversed afterwards. Only list columns are selected: the bodies (up to 64 KB each) stay on disk.
import { getModel } from '../../catalog';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { type CallCursor, decodeCallCursor, encodeCallCursor } from './call-cursor';
import type { CallFilters } from './call-filters';
import { callWhere } from './call-where';

export const DEFAULT_CALLS_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

export interface CallListItem {
  id: string;
  createdAt: Date;
  flowName: string;
  requestedModel: string;
  servedModel: string | null;
  provider: string | null;
  status: string;
  httpStatus: number;
  errorType: string | null;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  /** Integer micro-dollars (a Number: safe up to $9 billion per call). */
  costMicros: number;
  costEstimated: boolean;
  stream: boolean;
  fellBack: boolean;
  contentFallback: boolean;
  jsonRepaired: boolean;
  source: string;
  keyPrefix: string | null;
  /** The served model is another model than the one requested (not just its canonical id for an alias). */
  modelChanged: boolean;
}

export interface CallPage {
  calls: CallListItem[];
  /** Cursor for the next (older) page, or null when this page reaches the oldest matching call. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, or null on the first page. */
  newerCursor: string | null;
}

export interface ListCallsOptions {
  /** Cursor: calls older than this row. */
  after?: string | null;
  /** Cursor: calls newer than this row (the "newer" link). Ignored when `after` is set. */
  before?: string | null;
  limit?: number;
}

const LIST_SELECT = {
  id: true,
  createdAt: true,
  requestedModel: true,
  servedModel: true,
  provider: true,
  status: true,
  httpStatus: true,
  errorType: true,
  latencyMs: true,
  ttftMs: true,
  inputTokens: true,
  cachedInputTokens: true,
  outputTokens: true,
  costMicros: true,
  costEstimated: true,
  stream: true,
  fellBack: true,
  contentFallback: true,
  jsonRepaired: true,
  source: true,
  flow: { select: { name: true } },
  apiKey: { select: { prefix: true } },
} satisfies Prisma.CallLogSelect;

function olderThan(cursor: CallCursor): Prisma.CallLogWhereInput {
  return { createdAt: { lte: cursor.createdAt }, OR: [{ createdAt: { lt: cursor.createdAt } }, { id: { lt: cursor.id } }] };
}

function newerThan(cursor: CallCursor): Prisma.CallLogWhereInput {
  return { createdAt: { gte: cursor.createdAt }, OR: [{ createdAt: { gt: cursor.createdAt } }, { id: { gt: cursor.id } }] };
}

/** The flow's id for the filter; null when the user has no flow of that name. */
export async function resolveFlowId(db: Db, userId: string, flowName: string | undefined): Promise<string | null | undefined> {
  if (flowName === undefined) return undefined;
  const flow = await db.flow.findUnique({ where: { userId_name: { userId, name: flowName } }, select: { id: true } });
  return flow?.id ?? null;
}

export async function listCalls(db: Db, userId: string, filters: CallFilters, options: ListCallsOptions = {}): Promise<CallPage> {
  const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.limit ?? DEFAULT_CALLS_PAGE_SIZE)));
  const after = decodeCallCursor(options.after);
  const before = after ? null : decodeCallCursor(options.before);
  const flowId = await resolveFlowId(db, userId, filters.flow);
  if (flowId === null) return { calls: [], olderCursor: null, newerCursor: null };

  const where = callWhere(userId, filters, flowId);
  const position = after ? olderThan(after) : before ? newerThan(before) : null;
  const direction = before ? 'asc' : 'desc';
  const rows = await db.callLog.findMany({
    where: position ? { AND: [where, position] } : where,
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: limit + 1,
    select: LIST_SELECT,
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const calls = page.map(toListItem);
  const cursorOf = (call: CallListItem | undefined) => (call ? encodeCallCursor(call) : null);
  return {
    calls,
    // Going older: more rows past the limit. Going newer: the cursor row itself is older.
    olderCursor: before ? cursorOf(calls.at(-1)) : more ? cursorOf(calls.at(-1)) : null,
    // Going newer: more rows past the limit. Going older from a cursor: the cursor row is newer.
    newerCursor: before ? (more ? cursorOf(calls[0]) : null) : after ? cursorOf(calls[0]) : null,
  };
}

function toListItem(row: Prisma.CallLogGetPayload<{ select: typeof LIST_SELECT }>): CallListItem {
  const { flow, apiKey, costMicros, ...rest } = row;
  return { ...rest, flowName: flow.name, keyPrefix: apiKey?.prefix ?? null, costMicros: Number(costMicros), modelChanged: modelChanged(rest.requestedModel, rest.servedModel) };
}

/** "gpt-4o" served as "openai/gpt-4o" is the same model; served as "anthropic/…" it is not. */
export function modelChanged(requested: string, served: string | null): boolean {
  if (served === null || served === requested) return false;
  return (getModel(requested)?.id ?? requested) !== served;
}
