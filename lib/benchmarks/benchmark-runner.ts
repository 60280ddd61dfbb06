// Runs benchmarks in the background of the server process. A benchmark is a persisted job: the
// runner claims it in the database with a lease (runnerId + leaseUntil, renewed every few
// seconds), replays its pending results through the gateway (gateway.runInternalCall: the same
// pipeline and adapters as production, source 'benchmark', fallbacks off unless chosen) and
// writes each result, with the benchmark's spend and progress, in one transaction as it lands.
//
// Bounds: `concurrency` calls in flight per run, and a process-wide semaphore (global cap) shared
// by every run, so benchmarks together never hold more than that many upstream calls; production
// calls never wait on it. Budget: a call starts only while spent + (calls in flight × average cost
// so far) stays under the budget; the run ends "budget_reached" when nothing more may start (it
// can pass the budget by about one call's cost). Cancel: the benchmark row is marked cancelled
// and the calls in flight are aborted at once; no new call starts.
// Restarts: close() aborts the calls in flight (their results stay pending) and releases the
// lease; the next start (or another instance, once a lease expires after a crash) claims the
// benchmark again and runs what is still pending. Results already written are never re-run.
import { randomUUID } from 'node:crypto';
import { getModel } from '../catalog';
import type { Db } from '../db/client';
import type { InternalCallRequest, InternalCallResult } from '../gateway';
import { judgeRequestBody, parseJudgeVerdict } from './quality/judge';
import { scoreAnswer } from './quality/score-answer';
import { answerText, inspectRecordedRequest, replayBody } from './recorded-call';
import { Semaphore } from './semaphore';

export interface BenchmarkRunnerOptions {
  db: Db;
  /** gateway.runInternalCall */
  runCall(request: InternalCallRequest): Promise<InternalCallResult>;
  /** Benchmark calls in flight in this process, all runs together (default 8). */
  globalConcurrency?: number;
  /** How often the database is checked for benchmarks to run (default 2 s; wake() for at once). */
  pollMs?: number;
  /** A claimed benchmark's lease (default 15 s, renewed every third of it). */
  leaseMs?: number;
  runnerId?: string;
  log?(message: string): void;
}

export interface BenchmarkRunner {
  /** Resumes what was left running and starts polling. */
  start(): void;
  /** Look for queued benchmarks now (after one was created here). */
  wake(): void;
  /** Stop a run of this process at once (the row is marked cancelled by cancelBenchmark). */
  cancel(benchmarkId: string): void;
  /** Ids of the runs active in this process. */
  activeRuns(): string[];
  /** Stops every run (pending results stay pending), releases the leases. */
  close(): Promise<void>;
}

type StopReason = 'cancelled' | 'budget' | 'closing' | 'lost';

interface Run {
  id: string;
  stopping: StopReason | null;
  controllers: Set<AbortController>;
  done: Promise<void>;
}

interface SampleToReplay {
  position: number;
  requestBody: string;
  request: Record<string, unknown>;
  jsonMode: boolean;
  jsonSchema: Record<string, unknown> | undefined;
  baselineText: string | null;
}

interface Outcome {
  status: 'ok' | 'error';
  callLogId: string | null;
  servedModel: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  costMicros: number;
  fellBack: boolean;
  errorType: string | null;
  errorMessage: string | null;
  answerText: string | null;
  jsonValid: boolean | null;
  agreement: number | null;
  judgeScore: number | null;
  judgeReason: string | null;
  judgeCostMicros: number;
}

const ACTIVE = ['queued', 'running'];
const MAX_ACTIVE_RUNS = 16;
/** Answers are kept for the side-by-side view up to this many characters. */
const ANSWER_LIMIT = 16_000;

