export function HeadersTable({ headers }: { headers: [string, string][] }) {
  if (headers.length === 0) return <p className="text-sm text-zinc-500">No headers were recorded.</p>;
  return (
    <dl data-testid="response-headers" className="grid grid-cols-1 gap-x-6 gap-y-1 font-mono text-xs sm:grid-cols-[max-content_1fr]">
      {headers.map(([name, value]) => (
        <div key={name} className="contents" data-testid="response-header" data-name={name}>
          <dt className={name.startsWith('x-llmtest-') ? 'font-semibold text-indigo-700 dark:text-indigo-300' : 'text-zinc-500'}>{name}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
