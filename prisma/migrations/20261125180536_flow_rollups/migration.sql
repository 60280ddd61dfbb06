-- CreateTable
CREATE TABLE "FlowSettingChange" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "changedById" TEXT NOT NULL,
    "changedByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beforeModelOverride" TEXT,
    "afterModelOverride" TEXT,
    "beforeFallbackChain" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "afterFallbackChain" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "undoOfId" TEXT,

    CONSTRAINT "FlowSettingChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowRollupHour" (
    "flowId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "userId" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "fallbacks" INTEGER NOT NULL,
    "jsonRepaired" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "ttftCalls" INTEGER NOT NULL,
    "lastCallAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowRollupHour_pkey" PRIMARY KEY ("flowId","hour")
);

-- CreateTable
CREATE TABLE "FlowModelRollupHour" (
    "flowId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "model" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,

    CONSTRAINT "FlowModelRollupHour_pkey" PRIMARY KEY ("flowId","hour","model")
);

-- CreateTable
CREATE TABLE "FlowLatencyRollupHour" (
    "flowId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "FlowLatencyRollupHour_pkey" PRIMARY KEY ("flowId","metric","hour","bucket")
);

-- CreateIndex
CREATE INDEX "FlowSettingChange_flowId_createdAt_idx" ON "FlowSettingChange"("flowId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "FlowRollupHour_userId_hour_idx" ON "FlowRollupHour"("userId", "hour");

-- AddForeignKey
ALTER TABLE "FlowSettingChange" ADD CONSTRAINT "FlowSettingChange_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowRollupHour" ADD CONSTRAINT "FlowRollupHour_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowModelRollupHour" ADD CONSTRAINT "FlowModelRollupHour_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowLatencyRollupHour" ADD CONSTRAINT "FlowLatencyRollupHour_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────────────────────────────────────────────────────────────────────────────
-- Rollups maintained on write (hand-written below the generated part; Prisma does not model
-- functions or triggers, so the schema-drift check ignores them).
--
-- Statement-level triggers with transition tables: one aggregate upsert per INSERT statement
-- (the call-log sink writes a batch per statement), not one per row, and the writer stays
-- unchanged. Rows with source <> 'production' (benchmark replays) are not counted. Deletes and
-- updates subtract (UPDATE … FROM, never an INSERT: a cascaded delete of a flow must not recreate
-- its rollup rows); rows left with no calls are removed. TRUNCATE is not followed.
-- ───────────────────────────────────────────────────────────────────────────────────────────────

-- Latency histogram bucket: exact below 128 ms, then 64 buckets per power of two (bucket width
-- ≤ 1/64 of its lower bound). lib/queries/flows/latency-buckets.ts holds the inverse.
CREATE FUNCTION llmtest_latency_bucket(ms integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN ms IS NULL THEN NULL
    WHEN ms < 128 THEN greatest(ms, 0)
    ELSE (SELECT 128 + (k - 7) * 64 + ((ms >> (k - 6)) - 64)
          FROM (SELECT 32 - position('1' IN ms::bit(32)::text) AS k) AS highest_bit)
  END
$$;

-- The statements that add (subtract = false) or subtract the calls of table `calls_table`
-- (a transition table or "CallLog" itself, for the backfill below) to or from the rollups.
CREATE FUNCTION llmtest_flow_rollup_statements(calls_table text, subtract boolean) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  hourly text := format($q$
    SELECT "flowId", date_trunc('hour', "createdAt") AS "hour", "userId",
           count(*) AS "calls",
           count(*) FILTER (WHERE "status" = 'error') AS "errors",
           count(*) FILTER (WHERE "status" = 'cancelled') AS "cancelled",
           count(*) FILTER (WHERE "fellBack") AS "fallbacks",
           count(*) FILTER (WHERE "jsonRepaired") AS "jsonRepaired",
           sum("costMicros") AS "costMicros",
           sum("latencyMs") AS "latencySumMs",
           count("ttftMs") AS "ttftCalls",
           max("createdAt") AS "lastCallAt"
    FROM %I WHERE "source" = 'production'
    GROUP BY 1, 2, 3 ORDER BY 1, 2$q$, calls_table);
  by_model text := format($q$
    SELECT "flowId", date_trunc('hour', "createdAt") AS "hour", coalesce("servedModel", "requestedModel") AS "model",
           count(*) AS "calls", sum("costMicros") AS "costMicros"
    FROM %I WHERE "source" = 'production'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3$q$, calls_table);
  by_latency text := format($q$
    SELECT "flowId", "metric", "hour", "bucket", count(*) AS "calls" FROM (
      SELECT "flowId", 'latency' AS "metric", date_trunc('hour', "createdAt") AS "hour", llmtest_latency_bucket("latencyMs") AS "bucket"
      FROM %1$I WHERE "source" = 'production'
      UNION ALL
      SELECT "flowId", 'ttft', date_trunc('hour', "createdAt"), llmtest_latency_bucket("ttftMs")
      FROM %1$I WHERE "source" = 'production' AND "ttftMs" IS NOT NULL
    ) AS samples
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4$q$, calls_table);
BEGIN
  IF subtract THEN
    RETURN ARRAY[
      format($q$UPDATE "FlowRollupHour" AS r SET
        "calls" = r."calls" - d."calls", "errors" = r."errors" - d."errors", "cancelled" = r."cancelled" - d."cancelled",
        "fallbacks" = r."fallbacks" - d."fallbacks", "jsonRepaired" = r."jsonRepaired" - d."jsonRepaired",
        "costMicros" = r."costMicros" - d."costMicros", "latencySumMs" = r."latencySumMs" - d."latencySumMs",
        "ttftCalls" = r."ttftCalls" - d."ttftCalls"
        FROM (%s) AS d WHERE r."flowId" = d."flowId" AND r."hour" = d."hour"$q$, hourly),
      format($q$UPDATE "FlowModelRollupHour" AS r SET "calls" = r."calls" - d."calls", "costMicros" = r."costMicros" - d."costMicros"
        FROM (%s) AS d WHERE r."flowId" = d."flowId" AND r."hour" = d."hour" AND r."model" = d."model"$q$, by_model),
      format($q$UPDATE "FlowLatencyRollupHour" AS r SET "calls" = r."calls" - d."calls"
        FROM (%s) AS d WHERE r."flowId" = d."flowId" AND r."metric" = d."metric" AND r."hour" = d."hour" AND r."bucket" = d."bucket"$q$, by_latency),
      format($q$DELETE FROM "FlowRollupHour" WHERE "calls" <= 0 AND "flowId" IN (SELECT DISTINCT "flowId" FROM %I)$q$, calls_table),
      format($q$DELETE FROM "FlowModelRollupHour" WHERE "calls" <= 0 AND "flowId" IN (SELECT DISTINCT "flowId" FROM %I)$q$, calls_table),
      format($q$DELETE FROM "FlowLatencyRollupHour" WHERE "calls" <= 0 AND "flowId" IN (SELECT DISTINCT "flowId" FROM %I)$q$, calls_table)
    ];
  END IF;
  RETURN ARRAY[
    format($q$INSERT INTO "FlowRollupHour" AS r ("flowId", "hour", "userId", "calls", "errors", "cancelled", "fallbacks",
        "jsonRepaired", "costMicros", "latencySumMs", "ttftCalls", "lastCallAt")
      %s
      ON CONFLICT ("flowId", "hour") DO UPDATE SET
        "calls" = r."calls" + EXCLUDED."calls", "errors" = r."errors" + EXCLUDED."errors",
        "cancelled" = r."cancelled" + EXCLUDED."cancelled", "fallbacks" = r."fallbacks" + EXCLUDED."fallbacks",
        "jsonRepaired" = r."jsonRepaired" + EXCLUDED."jsonRepaired", "costMicros" = r."costMicros" + EXCLUDED."costMicros",
        "latencySumMs" = r."latencySumMs" + EXCLUDED."latencySumMs", "ttftCalls" = r."ttftCalls" + EXCLUDED."ttftCalls",
        "lastCallAt" = GREATEST(r."lastCallAt", EXCLUDED."lastCallAt")$q$, hourly),
    format($q$INSERT INTO "FlowModelRollupHour" AS r ("flowId", "hour", "model", "calls", "costMicros")
      %s
      ON CONFLICT ("flowId", "hour", "model") DO UPDATE SET
        "calls" = r."calls" + EXCLUDED."calls", "costMicros" = r."costMicros" + EXCLUDED."costMicros"$q$, by_model),
    format($q$INSERT INTO "FlowLatencyRollupHour" AS r ("flowId", "metric", "hour", "bucket", "calls")
      %s
      ON CONFLICT ("flowId", "metric", "hour", "bucket") DO UPDATE SET "calls" = r."calls" + EXCLUDED."calls"$q$, by_latency)
  ];
END
$fn$;

-- The trigger function: transition tables are visible to EXECUTE inside it (not to functions it
-- calls), hence the statements are built by the function above and executed here.
CREATE FUNCTION llmtest_call_log_rollup() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    FOREACH statement IN ARRAY llmtest_flow_rollup_statements('old_calls', true) LOOP
      EXECUTE statement;
    END LOOP;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    FOREACH statement IN ARRAY llmtest_flow_rollup_statements('new_calls', false) LOOP
      EXECUTE statement;
    END LOOP;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "CallLog_rollup_insert" AFTER INSERT ON "CallLog"
  REFERENCING NEW TABLE AS new_calls FOR EACH STATEMENT EXECUTE FUNCTION llmtest_call_log_rollup();
CREATE TRIGGER "CallLog_rollup_update" AFTER UPDATE ON "CallLog"
  REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls FOR EACH STATEMENT EXECUTE FUNCTION llmtest_call_log_rollup();
CREATE TRIGGER "CallLog_rollup_delete" AFTER DELETE ON "CallLog"
  REFERENCING OLD TABLE AS old_calls FOR EACH STATEMENT EXECUTE FUNCTION llmtest_call_log_rollup();

-- Backfill from the calls already logged.
DO $$
DECLARE
  statement text;
BEGIN
  FOREACH statement IN ARRAY llmtest_flow_rollup_statements('CallLog', false) LOOP
    EXECUTE statement;
  END LOOP;
END
$$;
