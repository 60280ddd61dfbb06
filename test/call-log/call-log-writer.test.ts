// The batch writer against an in-memory sink: batching, ordering, retries, spilling, replay,
// crash recovery, memory bounds, close. The database-backed behaviour is in
// prisma-call-log-sink.test.ts.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallLogWriter, type CallLogLogger, type CallLogWriter, type CallLogWriterOptions } from '../../lib/call-log/call-log-writer';
import { callRecordToJsonLine } from '../../lib/call-log/call-record-json';
import { openSpillStore } from '../../lib/call-log/spill-store';
import { createFakeSink, waitFor, type FakeSink } from './fake-call-log-sink';
import { makeCallRecord, makeCallRecords } from './make-call-record';

const quietLogger: CallLogLogger = { info() {}, warn() {}, error() {} };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmtest-call-log-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writer(sink: FakeSink, options: Partial<CallLogWriterOptions> = {}): CallLogWriter {
  const w = createCallLogWriter({ sink, logger: quietLogger, flushIntervalMs: 10, retryBaseMs: 5, retryMaxMs: 40, ...options });
  cleanups.push(async () => {
    sink.mode = 'ok';
    sink.release();
    await w.close();
  });
  return w;
}

const spillFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('calllog-'));

describe('batching', () => {
  it('writes full batches of maxBatch and the remainder, in arrival order', async () => {
    const sink = createFakeSink();
    const w = writer(sink, { maxBatch: 10, maxRecordsPerWrite: 10, flushIntervalMs: 1_000 });
    const records = makeCallRecords(25);
    for (const r of records) w.enqueue(r);
    await w.flush();
    expect(sink.calls.map((c) => c.ids.length)).toEqual([10, 10, 5]);
    expect(sink.calls.flatMap((c) => c.ids)).toEqual(records.map((r) => r.id));
    expect(w.stats()).toMatchObject({ queued: 0, written: 25, failedBatches: 0, dropped: 0 });
  });

  it('writes a partial batch once its oldest record waited flushIntervalMs, without flush()', async () => {
    const sink = createFakeSink();
    const w = writer(sink, { maxBatch: 500, flushIntervalMs: 30 });
    const started = Date.now();
    for (const r of makeCallRecords(3)) w.enqueue(r);
    expect(sink.calls).toHaveLength(0);
    await waitFor(() => sink.rows.size === 3, 2_000, 'time-triggered write');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(sink.calls).toHaveLength(1);
  });

  it('with a backlog, merges full batches into one write up to maxRecordsPerWrite, in order', async () => {
    const sink = createFakeSink();
    const w = writer(sink, { maxBatch: 10, maxRecordsPerWrite: 30, flushIntervalMs: 1_000 });
    const records = makeCallRecords(75);
    for (const r of records) w.enqueue(r);
    await w.flush();
    expect(sink.calls.map((c) => c.ids.length)).toEqual([30, 30, 10, 5]);
    expect(sink.calls.flatMap((c) => c.ids)).toEqual(records.map((r) => r.id));
  });

  it('a full batch is written without waiting for the interval', async () => {
    const sink = createFakeSink();
    const w = writer(sink, { maxBatch: 5, flushIntervalMs: 60_000 });
    for (const r of makeCallRecords(5)) w.enqueue(r);
    await waitFor(() => sink.rows.size === 5, 1_000, 'size-triggered write');
  });

  it('enqueue is synchronous and never throws, even for garbage', () => {
    const sink = createFakeSink();
    const w = writer(sink);
    expect(w.enqueue(makeCallRecord())).toBeUndefined();
    expect(() => w.enqueue(undefined as never)).not.toThrow();
    expect(() => w.enqueue(null as never)).not.toThrow();
    expect(w.stats().dropped).toBe(2);
    expect(w.stats().queued).toBe(1);
  });

  it('keeps at most `concurrency` writes in flight', async () => {
    const sink = createFakeSink();
    sink.latencyMs = 15;
    const w = writer(sink, { maxBatch: 10, concurrency: 2 });
    for (const r of makeCallRecords(200)) w.enqueue(r);
    await w.flush();
    expect(sink.rows.size).toBe(200);
    expect(sink.maxInFlight).toBe(2);
  });
});

