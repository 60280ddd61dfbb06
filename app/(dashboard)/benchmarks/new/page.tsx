import Link from 'next/link';
import { NewBenchmarkForm } from '@/components/benchmarks/new-benchmark-form';
import type { PickableModel } from '@/components/benchmarks/model-picker';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { MAX_RUN_CONCURRENCY, MAX_SAMPLE } from '@/lib/benchmarks/benchmark-input';
import { JUDGE_RUBRIC } from '@/lib/benchmarks/quality/judge';
import { listModels } from '@/lib/catalog';
import { getDb } from '@/lib/db/client';
import { formatFilterTime } from '@/lib/queries/calls/call-filters';
import { createBenchmarkAction } from '../actions';

export const metadata = { title: 'New benchmark' };

type SearchParams = Record<string, string | string[] | undefined>;
const all = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
const perMillion = (micros: number) => `$${(micros / 1_000_000).toFixed(2)}`;

export default async function NewBenchmarkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const params = await searchParams;
  const db = await getDb();
  const flows = await db.flow.findMany({ where: { userId: user.id }, orderBy: { name: 'asc' }, select: { id: true, name: true, modelOverride: true } });
  // Hand-picked calls (the calls explorer's "Benchmark selected"): the user's own, of one flow.
  const picked = await db.callLog.findMany({
    where: { userId: user.id, id: { in: all(params.call).slice(0, MAX_SAMPLE) } },
    select: { id: true, flowId: true },
  });
  const pickedFlowId = picked[0]?.flowId;
  const requested = all(params.flow)[0];
  const flow = flows.find((f) => f.id === pickedFlowId) ?? flows.find((f) => f.name === requested) ?? flows[0];
  const pickedIds = picked.filter((call) => call.flowId === flow?.id).map((call) => call.id);
  const otherFlows = picked.length - pickedIds.length;
  const lastServed = flow
    ? await db.callLog.findFirst({ where: { flowId: flow.id, source: 'production', status: 'ok' }, orderBy: { createdAt: 'desc' }, select: { servedModel: true } })
    : null;
  const models: PickableModel[] = listModels().map((m) => ({ id: m.id, name: m.name, price: `${perMillion(m.price.inputMicrosPerMTok)} / ${perMillion(m.price.outputMicrosPerMTok)} per M tokens` }));
  const now = new Date();
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/benchmarks" className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Benchmarks
        </Link>
      </p>
      <PageHeader title="New benchmark" description="Replay a flow's recorded calls on other models and compare cost, speed and quality with what it uses today." />
      {!flow ? (
        <p className="text-sm text-zinc-500">No flows yet: make calls through the gateway first (they are recorded per X-Flow).</p>
      ) : (
        <>
          {otherFlows > 0 && (
            <p role="status" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-500/10 dark:text-amber-300">
              {otherFlows} selected call{otherFlows === 1 ? '' : 's'} of other flows {otherFlows === 1 ? 'is' : 'are'} left out: a benchmark replays one flow.
            </p>
          )}
          <NewBenchmarkForm
            action={createBenchmarkAction}
            flows={flows.map((f) => f.name)}
            flow={flow.name}
            baselineModel={flow.modelOverride ?? lastServed?.servedModel ?? null}
            pickedCallIds={pickedIds}
            models={models}
            rubric={JUDGE_RUBRIC}
            defaultRange={{ from: formatFilterTime(new Date(Math.floor(weekAgo.getTime() / 60_000) * 60_000)), to: formatFilterTime(new Date(Math.ceil(now.getTime() / 60_000) * 60_000)) }}
            maxSample={MAX_SAMPLE}
            maxConcurrency={MAX_RUN_CONCURRENCY}
          />
        </>
      )}
    </>
  );
}
