import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';

export const metadata = { title: 'Models' };

export default function Page() {
  return (
    <>
      <PageHeader title="Models" description="The catalog of models LLMTest can route to, with prices per million tokens." />
      <ComingSoon
        items={[
          'Search and filter by provider, capability (tools, JSON, vision), price and context length',
        ]}
      />
    </>
  );
}
