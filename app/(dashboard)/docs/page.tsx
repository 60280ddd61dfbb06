import { headers } from 'next/headers';
import { gatewayBaseUrl } from '@/components/docs/base-url';
import { DocsArticle, DocsToc } from '@/components/docs/docs-article';
import { PageHeader } from '@/components/page-header';

export const metadata = { title: 'Docs' };

export default async function DocsPage() {
  const baseUrl = gatewayBaseUrl(await headers());
  return (
    <>
      <PageHeader title="Docs" description="How to call LLMTest from any OpenAI-compatible SDK, and what it does for you on the way." />
      <div className="flex gap-10">
        <div className="min-w-0 flex-1">
          <DocsArticle baseUrl={baseUrl} />
        </div>
        <aside className="hidden w-44 shrink-0 xl:block">
          <div className="sticky top-10">
            <DocsToc />
          </div>
        </aside>
      </div>
    </>
  );
}
