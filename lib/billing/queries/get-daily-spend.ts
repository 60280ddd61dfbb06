// Production spend per UTC day since `since` (integer micros as bigint), for the billing chart.
import type { RawQueryClient } from '../../call-log/prisma-call-log-sink';

export interface DailySpend {
  day: string; // YYYY-MM-DD
  costMicros: bigint;
  calls: number;
}

const SQL = `
SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS "day", sum("costMicros")::text AS "micros", count(*)::int AS "calls"
FROM "CallLog"
WHERE "userId" = $1 AND "createdAt" >= $2::timestamp(3) AND "source" = 'production'
GROUP BY 1 ORDER BY 1`;

export async function getDailySpend(db: RawQueryClient, userId: string, since: Date): Promise<DailySpend[]> {
  const rows = await db.$queryRawUnsafe<{ day: string; micros: string; calls: number }[]>(SQL, userId, since.toISOString());
  return rows.map((row) => ({ day: row.day, costMicros: BigInt(row.micros), calls: Number(row.calls) }));
}
