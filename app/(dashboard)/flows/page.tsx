import { headers } from 'next/headers';
import { PageHeader } from '@/components/page-header';
import { FlowsEmptyState } from '@/components/flows/flows-empty-state';
import { FlowsTable } from '@/components/flows/flows-table';
import { formatCount, formatMicros, formatMicrosExact, formatRate } from '@/components/flows/format-figures';
import { gatewayBaseUrl } from '@/components/docs/base-url';
import { RangePicker } from '@/components/flows/range-picker';
import { rangeParams } from '@/components/flows/range-query';
import { parseFlowSort, sortFlows } from '@/components/flows/sort-flows';
import { StatCards } from '@/components/flows/stat-cards';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { userHasFlows } from '@/lib/queries/flows/get-flow-by-name';
import { listFlowSummaries } from '@/lib/queries/flows/list-flow-summaries';
import { parseTimeRange } from '@/lib/queries/flows/time-range';

export const metadata = { title: 'Flows' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function FlowsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const db = await getDb();
  const description = 'Every X-Flow header value becomes a flow: costs, latency and model usage per app feature.';
  if (!(await userHasFlows(db, user.id))) {
    return (
      <>
        <PageHeader title="Flows" description={description} />
        <FlowsEmptyState baseUrl={gatewayBaseUrl(await headers())} />
      </>
    );
  }
  const range = parseTimeRange(params);
  const sort = parseFlowSort(params.sort, params.dir);
  const { flows, totals } = await listFlowSummaries(db, user.id, range);
  const query = rangeParams(range);
  return (
    <>
      <PageHeader title="Flows" description={description} />
      <div className="mb-6">
        <RangePicker path="/flows" range={range} keep={{ sort: params.sort ? sort.key : undefined, dir: params.dir ? sort.direction : undefined }} />
      </div>
      <div className="mb-6">
        <StatCards
          items={[
            { label: 'Spend', value: formatMicros(totals.costMicros), title: formatMicrosExact(totals.costMicros), testId: 'total-spend' },
            { label: 'Calls', value: formatCount(totals.calls), testId: 'total-calls' },
            { label: 'Errors', value: formatCount(totals.errors), title: formatRate(totals.errors, totals.calls), testId: 'total-errors' },
          ]}
        />
      </div>
      <FlowsTable flows={sortFlows(flows, sort.key, sort.direction)} sort={sort} query={query} />
      {totals.calls === 0 && <p className="mt-4 text-sm text-zinc-500">No calls in this range. Pick a longer one above.</p>}
      {flows.some((f) => !f.percentilesExact && f.calls > 0) && (
        <p className="mt-4 text-xs text-zinc-500">
          ≈ Over this many calls, percentiles are read from hourly latency histograms: within 0.8 % of the exact value (exact below 128 ms).
        </p>
      )}
    </>
  );
}
