// Each sampled call as a row that opens to show the baseline's recorded answer beside every
// candidate's (texts cut at 4,000 characters here).
import Link from 'next/link';
import type { SampleRow } from '../../lib/benchmarks/list-sample-rows';
import { formatMicros, formatMs } from '../flows/format-figures';
import { formatQuality } from './format-benchmark';

function Answer({ title, meta, text, tone = 'normal', testId }: { title: string; meta: React.ReactNode; text: string | null; tone?: 'normal' | 'error'; testId: string }) {
  return (
    <div data-testid={testId} className="min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
      <p className="truncate font-mono text-xs font-semibold">{title}</p>
      <p className="mt-0.5 text-xs text-zinc-500">{meta}</p>
      <pre className={`mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-words font-mono text-xs ${tone === 'error' ? 'text-red-700 dark:text-red-300' : ''}`}>{text ?? '—'}</pre>
    </div>
  );
}

export function SampleRows({ rows, judged }: { rows: SampleRow[]; judged: boolean }) {
  return (
    <div className="divide-y divide-zinc-100 rounded-2xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {rows.map((row) => (
        <details key={row.position} data-testid="benchmark-sample" className="group px-4 py-3">
          <summary className="flex cursor-pointer flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <span className="w-10 tabular-nums text-zinc-500">#{row.position + 1}</span>
            <span className="min-w-0 flex-1 truncate text-zinc-600 dark:text-zinc-300">{row.skipMessage ? <span className="text-amber-700 dark:text-amber-300">Skipped: {row.skipMessage}</span> : (row.baselineText ?? '').slice(0, 140)}</span>
            {!row.skipMessage &&
              row.answers.map((a) => (
                <span key={a.model} className="font-mono text-xs text-zinc-500" title={a.model}>
                  {a.model.split('/').pop()}: {a.status === 'pending' ? '…' : a.status === 'error' ? 'error' : formatQuality(judged ? a.judgeScore : a.agreement, judged)}
                </span>
              ))}
          </summary>
          <div className="mt-3 grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            <Answer
              testId="sample-baseline"
              title={`${row.baselineModel ?? 'baseline'} (recorded)`}
              meta={
                <>
                  {formatMs(row.baselineLatencyMs)} · {formatMicros(row.baselineCostMicros)} ·{' '}
                  <Link href={`/calls/${encodeURIComponent(row.callLogId)}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                    the call
                  </Link>
                </>
              }
              text={row.baselineText}
            />
            {row.answers.map((a) => (
              <Answer
                key={a.model}
                testId="sample-answer"
                title={a.model}
                tone={a.status === 'error' ? 'error' : 'normal'}
                meta={
                  a.status === 'pending' ? (
                    'not run'
                  ) : (
                    <>
                      {formatMs(a.latencyMs)} · {formatMicros(a.costMicros)}
                      {a.fellBack && a.servedModel ? ` · fell back to ${a.servedModel}` : ''}
                      {a.jsonValid === false ? ' · invalid JSON' : ''} · agreement {formatQuality(a.agreement, false)}
                      {a.judgeScore !== null && ` · judge ${formatQuality(a.judgeScore, true)}`}
                      {a.callLogId && (
                        <>
                          {' · '}
                          <Link href={`/calls/${encodeURIComponent(a.callLogId)}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                            the call
                          </Link>
                        </>
                      )}
                      {a.judgeReason && <span className="block italic">Judge: {a.judgeReason}</span>}
                    </>
                  )
                }
                text={a.status === 'error' ? a.errorMessage : a.text}
              />
            ))}
          </div>
        </details>
      ))}
    </div>
  );
}
