// An in-memory sink for the writer's unit tests: idempotent by id like the real one, and
// switchable between healthy, failing (database down), hanging and refusing given ids.
import type { CallLogSink, CallLogSinkResult } from '../../lib/call-log/call-log-sink';
import type { CallRecord } from '../../lib/call-log/call-record';

export class PermanentTestError extends Error {
  readonly permanent = true;
}

export interface FakeSink extends CallLogSink {
  rows: Map<string, CallRecord>;
  /** Ids of every write call, in call order (including failed ones). */
  calls: { ids: string[]; at: number; ok: boolean }[];
  mode: 'ok' | 'fail' | 'hang';
  /** Ids the "database" refuses for good (bad data). */
  refuse: Set<string>;
  /** Fails the next n writes (then back to the current mode). */
  failNext(n: number): void;
  /** Resolves hung writes (they then succeed). */
  release(): void;
  inFlight: number;
  maxInFlight: number;
  /** Artificial latency per write, ms. */
  latencyMs: number;
}

export function createFakeSink(): FakeSink {
  let failures = 0;
  let hung: (() => void)[] = [];
  const sink: FakeSink = {
    rows: new Map(),
    calls: [],
    mode: 'ok',
    refuse: new Set(),
    inFlight: 0,
    maxInFlight: 0,
    latencyMs: 0,
    failNext(n) {
      failures = n;
    },
    release() {
      const waiting = hung;
      hung = [];
      for (const resolve of waiting) resolve();
    },
    async write(records): Promise<CallLogSinkResult> {
      const ids = records.map((r) => r.id);
      sink.inFlight += 1;
      sink.maxInFlight = Math.max(sink.maxInFlight, sink.inFlight);
      try {
        if (sink.latencyMs > 0) await new Promise((r) => setTimeout(r, sink.latencyMs));
        if (sink.mode === 'hang') await new Promise<void>((resolve) => hung.push(resolve));
        if (failures > 0 || sink.mode === 'fail') {
          if (failures > 0) failures -= 1;
          sink.calls.push({ ids, at: Date.now(), ok: false });
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        }
        if (ids.some((id) => sink.refuse.has(id))) {
          sink.calls.push({ ids, at: Date.now(), ok: false });
          throw new PermanentTestError('violates check constraint');
        }
        sink.calls.push({ ids, at: Date.now(), ok: true });
        let inserted = 0;
        for (const record of records) {
          if (sink.rows.has(record.id)) continue;
          sink.rows.set(record.id, record);
          inserted += 1;
        }
        return { inserted };
      } finally {
        sink.inFlight -= 1;
      }
    },
    isPermanentError: (error) => error instanceof PermanentTestError,
  };
  return sink;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
