// What every fault test needs around the app process: a fresh PostgreSQL database (queried from
// here while the app runs), a user with an API key, the fake providers in this process, and
// small HTTP helpers that time every call (nothing may hang) and read the call log back.
import { createApiKey } from '../../lib/accounts/api-keys';
import { createAdapterFactory } from '../../lib/db/client';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { type FakeProviders, startFakeProviders } from '../fake-providers/fake-providers';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

export type Db = InstanceType<typeof PrismaClient>;

export interface FaultWorld {
  database: TestDatabase;
  db: Db;
  fake: FakeProviders;
  userId: string;
  key: string;
  keyId: string;
  /** Env for the app: the database, the fake providers, and quick gateway timeouts. */
  appEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Gateway settings for fault tests: every timeout small so a fault resolves in about a second. */
export const QUICK_GATEWAY_ENV: Record<string, string> = {
  LLMTEST_CONNECT_TIMEOUT_MS: '500',
  LLMTEST_FIRST_BYTE_TIMEOUT_MS: '1000',
  LLMTEST_IDLE_TIMEOUT_MS: '800',
  LLMTEST_DEADLINE_MS: '2500',
  LLMTEST_RETRY_BASE_MS: '10',
  LLMTEST_RETRY_MAX_MS: '100',
  // Fallbacks only where a test names them (`models`), so the attempts are predictable.
  LLMTEST_DEFAULT_CHAIN_LENGTH: '0',
  // Breakers would turn later faults into "circuit_open" skips; the scale-out test sets its own.
  LLMTEST_BREAKER_THRESHOLD: '1000',
};

export async function createFaultWorld(): Promise<FaultWorld> {
  const database = await createTestDatabase('postgres');
  const { factory } = await createAdapterFactory(database.env);
  const db = new PrismaClient({ adapter: factory }) as Db;
  const user = await db.user.create({ data: { email: `faults-${Date.now()}@example.com` } });
  const { key, id: keyId } = await createApiKey(db, user.id, 'faults');
  const fake = await startFakeProviders();
  return {
    database,
    db,
    fake,
    userId: user.id,
    key,
    keyId,
    appEnv(extra = {}) {
      const env: NodeJS.ProcessEnv = { ...process.env, ...fake.env, ...QUICK_GATEWAY_ENV, DATABASE_URL: database.env.DATABASE_URL, ...extra };
      delete env.REDIS_URL;
      if (extra.REDIS_URL) env.REDIS_URL = extra.REDIS_URL;
      return env;
    },
    async close() {
      await fake.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}

export interface CallResult {
  status: number;
  requestId: string | null;
  headers: Headers;
  text: string;
  ms: number;
  /** The fetch failed (connection refused/reset) before a complete response. */
  failed?: string;
}

/** POST /v1/chat/completions, read to the end, bounded by `timeoutMs` (a hang fails the test). */
export async function chat(origin: string, key: string | null, body: unknown, options: { headers?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CallResult> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    return { status: response.status, requestId: response.headers.get('x-llmtest-request-id'), headers: response.headers, text, ms: performance.now() - started };
  } catch (error) {
    if (timeout.aborted) throw new Error(`call did not complete within ${options.timeoutMs ?? 15_000} ms`);
    return { status: 0, requestId: null, headers: new Headers(), text: '', ms: performance.now() - started, failed: String((error as Error).cause ?? error) };
  }
}

export function errorOf(result: CallResult): { message: string; type: string; code: string | null; param: string | null } {
  const body = JSON.parse(result.text) as { error: { message: string; type: string; code: string | null; param: string | null } };
  return body.error;
}

/** SSE payloads of a streamed answer ('[DONE]' kept as a string). */
export function ssePayloads(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => {
      const data = event.slice('data: '.length);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

export type CallLogRow = Awaited<ReturnType<Db['callLog']['findMany']>>[number];

/** Waits until every id has its CallLog row (the writer flushes every 50 ms), bounded. */
export async function waitForLogs(db: Db, ids: string[], timeoutMs = 15_000): Promise<CallLogRow[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.callLog.findMany({ where: { id: { in: ids } } });
    if (rows.length === ids.length || Date.now() > until) {
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id)).filter((row): row is CallLogRow => row !== undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface LoggedAttempt {
  model: string;
  provider: string;
  status: number;
  reason: string;
  message?: string;
  latencyMs: number;
}

export function attemptsOf(row: CallLogRow): LoggedAttempt[] {
  return row.attempts as unknown as LoggedAttempt[];
}

/** Every row complete: the columns a half-written row would lack, and attempts a valid JSON array. */
export function assertCompleteRow(row: CallLogRow): void {
  const problems: string[] = [];
  if (!row.userId || !row.flowId || !row.requestedModel) problems.push('missing ids');
  if (!['ok', 'error', 'cancelled'].includes(row.status)) problems.push(`status ${row.status}`);
  if (!Number.isInteger(row.httpStatus) || row.httpStatus < 100) problems.push(`httpStatus ${row.httpStatus}`);
  if (!Array.isArray(row.attempts)) problems.push('attempts not an array');
  else
    for (const a of row.attempts as unknown as LoggedAttempt[]) {
      if (typeof a?.model !== 'string' || typeof a.provider !== 'string' || typeof a.reason !== 'string' || typeof a.status !== 'number' || typeof a.latencyMs !== 'number')
        problems.push(`bad attempt ${JSON.stringify(a)}`);
    }
  if (row.responseHeaders === null || typeof row.responseHeaders !== 'object') problems.push('responseHeaders');
  if (row.requestBody !== null && !row.requestTruncated) {
    try {
      JSON.parse(row.requestBody);
    } catch {
      problems.push('requestBody not JSON');
    }
  }
  if (problems.length) throw new Error(`incomplete CallLog row ${row.id}: ${problems.join(', ')}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
