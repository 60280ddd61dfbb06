import type { ModelCost } from '../../lib/queries/flows/get-flow-model-usage';
import { formatCount, formatMicros, formatMicrosExact, formatRate } from './format-figures';

export function ModelCostTable({ models }: { models: ModelCost[] }) {
  const total = models.reduce((sum, m) => sum + m.costMicros, 0n);
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm" data-testid="model-costs">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            <th className="px-4 py-3 font-medium">Model</th>
            <th className="px-4 py-3 text-right font-medium">Calls</th>
            <th className="px-4 py-3 text-right font-medium">Cost</th>
            <th className="px-4 py-3 text-right font-medium">Share of cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {models.length === 0 && (
            <tr>
              <td colSpan={4} className="px-4 py-6 text-center text-zinc-500">No calls in this range.</td>
            </tr>
          )}
          {models.map((m) => (
            <tr key={m.model} data-testid="model-cost-row" data-model={m.model}>
              <td className="px-4 py-2.5 font-mono text-xs">{m.model}</td>
              <td className="px-4 py-2.5 text-right tabular-nums" data-testid="model-calls">{formatCount(m.calls)}</td>
              <td className="px-4 py-2.5 text-right tabular-nums" data-testid="model-cost" title={formatMicrosExact(m.costMicros)}>{formatMicros(m.costMicros)}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{formatRate(Number(m.costMicros), Number(total))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
