// The calls explorer's queries against a real database (LLMTEST_TEST_DB=pglite|postgres):
// filters, keyset pagination (stable when many calls share a millisecond), and tenancy.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../lib/accounts/api-keys';
import { createUser } from '../../lib/accounts/users';
import type { CallRecord } from '../../lib/call-log/call-record';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { type Db, getDb } from '../../lib/db/client';
import { decodeCallCursor, encodeCallCursor } from '../../lib/queries/calls/call-cursor';
import { type CallFilters, callFiltersToSearchParams, parseCallFilters } from '../../lib/queries/calls/call-filters';
import { getCall } from '../../lib/queries/calls/get-call';
import { listCallFilterOptions } from '../../lib/queries/calls/list-call-filter-options';
import { type CallListItem, listCalls } from '../../lib/queries/calls/list-calls';
import { makeCallRecord } from '../call-log/make-call-record';
import { useTestDatabase } from '../helpers/test-database';

useTestDatabase();

const BASE = Date.UTC(2026, 4, 1, 12, 0, 0);
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

let db: Db;
let ada: string;
let bob: string;
let adaKey: string;
let bobKey: string;
/** Ada's calls as seeded, newest first (the order every listing must follow). */
let adaCalls: CallRecord[];

async function seed(records: CallRecord[]) {
  const result = await createPrismaCallLogSink(db).write(records);
  expect(result?.inserted).toBe(records.length);
}

/** Every page until the end, checking that pages neither overlap nor skip. */
async function allPages(userId: string, filters: CallFilters, limit: number): Promise<CallListItem[]> {
  const seen: CallListItem[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listCalls(db, userId, filters, { after, limit });
    seen.push(...page.calls);
    if (!page.olderCursor) return seen;
    expect(page.calls).toHaveLength(limit);
    after = page.olderCursor;
  }
  throw new Error('pagination did not end');
}

const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

beforeAll(async () => {
  db = await getDb();
  ada = (await createUser(db, { email: 'ada@example.com', password: 'long enough' })).id;
  bob = (await createUser(db, { email: 'bob@example.com', password: 'long enough' })).id;
  adaKey = (await createApiKey(db, ada, 'backend')).id;
  bobKey = (await createApiKey(db, bob, 'bob backend')).id;

  const sameMillisecond = at(30);
  adaCalls = [
    // 25 calls in one millisecond: only the id orders them.
    ...Array.from({ length: 25 }, (_, i) =>
      makeCallRecord({ id: `req_tie_${String(i).padStart(2, '0')}`, userId: ada, apiKeyId: adaKey, flowName: 'support-bot', createdAt: sameMillisecond }),
    ),
    makeCallRecord({
      id: 'req_fallback',
      userId: ada,
      apiKeyId: adaKey,
      flowName: 'support-bot',
      createdAt: at(10),
      requestedModel: 'gpt-4o',
      servedModel: 'anthropic/claude-sonnet-4',
      provider: 'anthropic',
      fellBack: true,
      stream: true,
      ttftMs: 180,
      attempts: [
        { model: 'openai/gpt-4o', provider: 'openai', status: 503, reason: 'server_error', message: 'upstream overloaded', latencyMs: 40 },
        { model: 'anthropic/claude-sonnet-4', provider: 'anthropic', status: 200, reason: 'ok', latencyMs: 900 },
      ],
      responseHeaders: { 'X-LLMTest-Fallback-Model': 'anthropic/claude-sonnet-4', 'x-llmtest-content-fallback': 'false', 'content-type': 'text/event-stream' },
      inputCostMicros: 1_250,
      cachedCostMicros: 125,
      outputCostMicros: 6_000,
      costMicros: 7_375,
      inputTokens: 500,
      cachedInputTokens: 100,
      outputTokens: 400,
    }),
    makeCallRecord({ id: 'req_repaired', userId: ada, apiKeyId: null, flowName: 'extractor', createdAt: at(20), jsonRepaired: true, requestedModel: 'openai/gpt-4o-mini', servedModel: 'openai/gpt-4o-mini' }),
    makeCallRecord({ id: 'req_error', userId: ada, apiKeyId: adaKey, flowName: 'extractor', createdAt: at(40), status: 'error', httpStatus: 502, servedModel: null, provider: null, errorType: 'upstream_error' }),
    makeCallRecord({ id: 'req_ratelimited', userId: ada, apiKeyId: adaKey, flowName: 'unknown', createdAt: at(50), status: 'error', httpStatus: 429 }),
    makeCallRecord({ id: 'req_cancelled', userId: ada, apiKeyId: adaKey, flowName: 'unknown', createdAt: at(60), status: 'cancelled', httpStatus: 499 }),
    makeCallRecord({ id: 'req_bench', userId: ada, apiKeyId: adaKey, flowName: 'support-bot', createdAt: at(70), source: 'benchmark' }),
  ].sort(newestFirst);
  await seed(adaCalls);
  await seed([
    makeCallRecord({ id: 'req_bob_1', userId: bob, apiKeyId: bobKey, flowName: 'support-bot', createdAt: at(30), fellBack: true, jsonRepaired: true }),
    makeCallRecord({ id: 'req_bob_2', userId: bob, apiKeyId: bobKey, flowName: 'bob-only', createdAt: at(31), requestedModel: 'gpt-4o' }),
  ]);
});

