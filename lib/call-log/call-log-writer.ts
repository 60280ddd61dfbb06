// The call log's batch writer. The gateway calls enqueue() once per call; nothing on the request
// path waits for the database. One background loop decides what to do next:
//
//   1. spill: the queue passed its bound (records or bytes), or the database has been failing for
//      longer than spillAfterMs (or a flush/close is waiting) → oldest batches go to disk
//   2. write: a batch is full, or its oldest record waited flushIntervalMs → sink.write(batch),
//      with up to `concurrency` writes in flight (1 by default: arrival order, and the embedded
//      database has a single writer anyway); a backlog is written in merged, larger statements
//   3. replay: nothing ready in memory, no write in flight → the next chunk of the oldest spill file
//   4. sleep until one of those can happen (enqueue wakes it when a batch fills up)
//
// Failures: a transient one (database down, timeout) puts the batch back at the head and backs
// off exponentially; a permanent one (the sink says the data itself is refused) bisects the
// batch so that only the offending record is set aside in a rejected-*.jsonl file.
//
// What kill -9 can lose: the records in memory (at most the hard bound, 2 × maxQueue records /
// 2 × maxQueueBytes, by default 40,000 calls / 128 MB; in practice what arrived during the last flushIntervalMs plus one
// write time when the database keeps up: 44–465 calls at 4,000 calls/s in the tests), never a half-written batch (the sink writes a batch in one statement)
// and never a record already acknowledged by an fsync'd spill append. See README.md.
import type { CallLogSink, CallLogSinkResult } from './call-log-sink';
import type { CallRecord } from './call-record';
import { estimateRecordBytes } from './call-record-json';
import { openSpillStore, type SpillStore } from './spill-store';

export interface CallLogLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CallLogWriterOptions {
  sink: CallLogSink;
  /** Records per database write (default 500). */
  maxBatch?: number;
  /**
   * With a backlog, up to this many records (whole batches) go in one write (default 4 ×
   * maxBatch): per-row cost falls with statement size, notably on PGlite.
   */
  maxRecordsPerWrite?: number;
  /** A partial batch is written once its oldest record waited this long (default 50 ms). */
  flushIntervalMs?: number;
  /** Records kept in memory before the oldest batches spill to disk (default 20,000). */
  maxQueue?: number;
  /** Same bound in (estimated) bytes: bodies make records up to ~260 KB each (default 64 MB). */
  maxQueueBytes?: number;
  /**
   * Spill directory. Without it, nothing reaches disk: past maxQueue new records are dropped
   * (counted in stats().dropped). With it, records are dropped only past twice the bounds, when
   * the disk cannot keep up either.
   */
  spillDir?: string;
  /** Once the database has failed for this long, everything queued goes to disk (default 2 s). */
  spillAfterMs?: number;
  /** Sealed spill file size (default 8 MB): bounds the memory a replay takes. */
  spillFileMaxBytes?: number;
  /**
   * Batches written at the same time (default 1). 1 keeps the log in arrival order and suits
   * PGlite (single-threaded, in this process); 2 lets PostgreSQL parse one batch while the next
   * is being built. Spill replays always run alone.
   */
  concurrency?: number;
  /** Replay spill files (leftovers of an earlier process at start, then our own). Default true. */
  replay?: boolean;
  /** First retry delay; doubles per consecutive failure up to retryMaxMs (defaults 100 ms, 5 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A write that takes longer counts as failed (default 15 s); the sink being idempotent, a
   * late success of the abandoned write is harmless. */
  writeTimeoutMs?: number;
  /** close() gives the database this long before spilling what is left (default 10 s). */
  closeTimeoutMs?: number;
  logger?: CallLogLogger;
}

export interface CallLogWriterStats {
  /** Records in memory not yet durable (queued + being written or spilled). */
  queued: number;
  queuedBytes: number;
  /** The highest `queued` seen. */
  maxQueued: number;
  /** Rows inserted into the database (from memory and from spill files). */
  written: number;
  /** Records the database already had (replays, retried writes that had in fact succeeded). */
  duplicates: number;
  /** Records skipped because their user no longer exists. */
  unknownUser: number;
  /** Records appended to spill files. */
  spilled: number;
  /** Records read back from spill files and acknowledged by the database. */
  replayed: number;
  /** Records lost: past the hard memory bound with no room on disk, or no spill dir. */
  dropped: number;
  /** Records the database refused for good (kept in rejected-*.jsonl). */
  rejected: number;
  /** Unreadable spill lines (the torn last line of a kill -9). */
  corruptSpillLines: number;
  failedBatches: number;
  /** Sealed spill files waiting for replay (as last listed) plus the active one. */
  spillFiles: number;
  /** The database is currently failing. */
  outage: boolean;
  lastError: string | null;
}

