/** The HTTP status the client got: green for 2xx, amber for 4xx, red for 5xx, grey when cancelled. */
export function StatusPill({ httpStatus, status, title }: { httpStatus: number; status: string; title?: string }) {
  const tone =
    status === 'cancelled'
      ? 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300'
      : httpStatus < 300
        ? 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300'
        : httpStatus < 500
          ? 'bg-amber-50 text-amber-800 dark:bg-amber-500/10 dark:text-amber-300'
          : 'bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300';
  return (
    <span data-testid="call-status" title={title} className={`inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 font-mono text-xs font-medium ${tone}`}>
      {httpStatus || '—'}
      {status === 'cancelled' && <span className="font-sans">cancelled</span>}
    </span>
  );
}
