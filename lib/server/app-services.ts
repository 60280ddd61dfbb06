// The composition root: builds the gateway and the call-log writer from the database, the catalog
// and the providers, once per process. Kept on globalThis so server.ts (loaded by tsx) and Next's
// bundled route files (app/v1/*) share one instance, one key cache and one call-log queue.
import path from 'node:path';
import { keyRevocations } from '../accounts/key-revocations';
import { createBenchmarkRunner, type BenchmarkRunner } from '../benchmarks/benchmark-runner';
import { createBillingServices, type BillingServices } from '../billing/billing-services';
import { createCallLogWriter, type CallLogWriter } from '../call-log/call-log-writer';
import { createPrismaCallLogSink } from '../call-log/prisma-call-log-sink';
import * as catalog from '../catalog';
import { openAIModelListJson } from '../catalog/openai-model-list';
import { databaseKind, getDb } from '../db/client';
import { dataDir } from '../db/data-dir';
import { findApiKeyByHash } from '../db/queries/find-api-key-by-hash';
import { getFlowSettings } from '../db/queries/get-flow-settings';
import { touchApiKey } from '../db/queries/touch-api-key';
import { createCircuitBreakerFromEnv, createGateway, loadGatewayConfig, type Gateway } from '../gateway';
import { createRateLimiterFromEnv } from '../gateway/rate-limit/rate-limiter-from-env';
import { upstreamAddressPolicy } from '../gateway/upstream-address-guard';
import { loadProviderConfig, providerEnvVar } from '../providers/config';
import { getProviderAdapter } from '../providers/registry';

export interface AppServices {
  gateway: Gateway;
  callLog: CallLogWriter;
  /** Spend limits (checked by the gateway) and the Stripe usage reporter. */
  billing: BillingServices;
  /** Runs benchmarks in the background (lib/benchmarks): started here, stopped by close(). */
  benchmarks: BenchmarkRunner;
  /** Flushes the call log (spilling to disk what the database does not take) and closes pools. */
  close(): Promise<void>;
}

const ANALYZE_EVERY_MS = 60_000;

const holder = ((globalThis as Record<symbol, unknown>)[Symbol.for('llmtest.appServices')] ??= {}) as {
  services?: Promise<AppServices>;
};

async function createAppServices(env: NodeJS.ProcessEnv): Promise<AppServices> {
  const providerConfig = loadProviderConfig(env);
  // SSRF: the custom upstream may not be on loopback/private/link-local addresses unless
  // LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true; refused here (the server does not start) and again at
  // every connection (DNS rebinding).
  const addressPolicy = upstreamAddressPolicy(env, providerConfig);
  await addressPolicy.check();
  const db = await getDb();
  const callLog = createCallLogWriter({
    sink: createPrismaCallLogSink(db),
    spillDir: path.join(dataDir(env), 'call-log-spill'),
    // PostgreSQL parses one batch while the next is built (measured ~2x burst throughput);
    // PGlite runs in this thread, so one batch at a time.
    concurrency: databaseKind(env) === 'postgres' ? 2 : 1,
  });
  // Spend limits on the hot path come from memory; the usage reporter runs in the background.
  const billing = createBillingServices(db, env);
  const config = loadGatewayConfig(env);
  // LLMTEST_CALL_LOG=off: calls are not written to the call log (benchmarks measure what logging
  // costs with it; spend tracking still sees every call). Default on.
  const callLogOn = env.LLMTEST_CALL_LOG?.trim().toLowerCase() !== 'off';
  // With REDIS_URL, circuit breakers are shared by every instance; otherwise per process.
  const circuitBreaker = createCircuitBreakerFromEnv(env, config);
  // Requests / tokens per minute per key and per user (LLMTEST_RATE_LIMIT_*; off when unset),
  // shared through Redis with REDIS_URL.
  const rateLimiter = createRateLimiterFromEnv(env);
  const gateway = createGateway({
    findApiKeyByHash: (hash) => findApiKeyByHash(db, hash),
    // The call-log sink already moves each key's lastUsedAt once per batch, in the batch's own
    // statement; a second writer of the same column is only needed when the log is off.
    touchApiKey: callLogOn ? undefined : (keyId) => touchApiKey(db, keyId),
    getFlowSettings: (userId, flowName) => getFlowSettings(db, userId, flowName),
    checkSpend: (userId, apiKeyId) => billing.spend.check(userId, apiKeyId),
    recordCall: (record) => {
      billing.spend.record(record);
      if (callLogOn) callLog.enqueue(record);
    },
    providerConfig,
    upstreamLookup: addressPolicy.lookup,
    providerEnvVar,
    getAdapter: getProviderAdapter,
    catalog: { ...catalog, modelListJson: openAIModelListJson },
    config,
    circuitBreaker,
    rateLimiter,
  });
  // PGlite has no autovacuum: without fresh statistics the planner turns the dashboard's
  // keyset queries into full scans (157 ms vs 0.25 ms measured at 50k calls). PostgreSQL
  // analyzes by itself.
  const analyzeTimer =
    databaseKind(env) === 'pglite'
      ? setInterval(() => void db.$executeRawUnsafe('ANALYZE "CallLog"').catch(() => {}), ANALYZE_EVERY_MS).unref()
      : undefined;
  // Benchmarks resume where they stopped (pending results) and run beside production traffic,
  // at most LLMTEST_BENCHMARK_CONCURRENCY calls in flight for all of them together.
  const benchmarks = createBenchmarkRunner({
    db,
    runCall: (request) => gateway.runInternalCall(request),
    globalConcurrency: positiveInt(env.LLMTEST_BENCHMARK_CONCURRENCY, 8),
  });
  if (env.LLMTEST_BENCHMARK_RUNNER?.trim().toLowerCase() !== 'off') benchmarks.start();
  const onRevoked = (keyHash: string) => gateway.invalidateApiKey(keyHash);
  keyRevocations.on('revoked', onRevoked);
  return {
    gateway,
    callLog,
    billing,
    benchmarks,
    async close() {
      keyRevocations.off('revoked', onRevoked);
      clearInterval(analyzeTimer);
      // Before the call log: the records of the replays it aborts are flushed below.
      await benchmarks.close();
      await callLog.close();
      // After the call log: its last batch may add outbox rows (sent at the next start).
      await billing.close();
      await gateway.close();
      circuitBreaker?.close();
      rateLimiter?.close?.();
    },
  };
}

function positiveInt(text: string | undefined, fallback: number): number {
  const value = Number(text?.trim() || fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export function getAppServices(env: NodeJS.ProcessEnv = process.env): Promise<AppServices> {
  holder.services ??= createAppServices(env);
  return holder.services;
}

export async function closeAppServices(): Promise<void> {
  const services = holder.services;
  holder.services = undefined;
  if (services) await (await services).close();
}
