// Every upstream attempt of a call, in order, as a vertical chain: retries of one model, then the
// fallbacks. A successful attempt is the one that served; skipped models (no provider configured,
// circuit open) show "—" for the status because nothing was sent.
import type { CallAttempt } from '@/lib/call-log/call-record';
import { formatMs } from './format';

function dot(attempt: CallAttempt): string {
  if (attempt.reason === 'ok') return 'bg-emerald-500 ring-emerald-100 dark:ring-emerald-500/20';
  if (attempt.status === 0) return 'bg-zinc-400 ring-zinc-100 dark:ring-zinc-700';
  return 'bg-red-500 ring-red-100 dark:ring-red-500/20';
}

export function AttemptChain({ attempts }: { attempts: CallAttempt[] }) {
  if (attempts.length === 0) return <p className="text-sm text-zinc-500">No upstream attempt was made (the request was refused before routing).</p>;
  return (
    <ol data-testid="attempt-chain" className="relative">
      {attempts.map((attempt, index) => {
        const previous = attempts[index - 1];
        const kind = !previous ? 'first' : previous.model === attempt.model && previous.provider === attempt.provider ? 'retry' : 'fallback';
        return (
          <li
            key={index}
            data-testid="call-attempt"
            data-model={attempt.model}
            data-provider={attempt.provider}
            data-status={attempt.status}
            data-reason={attempt.reason}
            className="relative flex gap-4 pb-5 last:pb-0"
          >
            {index < attempts.length - 1 && <span aria-hidden className="absolute left-[5px] top-4 h-full w-px bg-zinc-200 dark:bg-zinc-700" />}
            <span aria-hidden className={`relative mt-1.5 h-[11px] w-[11px] shrink-0 rounded-full ring-4 ${dot(attempt)}`} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
                <span className="text-xs font-medium text-zinc-500">
                  #{index + 1}
                  {kind !== 'first' && ` · ${kind}`}
                </span>
                <span className="break-words font-mono text-xs font-semibold">{attempt.model}</span>
                <span className="text-xs text-zinc-500">via {attempt.provider}</span>
                <span className="font-mono text-xs font-semibold">{attempt.status || '—'}</span>
                <span className={`text-xs font-medium ${attempt.reason === 'ok' ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>{attempt.reason}</span>
                <span className="text-xs tabular-nums text-zinc-500">{formatMs(attempt.latencyMs)}</span>
              </div>
              {attempt.message && <p className="mt-1 break-words text-xs text-zinc-600 dark:text-zinc-400">{attempt.message}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
