import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/page-header';
import { toChartPoints, toModelMix } from '@/components/flows/chart-data';
import { FlowCharts } from '@/components/flows/flow-charts';
import { FlowSettingsForm } from '@/components/flows/flow-settings-form';
import { averageMicros, formatCount, formatMicros, formatMicrosExact, formatMs, formatRate } from '@/components/flows/format-figures';
import { ModelCostTable } from '@/components/flows/model-cost-table';
import { RangePicker } from '@/components/flows/range-picker';
import { rangeParams, toQuery } from '@/components/flows/range-query';
import { RecentCallsTable } from '@/components/flows/recent-calls-table';
import { SettingHistory } from '@/components/flows/setting-history';
import { StatCards } from '@/components/flows/stat-cards';
import { requireUser } from '@/lib/auth/session';
import { listModels } from '@/lib/catalog';
import { getDb } from '@/lib/db/client';
import { getFlowByName } from '@/lib/queries/flows/get-flow-by-name';
import { getFlowModelUsage } from '@/lib/queries/flows/get-flow-model-usage';
import { getFlowTimeSeries } from '@/lib/queries/flows/get-flow-time-series';
import { listFlowSummaries } from '@/lib/queries/flows/list-flow-summaries';
import { listRecentFlowCalls } from '@/lib/queries/flows/list-recent-flow-calls';
import { parseTimeRange } from '@/lib/queries/flows/time-range';
import { listFlowSettingChanges } from '@/lib/queries/flows/update-flow-settings';
import { saveFlowSettingsAction, undoFlowSettingChangeAction } from './actions';

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `${decodeURIComponent((await params).name)} · Flows` };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-8">
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function FlowPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const name = decodeURIComponent((await params).name);
  const db = await getDb();
  const flow = await getFlowByName(db, user.id, name);
  if (!flow) notFound();
  const range = parseTimeRange(await searchParams);

  const { flows } = await listFlowSummaries(db, user.id, range, { flowId: flow.id });
  const summary = flows[0];
  const [series, usage, recent, changes] = await Promise.all([
    getFlowTimeSeries(db, user.id, flow.id, range, { callsInRange: summary.calls }),
    getFlowModelUsage(db, user.id, flow.id, range),
    listRecentFlowCalls(db, user.id, flow.id, range),
    listFlowSettingChanges(db, user.id, flow.id),
  ]);
  const average = averageMicros(summary.costMicros, summary.calls);
  const path = `/flows/${encodeURIComponent(flow.name)}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/flows${toQuery(rangeParams(range))}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Flows
        </Link>
      </p>
      <PageHeader
        title={flow.name}
        description={`X-Flow: ${flow.name}`}
        actions={
          <Link href={`/benchmarks/new?flow=${encodeURIComponent(flow.name)}`} data-testid="new-benchmark" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            New benchmark
          </Link>
        }
      />
      <div className="mb-6">
        <RangePicker path={path} range={range} />
      </div>
      <StatCards
        items={[
          { label: 'Spend', value: formatMicros(summary.costMicros), title: formatMicrosExact(summary.costMicros), testId: 'flow-spend' },
          { label: 'Calls', value: formatCount(summary.calls), testId: 'flow-calls' },
          { label: 'Avg / call', value: average === null ? '—' : formatMicros(average), title: average === null ? undefined : formatMicrosExact(average), testId: 'flow-avg-cost' },
          { label: 'Latency p50 / p95', value: `${formatMs(summary.latencyP50Ms, summary.percentilesExact)} / ${formatMs(summary.latencyP95Ms, summary.percentilesExact)}`, testId: 'flow-latency' },
          { label: 'Errors', value: formatRate(summary.errors, summary.calls), title: `${summary.errors} errors`, testId: 'flow-error-rate' },
          { label: 'Fallbacks', value: formatRate(summary.fallbacks, summary.calls), title: `${summary.fallbacks} fell back`, testId: 'flow-fallback-rate' },
        ]}
      />
      <Section title={`Over time (per ${series.bucket}, UTC)`}>
        <FlowCharts points={toChartPoints(series)} mix={toModelMix(usage, series)} />
        {!series.percentilesExact && <p className="mt-2 text-xs text-zinc-500">≈ Latency percentiles from hourly histograms: within 0.8 % of the exact value.</p>}
      </Section>
      <Section title="Cost by model">
        <ModelCostTable models={usage.byModel} />
      </Section>
      <Section title="Recent calls">
        <RecentCallsTable calls={recent} />
      </Section>
      <Section title="Settings">
        <div className="grid gap-6 rounded-2xl border border-zinc-200 bg-white p-5 lg:grid-cols-2 dark:border-zinc-800 dark:bg-zinc-900">
          <FlowSettingsForm
            action={saveFlowSettingsAction.bind(null, flow.name)}
            modelOverride={flow.modelOverride}
            fallbackChain={flow.fallbackChain}
            modelIds={listModels().map((m) => m.id)}
          />
          <div>
            <h3 className="mb-2 text-sm font-medium">History</h3>
            <SettingHistory changes={changes} undo={undoFlowSettingChangeAction.bind(null, flow.name)} />
          </div>
        </div>
      </Section>
    </>
  );
}
