// Tokens and what they cost. The input line is the uncached part: cached tokens are priced
// separately (the catalog's cached-input price) and the three parts add up to the total exactly,
// because each part was rounded once, when the call was recorded.
import type { CallDetail } from '@/lib/queries/calls/get-call';
import { formatCount, formatUsdMicros } from './format';

export function CostBreakdown({ call }: { call: CallDetail }) {
  const rows: [label: string, tokens: number, micros: number][] = [
    ['Input (uncached)', Math.max(0, call.inputTokens - call.cachedInputTokens), call.inputCostMicros],
    ['Cached input', call.cachedInputTokens, call.cachedCostMicros],
    ['Output', call.outputTokens, call.outputCostMicros],
  ];
  return (
    <div>
      <table data-testid="cost-breakdown" className="w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th className="pb-2 font-medium" />
            <th className="pb-2 text-right font-medium">Tokens</th>
            <th className="pb-2 text-right font-medium">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map(([label, tokens, micros]) => (
            <tr key={label} data-testid="cost-row" data-part={label}>
              <td className="py-1.5">{label}</td>
              <td className="py-1.5 text-right tabular-nums">{formatCount(tokens)}</td>
              <td className="py-1.5 text-right font-mono text-xs tabular-nums">{formatUsdMicros(micros)}</td>
            </tr>
          ))}
          <tr className="font-semibold" data-testid="cost-total">
            <td className="pt-2">
              Total
              {call.costEstimated && (
                <span className="ml-2 rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-800 dark:bg-amber-500/10 dark:text-amber-300">estimated</span>
              )}
            </td>
            <td className="pt-2 text-right tabular-nums">{formatCount(call.inputTokens + call.outputTokens)}</td>
            <td className="pt-2 text-right font-mono text-xs tabular-nums">{formatUsdMicros(call.costMicros)}</td>
          </tr>
        </tbody>
      </table>
      {call.costEstimated && (
        <p className="mt-3 text-xs text-zinc-500">The stream reported no usage: tokens were counted with a tokenizer, so the cost is an estimate.</p>
      )}
    </div>
  );
}