describe('failures', () => {
  it('retries a failed batch with exponential backoff and writes it exactly once', async () => {
    const sink = createFakeSink();
    sink.failNext(4);
    const w = writer(sink, { retryBaseMs: 20, retryMaxMs: 1_000, spillAfterMs: 60_000 });
    const records = makeCallRecords(7);
    for (const r of records) w.enqueue(r);
    await w.flush();
    expect(sink.rows.size).toBe(7);
    expect(sink.calls.filter((c) => !c.ok)).toHaveLength(4);
    expect(sink.calls.every((c) => c.ids.join() === records.map((r) => r.id).join())).toBe(true);
    // Delays 20, 40, 80, 160 ms times a jitter in [0.5, 1]: the gaps grow.
    const gaps = sink.calls.slice(1).map((c, i) => c.at - sink.calls[i].at);
    expect(gaps[3]).toBeGreaterThan(gaps[0]);
    expect(gaps[3]).toBeGreaterThanOrEqual(75);
    expect(w.stats()).toMatchObject({ failedBatches: 4, written: 7, outage: false });
  });

  it('reports the outage in stats while the database is down', async () => {
    const sink = createFakeSink();
    sink.mode = 'fail';
    const w = writer(sink, { spillAfterMs: 60_000 });
    w.enqueue(makeCallRecord());
    await waitFor(() => w.stats().failedBatches >= 2, 2_000, 'failures');
    expect(w.stats()).toMatchObject({ outage: true, queued: 1 });
    expect(w.stats().lastError).toContain('ECONNREFUSED');
    sink.mode = 'ok';
    await w.flush();
    expect(w.stats().outage).toBe(false);
  });

  it('bisects a batch the database refuses for good and sets only the bad record aside', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    const records = makeCallRecords(16);
    sink.refuse.add(records[9].id);
    const w = writer(sink, { maxBatch: 16, spillDir: dir });
    for (const r of records) w.enqueue(r);
    await w.flush();
    expect(sink.rows.size).toBe(15);
    expect(sink.rows.has(records[9].id)).toBe(false);
    expect(w.stats()).toMatchObject({ rejected: 1, written: 15, failedBatches: 0 });
    const rejectedFile = readdirSync(dir).find((name) => name.startsWith('rejected-'))!;
    expect(readFileSync(path.join(dir, rejectedFile), 'utf8')).toContain(records[9].id);
  });
});