describe('listCalls', () => {
  it('lists the user’s calls newest first, then id descending within a millisecond', async () => {
    const page = await listCalls(db, ada, {}, { limit: 200 });
    expect(page.calls.map((c) => c.id)).toEqual(adaCalls.map((c) => c.id));
    expect(page.olderCursor).toBeNull();
    expect(page.newerCursor).toBeNull();
    const fallback = page.calls.find((c) => c.id === 'req_fallback')!;
    expect(fallback).toMatchObject({
      flowName: 'support-bot',
      requestedModel: 'gpt-4o',
      servedModel: 'anthropic/claude-sonnet-4',
      fellBack: true,
      stream: true,
      ttftMs: 180,
      costMicros: 7_375,
      keyPrefix: expect.stringMatching(/^llmt_/),
      modelChanged: true,
    });
    // An alias served under its canonical id is not a model change.
    expect(page.calls.find((c) => c.id === 'req_tie_00')!.modelChanged).toBe(false);
    expect(typeof fallback.costMicros).toBe('number');
    expect(page.calls.find((c) => c.id === 'req_repaired')!.keyPrefix).toBeNull();
  });

  it('pages with cursors without duplicates or gaps, also through 25 calls of the same millisecond', async () => {
    for (const limit of [1, 3, 7, 10]) {
      const pages = await allPages(ada, {}, limit);
      expect(pages.map((c) => c.id)).toEqual(adaCalls.map((c) => c.id));
    }
  });

  it('goes back to newer pages with `before`', async () => {
    const first = await listCalls(db, ada, {}, { limit: 5 });
    const second = await listCalls(db, ada, {}, { after: first.olderCursor, limit: 5 });
    const third = await listCalls(db, ada, {}, { after: second.olderCursor, limit: 5 });
    expect(second.newerCursor).not.toBeNull();
    const backToSecond = await listCalls(db, ada, {}, { before: third.newerCursor, limit: 5 });
    expect(backToSecond.calls.map((c) => c.id)).toEqual(second.calls.map((c) => c.id));
    const backToFirst = await listCalls(db, ada, {}, { before: backToSecond.newerCursor, limit: 5 });
    expect(backToFirst.calls.map((c) => c.id)).toEqual(first.calls.map((c) => c.id));
    expect(backToFirst.newerCursor).toBeNull();
    expect(backToFirst.olderCursor).not.toBeNull();
  });

  it('treats a malformed cursor as the first page', async () => {
    const page = await listCalls(db, ada, {}, { after: 'not a cursor!', limit: 3 });
    expect(page.calls.map((c) => c.id)).toEqual(adaCalls.slice(0, 3).map((c) => c.id));
  });

  it('filters by flow, model (requested, served or alias), status, fallback, repaired, key, source and time', async () => {
    const ids = async (filters: CallFilters) => (await listCalls(db, ada, filters, { limit: 200 })).calls.map((c) => c.id).sort();
    const expected = (pick: (c: CallRecord) => boolean) => adaCalls.filter(pick).map((c) => c.id).sort();

    expect(await ids({ flow: 'extractor' })).toEqual(['req_error', 'req_repaired']);
    expect(await ids({ flow: 'bob-only' })).toEqual([]);
    expect(await ids({ flow: 'no-such-flow' })).toEqual([]);
    // Requested "gpt-4o" and served "anthropic/claude-sonnet-4" both find the fallback call.
    expect(await ids({ model: 'anthropic/claude-sonnet-4' })).toEqual(['req_fallback']);
    // The alias and the canonical id are the same model.
    expect(await ids({ model: 'openai/gpt-4o' })).toEqual(['req_fallback']);
    expect(await ids({ model: 'gpt-4o-mini' })).toEqual(expected((c) => c.requestedModel === 'gpt-4o-mini' || c.requestedModel === 'openai/gpt-4o-mini'));
    expect(await ids({ status: 'error' })).toEqual(['req_error', 'req_ratelimited']);
    expect(await ids({ status: 'cancelled' })).toEqual(['req_cancelled']);
    expect(await ids({ status: '5xx' })).toEqual(['req_error']);
    expect(await ids({ status: '4xx' })).toEqual(['req_cancelled', 'req_ratelimited']);
    expect(await ids({ status: 429 })).toEqual(['req_ratelimited']);
    expect(await ids({ status: 'ok' })).toEqual(expected((c) => c.status === 'ok'));
    expect(await ids({ fellBack: true })).toEqual(['req_fallback']);
    expect(await ids({ fellBack: false })).toHaveLength(adaCalls.length - 1);
    expect(await ids({ jsonRepaired: true })).toEqual(['req_repaired']);
    expect(await ids({ keyId: adaKey })).toEqual(expected((c) => c.apiKeyId === adaKey));
    expect(await ids({ keyId: bobKey })).toEqual([]);
    expect(await ids({ source: 'benchmark' })).toEqual(['req_bench']);
    expect(await ids({ from: at(40), to: at(60) })).toEqual(['req_error', 'req_ratelimited']);
    expect(await ids({ flow: 'support-bot', fellBack: false, from: at(30), to: at(31) })).toHaveLength(25);
    expect(await ids({ flow: 'extractor', status: 'ok', jsonRepaired: true, keyId: adaKey })).toEqual([]);
  });

  it('pages stably with filters applied', async () => {
    const pages = await allPages(ada, { flow: 'support-bot', source: 'production' }, 4);
    expect(pages.map((c) => c.id)).toEqual(adaCalls.filter((c) => c.flowName === 'support-bot' && c.source === 'production').map((c) => c.id));
  });

  it('never returns another user’s calls, whatever the filters or cursor', async () => {
    const bobsCursor = encodeCallCursor({ createdAt: at(31), id: 'req_bob_2' });
    for (const filters of [{}, { flow: 'support-bot' }, { fellBack: true }, { keyId: bobKey }, { model: 'gpt-4o' }] as CallFilters[]) {
      const page = await listCalls(db, ada, filters, { limit: 200 });
      expect(page.calls.every((c) => c.id.startsWith('req_') && !c.id.startsWith('req_bob'))).toBe(true);
      const paged = await listCalls(db, ada, filters, { after: bobsCursor, limit: 200 });
      expect(paged.calls.some((c) => c.id.startsWith('req_bob'))).toBe(false);
    }
    const bobs = await listCalls(db, bob, {}, { limit: 200 });
    expect(bobs.calls.map((c) => c.id)).toEqual(['req_bob_2', 'req_bob_1']);
  });
});

