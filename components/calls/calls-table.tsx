import Link from 'next/link';
import type { CallListItem } from '@/lib/queries/calls/list-calls';
import { CallBadges } from './call-badges';
import { formatCallTime, formatCount, formatInstant, formatMs, formatUsdMicros } from './format';
import { StatusPill } from './status-pill';

const th = 'px-2.5 py-2.5 font-medium whitespace-nowrap first:pl-4 last:pr-4';
const td = 'px-2.5 py-2.5 align-top first:pl-4 last:pr-4';

/** `pickForm`: the id of a form the rows' checkboxes belong to ("Benchmark selected"); no column without it. */
export function CallsTable({ calls, pickForm }: { calls: CallListItem[]; pickForm?: string }) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table data-testid="calls-table" className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            {pickForm && (
              <th className={th}>
                <span className="sr-only">Select</span>
              </th>
            )}
            <th className={th}>Time (UTC)</th>
            <th className={th}>Flow</th>
            <th className={th}>Model</th>
            <th className={th}>Status</th>
            <th className={`${th} text-right`}>Latency</th>
            <th className={`${th} text-right`}>TTFT</th>
            <th className={`${th} text-right`} title="Input / output tokens">
              Tokens
            </th>
            <th className={`${th} text-right`}>Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {calls.map((call) => (
            <tr key={call.id} data-testid="call-row" data-call-id={call.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              {pickForm && (
                <td className={td}>
                  {call.source === 'production' && (
                    <input type="checkbox" name="call" value={call.id} form={pickForm} aria-label={`Select call ${call.id}`} data-testid="call-pick" className="mt-0.5" />
                  )}
                </td>
              )}
              <td className={`${td} whitespace-nowrap`}>
                <Link href={`/calls/${encodeURIComponent(call.id)}`} title={formatInstant(call.createdAt)} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  {formatCallTime(call.createdAt)}
                </Link>
              </td>
              <td className={`${td} max-w-40 truncate`} title={call.flowName}>
                {call.flowName}
              </td>
              <td className={`${td} max-w-80`}>
                <Link href={`/calls/${encodeURIComponent(call.id)}`} className="block truncate font-mono text-xs leading-5 hover:underline">
                  <span title="Requested">{call.requestedModel}</span>
                  {call.servedModel && call.modelChanged && (
                    <>
                      <span className="px-1 text-zinc-400">→</span>
                      <span title={`Served${call.provider ? ` by ${call.provider}` : ''}`}>{call.servedModel}</span>
                    </>
                  )}
                </Link>
                {call.status === 'error' && call.errorType && <div className="mt-0.5 truncate font-mono text-[11px] text-red-700 dark:text-red-300">{call.errorType}</div>}
                <div className="mt-1 empty:hidden">
                  <CallBadges call={call} />
                </div>
              </td>
              <td className={td}>
                <StatusPill httpStatus={call.httpStatus} status={call.status} title={call.errorType ?? call.status} />
              </td>
              <td className={`${td} whitespace-nowrap text-right tabular-nums`}>{formatMs(call.latencyMs)}</td>
              <td className={`${td} whitespace-nowrap text-right tabular-nums text-zinc-500`}>{formatMs(call.ttftMs)}</td>
              <td className={`${td} whitespace-nowrap text-right tabular-nums`} title={call.cachedInputTokens ? `${formatCount(call.cachedInputTokens)} of the input tokens cached` : undefined}>
                {formatCount(call.inputTokens)} / {formatCount(call.outputTokens)}
              </td>
              <td className={`${td} whitespace-nowrap text-right font-mono tabular-nums`} data-testid="call-cost" title={call.costEstimated ? 'Estimated: the stream reported no usage' : undefined}>
                {call.costEstimated && '≈'}
                {formatUsdMicros(call.costMicros)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
