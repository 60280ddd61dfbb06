// Writes a batch of call records with ONE SQL statement, on PGlite and PostgreSQL alike. A single
// statement is a single transaction: kill -9 (or a lost connection) leaves either the whole batch
// or none of it, never half.
//
// Why raw SQL rather than createMany: createMany of 1,000 rows costs ~280 ms here (≈3,500 rows/s,
// and the flows and key updates would be further round trips); the batch as one JSON parameter
// expanded by json_to_recordset() is parsed by PostgreSQL itself and measured far above the
// 10,000 calls/s target (bench/call-log-ingest.ts). The statement, in data-modifying CTEs:
//   input  the records, joined to "User": calls of a deleted user are skipped (their logs were
//          cascade-deleted with them; an FK error would only block the batch)
//   flows  one upsert per (userId, flow name) of the batch: a flow exists from its first call;
//          ON CONFLICT DO UPDATE (not DO NOTHING) so that RETURNING yields the id of existing and
//          concurrently created flows too, and lastCallAt moves forward (GREATEST: a replay of
//          old records never moves it back; benchmark replays never move it: NULL is ignored)
//   keys   lastUsedAt of each api key of the batch, once per batch; a deleted key yields no row
//          and the call is stored with apiKeyId NULL, as ON DELETE SET NULL would have done
//   rows   INSERT … ON CONFLICT (id) DO NOTHING: replays and retried writes never duplicate
// Two batches committing at once (concurrency 2, or two gateway processes) queue on the Flow and
// ApiKey row locks; flows are locked in a fixed order, and a deadlock PostgreSQL still detects
// (40P01) is a transient error the writer retries.
// and returns how many rows it inserted and how many records had a known user.
import type { CallLogSink, CallLogSinkResult } from './call-log-sink';
import type { CallRecord } from './call-record';

/** The part of the Prisma client the sink uses (the real client, or a transaction client). */
export interface RawQueryClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

const INT_MAX = 2_147_483_647;

const COLUMNS: readonly [name: string, type: string][] = [
  ['id', 'text'],
  ['userId', 'text'],
  ['apiKeyId', 'text'],
  ['flowName', 'text'],
  ['createdAt', 'timestamp(3)'],
  ['requestedModel', 'text'],
  ['servedModel', 'text'],
  ['provider', 'text'],
  ['status', 'text'],
  ['httpStatus', 'integer'],
  ['errorType', 'text'],
  ['errorMessage', 'text'],
  ['stream', 'boolean'],
  ['fellBack', 'boolean'],
  ['contentFallback', 'boolean'],
  ['jsonRepaired', 'boolean'],
  ['inputTokens', 'integer'],
  ['outputTokens', 'integer'],
  ['cachedInputTokens', 'integer'],
  ['costEstimated', 'boolean'],
  ['inputCostMicros', 'bigint'],
  ['outputCostMicros', 'bigint'],
  ['cachedCostMicros', 'bigint'],
  ['costMicros', 'bigint'],
  ['latencyMs', 'integer'],
  ['ttftMs', 'integer'],
  ['attempts', 'jsonb'],
  ['requestBody', 'text'],
  ['requestTruncated', 'boolean'],
  ['responseBody', 'text'],
  ['responseTruncated', 'boolean'],
  ['responseHeaders', 'jsonb'],
  ['source', 'text'],
];

/** CallLog columns filled straight from the input (all but flowName, which becomes flowId). */
const COPIED = COLUMNS.map(([name]) => name).filter((name) => name !== 'flowName' && name !== 'apiKeyId');

const quote = (name: string) => `"${name}"`;

export const INSERT_CALL_LOG_BATCH_SQL = `
WITH input AS (
  SELECT t.* FROM json_to_recordset($1::json) AS t(${COLUMNS.map(([n, type]) => `${quote(n)} ${type}`).join(', ')})
  JOIN "User" u ON u."id" = t."userId"
),
flows AS (
  INSERT INTO "Flow" ("id", "userId", "name", "createdAt", "lastCallAt")
  SELECT gen_random_uuid()::text, "userId", "flowName", min("createdAt"), max("createdAt") FILTER (WHERE "source" = 'production')
  FROM input GROUP BY "userId", "flowName" ORDER BY "userId", "flowName"
  ON CONFLICT ("userId", "name") DO UPDATE
    SET "lastCallAt" = GREATEST("Flow"."lastCallAt", EXCLUDED."lastCallAt")
  RETURNING "id", "userId", "name"
),
keys AS (
  UPDATE "ApiKey" k SET "lastUsedAt" = GREATEST(k."lastUsedAt", used."at")
  FROM (SELECT "apiKeyId", max("createdAt") AS "at" FROM input WHERE "apiKeyId" IS NOT NULL GROUP BY "apiKeyId") used
  WHERE k."id" = used."apiKeyId"
  RETURNING k."id"
),
inserted AS (
  INSERT INTO "CallLog" (${COPIED.map(quote).join(', ')}, "apiKeyId", "flowId")
  SELECT ${COPIED.map((n) => `i.${quote(n)}`).join(', ')}, k."id", f."id"
  FROM input i
  LEFT JOIN flows f ON f."userId" = i."userId" AND f."name" = i."flowName"
  LEFT JOIN keys k ON k."id" = i."apiKeyId"
  ON CONFLICT ("id") DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted)::int AS "inserted", (SELECT count(*) FROM input)::int AS "known"`;