describe('spilling to disk', () => {
  it('past maxQueue, spills the oldest batches and replays them when the database is back', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'hang';
    const w = writer(sink, { maxBatch: 10, maxQueue: 100, spillDir: dir, spillAfterMs: 60_000 });
    const records = makeCallRecords(500);
    // Traffic arrives over time, no faster than the disk takes it (500 synchronous enqueues would
    // hit the hard bound, 2 × maxQueue; the flood test below covers that).
    for (let i = 0; i < records.length; i += 50) {
      await waitFor(() => w.stats().queued <= 150, 3_000, 'spill keeping up');
      for (const r of records.slice(i, i + 50)) w.enqueue(r);
    }
    await waitFor(() => w.stats().spilled >= 390, 3_000, 'spill');
    const stats = w.stats();
    expect(stats.queued).toBeLessThanOrEqual(110);
    expect(stats.dropped).toBe(0);
    expect(spillFiles(dir).length).toBeGreaterThan(0);
    sink.mode = 'ok';
    sink.release();
    await waitFor(() => sink.rows.size === 500, 5_000, 'replay');
    expect([...sink.rows.keys()].sort()).toEqual(records.map((r) => r.id).sort());
    await waitFor(() => spillFiles(dir).length === 0, 2_000, 'spill files removed');
    expect(w.stats().replayed).toBe(w.stats().spilled);
  });

  it('when the outage lasts spillAfterMs, everything queued goes to disk (bounding kill -9 loss)', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'fail';
    const w = writer(sink, { maxBatch: 10, spillDir: dir, spillAfterMs: 50 });
    for (const r of makeCallRecords(33)) w.enqueue(r);
    await waitFor(() => w.stats().spilled === 33 && w.stats().queued === 0, 3_000, 'outage spill');
    sink.mode = 'ok';
    await waitFor(() => sink.rows.size === 33, 5_000, 'replay after outage');
    await waitFor(() => spillFiles(dir).length === 0, 2_000, 'spill files removed');
    expect(w.stats()).toMatchObject({ replayed: 33, dropped: 0, outage: false });
  });

  it('flush() during an outage resolves once the records are durable on disk', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'fail';
    const w = writer(sink, { spillDir: dir, spillAfterMs: 60_000 });
    for (const r of makeCallRecords(12)) w.enqueue(r);
    await w.flush();
    expect(w.stats()).toMatchObject({ spilled: 12, queued: 0 });
    expect(sink.rows.size).toBe(0);
  });

  it('replays spill files left by a crashed process at start, skipping a torn last line', async () => {
    const dir = tempDir();
    const earlier = makeCallRecords(40, { flowName: 'crash' });
    // A sealed file, and an .open one of a process that no longer exists with a torn tail.
    writeFileSync(path.join(dir, 'calllog-00001700000000000-999999-deadbeef-000001.jsonl'), earlier.slice(0, 25).map(callRecordToJsonLine).join(''));
    const openFile = path.join(dir, 'calllog-00001700000000001-999999-deadbeef-000002.jsonl.open');
    writeFileSync(openFile, earlier.slice(25).map(callRecordToJsonLine).join(''));
    appendFileSync(openFile, '{"id":"torn-by-kill-9","userId":"u');
    const sink = createFakeSink();
    const w = writer(sink, { maxBatch: 10, spillDir: dir });
    await waitFor(() => sink.rows.size === 40, 5_000, 'crash recovery');
    await waitFor(() => spillFiles(dir).length === 0, 2_000, 'spill files removed');
    expect(w.stats()).toMatchObject({ replayed: 40, corruptSpillLines: 1 });
    const replayed = sink.rows.get(earlier[30].id)!;
    expect(replayed.createdAt).toBeInstanceOf(Date);
    expect(replayed).toEqual(earlier[30]);
  });

  it('a replay that repeats records already written never duplicates them', async () => {
    const dir = tempDir();
    const records = makeCallRecords(20);
    const sink = createFakeSink();
    for (const r of records.slice(0, 15)) sink.rows.set(r.id, r); // written before the crash
    writeFileSync(path.join(dir, 'calllog-00001700000000000-999999-deadbeef-000001.jsonl'), records.map(callRecordToJsonLine).join(''));
    const w = writer(sink, { spillDir: dir });
    await waitFor(() => w.stats().replayed === 20, 3_000, 'replay');
    expect(sink.rows.size).toBe(20);
    expect(w.stats()).toMatchObject({ written: 5, duplicates: 15 });
  });

  it('leaves the spill files of another live process alone', async () => {
    const dir = tempDir();
    const live = path.join(dir, `calllog-00001700000000000-${process.ppid}-cafe0001-000001.jsonl.open`);
    writeFileSync(live, callRecordToJsonLine(makeCallRecord()));
    const sink = createFakeSink();
    const w = writer(sink, { spillDir: dir });
    w.enqueue(makeCallRecord());
    await w.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(live)).toBe(true);
    expect(sink.rows.size).toBe(1);
  });

  it('a record that cannot be serialized does not block spilling the others', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'fail';
    const w = writer(sink, { spillDir: dir, spillAfterMs: 20 });
    const circular = makeCallRecord();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    circular.responseHeaders = loop as never;
    for (const r of [makeCallRecord(), circular, makeCallRecord()]) w.enqueue(r);
    await waitFor(() => w.stats().queued === 0, 2_000, 'spill');
    expect(w.stats()).toMatchObject({ spilled: 2, rejected: 1 });
  });

  it('the spill store seals an oversized file and lists sealed files oldest first', async () => {
    const dir = tempDir();
    const store = openSpillStore(dir, { maxFileBytes: 2_000 });
    await store.append(makeCallRecords(3));
    await store.append(makeCallRecords(3));
    expect((await store.listReplayable()).length).toBeGreaterThanOrEqual(1);
    await store.append(makeCallRecords(1));
    await store.seal();
    const files = await store.listReplayable();
    expect(files).toEqual([...files].sort());
    let total = 0;
    for (const file of files) total += (await store.read(file)).records.length;
    expect(total).toBe(7);
  });
});

