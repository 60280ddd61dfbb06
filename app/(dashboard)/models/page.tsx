import { parseModelFilters } from '@/components/models/filter-models';
import { ModelExplorer } from '@/components/models/model-explorer';
import { toModelSummary } from '@/components/models/model-summary';
import { PageHeader } from '@/components/page-header';
import { listModels } from '@/lib/catalog';

export const metadata = { title: 'Models' };

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const models = listModels().map(toModelSummary);
  return (
    <>
      <PageHeader
        title="Models"
        description={`${models.length} models you can call through one endpoint. Use the id (or an alias) as "model". Prices are per million tokens. “Served by” lists the providers in the order the gateway tries them: the first one configured on the server serves the call.`}
      />
      <ModelExplorer models={models} initialFilters={parseModelFilters(await searchParams)} />
    </>
  );
}