/**
 * PostgreSQL refuses NUL in text, and lone UTF-16 surrogates do not survive the JSON → text
 * conversion: either would fail the whole batch, so they are fixed here, for every string.
 */
function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let text = String(value);
  if (text.includes('\u0000')) text = text.replaceAll('\u0000', '');
  if (!text.isWellFormed()) text = text.toWellFormed();
  return text;
}

function cleanInt(value: number | null | undefined, nullable: boolean): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return nullable ? null : 0;
  return Math.max(-INT_MAX, Math.min(INT_MAX, Math.round(value)));
}

/** Micro-dollars: integers by contract; a fraction would be refused by the bigint column. */
function cleanMicros(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  return Math.round(value);
}

function cleanJson(value: unknown, fallback: unknown): unknown {
  if (value === null || value === undefined) return fallback;
  // Round-trip through text with the same cleaning as columns (NUL is refused in jsonb too).
  const text = JSON.stringify(value);
  if (!text.includes('\\u0000') && text.isWellFormed()) return value;
  return JSON.parse(text.replaceAll('\\u0000', '').toWellFormed());
}

/** An invalid date becomes now rather than failing the batch (the call did happen). */
function isoDate(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/** A record that cannot even be turned into SQL input (a cycle in attempts, a BigInt, …). */
export class CallLogDataError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CallLogDataError';
  }
}

/** The row as json_to_recordset reads it; createdAt as ISO (UTC, like Prisma's DateTime). */
export function toInputRow(record: CallRecord): Record<string, unknown> {
  return {
    id: cleanText(record.id),
    userId: cleanText(record.userId),
    apiKeyId: cleanText(record.apiKeyId),
    flowName: cleanText(record.flowName) || 'unknown',
    createdAt: isoDate(record.createdAt),
    requestedModel: cleanText(record.requestedModel) ?? '',
    servedModel: cleanText(record.servedModel),
    provider: cleanText(record.provider),
    status: cleanText(record.status) ?? 'error',
    httpStatus: cleanInt(record.httpStatus, false),
    errorType: cleanText(record.errorType),
    errorMessage: cleanText(record.errorMessage),
    stream: record.stream === true,
    fellBack: record.fellBack === true,
    contentFallback: record.contentFallback === true,
    jsonRepaired: record.jsonRepaired === true,
    inputTokens: cleanInt(record.inputTokens, false),
    outputTokens: cleanInt(record.outputTokens, false),
    cachedInputTokens: cleanInt(record.cachedInputTokens, false),
    costEstimated: record.costEstimated === true,
    inputCostMicros: cleanMicros(record.inputCostMicros),
    outputCostMicros: cleanMicros(record.outputCostMicros),
    cachedCostMicros: cleanMicros(record.cachedCostMicros),
    costMicros: cleanMicros(record.costMicros),
    latencyMs: cleanInt(record.latencyMs, false),
    ttftMs: cleanInt(record.ttftMs, true),
    attempts: cleanJson(record.attempts, []),
    requestBody: cleanText(record.requestBody),
    requestTruncated: record.requestTruncated === true,
    responseBody: cleanText(record.responseBody),
    responseTruncated: record.responseTruncated === true,
    responseHeaders: cleanJson(record.responseHeaders, {}),
    source: cleanText(record.source) ?? 'production',
  };
}

/** The SQLSTATE of a database error as surfaced by Prisma's driver adapters (pg and PGlite). */
export function sqlState(error: unknown): string | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const candidate = current as Record<string, unknown>;
    for (const key of ['originalCode', 'code']) {
      const value = candidate[key];
      if (typeof value === 'string' && /^[0-9A-Z]{5}$/.test(value) && !value.startsWith('P')) return value;
    }
    queue.push(candidate.cause, candidate.meta, candidate.driverAdapterError);
  }
  return null;
}

export function createPrismaCallLogSink(db: RawQueryClient): CallLogSink {
  return {
    async write(records): Promise<CallLogSinkResult> {
      if (records.length === 0) return { inserted: 0 };
      let input: string;
      try {
        input = JSON.stringify(records.map(toInputRow));
      } catch (error) {
        throw new CallLogDataError(`call record not serializable: ${(error as Error).message}`, { cause: error });
      }
      const rows = await db.$queryRawUnsafe<{ inserted: number; known: number }[]>(INSERT_CALL_LOG_BATCH_SQL, input);
      const inserted = Number(rows[0]?.inserted ?? 0);
      const known = Number(rows[0]?.known ?? 0);
      return { inserted, unknownUser: records.length - known };
    },

    // Class 22 (data exception) and 23 (integrity constraint violation) say the data is refused:
    // the same batch would fail forever. Anything else (connection, timeout, 57P01 admin
    // shutdown, 53xxx resources, even 42xxx which would be our bug) is retried and spilled.
    isPermanentError(error) {
      if (error instanceof CallLogDataError) return true;
      const state = sqlState(error);
      return state !== null && (state.startsWith('22') || state.startsWith('23'));
    },
  };
}
