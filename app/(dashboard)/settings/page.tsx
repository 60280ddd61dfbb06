import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'Settings' };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader title="Settings" description="Your account." />
      <ComingSoon
        items={[
          'Profile and password',
          'Connected sign-in providers',
        ]}
      />
    </>
  );
}
