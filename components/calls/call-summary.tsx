import Link from 'next/link';
import type { CallDetail } from '@/lib/queries/calls/get-call';
import { CallBadges } from './call-badges';
import { formatInstant, formatMs, formatUsdMicros } from './format';
import { StatusPill } from './status-pill';

function Item({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd data-testid={testId} className="mt-1 text-sm">
        {children}
      </dd>
    </div>
  );
}

export function CallSummary({ call }: { call: CallDetail }) {
  const link = 'font-medium text-indigo-600 hover:underline dark:text-indigo-400';
  return (
    <div data-testid="call-summary" className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 lg:grid-cols-5">
        <Item label="Status">
          <StatusPill httpStatus={call.httpStatus} status={call.status} /> <span className="ml-1 text-zinc-500">{call.status}</span>
        </Item>
        <Item label="Flow" testId="call-flow">
          <Link href={`/flows/${encodeURIComponent(call.flowName)}`} className={link}>
            {call.flowName}
          </Link>
          <Link href={`/calls?flow=${encodeURIComponent(call.flowName)}`} className="ml-2 text-xs text-zinc-500 hover:underline">
            its calls
          </Link>
        </Item>
        <Item label="API key">
          {call.keyPrefix ? (
            <span title={call.keyName ?? undefined}>
              <span className="font-mono text-xs">{call.keyPrefix}…</span>
              {call.keyName && <span className="ml-1 text-zinc-500">{call.keyName}</span>}
            </span>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </Item>
        <Item label="Created">{formatInstant(call.createdAt)}</Item>
        <Item label="Cost">
          <span className="font-mono">
            {call.costEstimated && '≈'}
            {formatUsdMicros(call.costMicros)}
          </span>
        </Item>
        <Item label="Requested model" testId="call-requested-model">
          <span className="break-words font-mono text-xs">{call.requestedModel}</span>
        </Item>
        <Item label="Served model" testId="call-served-model">
          <span className="break-words font-mono text-xs">{call.servedModel ?? '—'}</span>
        </Item>
        <Item label="Provider">{call.provider ?? '—'}</Item>
        <Item label="Latency">{formatMs(call.latencyMs)}</Item>
        <Item label="Time to first token">{formatMs(call.ttftMs)}</Item>
      </dl>
      <div className="mt-4">
        <CallBadges call={call} />
      </div>
      {(call.errorType || call.errorMessage) && (
        <div data-testid="call-error" className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-200">
          {call.errorType && <span className="font-mono text-xs font-semibold">{call.errorType}</span>}
          {call.errorMessage && <p className="mt-1 break-words">{call.errorMessage}</p>}
        </div>
      )}
    </div>
  );
}