export interface CallLogWriter {
  /** Synchronous, O(1), never throws: the request path calls it and moves on. */
  enqueue(record: CallRecord): void;
  /** Resolves once everything enqueued before the call is in the database or a spill file. */
  flush(): Promise<void>;
  /**
   * Stops the loop after writing what is queued; what the database does not take within
   * closeTimeoutMs goes to the spill files. Idempotent. Records enqueued after close are
   * appended to a spill file synchronously.
   */
  close(): Promise<void>;
  stats(): CallLogWriterStats;
}

interface Batch {
  records: CallRecord[];
  /** Sequence number of records[0]; flush() waits on these. */
  firstSeq: number;
  bytes: number;
  openedAt: number;
}

type WriteOutcome = { ok: true } | { ok: false; error: unknown; remaining: CallRecord[] };

const consoleLogger: CallLogLogger = {
  info: (message, fields) => console.info(`[call-log] ${message}`, fields ?? ''),
  warn: (message, fields) => console.warn(`[call-log] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[call-log] ${message}`, fields ?? ''),
};

function describeError(error: unknown): string {
  return error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ').slice(0, 500) : String(error);
}

export function createCallLogWriter(options: CallLogWriterOptions): CallLogWriter {
  const sink = options.sink;
  const maxBatch = Math.max(1, options.maxBatch ?? 500);
  const flushIntervalMs = options.flushIntervalMs ?? 50;
  const maxQueue = Math.max(maxBatch, options.maxQueue ?? 20_000);
  const maxQueueBytes = options.maxQueueBytes ?? 64 * 1024 * 1024;
  const spillAfterMs = options.spillAfterMs ?? 2_000;
  const retryBaseMs = options.retryBaseMs ?? 100;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  const replayEnabled = options.replay ?? true;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxRecordsPerWrite = Math.max(maxBatch, options.maxRecordsPerWrite ?? 4 * maxBatch);
  const logger = options.logger ?? consoleLogger;
  const spill: SpillStore | null = options.spillDir
    ? openSpillStore(options.spillDir, { maxFileBytes: options.spillFileMaxBytes })
    : null;
  // With a spill dir the soft bound triggers spilling and the hard bound (twice as much) only
  // protects memory from a disk that cannot keep up; without one the soft bound is the hard one.
  const hardMaxQueue = spill ? 2 * maxQueue : maxQueue;
  const hardMaxBytes = spill ? 2 * maxQueueBytes : maxQueueBytes;

  const queue: Batch[] = [];
  const inflight = new Set<Batch>();
  let writesInFlight = 0;
  let nextSeq = 0;
  let queued = 0;
  let queuedBytes = 0;
  const counters = {
    maxQueued: 0,
    written: 0,
    duplicates: 0,
    unknownUser: 0,
    spilled: 0,
    replayed: 0,
    dropped: 0,
    rejected: 0,
    corruptSpillLines: 0,
    failedBatches: 0,
  };
  let lastError: string | null = null;

  let state: 'running' | 'closing' | 'closed' = 'running';
  /** close() gave up on a hung write and spilled its records: its late outcome is ignored. */
  let abandoned = false;
  let closeDeadline = Infinity;
  let closePromise: Promise<void> | null = null;

  // Backoff and outage tracking.
  let consecutiveFailures = 0;
  let retryAt = 0;
  let outageSince: number | null = null;
  let lastOutageLogAt = 0;
  let spillBlockedUntil = 0;
  let lastDropLogAt = 0;
  let lastUnknownUserLogAt = 0;

  // Replay state: the file being replayed and how far it got.
  let replayList: string[] = [];
  let replayListStale = replayEnabled && spill !== null;
  let replaying: { file: string; records: CallRecord[]; cursor: number } | null = null;

  const flushWaiters: { target: number; resolve: () => void }[] = [];

  // Wake-ups of the loop. A signal sent while the loop is busy (not sleeping) is remembered, so
  // a write finishing between two steps is never missed.
  let wake: (() => void) | null = null;
  let signalled = false;
  function signal(): void {
    const resolve = wake;
    wake = null;
    if (resolve) resolve();
    else signalled = true;
  }
  function sleep(ms: number): Promise<void> {
    if (signalled) {
      signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // No timer when there is nothing to wait for: an idle writer keeps no handle alive.
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(1, ms)) : null;
      function done() {
        if (timer) clearTimeout(timer);
        if (wake === done) wake = null;
        signalled = false;
        resolve();
      }
      wake = done;
    });
  }

  function release(records: readonly CallRecord[], bytes: number): void {
    queued -= records.length;
    queuedBytes -= bytes;
  }

  function notifyFlushWaiters(): void {
    if (flushWaiters.length === 0) return;
    let lowestPending = queue.length > 0 ? queue[0].firstSeq : nextSeq;
    for (const batch of inflight) lowestPending = Math.min(lowestPending, batch.firstSeq);
    for (let i = flushWaiters.length - 1; i >= 0; i--) {
      if (flushWaiters[i].target < lowestPending) {
        flushWaiters[i].resolve();
        flushWaiters.splice(i, 1);
      }
    }
  }

  function onSuccess(): void {
    if (outageSince !== null) {
      logger.info('database writes recovered', { outageMs: Date.now() - outageSince });
    }
    outageSince = null;
    consecutiveFailures = 0;
    retryAt = 0;
  }

  function onFailure(error: unknown): void {
    const now = Date.now();
    counters.failedBatches += 1;
    consecutiveFailures += 1;
    lastError = describeError(error);
    if (outageSince === null) {
      outageSince = now;
      lastOutageLogAt = now;
      logger.warn('database write failed, retrying with backoff', { error: lastError });
    } else if (now - lastOutageLogAt >= 30_000) {
      lastOutageLogAt = now;
      logger.warn('database writes still failing', { error: lastError, outageMs: now - outageSince, queued });
    }
    const exponential = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(consecutiveFailures - 1, 20));
    // Jitter so that several gateway processes do not hammer a recovering database in step.
    retryAt = now + exponential * (0.5 + Math.random() * 0.5);
  }

  function account(result: CallLogSinkResult | void, count: number): void {
    const inserted = result ? result.inserted : count;
    const unknownUser = result?.unknownUser ?? 0;
    counters.written += inserted;
    counters.unknownUser += unknownUser;
    counters.duplicates += Math.max(0, count - inserted - unknownUser);
    if (unknownUser > 0 && Date.now() - lastUnknownUserLogAt >= 10_000) {
      lastUnknownUserLogAt = Date.now();
      logger.warn('call records of unknown (deleted) users skipped', { total: counters.unknownUser });
    }
  }

  async function writeWithTimeout(records: readonly CallRecord[]): Promise<CallLogSinkResult | void> {
    const limit = state === 'closing' ? Math.max(100, Math.min(writeTimeoutMs, closeDeadline - Date.now())) : writeTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`call-log write timed out after ${limit} ms`)), limit);
    });
    try {
      return await Promise.race([sink.write(records), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function rejectRecord(record: CallRecord, error: unknown): Promise<void> {
    counters.rejected += 1;
    const reason = describeError(error);
    logger.error('call record refused by the database, set aside', { id: record.id, error: reason });
    if (!spill) return;
    try {
      await spill.appendRejected(record, reason);
    } catch (spillError) {
      logger.error('could not keep the refused record', { id: record.id, error: describeError(spillError) });
    }
  }

  /** Writes records; a permanent failure is narrowed down by bisection to the bad records. */
  async function writeRecords(records: CallRecord[]): Promise<WriteOutcome> {
    try {
      account(await writeWithTimeout(records), records.length);
      return { ok: true };
    } catch (error) {
      if (!sink.isPermanentError?.(error)) return { ok: false, error, remaining: records };
      if (records.length === 1) {
        await rejectRecord(records[0], error);
        return { ok: true };
      }
      const middle = Math.ceil(records.length / 2);
      const first = await writeRecords(records.slice(0, middle));
      if (!first.ok) return { ok: false, error: first.error, remaining: first.remaining.concat(records.slice(middle)) };
      return writeRecords(records.slice(middle));
    }
  }

  function sumBytes(records: readonly CallRecord[]): number {
    let bytes = 0;
    for (const record of records) bytes += estimateRecordBytes(record);
    return bytes;
  }

  async function writeBatch(batch: Batch): Promise<void> {
    inflight.add(batch);
    let outcome: WriteOutcome;
    try {
      outcome = await writeRecords(batch.records);
    } finally {
      inflight.delete(batch);
    }
    if (abandoned) return;
    if (outcome.ok) {
      release(batch.records, batch.bytes);
      onSuccess();
    } else {
      if (outcome.remaining.length !== batch.records.length) {
        const remainingBytes = sumBytes(outcome.remaining);
        release(batch.records.slice(outcome.remaining.length), batch.bytes - remainingBytes);
        batch.records = outcome.remaining;
        batch.bytes = remainingBytes;
      }
      queue.unshift(batch);
      onFailure(outcome.error);
    }
    notifyFlushWaiters();
  }

  function headReady(now: number): boolean {
    const head = queue[0];
    if (!head) return false;
    return (
      head.records.length >= maxBatch ||
      queue.length > 1 ||
      now - head.openedAt >= flushIntervalMs ||
      state === 'closing' ||
      flushWaiters.length > 0
    );
  }

  /** In an outage that lasted (or that a flush/close cannot wait out), memory goes to disk. */
  function outageSpillMode(now: number): boolean {
    if (!spill || outageSince === null || now < spillBlockedUntil) return false;
    return now - outageSince >= spillAfterMs || state === 'closing' || flushWaiters.length > 0;
  }

  /** Batches that must go to disk now, taken off the queue (oldest first). */
  function takeBatchesToSpill(now: number): Batch[] {
    if (!spill || now < spillBlockedUntil || queue.length === 0) return [];
    if (outageSpillMode(now)) {
      // Everything that would have been written now: the full batches, and the open (last) one
      // too once its oldest record waited flushIntervalMs: one fsync per interval, not per call.
      const tail = queue[queue.length - 1];
      const tailReady =
        tail.records.length >= maxBatch ||
        now - tail.openedAt >= flushIntervalMs ||
        state === 'closing' ||
        flushWaiters.length > 0;
      const taken = queue.splice(0, tailReady ? queue.length : queue.length - 1);
      if (taken.length > 0) return taken;
    }
    const taken: Batch[] = [];
    let projectedRecords = queued;
    let projectedBytes = queuedBytes;
    while (queue.length > 0 && (projectedRecords > maxQueue || projectedBytes > maxQueueBytes)) {
      const batch = queue.shift()!;
      taken.push(batch);
      projectedRecords -= batch.records.length;
      projectedBytes -= batch.bytes;
    }
    return taken;
  }

  async function spillBatches(batches: Batch[]): Promise<void> {
    if (!spill || batches.length === 0) return;
    const records: CallRecord[] = [];
    for (const batch of batches) {
      inflight.add(batch);
      for (const record of batch.records) records.push(record);
    }
    try {
      const unserializable = await spill.append(records);
      counters.spilled += records.length - unserializable;
      counters.rejected += unserializable;
      for (const batch of batches) release(batch.records, batch.bytes);
      replayListStale = replayEnabled;
    } catch (error) {
      // Disk full or unwritable: keep them in memory and try again in a second; meanwhile the
      // hard bound drops new records rather than exhausting memory.
      spillBlockedUntil = Date.now() + 1_000;
      queue.unshift(...batches);
      logger.error('spilling call records to disk failed', { error: describeError(error), dir: spill.dir });
    } finally {
      for (const batch of batches) inflight.delete(batch);
    }
    notifyFlushWaiters();
  }

  /** Writes the next chunk of the oldest spill file. False when there is nothing to replay. */
  async function replayNext(): Promise<boolean> {
    if (!spill || !replayEnabled) return false;
    if (!replaying) {
      if (replayList.length === 0 && replayListStale) {
        replayListStale = false;
        if (spill.activeBytes() > 0) await spill.seal();
        replayList = await spill.listReplayable();
      }
      const file = replayList.shift();
      if (!file) return false;
      const contents = await spill.read(file).catch((error: unknown) => {
        logger.error('unreadable spill file skipped', { file, error: describeError(error) });
        return null;
      });
      if (!contents) return true;
      if (contents.corruptLines > 0) {
        counters.corruptSpillLines += contents.corruptLines;
        logger.warn('spill file had unreadable lines (torn by a crash?)', { file, lines: contents.corruptLines });
      }
      replaying = { file, records: contents.records, cursor: 0 };
    }
    const current = replaying;
    const chunk = current.records.slice(current.cursor, current.cursor + maxRecordsPerWrite);
    if (chunk.length > 0) {
      const outcome = await writeRecords(chunk);
      const done = outcome.ok ? chunk.length : chunk.length - outcome.remaining.length;
      current.cursor += done;
      counters.replayed += done;
      if (!outcome.ok) {
        onFailure(outcome.error);
        return true;
      }
      onSuccess();
    }
    if (current.cursor >= current.records.length) {
      // Removed only once every line is in the database: a crash before this replays the file
      // again, and the sink skips the ids it already has.
      await spill.remove(current.file);
      replaying = null;
    }
    return true;
  }

  function nextWakeDelay(now: number): number {
    let delay = Infinity;
    const canWrite = now >= retryAt;
    if (!canWrite) delay = retryAt - now;
    if (queue.length > 0) {
      // Only deadlines something can act on: a due batch with the database in backoff and no
      // spilling allowed yet, or with every write slot busy (a finishing write signals), must
      // not spin the loop.
      if (canWrite && writesInFlight < concurrency) delay = Math.min(delay, queue[0].openedAt + flushIntervalMs - now);
      else if (outageSpillMode(now)) delay = Math.min(delay, queue[queue.length - 1].openedAt + flushIntervalMs - now);
    }
    if (spill && outageSince !== null) {
      const spillFrom = Math.max(outageSince + spillAfterMs, spillBlockedUntil);
      if (spillFrom > now) delay = Math.min(delay, spillFrom - now);
    }
    return delay;
  }

  /**
   * The head batch, merged with the full batches behind it (up to maxRecordsPerWrite) when a
   * backlog built up: larger statements cost less per row, so the writer catches up faster.
   */
  function takeForWrite(): Batch {
    const batch = queue.shift()!;
    while (queue.length > 1 && batch.records.length + queue[0].records.length <= maxRecordsPerWrite) {
      const next = queue.shift()!;
      for (const record of next.records) batch.records.push(record);
      batch.bytes += next.bytes;
    }
    return batch;
  }

  function startWrite(batch: Batch): void {
    writesInFlight += 1;
    writeBatch(batch)
      .catch((error: unknown) => {
        // writeBatch handles sink errors itself; this is a bug guard that keeps the records.
        logger.error('call-log write crashed', { error: describeError(error) });
        inflight.delete(batch);
        queue.unshift(batch);
      })
      .finally(() => {
        writesInFlight -= 1;
        signal();
      });
  }

  async function step(): Promise<'continue' | 'stop'> {
    if (abandoned) return 'stop';
    const now = Date.now();
    if (state === 'closing' && now >= closeDeadline) {
      // Past the close deadline: what is still queued goes to disk (or is counted lost).
      const rest = queue.splice(0);
      if (spill) await spillBatches(rest);
      const left = queue.splice(0);
      if (left.length > 0) {
        const count = left.reduce((n, batch) => n + batch.records.length, 0);
        counters.dropped += count;
        for (const batch of left) release(batch.records, batch.bytes);
        logger.error('call records dropped at close: database and disk unavailable', { count });
      }
      notifyFlushWaiters();
      if (writesInFlight === 0) return 'stop';
      await sleep(Infinity); // a finishing write signals; a failed one re-queues its batch
      return 'continue';
    }
    const toSpill = takeBatchesToSpill(now);
    if (toSpill.length > 0) {
      await spillBatches(toSpill);
      return 'continue';
    }
    if (now >= retryAt) {
      if (writesInFlight < concurrency && headReady(now)) {
        startWrite(takeForWrite());
        return 'continue';
      }
      // Replays run alone: one spill chunk at a time, after memory has been served.
      if (writesInFlight === 0 && state === 'running' && (await replayNext())) return 'continue';
    }
    if (state === 'closing' && queue.length === 0 && writesInFlight === 0) return 'stop';
    if (state === 'closing' && !spill && outageSince !== null && retryAt > closeDeadline) {
      // No disk to fall back on and the next retry is past the deadline: give up now.
      closeDeadline = now;
      return 'continue';
    }
    await sleep(nextWakeDelay(now));
    return 'continue';
  }

  async function run(): Promise<void> {
    for (;;) {
      try {
        if ((await step()) === 'stop') return;
      } catch (error) {
        // Never let the loop die: log and carry on after a pause.
        logger.error('call-log loop error', { error: describeError(error) });
        await sleep(100);
      }
    }
  }

  const loop = run();

  function dropForBound(): void {
    counters.dropped += 1;
    const now = Date.now();
    if (now - lastDropLogAt >= 10_000) {
      lastDropLogAt = now;
      logger.error('call-log queue full, dropping records', { queued, queuedBytes, dropped: counters.dropped });
    }
  }

  function enqueueAfterClose(record: CallRecord): void {
    if (!spill) {
      dropForBound();
      return;
    }
    try {
      if (spill.appendSync([record]) === 0) counters.spilled += 1;
      else counters.rejected += 1;
    } catch {
      dropForBound();
    }
  }

  return {
    enqueue(record) {
      try {
        if (state === 'closed') {
          enqueueAfterClose(record);
          return;
        }
        const bytes = estimateRecordBytes(record);
        if (queued >= hardMaxQueue || queuedBytes + bytes > hardMaxBytes) {
          dropForBound();
          return;
        }
        let tail = queue[queue.length - 1];
        let wakeLoop = false;
        if (!tail || tail.records.length >= maxBatch) {
          tail = { records: [], firstSeq: nextSeq, bytes: 0, openedAt: Date.now() };
          queue.push(tail);
          wakeLoop = true;
        }
        tail.records.push(record);
        tail.bytes += bytes;
        nextSeq += 1;
        queued += 1;
        queuedBytes += bytes;
        if (queued > counters.maxQueued) counters.maxQueued = queued;
        if (wakeLoop || tail.records.length >= maxBatch || queued > maxQueue || queuedBytes > maxQueueBytes) signal();
      } catch {
        // The request path must never fail because of the log.
        counters.dropped += 1;
      }
    },

    flush() {
      if (queued === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        flushWaiters.push({ target: nextSeq - 1, resolve });
        signal();
      });
    },

    close() {
      closePromise ??= (async () => {
        if (state === 'running') state = 'closing';
        closeDeadline = Date.now() + closeTimeoutMs;
        signal();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<'timeout'>((resolve) => {
          // A write stuck in the driver past the deadline must not hold the shutdown: give it a
          // grace second, then spill what is still in memory (a late success is deduplicated).
          timer = setTimeout(() => resolve('timeout'), closeTimeoutMs + 1_000);
        });
        const outcome = await Promise.race([loop.then(() => 'done' as const), deadline]);
        clearTimeout(timer);
        if (outcome === 'timeout') {
          abandoned = true;
          signal();
          const records: CallRecord[] = [];
          for (const batch of [...inflight, ...queue]) records.push(...batch.records);
          queue.length = 0;
          inflight.clear();
          if (spill && records.length > 0) {
            try {
              const unserializable = spill.appendSync(records);
              counters.spilled += records.length - unserializable;
              counters.rejected += unserializable;
            } catch (error) {
              counters.dropped += records.length;
              logger.error('call records lost at close', { count: records.length, error: describeError(error) });
            }
          } else counters.dropped += records.length;
          queued = 0;
          queuedBytes = 0;
        }
        state = 'closed';
        await spill?.close().catch(() => {});
        for (const waiter of flushWaiters.splice(0)) waiter.resolve();
      })();
      return closePromise;
    },

    stats() {
      return {
        queued,
        queuedBytes,
        ...counters,
        spillFiles: replayList.length + (replaying ? 1 : 0) + (spill && spill.activeBytes() > 0 ? 1 : 0),
        outage: outageSince !== null,
        lastError,
      };
    },
  };
}
