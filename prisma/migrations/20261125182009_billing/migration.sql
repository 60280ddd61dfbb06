-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "monthlyLimitMicros" BIGINT;

-- CreateTable
CREATE TABLE "BillingAccount" (
    "userId" TEXT NOT NULL,
    "monthlyLimitMicros" BIGINT,
    "stripeCustomerId" TEXT,
    "stripeSubscriptionId" TEXT,
    "subscriptionStatus" TEXT,
    "subscriptionCreatedAt" TIMESTAMP(3),
    "subscriptionVersion" TIMESTAMP(3),
    "currentPeriodStart" TIMESTAMP(3),
    "currentPeriodEnd" TIMESTAMP(3),
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "paymentFailedAt" TIMESTAMP(3),
    "graceUntil" TIMESTAMP(3),
    "invoiceVersion" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingAccount_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BillingStripeSetup" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "productId" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "meterEventName" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "priceLookupKey" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingStripeSetup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageOutbox" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "stripeCustomerId" TEXT NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "calls" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reportId" TEXT,

    CONSTRAINT "UsageOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageReport" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stripeCustomerId" TEXT NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "valueMicros" BIGINT NOT NULL,
    "feeBasisPoints" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "UsageReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_stripeCustomerId_key" ON "BillingAccount"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_stripeSubscriptionId_key" ON "BillingAccount"("stripeSubscriptionId");

-- CreateIndex
CREATE INDEX "UsageOutbox_reportId_id_idx" ON "UsageOutbox"("reportId", "id");

-- CreateIndex
CREATE INDEX "UsageReport_sentAt_nextAttemptAt_idx" ON "UsageReport"("sentAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "UsageReport_userId_createdAt_idx" ON "UsageReport"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "BillingAccount" ADD CONSTRAINT "BillingAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────────────────────────────────────────────────────────────────────────────
-- Usage outbox, written on insert (hand-written below the generated part; Prisma does not model
-- functions or triggers, so the schema-drift check ignores them).
--
-- A statement-level trigger with a transition table: every INSERT into "CallLog" (the call-log
-- sink writes one batch per statement) adds, in the same transaction, one "UsageOutbox" row per
-- billed customer of the batch. Rows the sink skipped (ON CONFLICT DO NOTHING: replays, retried
-- writes) are not in the transition table, so a call is counted exactly once, and a rolled-back
-- batch leaves no usage behind. Billed = production calls with a cost, of a user whose Stripe
-- subscription is active, trialing or past_due within its grace period (lib/billing/plan.ts says
-- the same in TypeScript). Deleting calls never un-bills them.
-- ───────────────────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION llmtest_usage_outbox_insert() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "UsageOutbox" ("userId", "stripeCustomerId", "costMicros", "calls")
  SELECT n."userId", b."stripeCustomerId", sum(n."costMicros"), count(*)
  FROM new_calls n
  JOIN "BillingAccount" b ON b."userId" = n."userId"
  WHERE n."source" = 'production' AND n."costMicros" > 0
    AND b."stripeCustomerId" IS NOT NULL AND b."stripeSubscriptionId" IS NOT NULL
    AND b."subscriptionStatus" IN ('active', 'trialing', 'past_due')
    AND (b."graceUntil" IS NULL OR b."graceUntil" > now())
  GROUP BY n."userId", b."stripeCustomerId"
  ORDER BY n."userId";
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "CallLog_usage_outbox"
AFTER INSERT ON "CallLog" REFERENCING NEW TABLE AS new_calls
FOR EACH STATEMENT EXECUTE FUNCTION llmtest_usage_outbox_insert();
