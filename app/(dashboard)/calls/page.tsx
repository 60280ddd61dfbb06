import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'Calls' };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader title="Calls" description="Every call through the gateway, newest first." />
      <ComingSoon
        items={[
          'Filters by flow, model, status, fallback, JSON repaired, key and time',
          'Each call with its request and response, every attempt, tokens and the cost breakdown',
        ]}
      />
    </>
  );
}