describe('getCall', () => {
  it('returns the whole call to its owner: attempts, cost breakdown, headers, bodies', async () => {
    const call = await getCall(db, ada, 'req_fallback');
    expect(call).toMatchObject({
      id: 'req_fallback',
      flowName: 'support-bot',
      keyName: 'backend',
      requestedModel: 'gpt-4o',
      servedModel: 'anthropic/claude-sonnet-4',
      provider: 'anthropic',
      inputCostMicros: 1_250,
      cachedCostMicros: 125,
      outputCostMicros: 6_000,
      costMicros: 7_375,
      inputTokens: 500,
      cachedInputTokens: 100,
      outputTokens: 400,
      requestBody: '{"model":"gpt-4o-mini","messages":[]}',
      requestTruncated: false,
    });
    expect(call!.attempts).toEqual([
      { model: 'openai/gpt-4o', provider: 'openai', status: 503, reason: 'server_error', message: 'upstream overloaded', latencyMs: 40 },
      { model: 'anthropic/claude-sonnet-4', provider: 'anthropic', status: 200, reason: 'ok', latencyMs: 900 },
    ]);
    // Header names lower-cased and sorted.
    expect(call!.responseHeaders).toEqual([
      ['content-type', 'text/event-stream'],
      ['x-llmtest-content-fallback', 'false'],
      ['x-llmtest-fallback-model', 'anthropic/claude-sonnet-4'],
    ]);
  });

  it('is null for another user’s call id and for unknown ids', async () => {
    expect(await getCall(db, ada, 'req_bob_1')).toBeNull();
    expect(await getCall(db, bob, 'req_fallback')).toBeNull();
    expect(await getCall(db, ada, 'req_nope')).toBeNull();
    expect(await getCall(db, ada, '')).toBeNull();
    expect(await getCall(db, bob, 'req_bob_1')).not.toBeNull();
  });
});

