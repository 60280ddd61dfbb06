// A user's production spend since `since`, in total and per API key, summed by PostgreSQL as
// integers (bigint → text → BigInt: no float on the way). Uses the CallLog (userId, createdAt)
// index; benchmark replays (source <> 'production') never count.
import type { RawQueryClient } from '../../call-log/prisma-call-log-sink';

export interface MonthSpend {
  totalMicros: bigint;
  calls: number;
  /** Per API key id (calls of deleted keys are only in the total). */
  byKey: Map<string, bigint>;
}

const SQL = `
SELECT "apiKeyId", sum("costMicros")::text AS "micros", count(*)::int AS "calls"
FROM "CallLog"
WHERE "userId" = $1 AND "createdAt" >= $2::timestamp(3) AND "source" = 'production'
GROUP BY "apiKeyId"`;

export async function getMonthSpend(db: RawQueryClient, userId: string, since: Date): Promise<MonthSpend> {
  const rows = await db.$queryRawUnsafe<{ apiKeyId: string | null; micros: string | null; calls: number }[]>(SQL, userId, since.toISOString());
  const spend: MonthSpend = { totalMicros: 0n, calls: 0, byKey: new Map() };
  for (const row of rows) {
    const micros = BigInt(row.micros ?? '0');
    spend.totalMicros += micros;
    spend.calls += Number(row.calls);
    if (row.apiKeyId) spend.byKey.set(row.apiKeyId, micros);
  }
  return spend;
}
