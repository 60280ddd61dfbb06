import Link from 'next/link';
import { formatMoney, STATUS_LABELS } from '@/components/benchmarks/format-benchmark';
import { formatWhen } from '@/components/flows/format-figures';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { listBenchmarks } from '@/lib/benchmarks/list-benchmarks';
import { getDb } from '@/lib/db/client';

export const metadata = { title: 'Benchmarks' };

const th = 'px-3 py-2.5 font-medium whitespace-nowrap first:pl-4 last:pr-4';
const td = 'px-3 py-2.5 align-top first:pl-4 last:pr-4';

export default async function BenchmarksPage() {
  const user = await requireUser();
  const benchmarks = await listBenchmarks(await getDb(), user.id);
  return (
    <>
      <PageHeader
        title="Benchmarks"
        description="Replay a flow's real calls on other models and compare cost, speed and quality."
        actions={
          <Link href="/benchmarks/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
            New benchmark
          </Link>
        }
      />
      {benchmarks.length === 0 ? (
        <div data-testid="benchmarks-empty" className="rounded-2xl border border-dashed border-zinc-300 bg-white p-10 text-center dark:border-zinc-700 dark:bg-zinc-900">
          <p className="font-medium">No benchmarks yet</p>
          <p className="mt-1 text-sm text-zinc-500">
            Open a flow and choose <span className="font-medium">New benchmark</span>, or pick calls in the{' '}
            <Link href="/calls" className="font-medium text-indigo-600 dark:text-indigo-400">
              calls explorer
            </Link>
            .
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table data-testid="benchmarks-table" className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
              <tr>
                <th className={th}>Created (UTC)</th>
                <th className={th}>Flow</th>
                <th className={th}>Models</th>
                <th className={th}>Status</th>
                <th className={`${th} text-right`}>Progress</th>
                <th className={`${th} text-right`}>Spent</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {benchmarks.map((b) => (
                <tr key={b.id} data-testid="benchmark-row">
                  <td className={`${td} whitespace-nowrap`}>
                    <Link href={`/benchmarks/${encodeURIComponent(b.id)}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                      {formatWhen(b.createdAt)}
                    </Link>
                  </td>
                  <td className={td}>{b.flowName}</td>
                  <td className={`${td} font-mono text-xs`}>
                    <span className="text-zinc-500">{b.baselineModel} vs </span>
                    {b.candidateModels.join(', ')}
                    {b.judgeModel && <span className="text-zinc-500"> · judge {b.judgeModel}</span>}
                  </td>
                  <td className={td}>{STATUS_LABELS[b.status] ?? b.status}</td>
                  <td className={`${td} text-right tabular-nums`}>
                    {b.doneCount} / {b.totalCount}
                  </td>
                  <td className={`${td} text-right font-mono tabular-nums`}>
                    {formatMoney(b.spentMicros)} <span className="text-zinc-500">/ {formatMoney(b.budgetMicros)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
