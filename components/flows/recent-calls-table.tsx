import Link from 'next/link';
import type { RecentCall } from '../../lib/queries/flows/list-recent-flow-calls';
import { formatMicros, formatMicrosExact, formatMs, formatWhen } from './format-figures';

const STATUS_STYLE: Record<string, string> = {
  ok: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300',
  error: 'bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300',
  cancelled: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400',
};

export function RecentCallsTable({ calls }: { calls: RecentCall[] }) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm" data-testid="recent-calls">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            <th className="px-4 py-3 font-medium">Time</th>
            <th className="px-4 py-3 font-medium">Model</th>
            <th className="px-4 py-3 font-medium">Status</th>
            <th className="px-4 py-3 text-right font-medium">Tokens in / out</th>
            <th className="px-4 py-3 text-right font-medium">Cost</th>
            <th className="px-4 py-3 text-right font-medium">Latency</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {calls.length === 0 && (
            <tr>
              <td colSpan={6} className="px-4 py-6 text-center text-zinc-500">No calls in this range.</td>
            </tr>
          )}
          {calls.map((call) => (
            <tr key={call.id} data-testid="recent-call" data-call-id={call.id}>
              <td className="px-4 py-2.5 whitespace-nowrap">
                <Link href={`/calls/${encodeURIComponent(call.id)}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                  {formatWhen(call.createdAt)}
                </Link>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs">
                {call.servedModel ?? call.requestedModel}
                {call.fellBack && <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 font-sans text-amber-700 dark:bg-amber-500/10 dark:text-amber-300">fell back from {call.requestedModel}</span>}
                {call.jsonRepaired && <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 font-sans text-sky-700 dark:bg-sky-500/10 dark:text-sky-300">JSON repaired</span>}
              </td>
              <td className="px-4 py-2.5">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[call.status] ?? STATUS_STYLE.cancelled}`}>
                  {call.status} {call.httpStatus}
                </span>
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{call.inputTokens} / {call.outputTokens}</td>
              <td className="px-4 py-2.5 text-right tabular-nums" title={formatMicrosExact(call.costMicros)}>{formatMicros(call.costMicros)}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{formatMs(call.latencyMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
