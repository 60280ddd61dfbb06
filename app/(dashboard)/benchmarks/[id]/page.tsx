import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BenchmarkCharts, type ChartModel } from '@/components/benchmarks/benchmark-charts';
import { ProgressPanel } from '@/components/benchmarks/progress-panel';
import { ResultsTable } from '@/components/benchmarks/results-table';
import { SampleRows } from '@/components/benchmarks/sample-rows';
import { formatWhen } from '@/components/flows/format-figures';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { getBenchmark } from '@/lib/benchmarks/get-benchmark';
import { listSampleRows } from '@/lib/benchmarks/list-sample-rows';
import { getDb } from '@/lib/db/client';
import { cancelBenchmarkAction, switchModelAction, undoSwitchAction } from '../actions';

export const metadata = { title: 'Benchmark' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const SAMPLE_MODES: Record<string, string> = { last: 'the last calls', random: 'a random sample of a time range', picked: 'hand-picked calls' };

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="mt-8" data-testid={testId}>
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function BenchmarkPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = decodeURIComponent((await params).id);
  const query = await searchParams;
  const db = await getDb();
  const benchmark = await getBenchmark(db, user.id, id);
  if (!benchmark) notFound();
  const page = Number(one(query.page) ?? 1) || 1;
  const samples = await listSampleRows(db, user.id, id, page);
  const judged = benchmark.judgeModel !== null;
  const switched = one(query.switched);
  const flowPath = `/flows/${encodeURIComponent(benchmark.flowName)}`;
  const chartModels: ChartModel[] = benchmark.figures.map((f) => ({
    model: f.model,
    baseline: f.role === 'baseline',
    costPerCall: f.perCallCostMicros === null ? null : Number(f.perCallCostMicros) / 1_000_000,
    quality: f.role === 'baseline' ? (judged ? 10 : 1) : judged ? f.judgeScore : f.agreement,
    p50: f.latencyP50Ms,
    p95: f.latencyP95Ms,
    ttft: f.ttftP50Ms,
  }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/benchmarks" className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Benchmarks
        </Link>
      </p>
      <PageHeader
        title={`Benchmark of ${benchmark.flowName}`}
        description={`${benchmark.samples} calls (${SAMPLE_MODES[benchmark.sampleMode] ?? benchmark.sampleMode}) replayed on ${benchmark.candidateModels.length} model${benchmark.candidateModels.length === 1 ? '' : 's'}; baseline ${benchmark.baselineModel}. Created ${formatWhen(benchmark.createdAt)}.`}
        actions={
          <Link href={flowPath} className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
            Flow {benchmark.flowName} →
          </Link>
        }
      />
      {switched !== undefined && (
        <div role="status" data-testid="switched-banner" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-emerald-50 px-4 py-2 text-sm text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-300">
          <span>
            {benchmark.flowModelOverride ? (
              <>
                The flow <span className="font-mono">{benchmark.flowName}</span> now uses <span className="font-mono">{benchmark.flowModelOverride}</span>: its next production call goes there. The change is in the flow&apos;s settings history.
              </>
            ) : (
              'No change.'
            )}
          </span>
          {switched && (
            <form action={undoSwitchAction.bind(null, benchmark.id, benchmark.flowName, switched)}>
              <button className="rounded-md border border-emerald-300 px-2.5 py-1 text-xs font-medium hover:bg-emerald-100 dark:border-emerald-700 dark:hover:bg-emerald-900">Undo</button>
            </form>
          )}
        </div>
      )}
      {one(query.undone) && (
        <p role="status" className="mb-4 rounded-lg bg-zinc-100 px-4 py-2 text-sm dark:bg-zinc-800">
          Undone: the flow&apos;s previous model setting is back.
        </p>
      )}
      <ProgressPanel
        status={benchmark.status}
        doneCount={benchmark.doneCount}
        totalCount={benchmark.totalCount}
        spentMicros={benchmark.spentMicros}
        judgeSpentMicros={benchmark.judgeSpentMicros}
        budgetMicros={benchmark.budgetMicros}
        etaMs={benchmark.etaMs}
        stopReason={benchmark.stopReason}
        cancel={cancelBenchmarkAction.bind(null, benchmark.id)}
      />
      <Section title="Results per model" testId="benchmark-results-section">
        <ResultsTable figures={benchmark.figures} judged={judged} jsonFlow={benchmark.jsonFlow} currentModel={benchmark.flowModelOverride} switchTo={switchModelAction.bind(null, benchmark.id)} />
        <p className="mt-2 text-xs text-zinc-500">
          {judged ? (
            <>
              Judge score: <span className="font-mono">{benchmark.judgeModel}</span> grades each answer 1–10 against the baseline&apos;s answer and the request (rubric on the{' '}
              <Link href="/docs#benchmarks" className="text-indigo-600 hover:underline dark:text-indigo-400">
                docs page
              </Link>
              ).
            </>
          ) : (
            <>
              Agreement is closeness to the baseline&apos;s recorded answers ({benchmark.jsonFlow ? 'JSON key/value agreement' : 'ROUGE-L F1 over words'}), not accuracy.{' '}
              <Link href="/docs#benchmarks" className="text-indigo-600 hover:underline dark:text-indigo-400">
                How it is measured
              </Link>
            </>
          )}{' '}
          Costs are benchmark costs: never billed as production usage. Fallbacks {benchmark.fallbacks ? 'allowed' : 'off'}; {benchmark.concurrency} calls at a time.
        </p>
      </Section>
      <Section title="Cost, quality and speed">
        <BenchmarkCharts models={chartModels} judged={judged} />
      </Section>
      {benchmark.skipped.length > 0 && (
        <Section title={`Skipped (${benchmark.skipped.length})`} testId="benchmark-skipped">
          <ul className="space-y-1 text-sm">
            {benchmark.skipped.map((s) => (
              <li key={s.position} data-testid="skipped-sample" data-reason={s.reason}>
                <Link href={`/calls/${encodeURIComponent(s.callLogId)}`} className="font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">
                  #{s.position + 1}
                </Link>{' '}
                <span className="text-zinc-600 dark:text-zinc-300">{s.message}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Calls side by side">
        <SampleRows rows={samples.rows} judged={judged} />
        {samples.pages > 1 && (
          <nav aria-label="Sample pages" className="mt-3 flex flex-wrap gap-2 text-sm">
            {Array.from({ length: samples.pages }, (_, i) => i + 1).map((n) => (
              <Link key={n} href={`/benchmarks/${encodeURIComponent(benchmark.id)}?page=${n}`} aria-current={n === Math.min(page, samples.pages) ? 'page' : undefined} className="rounded px-2 py-0.5 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white">
                {n}
              </Link>
            ))}
          </nav>
        )}
      </Section>
    </>
  );
}
