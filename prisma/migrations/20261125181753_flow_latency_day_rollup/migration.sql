-- CreateTable
CREATE TABLE "FlowLatencyRollupDay" (
    "flowId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "FlowLatencyRollupDay_pkey" PRIMARY KEY ("flowId","metric","day","bucket")
);

-- AddForeignKey
ALTER TABLE "FlowLatencyRollupDay" ADD CONSTRAINT "FlowLatencyRollupDay_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────────────────────────────────────────────────────────────────────────────────────────
-- Maintained by the CallLog rollup triggers (migration flow_rollups) like the hourly histogram.
-- ───────────────────────────────────────────────────────────────────────────────────────────────
CREATE FUNCTION llmtest_flow_rollup_day_statements(calls_table text, subtract boolean) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  by_latency text := format($q$
    SELECT "flowId", "metric", "day", "bucket", count(*) AS "calls" FROM (
      SELECT "flowId", 'latency' AS "metric", date_trunc('day', "createdAt") AS "day", llmtest_latency_bucket("latencyMs") AS "bucket"
      FROM %1$I WHERE "source" = 'production'
      UNION ALL
      SELECT "flowId", 'ttft', date_trunc('day', "createdAt"), llmtest_latency_bucket("ttftMs")
      FROM %1$I WHERE "source" = 'production' AND "ttftMs" IS NOT NULL
    ) AS samples
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4$q$, calls_table);
BEGIN
  IF subtract THEN
    RETURN ARRAY[
      format($q$UPDATE "FlowLatencyRollupDay" AS r SET "calls" = r."calls" - d."calls"
        FROM (%s) AS d WHERE r."flowId" = d."flowId" AND r."metric" = d."metric" AND r."day" = d."day" AND r."bucket" = d."bucket"$q$, by_latency),
      format($q$DELETE FROM "FlowLatencyRollupDay" WHERE "calls" <= 0 AND "flowId" IN (SELECT DISTINCT "flowId" FROM %I)$q$, calls_table)
    ];
  END IF;
  RETURN ARRAY[
    format($q$INSERT INTO "FlowLatencyRollupDay" AS r ("flowId", "metric", "day", "bucket", "calls")
      %s
      ON CONFLICT ("flowId", "metric", "day", "bucket") DO UPDATE SET "calls" = r."calls" + EXCLUDED."calls"$q$, by_latency)
  ];
END
$fn$;

CREATE OR REPLACE FUNCTION llmtest_call_log_rollup() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  statement text;
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    FOREACH statement IN ARRAY llmtest_flow_rollup_statements('old_calls', true) || llmtest_flow_rollup_day_statements('old_calls', true) LOOP
      EXECUTE statement;
    END LOOP;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    FOREACH statement IN ARRAY llmtest_flow_rollup_statements('new_calls', false) || llmtest_flow_rollup_day_statements('new_calls', false) LOOP
      EXECUTE statement;
    END LOOP;
  END IF;
  RETURN NULL;
END
$fn$;

-- Backfill from the hourly histograms (the same calls, summed per day).
INSERT INTO "FlowLatencyRollupDay" ("flowId", "metric", "day", "bucket", "calls")
SELECT "flowId", "metric", date_trunc('day', "hour"), "bucket", sum("calls")
FROM "FlowLatencyRollupHour" GROUP BY 1, 2, 3, 4;
