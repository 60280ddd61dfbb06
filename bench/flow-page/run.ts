// The flow page over 30 days with 1,000,000 calls in the database, on a fresh embedded PGlite and
// a fresh PostgreSQL database: seeds (seed.ts), then times every query the pages run.
//
//   node --import tsx bench/flow-page/run.ts [--calls 1000000] [--db pglite,postgres] [--runs 5]
//
// Per database it prints: the seeding rate (rollup triggers included); each query of the flow
// page and the flows list (median of --runs after one warm-up) for 30 days, and the page totals
// for 1 h, 24 h, 7 d and 30 d, as the page runs them (summary, then the rest together); the same
// figures straight from CallLog without rollups (exact percentiles over every call: the
// alternative the rollups replace); and what the triggers cost the call-log sink per batch.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { closeEmbeddedDatabase, createAdapterFactory, type Db } from '../../lib/db/client';
import { applyMigrations } from '../../lib/db/migrate';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { getFlowByName, userHasFlows } from '../../lib/queries/flows/get-flow-by-name';
import { getFlowModelUsage } from '../../lib/queries/flows/get-flow-model-usage';
import { getFlowTimeSeries } from '../../lib/queries/flows/get-flow-time-series';
import { latencyPercentiles } from '../../lib/queries/flows/latency-percentiles';
import { listFlowSummaries } from '../../lib/queries/flows/list-flow-summaries';
import { listRecentFlowCalls } from '../../lib/queries/flows/list-recent-flow-calls';
import { RANGE_PRESETS, type RangePreset } from '../../lib/queries/flows/time-range';
import { listFlowSettingChanges } from '../../lib/queries/flows/update-flow-settings';
import { makeCallRecord } from '../../test/call-log/make-call-record';
import { seedCalls, type SeededData } from './seed';

type Kind = 'pglite' | 'postgres';
const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    db: { type: 'string', default: 'pglite,postgres' },
    runs: { type: 'string', default: '5' },
    'body-bytes': { type: 'string', default: '300' },
  },
});
const CALLS = Number(values.calls);
const RUNS = Number(values.runs);
const ADMIN_URL = process.env.LLMTEST_TEST_PG_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

