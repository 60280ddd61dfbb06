import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'Billing' };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader title="Billing" description="Plan, usage this period and invoices." />
      <ComingSoon
        items={[
          'Your plan (Free or Pay as you go), spend this period and what was reported to Stripe',
          'Spend limits per account and per API key, a daily spend chart and your invoices',
        ]}
      />
    </>
  );
}
