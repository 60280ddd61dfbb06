// The flags of a call as small labelled pills, in the same order everywhere.
const TONES = {
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20',
  violet: 'bg-violet-50 text-violet-700 ring-violet-600/20 dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-400/20',
  rose: 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/20',
  sky: 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/20',
  zinc: 'bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/20',
} as const;

export function Badge({ tone, children, title }: { tone: keyof typeof TONES; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} data-testid="call-badge" className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}

export interface CallFlags {
  fellBack: boolean;
  jsonRepaired: boolean;
  contentFallback: boolean;
  stream: boolean;
  source: string;
}

export function CallBadges({ call }: { call: CallFlags }) {
  if (!call.fellBack && !call.contentFallback && !call.jsonRepaired && !call.stream && call.source !== 'benchmark') return null;
  return (
    <span className="flex flex-wrap gap-1">
      {call.fellBack && (
        <Badge tone="amber" title="Served by a model after the first one failed">
          fallback
        </Badge>
      )}
      {call.contentFallback && (
        <Badge tone="rose" title="A model returned unusable JSON; the next one was tried">
          content fallback
        </Badge>
      )}
      {call.jsonRepaired && (
        <Badge tone="violet" title="The JSON answer was repaired (x-llmtest-json-repaired)">
          JSON repaired
        </Badge>
      )}
      {call.stream && (
        <Badge tone="sky" title="stream: true">
          streamed
        </Badge>
      )}
      {call.source === 'benchmark' && (
        <Badge tone="zinc" title="A benchmark replay, not production traffic">
          benchmark
        </Badge>
      )}
    </span>
  );
}
