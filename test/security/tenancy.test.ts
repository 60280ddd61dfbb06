// Tenancy: every dashboard page and server action that takes an id, called as user A with user
// B's ids, refuses (404 / an error) and changes nothing of B's. The session is the one thing
// mocked (requireUser / currentUser return A); pages, actions, queries and the database are real.
// Every `'use server'` module is listed in SERVER_ACTION_MODULES: a new one fails the inventory test
// until it is covered here.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '../../lib/accounts/api-keys';
import type { SessionUser } from '../../lib/auth/session';
import { getDb } from '../../lib/db/client';
import { useTestDatabase } from '../helpers/test-database';
import { createUserWithFlows, insertCalls, seedCall } from '../flows/seed-calls';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('../../lib/auth/session', () => ({
  currentUser: async () => session.user,
  requireUser: async () => {
    if (!session.user) throw new Error('NEXT_REDIRECT /sign-in');
    return session.user;
  },
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
// Billing actions drop a cache in the app's services after a change; a refused change never gets there.
vi.mock('../../lib/server/app-services', () => ({
  getAppServices: async () => ({
    billing: { spend: { invalidate: vi.fn() } },
    benchmarks: { wake: vi.fn(), cancel: vi.fn() },
    gateway: { invalidateFlowSettings: vi.fn() },
  }),
}));

useTestDatabase();

const SERVER_ACTION_MODULES = [
  'app/(auth)/actions.ts',
  'app/(dashboard)/benchmarks/actions.ts',
  'app/(dashboard)/billing/actions.ts', 'app/(dashboard)/flows/[name]/actions.ts', 'app/(dashboard)/keys/actions.ts'];

interface Tenant {
  user: SessionUser;
  flowName: string;
  flowId: string;
  keyId: string;
  keyPrefix: string;
  callId: string;
  changeId: string;
  benchmarkId: string;
}

let a: Tenant;
let b: Tenant;

async function seedTenant(email: string, flowName: string): Promise<Tenant> {
  const db = await getDb();
  const { userId, flows } = await createUserWithFlows(db, email, [flowName]);
  const key = await createApiKey(db, userId, `${email} key`);
  const call = seedCall({ userId, flowId: flows[flowName]!, createdAt: new Date() });
  await insertCalls(db, [call]);
  const change = await db.flowSettingChange.create({
    data: { flowId: flows[flowName]!, changedById: userId, changedByEmail: email, beforeModelOverride: null, afterModelOverride: 'gpt-4o', beforeFallbackChain: [], afterFallbackChain: [] },
  });
  await db.flow.update({ where: { id: flows[flowName]! }, data: { modelOverride: 'gpt-4o' } });
  const benchmark = await db.benchmark.create({
    data: { userId, flowId: flows[flowName]!, sampleMode: 'last', baselineModel: 'openai/gpt-4o', candidateModels: ['openai/gpt-4o-mini'], budgetMicros: 1_000_000n, concurrency: 1 },
  });
  return {
    user: { id: userId, email, name: null },
    flowName,
    flowId: flows[flowName]!,
    keyId: key.id,
    keyPrefix: key.prefix,
    callId: call.id,
    changeId: change.id,
    benchmarkId: benchmark.id,
  };
}

/** notFound() from next/navigation throws an error whose digest names the 404. */
async function expectNotFound(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a 404 (notFound)').toMatchObject({ digest: expect.stringMatching(/404/) });
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

beforeAll(async () => {
  a = await seedTenant('tenant-a@example.com', 'checkout');
  b = await seedTenant('tenant-b@example.com', 'support-bot');
});
afterEach(() => {
  session.user = null;
});

describe('inventory', () => {
  it('every server action module is covered by this file', () => {
    const found = execFileSync('grep', ['-rlE', "^['\"]use server['\"]", 'app', 'lib', 'components'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .sort();
    expect(found).toEqual([...SERVER_ACTION_MODULES].sort());
  });
});

describe('pages, as user A with user B\'s ids', () => {
  it('/calls/<B\'s call id> is 404; A\'s own call renders', async () => {
    const { default: CallPage } = await import('../../app/(dashboard)/calls/[id]/page');
    session.user = a.user;
    await expectNotFound(CallPage({ params: Promise.resolve({ id: b.callId }) }));
    await expect(CallPage({ params: Promise.resolve({ id: a.callId }) })).resolves.toBeTruthy();
  });

  it('/flows/<B\'s flow name> is 404; A\'s own flow renders', async () => {
    const { default: FlowPage } = await import('../../app/(dashboard)/flows/[name]/page');
    session.user = a.user;
    await expectNotFound(FlowPage({ params: Promise.resolve({ name: b.flowName }), searchParams: Promise.resolve({}) }));
    await expect(FlowPage({ params: Promise.resolve({ name: a.flowName }), searchParams: Promise.resolve({}) })).resolves.toBeTruthy();
  });

  it('/benchmarks/<B\'s benchmark id> is 404; A\'s own renders', async () => {
    const { default: BenchmarkPage } = await import('../../app/(dashboard)/benchmarks/[id]/page');
    session.user = a.user;
    await expectNotFound(BenchmarkPage({ params: Promise.resolve({ id: b.benchmarkId }), searchParams: Promise.resolve({}) }));
    await expect(BenchmarkPage({ params: Promise.resolve({ id: a.benchmarkId }), searchParams: Promise.resolve({}) })).resolves.toBeTruthy();
  });

  it('/calls filtered by B\'s key or flow shows none of B\'s calls', async () => {
    const { listCalls } = await import('../../lib/queries/calls/list-calls');
    const { parseCallFilters } = await import('../../lib/queries/calls/call-filters');
    const db = await getDb();
    for (const params of [{}, { key: b.keyId }, { flow: b.flowName }, { keyId: b.keyId }]) {
      const page = await listCalls(db, a.user.id, parseCallFilters(params), {});
      expect(page.calls.map((c: { id: string }) => c.id)).not.toContain(b.callId);
    }
  });

  it('the keys and flows lists are A\'s only', async () => {
    const { listApiKeys } = await import('../../lib/accounts/api-keys');
    const { listFlowSummaries } = await import('../../lib/queries/flows/list-flow-summaries');
    const { parseTimeRange } = await import('../../lib/queries/flows/time-range');
    const db = await getDb();
    expect((await listApiKeys(db, a.user.id)).map((k) => k.id)).toEqual([a.keyId]);
    const { flows } = await listFlowSummaries(db, a.user.id, parseTimeRange({}));
    expect(flows.map((f: { name: string }) => f.name)).toEqual([a.flowName]);
  });
});

describe('server actions, as user A with user B\'s ids', () => {
  it('keys: revoking B\'s key id fails and B\'s key stays active; a created key is A\'s', async () => {
    const { revokeKeyAction, createKeyAction } = await import('../../app/(dashboard)/keys/actions');
    session.user = a.user;
    expect(await revokeKeyAction(b.keyId)).toEqual({ error: 'No such API key.' });
    const db = await getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: b.keyId } })).revokedAt).toBeNull();
    const created = await createKeyAction({}, form({ name: 'mine' }));
    expect((await db.apiKey.findFirstOrThrow({ where: { prefix: created.prefix } })).userId).toBe(a.user.id);
  });

  it('flows: saving or undoing settings on B\'s flow is 404 and changes nothing', async () => {
    const { saveFlowSettingsAction, undoFlowSettingChangeAction } = await import('../../app/(dashboard)/flows/[name]/actions');
    session.user = a.user;
    await expectNotFound(saveFlowSettingsAction(b.flowName, {} as never, form({ modelOverride: '', fallbackChain: '' })));
    await expectNotFound(undoFlowSettingChangeAction(b.flowName, b.changeId));
    // B's change id through A's own flow name: still 404.
    await expectNotFound(undoFlowSettingChangeAction(a.flowName, b.changeId));
    const db = await getDb();
    const flow = await db.flow.findUniqueOrThrow({ where: { id: b.flowId } });
    expect(flow.modelOverride).toBe('gpt-4o');
    expect(await db.flowSettingChange.count({ where: { flowId: b.flowId } })).toBe(1);
  });

  it('billing: a spend limit on B\'s key id is refused; the account limit is A\'s own', async () => {
    const { setKeyLimitAction, setUserLimitAction } = await import('../../app/(dashboard)/billing/actions');
    session.user = a.user;
    expect(await setKeyLimitAction({}, form({ keyId: b.keyId, limit: '1' }))).toEqual({ error: 'No such API key.' });
    const db = await getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: b.keyId } })).monthlyLimitMicros).toBeNull();
    expect(await setUserLimitAction({}, form({ limit: '5' }))).toEqual({ saved: true });
    expect(await db.billingAccount.findUnique({ where: { userId: b.user.id } })).toBeNull();
    expect((await db.billingAccount.findUniqueOrThrow({ where: { userId: a.user.id } })).monthlyLimitMicros).toBe(5_000_000n);
  });

  it('benchmarks: cancelling, switching to a model of, or undoing through B\'s benchmark is 404; a benchmark of B\'s flow or calls is refused', async () => {
    const { cancelBenchmarkAction, switchModelAction, undoSwitchAction, createBenchmarkAction } = await import('../../app/(dashboard)/benchmarks/actions');
    session.user = a.user;
    await expectNotFound(cancelBenchmarkAction(b.benchmarkId));
    await expectNotFound(switchModelAction(b.benchmarkId, 'openai/gpt-4o-mini'));
    await expectNotFound(undoSwitchAction(b.benchmarkId, b.flowName, b.changeId));
    const db = await getDb();
    expect((await db.benchmark.findUniqueOrThrow({ where: { id: b.benchmarkId } })).status).toBe('queued');
    expect((await db.flow.findUniqueOrThrow({ where: { id: b.flowId } })).modelOverride).toBe('gpt-4o');
    // A benchmark of B's flow: 404.
    const benchmarkForm = (flow: string, calls: string[]) => {
      const data = form({ flow, sampleMode: calls.length ? 'picked' : 'last', sampleSize: String(calls.length || 5), candidate: 'openai/gpt-4o-mini', budget: '1' });
      for (const call of calls) data.append('call', call);
      return data;
    };
    await expectNotFound(createBenchmarkAction({}, benchmarkForm(b.flowName, [])));
    // B's call hand-picked into a benchmark of A's own flow: the sample never includes it.
    await createBenchmarkAction({}, benchmarkForm(a.flowName, [b.callId])).catch((e: { digest?: string }) => {
      if (!String(e?.digest).startsWith('NEXT_REDIRECT')) throw e;
    });
    expect(await db.benchmarkSample.count({ where: { callLogId: b.callId } })).toBe(0);
    expect(await db.benchmark.count({ where: { userId: b.user.id } })).toBe(1);
  });

  it('without a session every dashboard action refuses before touching anything', async () => {
    const keys = await import('../../app/(dashboard)/keys/actions');
    const flows = await import('../../app/(dashboard)/flows/[name]/actions');
    const billing = await import('../../app/(dashboard)/billing/actions');
    const benchmarks = await import('../../app/(dashboard)/benchmarks/actions');
    session.user = null;
    const calls: Array<() => Promise<unknown>> = [
      () => keys.revokeKeyAction(b.keyId),
      () => keys.createKeyAction({}, form({ name: 'x' })),
      () => flows.saveFlowSettingsAction(b.flowName, {} as never, form({ modelOverride: '', fallbackChain: '' })),
      () => flows.undoFlowSettingChangeAction(b.flowName, b.changeId),
      () => billing.setKeyLimitAction({}, form({ keyId: b.keyId, limit: '1' })),
      () => billing.setUserLimitAction({}, form({ limit: '1' })),
      () => billing.upgradeAction(),
      () => billing.portalAction(),
      () => benchmarks.cancelBenchmarkAction(b.benchmarkId),
      () => benchmarks.switchModelAction(b.benchmarkId, 'openai/gpt-4o-mini'),
      () => benchmarks.undoSwitchAction(b.benchmarkId, b.flowName, b.changeId),
      () => benchmarks.createBenchmarkAction({}, form({ flow: b.flowName })),
    ];
    for (const call of calls) await expect(call()).rejects.toThrow(/sign-in/);
    const db = await getDb();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: b.keyId } })).revokedAt).toBeNull();
    expect(await db.apiKey.count({ where: { name: 'x' } })).toBe(0);
  });
});
