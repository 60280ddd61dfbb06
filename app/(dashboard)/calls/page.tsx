import Link from 'next/link';
import { type CallFilterValues, CallFiltersForm } from '@/components/calls/call-filters-form';
import { CallsTable } from '@/components/calls/calls-table';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { CALL_FILTER_PARAMS, callFiltersToSearchParams, hasCallFilters, parseCallFilters } from '@/lib/queries/calls/call-filters';
import { listCallFilterOptions } from '@/lib/queries/calls/list-call-filter-options';
import { listCalls } from '@/lib/queries/calls/list-calls';

export const metadata = { title: 'Calls' };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function CallsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const params = await searchParams;
  const filters = parseCallFilters(params);
  const db = await getDb();
  const [page, options] = await Promise.all([
    listCalls(db, user.id, filters, { after: one(params.after), before: one(params.before) }),
    listCallFilterOptions(db, user.id),
  ]);

  // The form shows what was understood from the URL (a dropped value is not shown as applied).
  const understood = callFiltersToSearchParams(filters);
  const values: CallFilterValues = Object.fromEntries(CALL_FILTER_PARAMS.flatMap((name) => (understood.has(name) ? [[name, understood.get(name)!]] : [])));
  const pageLink = (cursor: { after?: string; before?: string }) => {
    const query = new URLSearchParams(understood);
    for (const [name, value] of Object.entries(cursor)) if (value) query.set(name, value);
    return `/calls?${query}`;
  };
  const filtered = hasCallFilters(filters);
  const firstPage = !one(params.after) && !one(params.before);

  return (
    <>
      <PageHeader title="Calls" description="Every call through the gateway, newest first. Times are UTC." />
      {/* Keyed by the filters so that "Clear filters" and back/forward reset the fields. */}
      <CallFiltersForm key={understood.toString()} options={options} values={values} />
      {page.calls.length === 0 ? (
        <div data-testid="calls-empty" className="rounded-2xl border border-dashed border-zinc-300 bg-white p-10 text-center dark:border-zinc-700 dark:bg-zinc-900">
          {filtered || !firstPage ? (
            <>
              <p className="font-medium">No calls match these filters.</p>
              <Link href="/calls" className="mt-2 inline-block text-sm font-medium text-indigo-600 dark:text-indigo-400">
                Clear filters
              </Link>
            </>
          ) : (
            <>
              <p className="font-medium">No calls yet</p>
              <p className="mt-1 text-sm text-zinc-500">
                Create an <Link href="/keys" className="font-medium text-indigo-600 dark:text-indigo-400">API key</Link>, point an OpenAI SDK at the gateway (
                <Link href="/docs" className="font-medium text-indigo-600 dark:text-indigo-400">quickstart</Link>) and your calls show up here within seconds.
              </p>
            </>
          )}
        </div>
      ) : (
        <>
          {/* Checked rows travel to /benchmarks/new as ?call=…: a benchmark of hand-picked calls. */}
          <form id="benchmark-pick" action="/benchmarks/new" method="get" className="mb-2 flex justify-end">
            <button data-testid="benchmark-selected" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800">
              Benchmark selected
            </button>
          </form>
          <CallsTable calls={page.calls} pickForm="benchmark-pick" />
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            <span>
              {!firstPage && (
                <Link href={understood.size ? `/calls?${understood}` : '/calls'} className="font-medium text-indigo-600 dark:text-indigo-400">
                  ⇤ Newest
                </Link>
              )}
            </span>
            <span className="flex gap-4">
              {page.newerCursor && (
                <Link href={pageLink({ before: page.newerCursor })} rel="prev" className="font-medium text-indigo-600 dark:text-indigo-400">
                  ← Newer
                </Link>
              )}
              {page.olderCursor && (
                <Link href={pageLink({ after: page.olderCursor })} rel="next" className="font-medium text-indigo-600 dark:text-indigo-400">
                  Older →
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </>
  );
}