async function freshDatabase(kind: Kind): Promise<{ env: NodeJS.ProcessEnv; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'llmtest-bench-flows-'));
    const env: NodeJS.ProcessEnv = { ...process.env, LLMTEST_DATA_DIR: dir };
    delete env.DATABASE_URL;
    await applyMigrations({ env });
    return { env, drop: async () => { await closeEmbeddedDatabase(env); rmSync(dir, { recursive: true, force: true }); } };
  }
  const { default: pg } = await import('pg');
  const name = `llmtest_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url.toString() };
  await applyMigrations({ env });
  return {
    env,
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up (plans, caches)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rangeOf = (preset: RangePreset, now: Date) => ({ from: new Date(now.getTime() - RANGE_PRESETS[preset]), to: now, preset });

/** The flow page's data, in the page's order (page.tsx). */
async function flowPage(db: Db, seeded: SeededData, range: { from: Date; to: Date }) {
  const flow = (await getFlowByName(db, seeded.userId, 'support-bot'))!;
  const { flows } = await listFlowSummaries(db, seeded.userId, range, { flowId: flow.id });
  await Promise.all([
    getFlowTimeSeries(db, seeded.userId, flow.id, range, { callsInRange: flows[0].calls }),
    getFlowModelUsage(db, seeded.userId, flow.id, range),
    listRecentFlowCalls(db, seeded.userId, flow.id, range),
    listFlowSettingChanges(db, seeded.userId, flow.id),
  ]);
  return flows[0].calls;
}

async function flowsList(db: Db, seeded: SeededData, range: { from: Date; to: Date }) {
  await userHasFlows(db, seeded.userId);
  return listFlowSummaries(db, seeded.userId, range);
}

const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

async function bench(kind: Kind) {
  const database = await freshDatabase(kind);
  const { factory } = await createAdapterFactory(database.env);
  const db = new PrismaClient({ adapter: factory }) as Db;
  const out: Record<string, string | number> = {};
  try {
    const now = new Date();
    let started = performance.now();
    const seeded = await seedCalls(db, { calls: CALLS, now, bodyBytes: Number(values['body-bytes']), onChunk: (n) => process.stdout.write(`\r[${kind}] seeded ${n}`) });
    const seedSeconds = (performance.now() - started) / 1000;
    console.log(`\n[${kind}] ${CALLS} calls seeded in ${seedSeconds.toFixed(1)} s (${Math.round(CALLS / seedSeconds)} calls/s, rollup triggers included)`);
    const sizes = await db.$queryRawUnsafe<{ rel: string; rows: bigint; size: string }[]>(`
      SELECT c.relname AS rel, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
      WHERE c.relname IN ('CallLog', 'FlowRollupHour', 'FlowModelRollupHour', 'FlowLatencyRollupHour', 'FlowLatencyRollupDay') ORDER BY 1`);
    for (const s of sizes) console.log(`[${kind}]   ${s.rel.padEnd(22)} ${String(s.rows).padStart(9)} rows ${s.size}`);

    const range30 = rangeOf('30d', now);
    const flow = (await getFlowByName(db, seeded.userId, 'support-bot'))!;
    const calls30 = (await listFlowSummaries(db, seeded.userId, range30, { flowId: flow.id })).flows[0].calls;
    console.log(`[${kind}] flow page, support-bot, 30 days (${calls30} calls in range), median of ${RUNS}:`);
    const steps: [string, () => Promise<unknown>][] = [
      ['getFlowByName', () => getFlowByName(db, seeded.userId, 'support-bot')],
      ['listFlowSummaries (flow)', () => listFlowSummaries(db, seeded.userId, range30, { flowId: flow.id })],
      ['getFlowTimeSeries', () => getFlowTimeSeries(db, seeded.userId, flow.id, range30, { callsInRange: calls30 })],
      ['getFlowModelUsage', () => getFlowModelUsage(db, seeded.userId, flow.id, range30)],
      ['listRecentFlowCalls', () => listRecentFlowCalls(db, seeded.userId, flow.id, range30)],
      ['listFlowSettingChanges', () => listFlowSettingChanges(db, seeded.userId, flow.id)],
    ];
    let sum = 0;
    for (const [name, fn] of steps) {
      const t = await median(fn);
      sum += t;
      out[`flow page: ${name}`] = Number(t.toFixed(1));
      console.log(`[${kind}]   ${name.padEnd(34)} ${ms(t)}`);
    }
    console.log(`[${kind}]   ${'sum of queries'.padEnd(34)} ${ms(sum)}`);
    for (const preset of ['1h', '24h', '7d', '30d'] as const) {
      const t = await median(() => flowPage(db, seeded, rangeOf(preset, now)));
      out[`flow page total ${preset}`] = Number(t.toFixed(1));
      console.log(`[${kind}]   ${`flow page total, ${preset}`.padEnd(34)} ${ms(t)}`);
    }
    for (const preset of ['24h', '30d'] as const) {
      const t = await median(() => flowsList(db, seeded, rangeOf(preset, now)));
      out[`flows list total ${preset}`] = Number(t.toFixed(1));
      console.log(`[${kind}]   ${`flows list total, ${preset} (${CALLS * 0.95} calls)`.padEnd(34)} ${ms(t)}`);
    }

    console.log(`[${kind}] without rollups (straight from CallLog, 30 days):`);
    const rawPercentiles = await median(() => latencyPercentiles(db, { userId: seeded.userId, flowId: flow.id }, range30, { by: 'flow' }, 'exact'));
    const rawSeries = await median(() => latencyPercentiles(db, { userId: seeded.userId, flowId: flow.id }, range30, { by: 'time', bucket: 'day' }, 'exact'));
    const rawCounts = await median(() =>
      db.$queryRawUnsafe(
        `SELECT count(*), sum("costMicros"), count(*) FILTER (WHERE "status" = 'error') FROM "CallLog" WHERE "userId" = $1 AND "flowId" = $2 AND "source" = 'production' AND "createdAt" >= $3::timestamp AND "createdAt" < $4::timestamp`,
        seeded.userId, flow.id, range30.from.toISOString(), range30.to.toISOString(),
      ),
    );
    out['raw: exact percentiles'] = Number(rawPercentiles.toFixed(1));
    out['raw: exact percentiles per day'] = Number(rawSeries.toFixed(1));
    out['raw: counts and spend'] = Number(rawCounts.toFixed(1));
    console.log(`[${kind}]   ${'exact p50/p95/ttft (percentile_disc)'.padEnd(34)} ${ms(rawPercentiles)}`);
    console.log(`[${kind}]   ${'exact p50/p95 per day'.padEnd(34)} ${ms(rawSeries)}`);
    console.log(`[${kind}]   ${'counts + spend'.padEnd(34)} ${ms(rawCounts)}`);

    // What the triggers cost the writer: the sink's batch of 500, with and without them.
    const sink = createPrismaCallLogSink(db);
    const batch = () => Array.from({ length: 500 }, () => makeCallRecord({ userId: seeded.userId, flowName: `flow-${Math.floor(Math.random() * 5)}`, createdAt: new Date() }));
    const write = async () => { await sink.write(batch()); };
    const withTriggers = await median(write);
    await db.$executeRawUnsafe('ALTER TABLE "CallLog" DISABLE TRIGGER USER');
    const withoutTriggers = await median(write);
    await db.$executeRawUnsafe('ALTER TABLE "CallLog" ENABLE TRIGGER USER');
    out['sink batch of 500, triggers'] = Number(withTriggers.toFixed(1));
    out['sink batch of 500, no triggers'] = Number(withoutTriggers.toFixed(1));
    console.log(`[${kind}] call-log sink, batch of 500: ${ms(withTriggers)} with rollup triggers, ${ms(withoutTriggers)} without`);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
  return out;
}

async function main() {
  const results: Record<string, Record<string, string | number>> = {};
  for (const kind of values.db!.split(',') as Kind[]) results[kind] = await bench(kind);
  console.log(JSON.stringify({ calls: CALLS, runs: RUNS, results }, null, 2));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
