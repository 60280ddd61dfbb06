import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';

export const metadata = { title: 'Docs' };

export default function Page() {
  return (
    <>
      <PageHeader title="Docs" description="How to call LLMTest from any OpenAI-compatible SDK." />
      <ComingSoon
        items={[
          'Quickstart for curl, JavaScript and Python',
          'Headers: X-Flow, x-llmtest-fallback-model, x-llmtest-content-fallback, x-llmtest-json-repaired, x-llmtest-request-id',
          'Fallback rules, JSON recovery, flows, errors and limits',
        ]}
      />
    </>
  );
}