export function createBenchmarkRunner(options: BenchmarkRunnerOptions): BenchmarkRunner {
  const { db } = options;
  const runnerId = options.runnerId ?? randomUUID();
  const leaseMs = options.leaseMs ?? 15_000;
  const pollMs = options.pollMs ?? 2_000;
  const log = options.log ?? ((message: string) => console.error(`[llmtest] benchmarks: ${message}`));
  const global = new Semaphore(options.globalConcurrency ?? 8);
  const runs = new Map<string, Run>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let ticking: Promise<void> | null = null;
  let again = false;

  const claimable = () => ({
    status: { in: ACTIVE },
    OR: [{ leaseUntil: null }, { leaseUntil: { lt: new Date() } }, { runnerId }],
  });

  async function tick(): Promise<void> {
    const candidates = await db.benchmark.findMany({ where: claimable(), orderBy: { createdAt: 'asc' }, take: MAX_ACTIVE_RUNS, select: { id: true } });
    for (const { id } of candidates) {
      if (closed || runs.has(id) || runs.size >= MAX_ACTIVE_RUNS) continue;
      const claimed = await db.benchmark.updateMany({
        where: { id, ...claimable() },
        data: { runnerId, leaseUntil: new Date(Date.now() + leaseMs), status: 'running' },
      });
      if (claimed.count === 1) startRun(id);
    }
  }

  function poll(): void {
    if (closed) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tick()
      .catch((error: unknown) => log(`poll failed: ${String(error)}`))
      .finally(() => {
        ticking = null;
        if (again) {
          again = false;
          poll();
        }
      });
  }

  function stop(run: Run, reason: StopReason): void {
    run.stopping ??= reason;
    for (const controller of run.controllers) controller.abort();
  }

  function startRun(id: string): void {
    const run: Run = { id, stopping: null, controllers: new Set(), done: Promise.resolve() };
    runs.set(id, run);
    run.done = execute(run)
      .catch((error: unknown) => log(`benchmark ${id} failed: ${String(error)}`))
      .finally(() => runs.delete(id));
  }

  async function heartbeat(run: Run): Promise<void> {
    const row = await db.benchmark.findUnique({ where: { id: run.id }, select: { status: true, runnerId: true } });
    if (!row || row.status === 'cancelled') return stop(run, 'cancelled');
    if (row.runnerId !== runnerId || !ACTIVE.includes(row.status)) return stop(run, 'lost');
    await db.benchmark.updateMany({ where: { id: run.id, runnerId }, data: { leaseUntil: new Date(Date.now() + leaseMs) } });
  }

  async function execute(run: Run): Promise<void> {
    const benchmark = await db.benchmark.findUnique({ where: { id: run.id }, include: { flow: { select: { name: true } } } });
    if (!benchmark) return;
    await db.benchmark.updateMany({ where: { id: run.id, startedAt: null }, data: { startedAt: new Date() } });
    const samples = new Map<string, SampleToReplay>();
    for (const row of await db.benchmarkSample.findMany({
      where: { benchmarkId: run.id, skipReason: null },
      select: { id: true, position: true, requestBody: true, jsonMode: true, baselineText: true },
    })) {
      const inspected = inspectRecordedRequest(row.requestBody, false);
      if (!inspected.ok || !row.requestBody) continue;
      samples.set(row.id, { position: row.position, requestBody: row.requestBody, request: inspected.request.body, jsonMode: row.jsonMode, jsonSchema: inspected.request.jsonSchema, baselineText: row.baselineText });
    }
    const order = (model: string) => benchmark.candidateModels.indexOf(model);
    // Sample by sample, every candidate of a sample together: partial results compare like with like.
    const queue = (await db.benchmarkResult.findMany({ where: { benchmarkId: run.id, status: 'pending' }, select: { id: true, sampleId: true, model: true } }))
      .filter((item) => samples.has(item.sampleId))
      .sort((a, b) => samples.get(a.sampleId)!.position - samples.get(b.sampleId)!.position || order(a.model) - order(b.model));

    const budget = benchmark.budgetMicros;
    let spent = benchmark.spentMicros;
    let done = benchmark.doneCount;
    let inFlight = 0;
    let next = 0;
    let waiters: Array<() => void> = [];
    const settled = () => new Promise<void>((resolve) => waiters.push(resolve));
    const notify = () => {
      const woken = waiters;
      waiters = [];
      for (const resolve of woken) resolve();
    };
    const averageCost = () => (done > 0 ? spent / BigInt(done) : 0n);

    const worker = async () => {
      while (!run.stopping && next < queue.length) {
        if (spent + BigInt(inFlight) * averageCost() >= budget) {
          if (inFlight === 0) {
            run.stopping ??= 'budget';
            notify();
            return;
          }
          await settled();
          continue;
        }
        const item = queue[next++]!;
        inFlight++;
        const release = await global.acquire();
        try {
          if (run.stopping) return;
          const outcome = await replay(run, benchmark, item.model, samples.get(item.sampleId)!);
          if (outcome === null) continue; // aborted: stays pending
          spent += BigInt(outcome.costMicros + outcome.judgeCostMicros);
          done++;
          await persist(run.id, item.id, outcome).catch((error: unknown) => log(`benchmark ${run.id}: result not saved (${String(error)}); it will run again`));
        } finally {
          inFlight--;
          release();
          notify();
        }
      }
    };

    const beat = setInterval(() => void heartbeat(run).catch((error: unknown) => log(`heartbeat failed: ${String(error)}`)), Math.max(50, Math.floor(leaseMs / 3)));
    beat.unref?.();
    try {
      await Promise.all(Array.from({ length: Math.max(1, benchmark.concurrency) }, worker));
    } finally {
      clearInterval(beat);
    }
    await finish(run, spent, budget);
  }

  async function finish(run: Run, spent: bigint, budget: bigint): Promise<void> {
    const now = new Date();
    switch (run.stopping) {
      case 'cancelled':
        await db.benchmark.updateMany({ where: { id: run.id, status: 'cancelled' }, data: { runnerId: null, leaseUntil: null } });
        return;
      case 'closing':
        // Still "running" in the database: the next start resumes it.
        await db.benchmark.updateMany({ where: { id: run.id, runnerId }, data: { runnerId: null, leaseUntil: null } });
        return;
      case 'lost':
        return;
      case 'budget':
        await db.benchmark.updateMany({
          where: { id: run.id, runnerId, status: 'running' },
          data: { status: 'budget_reached', stopReason: `Budget reached: ${usd(spent)} spent of ${usd(budget)}.`, finishedAt: now, runnerId: null, leaseUntil: null },
        });
        return;
      default: {
        const pending = await db.benchmarkResult.count({ where: { benchmarkId: run.id, status: 'pending' } });
        await db.benchmark.updateMany({
          where: { id: run.id, runnerId, status: 'running' },
          data:
            pending === 0
              ? { status: 'done', finishedAt: now, runnerId: null, leaseUntil: null }
              : // results that could not be saved: released, so the next poll runs them again
                { runnerId: null, leaseUntil: null },
        });
      }
    }
  }

  async function replay(
    run: Run,
    benchmark: { userId: string; flow: { name: string }; fallbacks: boolean; judgeModel: string | null },
    model: string,
    sample: SampleToReplay,
  ): Promise<Outcome | null> {
    const controller = new AbortController();
    run.controllers.add(controller);
    try {
      const call = (body: string) =>
        options.runCall({ userId: benchmark.userId, apiKeyId: null, flowName: benchmark.flow.name, body, source: 'benchmark', fallbacks: benchmark.fallbacks, signal: controller.signal });
      let result: InternalCallResult;
      try {
        result = await call(replayBody(sample.requestBody, model));
      } catch (error) {
        if (controller.signal.aborted) return null;
        return failed(`internal_error`, error instanceof Error ? error.message : String(error));
      }
      const record = result.record;
      if (record.status === 'cancelled' || controller.signal.aborted) return null;
      const outcome: Outcome = {
        status: record.status === 'ok' ? 'ok' : 'error',
        callLogId: record.id,
        servedModel: record.servedModel,
        latencyMs: record.latencyMs,
        ttftMs: record.ttftMs,
        costMicros: record.costMicros,
        fellBack: record.fellBack,
        errorType: record.errorType,
        errorMessage: record.errorMessage,
        answerText: null,
        jsonValid: null,
        agreement: null,
        judgeScore: null,
        judgeReason: null,
        judgeCostMicros: 0,
      };
      if (record.status !== 'ok') {
        if (sample.jsonMode) outcome.jsonValid = false;
        return outcome;
      }
      const text = answerText(record.responseBody) ?? '';
      outcome.answerText = text.length > ANSWER_LIMIT ? text.slice(0, ANSWER_LIMIT) : text;
      const score = scoreAnswer(sample, text);
      outcome.jsonValid = score.jsonValid;
      outcome.agreement = score.agreement;
      if (benchmark.judgeModel && !run.stopping) {
        const body = judgeRequestBody({
          judgeModel: benchmark.judgeModel,
          jsonCapable: getModel(benchmark.judgeModel)?.capabilities.json ?? false,
          request: sample.request,
          reference: sample.baselineText ?? '',
          candidate: text,
        });
        try {
          const judged = (await call(body)).record;
          outcome.judgeCostMicros = judged.costMicros;
          const verdict = judged.status === 'ok' ? parseJudgeVerdict(answerText(judged.responseBody)) : null;
          if (verdict) {
            outcome.judgeScore = verdict.score;
            outcome.judgeReason = verdict.reason;
          } else {
            outcome.judgeReason = judged.status === 'ok' ? 'The judge gave no usable score.' : `The judge call failed: ${judged.errorMessage ?? judged.errorType ?? judged.status}`;
          }
        } catch (error) {
          outcome.judgeReason = `The judge call failed: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      return outcome;
    } finally {
      run.controllers.delete(controller);
    }
  }

  async function persist(benchmarkId: string, resultId: string, outcome: Outcome): Promise<void> {
    await db.$transaction(async (tx) => {
      const updated = await tx.benchmarkResult.updateMany({
        where: { id: resultId, status: 'pending' },
        data: {
          status: outcome.status,
          callLogId: outcome.callLogId,
          servedModel: outcome.servedModel,
          latencyMs: outcome.latencyMs,
          ttftMs: outcome.ttftMs,
          costMicros: BigInt(outcome.costMicros),
          fellBack: outcome.fellBack,
          errorType: outcome.errorType,
          errorMessage: outcome.errorMessage?.slice(0, 2_000) ?? null,
          answerText: outcome.answerText,
          jsonValid: outcome.jsonValid,
          agreement: outcome.agreement,
          judgeScore: outcome.judgeScore,
          judgeReason: outcome.judgeReason,
          judgeCostMicros: BigInt(outcome.judgeCostMicros),
          finishedAt: new Date(),
        },
      });
      if (updated.count === 0) return;
      await tx.benchmark.update({
        where: { id: benchmarkId },
        data: {
          spentMicros: { increment: BigInt(outcome.costMicros + outcome.judgeCostMicros) },
          judgeSpentMicros: { increment: BigInt(outcome.judgeCostMicros) },
          doneCount: { increment: 1 },
        },
      });
    });
  }

  return {
    start() {
      if (timer || closed) return;
      poll();
      timer = setInterval(poll, pollMs);
      timer.unref?.();
    },
    wake: poll,
    cancel(benchmarkId) {
      const run = runs.get(benchmarkId);
      if (run) stop(run, 'cancelled');
    },
    activeRuns: () => [...runs.keys()],
    async close() {
      closed = true;
      clearInterval(timer);
      await ticking;
      for (const run of runs.values()) stop(run, 'closing');
      await Promise.all([...runs.values()].map((run) => run.done));
    },
  };
}

function failed(errorType: string, errorMessage: string): Outcome {
  return {
    status: 'error',
    callLogId: null,
    servedModel: null,
    latencyMs: null,
    ttftMs: null,
    costMicros: 0,
    fellBack: false,
    errorType,
    errorMessage,
    answerText: null,
    jsonValid: null,
    agreement: null,
    judgeScore: null,
    judgeReason: null,
    judgeCostMicros: 0,
  };
}

function usd(micros: bigint): string {
  return `$${(Number(micros) / 1_000_000).toFixed(4)}`;
}