describe('listCallFilterOptions', () => {
  it('offers only the user’s own flows, keys and recent models', async () => {
    const options = await listCallFilterOptions(db, ada);
    expect(options.flows).toEqual(['extractor', 'support-bot', 'unknown']);
    expect(options.keys.map((k) => k.id)).toEqual([adaKey]);
    expect(options.models).toContain('anthropic/claude-sonnet-4');
    expect(options.models).toContain('gpt-4o');
    const bobs = await listCallFilterOptions(db, bob);
    expect(bobs.flows).toEqual(['bob-only', 'support-bot']);
    expect(bobs.keys.map((k) => k.id)).toEqual([bobKey]);
  });
});

describe('call filters in the URL', () => {
  it('parses tolerantly and writes back only what is set', () => {
    const filters = parseCallFilters({
      flow: ' support-bot ',
      model: 'gpt-4o',
      status: '429',
      fallback: 'yes',
      repaired: 'no',
      key: 'k1',
      source: 'nope',
      from: '2026-05-01T10:00',
      to: 'garbage',
    });
    expect(filters).toEqual({
      flow: 'support-bot',
      model: 'gpt-4o',
      status: 429,
      fellBack: true,
      jsonRepaired: false,
      keyId: 'k1',
      from: new Date('2026-05-01T10:00:00Z'),
    });
    expect(callFiltersToSearchParams(filters).toString()).toBe('flow=support-bot&model=gpt-4o&status=429&fallback=yes&repaired=no&key=k1&from=2026-05-01T10%3A00');
    expect(parseCallFilters(new URLSearchParams('status=teapot&fallback=maybe&from=2026-05-01'))).toEqual({ from: new Date('2026-05-01T00:00:00Z') });
  });

  it('round-trips cursors and rejects foreign ones', () => {
    const cursor = { createdAt: new Date('2026-05-01T12:30:00.123Z'), id: 'req_x.y_z' };
    expect(decodeCallCursor(encodeCallCursor(cursor))).toEqual(cursor);
    expect(decodeCallCursor('')).toBeNull();
    expect(decodeCallCursor('%%%')).toBeNull();
    expect(decodeCallCursor(Buffer.from('hello').toString('base64url'))).toBeNull();
  });
});
