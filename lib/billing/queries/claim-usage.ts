// Turns unreported outbox rows into UsageReport rows, in ONE statement (one transaction): per
// billed customer, the rows claimed now become one meter event whose identifier is derived from
// the usage itself ("llmtest_usage_<customer>_<first outbox id>"). An outbox row is claimed once
// (reportId set in the same statement; FOR UPDATE SKIP LOCKED keeps two reporters apart), so the
// identifier of a given piece of usage never changes: resending it is always deduplicated.
import type { RawQueryClient } from '../../call-log/prisma-call-log-sink';

export const CLAIM_USAGE_SQL = `
WITH pending AS (
  SELECT "id", "userId", "stripeCustomerId", "costMicros", "calls" FROM "UsageOutbox"
  WHERE "reportId" IS NULL
  ORDER BY "id" LIMIT $1
  FOR UPDATE SKIP LOCKED
),
grouped AS (
  SELECT "stripeCustomerId", min("userId") AS "userId", min("id") AS "firstId",
         sum("costMicros")::bigint AS "costMicros", sum("calls")::int AS "calls"
  FROM pending GROUP BY "stripeCustomerId"
),
reports AS (
  INSERT INTO "UsageReport" ("id", "userId", "stripeCustomerId", "costMicros", "valueMicros", "feeBasisPoints", "calls")
  SELECT 'llmtest_usage_' || "stripeCustomerId" || '_' || "firstId", "userId", "stripeCustomerId", "costMicros",
         -- cost × (1 + fee), rounded half up to the micro-dollar: bigint division truncates
         -- (sum() alone would be numeric, whose division does not)
         ("costMicros" * (10000 + $2::int) + 5000) / 10000, $2::int, "calls"
  FROM grouped
  RETURNING "id", "stripeCustomerId"
),
claimed AS (
  UPDATE "UsageOutbox" o SET "reportId" = 'llmtest_usage_' || g."stripeCustomerId" || '_' || g."firstId"
  FROM pending p JOIN grouped g ON g."stripeCustomerId" = p."stripeCustomerId"
  WHERE o."id" = p."id"
  RETURNING 1
)
SELECT (SELECT count(*) FROM reports)::int AS "reports", (SELECT count(*) FROM claimed)::int AS "rows"`;

/** Claims up to `limit` outbox rows; returns how many reports and rows it made. */
export async function claimUsage(db: RawQueryClient, feeBasisPoints: number, limit = 10_000): Promise<{ reports: number; rows: number }> {
  const rows = await db.$queryRawUnsafe<{ reports: number; rows: number }[]>(CLAIM_USAGE_SQL, limit, feeBasisPoints);
  return { reports: Number(rows[0]?.reports ?? 0), rows: Number(rows[0]?.rows ?? 0) };
}
