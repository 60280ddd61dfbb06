// Seeds calls for the flow-page benchmark with generate_series (PostgreSQL generates the rows
// itself; the rollup triggers run once per chunk statement, as they do for the sink's batches).
//
//   node --import tsx bench/flow-page/seed.ts --calls 1000000 [--email bench@example.com]
// seeds the configured database (DATABASE_URL, or the embedded one in LLMTEST_DATA_DIR/.data;
// stop the server first: one process per embedded data dir). bench/flow-page/run.ts uses
// seedCalls() on fresh databases.
//
// Shape: over the 30 days before `now`, 95 % of the calls belong to the bench user (flows
// support-bot 60 %, summarizer 20 %, classifier 10 %, unknown 5 %), 5 % to another user.
// Latencies 300 ms – 5.7 s (log-uniform), half of them streams with a TTFT, 2 % errors, 0.5 %
// cancelled, 5 % fallbacks, 3 % JSON repaired, four served models.
import { parseArgs } from 'node:util';
import type { Db } from '../../lib/db/client';

export interface SeededData {
  userId: string;
  otherUserId: string;
  flows: Record<'support-bot' | 'summarizer' | 'classifier' | 'unknown', string>;
}

const CHUNK = 100_000;

const INSERT_SQL = `
INSERT INTO "CallLog" ("id", "userId", "flowId", "createdAt", "requestedModel", "servedModel", "provider", "status",
  "httpStatus", "stream", "fellBack", "jsonRepaired", "inputTokens", "outputTokens", "inputCostMicros", "outputCostMicros",
  "costMicros", "latencyMs", "ttftMs", "attempts", "requestBody", "responseBody", "source")
SELECT 'bench_' || $10 || '_' || g,
  CASE WHEN g % 20 = 19 THEN $2 ELSE $1 END,
  CASE WHEN g % 20 = 19 THEN $7 WHEN g % 20 < 12 THEN $3 WHEN g % 20 < 16 THEN $4 WHEN g % 20 < 18 THEN $5 ELSE $6 END,
  $8::timestamp - (r1 * interval '30 days'),
  'gpt-4o-mini',
  (ARRAY['gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'gpt-4o-mini', 'claude-3-5-haiku', 'claude-3-5-haiku', 'gemini-2.0-flash', 'gemini-2.0-flash', 'gpt-4.1'])[1 + (g * 7) % 10],
  'openai',
  CASE WHEN r2 < 0.02 THEN 'error' WHEN r2 < 0.025 THEN 'cancelled' ELSE 'ok' END,
  CASE WHEN r2 < 0.02 THEN 502 WHEN r2 < 0.025 THEN 499 ELSE 200 END,
  g % 2 = 0,
  r3 < 0.05,
  r3 >= 0.05 AND r3 < 0.08,
  100 + (r4 * 2000)::int, 20 + (r4 * 800)::int,
  (r4 * 300)::int, (r4 * 1200)::int + 20, (r4 * 300)::int + (r4 * 1200)::int + 20,
  (300 * exp(r5 * 2.94))::int,
  CASE WHEN g % 2 = 0 THEN (300 * exp(r5 * 2.94) / 4)::int END,
  '[]'::jsonb,
  $9, $9,
  'production'
FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
      FROM generate_series($11::int, $12::int) AS g) AS s`;

export async function seedCalls(
  db: Db,
  options: { calls: number; now?: Date; email?: string; bodyBytes?: number; onChunk?: (done: number) => void },
): Promise<SeededData> {
  const now = options.now ?? new Date();
  const email = options.email ?? 'bench@example.com';
  const user = await db.user.upsert({ where: { email }, create: { email }, update: {} });
  const other = await db.user.upsert({ where: { email: `other-${email}` }, create: { email: `other-${email}` }, update: {} });
  const flow = async (userId: string, name: string) =>
    (await db.flow.upsert({ where: { userId_name: { userId, name } }, create: { userId, name }, update: {} })).id;
  const flows = {
    'support-bot': await flow(user.id, 'support-bot'),
    summarizer: await flow(user.id, 'summarizer'),
    classifier: await flow(user.id, 'classifier'),
    unknown: await flow(user.id, 'unknown'),
  };
  const otherFlow = await flow(other.id, 'support-bot');
  // bodies: half of --body-bytes each for request and response (real ones are larger and
  // TOASTed out of line; these stay in the heap row, the pessimistic case for scans)
  const body = 'x'.repeat(Math.max(0, Math.floor((options.bodyBytes ?? 300) / 2)));
  const run = Date.now().toString(36);
  for (let start = 1; start <= options.calls; start += CHUNK) {
    const end = Math.min(options.calls, start + CHUNK - 1);
    await db.$executeRawUnsafe(INSERT_SQL, user.id, other.id, flows['support-bot'], flows.summarizer, flows.classifier, flows.unknown, otherFlow, now.toISOString(), body, run, start, end);
    options.onChunk?.(end);
  }
  await db.flow.updateMany({ where: { id: { in: [...Object.values(flows), otherFlow] } }, data: { lastCallAt: now } });
  await db.$executeRawUnsafe('ANALYZE');
  return { userId: user.id, otherUserId: other.id, flows };
}

async function main() {
  const { values } = parseArgs({ options: { calls: { type: 'string', default: '1000000' }, email: { type: 'string' }, 'body-bytes': { type: 'string' } } });
  const { applyMigrations } = await import('../../lib/db/migrate');
  const { getDb, closeDb } = await import('../../lib/db/client');
  await applyMigrations();
  const db = await getDb();
  const started = performance.now();
  const seeded = await seedCalls(db, {
    calls: Number(values.calls),
    email: values.email,
    bodyBytes: values['body-bytes'] ? Number(values['body-bytes']) : undefined,
    onChunk: (done) => process.stdout.write(`\r${done} calls`),
  });
  console.log(`\nseeded ${values.calls} calls in ${((performance.now() - started) / 1000).toFixed(1)} s for ${values.email ?? 'bench@example.com'} (user ${seeded.userId})`);
  await closeDb();
  process.exit(0);
}

if (process.argv[1]?.endsWith('seed.ts')) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
