import type { ModelFigures } from '../../lib/benchmarks/benchmark-figures';
import { formatMs } from '../flows/format-figures';
import { formatMoney, formatQuality, formatShare } from './format-benchmark';

const th = 'px-2.5 py-2.5 font-medium first:pl-4 last:pr-4';
const td = 'px-2.5 py-2.5 align-top whitespace-nowrap tabular-nums first:pl-4 last:pr-4';

export function ResultsTable({
  figures,
  judged,
  jsonFlow,
  currentModel,
  switchTo,
}: {
  figures: ModelFigures[];
  judged: boolean;
  jsonFlow: boolean;
  /** The flow's model override now (marks "in use"). */
  currentModel: string | null;
  switchTo: (model: string) => Promise<void>;
}) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table data-testid="benchmark-results" className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            <th className={th}>Model</th>
            <th className={`${th} text-right`}>Calls</th>
            <th className={`${th} text-right`}>Cost</th>
            <th className={`${th} text-right`}>Per call</th>
            <th className={`${th} text-right`}>Latency p50 / p95</th>
            <th className={`${th} text-right`}>TTFT p50</th>
            <th className={`${th} text-right`}>Errors</th>
            <th className={`${th} text-right`}>Fallbacks</th>
            {jsonFlow && <th className={`${th} text-right`}>Valid JSON</th>}
            <th className={`${th} text-right`} title={judged ? "The judge's mean score" : "Agreement with the baseline's answers (not accuracy)"}>
              {judged ? 'Judge score' : 'Agreement'}
            </th>
            {judged && <th className={`${th} text-right`}>Judge cost</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {figures.map((f) => (
            <tr key={`${f.role}-${f.model}`} data-testid="benchmark-model-row" data-model={f.model} data-role={f.role}>
              <td className={`${td} font-mono text-xs`}>
                <div>{f.model}</div>
                {f.role === 'baseline' && <span className="mt-1 inline-block rounded bg-zinc-100 px-1.5 py-0.5 font-sans text-[11px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">baseline (recorded)</span>}
                {f.role === 'candidate' &&
                  (currentModel === f.model ? (
                    <span className="mt-1 block font-sans text-xs font-medium text-emerald-600">In use for this flow</span>
                  ) : (
                    <form action={switchTo.bind(null, f.model)} className="mt-1">
                      <button className="rounded-md border border-zinc-300 px-2 py-0.5 font-sans text-xs font-medium hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800">Use this model for this flow</button>
                    </form>
                  ))}
              </td>
              <td className={`${td} text-right`}>{f.calls}</td>
              <td className={`${td} text-right font-mono`} data-testid="model-total-cost">
                {formatMoney(f.totalCostMicros)}
              </td>
              <td className={`${td} text-right font-mono`} data-testid="model-per-call-cost">
                {formatMoney(f.perCallCostMicros)}
              </td>
              <td className={`${td} text-right`} data-testid="model-latency">
                {formatMs(f.latencyP50Ms)} / {formatMs(f.latencyP95Ms)}
              </td>
              <td className={`${td} text-right`}>{formatMs(f.ttftP50Ms)}</td>
              <td className={`${td} text-right`} data-testid="model-error-rate">
                {formatShare(f.errorRate)}
              </td>
              <td className={`${td} text-right`}>{formatShare(f.fallbackRate)}</td>
              {jsonFlow && <td className={`${td} text-right`}>{formatShare(f.jsonValidRate)}</td>}
              <td className={`${td} text-right font-medium`} data-testid="model-quality">
                {f.role === 'baseline' ? 'reference' : formatQuality(judged ? f.judgeScore : f.agreement, judged)}
              </td>
              {judged && <td className={`${td} text-right font-mono`}>{f.role === 'baseline' ? '—' : formatMoney(f.judgeCostMicros)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
