// A benchmark test world: a migrated database, a user whose flow has recorded production calls
// (made through a real gateway with the openai SDK, in front of the fake providers, then written
// by the real call-log sink), and runners built on the same gateway.
import { computeCost, getModel } from '../../lib/catalog/index';
import type { CallRecord } from '../../lib/call-log/call-record';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { createBenchmarkRunner, type BenchmarkRunner, type BenchmarkRunnerOptions } from '../../lib/benchmarks/benchmark-runner';
import { type BenchmarkInput, benchmarkInputSchema } from '../../lib/benchmarks/benchmark-input';
import { createBenchmark } from '../../lib/benchmarks/create-benchmark';
import { type Db, getDb } from '../../lib/db/client';
import { getFlowSettings } from '../../lib/db/queries/get-flow-settings';
import { type Harness, startHarness } from '../gateway/harness';

export const FLOW = 'support-bot';
export const CANDIDATES = ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-flash'];

export interface BenchmarkWorld {
  db: Db;
  h: Harness;
  userId: string;
  /** Production calls of FLOW, as recorded. */
  production: CallRecord[];
  runner(options?: Partial<BenchmarkRunnerOptions>): BenchmarkRunner;
  create(input: Partial<Parameters<typeof benchmarkInputSchema.parse>[0]>): Promise<string>;
  /** The benchmark's replays as the gateway recorded them. */
  replays(): CallRecord[];
  /** Closes the runners made so far (each test starts its own). */
  closeRunners(): Promise<void>;
  close(): Promise<void>;
}

export async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting; last value: ${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startBenchmarkWorld(calls = 20): Promise<BenchmarkWorld> {
  const db = await getDb();
  // The harness's key belongs to "user_1".
  const userId = 'user_1';
  await db.user.create({ data: { id: userId, email: `bench-${Date.now()}@example.com` } });
  const h = await startHarness({ deps: { getFlowSettings: (user, flow) => getFlowSettings(db, user, flow) } });
  for (let i = 0; i < calls; i++) {
    const messages = [{ role: 'user' as const, content: `Question ${i}: how do I reset my password${'?'.repeat(i % 4)}` }];
    // Every fifth call streams: its replays stream too (time to first token < latency).
    if (i % 5 === 4) {
      const stream = await h.client.chat.completions.create({ model: 'gpt-4o', messages, stream: true, stream_options: { include_usage: true } }, { headers: { 'X-Flow': FLOW } });
      for await (const _chunk of stream) {
        // read to the end
      }
    } else {
      await h.client.chat.completions.create({ model: 'gpt-4o', messages }, { headers: { 'X-Flow': FLOW } });
    }
  }
  const production = [...(await h.waitForRecords(calls))];
  await createPrismaCallLogSink(db).write(production);
  h.records.length = 0;
  const runners: BenchmarkRunner[] = [];
  return {
    db,
    h,
    userId,
    production,
    runner(options = {}) {
      const runner = createBenchmarkRunner({ db, runCall: (request) => h.gateway.runInternalCall(request), pollMs: 30, leaseMs: 1_000, log: () => {}, ...options });
      runners.push(runner);
      return runner;
    },
    async create(input) {
      const parsed: BenchmarkInput = benchmarkInputSchema.parse({ flowName: FLOW, sampleMode: 'last', sampleSize: calls, candidates: CANDIDATES, budgetMicros: 1_000_000, ...input });
      return (await createBenchmark(db, userId, parsed)).id;
    },
    replays: () => h.records.filter((record) => record.source === 'benchmark'),
    async closeRunners() {
      await Promise.all(runners.splice(0).map((runner) => runner.close()));
    },
    async close() {
      await Promise.all(runners.map((runner) => runner.close()));
      await h.close();
    },
  };
}

/** What the catalog says a record should cost (the figures must add up to these). */
export function expectedCost(record: CallRecord): number {
  return computeCost(getModel(record.servedModel!)!, { inputTokens: record.inputTokens, outputTokens: record.outputTokens, cachedInputTokens: record.cachedInputTokens }).costMicros;
}