describe('memory bounds', () => {
  it('without a spill dir, drops new records beyond maxQueue instead of growing', async () => {
    const sink = createFakeSink();
    sink.mode = 'hang';
    const w = writer(sink, { maxBatch: 10, maxQueue: 100 });
    for (const r of makeCallRecords(1_000)) w.enqueue(r);
    expect(w.stats()).toMatchObject({ queued: 100, dropped: 900, maxQueued: 100 });
  });

  it('bounds the bytes held, not only the count (large bodies)', async () => {
    const sink = createFakeSink();
    sink.mode = 'hang';
    const body = 'x'.repeat(64 * 1024);
    const w = writer(sink, { maxQueue: 10_000, maxQueueBytes: 2 * 1024 * 1024 });
    for (let i = 0; i < 100; i++) w.enqueue(makeCallRecord({ requestBody: body, responseBody: body }));
    const stats = w.stats();
    expect(stats.queuedBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(stats.queued).toBeLessThan(10);
    expect(stats.dropped).toBe(100 - stats.queued);
  });

  it('with a spill dir, memory stays bounded under a sustained flood while the database hangs', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'hang';
    const w = writer(sink, { maxBatch: 50, maxQueue: 500, spillDir: dir, spillAfterMs: 60_000 });
    let maxQueued = 0;
    for (let round = 0; round < 40; round++) {
      for (const r of makeCallRecords(250)) w.enqueue(r);
      maxQueued = Math.max(maxQueued, w.stats().queued);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(maxQueued).toBeLessThanOrEqual(1_000); // the hard bound: twice maxQueue
    await waitFor(() => w.stats().queued <= 550, 3_000, 'spill catches up');
    expect(w.stats().spilled + w.stats().queued + w.stats().dropped).toBe(10_000);
    sink.mode = 'ok';
    sink.release();
    await waitFor(() => sink.rows.size + w.stats().dropped === 10_000, 10_000, 'all delivered');
  });
});

describe('close', () => {
  it('writes everything still queued, then stops', async () => {
    const sink = createFakeSink();
    const w = writer(sink, { maxBatch: 100, flushIntervalMs: 60_000 });
    for (const r of makeCallRecords(1_234)) w.enqueue(r);
    await w.close();
    expect(sink.rows.size).toBe(1_234);
    expect(w.stats().queued).toBe(0);
    await w.close(); // idempotent
  });

  it('spills what the database does not take when it is down', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'fail';
    const w = writer(sink, { spillDir: dir, spillAfterMs: 60_000, closeTimeoutMs: 2_000 });
    for (const r of makeCallRecords(50)) w.enqueue(r);
    const started = Date.now();
    await w.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(w.stats()).toMatchObject({ spilled: 50, queued: 0, dropped: 0 });
    // The next process replays them.
    const next = createFakeSink();
    const w2 = writer(next, { spillDir: dir });
    await waitFor(() => next.rows.size === 50, 3_000, 'replay by the next process');
    await w2.close();
  });

  it('does not wait past closeTimeoutMs for a hung database: spills synchronously', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    sink.mode = 'hang';
    const w = writer(sink, { spillDir: dir, closeTimeoutMs: 200, writeTimeoutMs: 60_000 });
    for (const r of makeCallRecords(20)) w.enqueue(r);
    await waitFor(() => sink.inFlight === 1, 1_000, 'write in flight');
    const started = Date.now();
    await w.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(w.stats()).toMatchObject({ spilled: 20, queued: 0 });
    const store = openSpillStore(dir);
    let total = 0;
    for (const file of await store.listReplayable()) total += (await store.read(file)).records.length;
    expect(total).toBe(20);
  });

  it('records arriving after close go straight to a spill file', async () => {
    const dir = tempDir();
    const sink = createFakeSink();
    const w = writer(sink, { spillDir: dir });
    await w.close();
    w.enqueue(makeCallRecord({ id: 'late' }));
    expect(w.stats().spilled).toBe(1);
    expect(spillFiles(dir).some((name) => readFileSync(path.join(dir, name), 'utf8').includes('"late"'))).toBe(true);
  });

  it('a write timing out counts as a failure; the late success is not a duplicate', async () => {
    const sink = createFakeSink();
    sink.latencyMs = 120;
    const w = writer(sink, { writeTimeoutMs: 50, retryBaseMs: 200, spillAfterMs: 60_000 });
    const records = makeCallRecords(3);
    for (const r of records) w.enqueue(r);
    await waitFor(() => w.stats().failedBatches >= 1, 2_000, 'timeout');
    sink.latencyMs = 0;
    await w.flush();
    expect(sink.rows.size).toBe(3);
  });
});
