import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'Flows' };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader title="Flows" description="Every X-Flow header value becomes a flow: costs, latency and model usage per app feature." />
      <ComingSoon
        items={[
          'One row per flow: calls, spend, average cost per call, latency p50/p95, time to first token, error, fallback and JSON-repair rates',
          'A time range (last hour, 24 h, 7 days, 30 days, custom) with totals at the top',
          'Per-flow charts, model mix, cost by model, and settings: a model override and a fallback chain',
        ]}
      />
    </>
  );
}
