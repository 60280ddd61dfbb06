import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'Benchmarks' };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader title="Benchmarks" description="Replay a flow's real calls on other models and compare cost, speed and quality." />
      <ComingSoon
        items={[
          'New benchmark from a flow: sample, candidate models, optional judge, budget',
          'Live progress, results per model, a cost-vs-quality chart, and “Use this model for this flow”',
        ]}
      />
    </>
  );
}
