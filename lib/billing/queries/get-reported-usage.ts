// What part of this month's billed usage has reached Stripe, and what is still on its way
// (outbox rows not yet claimed + reports not yet accepted). Model cost, integer micros.
import type { RawQueryClient } from '../../call-log/prisma-call-log-sink';

export interface ReportedUsage {
  reportedCostMicros: bigint;
  reportedValueMicros: bigint;
  pendingCostMicros: bigint;
  lastReportedAt: Date | null;
  failedReports: number;
}

const SQL = `
SELECT
  (SELECT coalesce(sum("costMicros"), 0)::text FROM "UsageReport" WHERE "userId" = $1 AND "createdAt" >= $2::timestamp(3) AND "sentAt" IS NOT NULL) AS "reportedCost",
  (SELECT coalesce(sum("valueMicros"), 0)::text FROM "UsageReport" WHERE "userId" = $1 AND "createdAt" >= $2::timestamp(3) AND "sentAt" IS NOT NULL) AS "reportedValue",
  (SELECT max("sentAt") FROM "UsageReport" WHERE "userId" = $1) AS "lastReportedAt",
  (SELECT count(*)::int FROM "UsageReport" WHERE "userId" = $1 AND "failedAt" IS NOT NULL AND "sentAt" IS NULL) AS "failed",
  ((SELECT coalesce(sum("costMicros"), 0) FROM "UsageReport" WHERE "userId" = $1 AND "sentAt" IS NULL) +
   (SELECT coalesce(sum("costMicros"), 0) FROM "UsageOutbox" WHERE "userId" = $1 AND "reportId" IS NULL))::text AS "pending"`;

export async function getReportedUsage(db: RawQueryClient, userId: string, since: Date): Promise<ReportedUsage> {
  const [row] = await db.$queryRawUnsafe<{ reportedCost: string; reportedValue: string; lastReportedAt: Date | null; failed: number; pending: string }[]>(SQL, userId, since.toISOString());
  return {
    reportedCostMicros: BigInt(row?.reportedCost ?? '0'),
    reportedValueMicros: BigInt(row?.reportedValue ?? '0'),
    pendingCostMicros: BigInt(row?.pending ?? '0'),
    lastReportedAt: row?.lastReportedAt ? new Date(row.lastReportedAt) : null,
    failedReports: Number(row?.failed ?? 0),
  };
}
