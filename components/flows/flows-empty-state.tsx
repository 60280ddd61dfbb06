import Link from 'next/link';
import { CopyButton } from '../copy-button';
import { quickstartSnippets } from '../docs/quickstart-snippets';

export function FlowsEmptyState({ baseUrl }: { baseUrl: string }) {
  return (
    <div className="space-y-6" data-testid="flows-empty">
      <div className="rounded-2xl border border-dashed border-zinc-300 bg-white p-8 dark:border-zinc-700 dark:bg-zinc-900">
        <h2 className="text-lg font-semibold">No flows yet</h2>
        <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
          Send your first call through the gateway. Every value of the <code className="font-mono">X-Flow</code> header becomes a flow
          here (calls without it go to <code className="font-mono">unknown</code>), with its costs, latency and models.
        </p>
        <ol className="mt-5 space-y-3 text-sm">
          <li>
            <span className="font-medium">1. </span>
            <Link href="/keys" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Create an API key
            </Link>{' '}
            and export it: <code className="font-mono">export LLMTEST_API_KEY=llmt_…</code>
          </li>
          <li className="flex flex-wrap items-center gap-2">
            <span>
              <span className="font-medium">2. </span>Point any OpenAI SDK at your base URL:
            </span>
            <code className="rounded bg-zinc-100 px-2 py-0.5 font-mono dark:bg-zinc-800" data-testid="quickstart-base-url">
              {baseUrl}
            </code>
            <CopyButton text={baseUrl} />
          </li>
          <li>
            <span className="font-medium">3. </span>Make a call with <code className="font-mono">X-Flow: support-bot</code>:
          </li>
        </ol>
      </div>
      {quickstartSnippets(baseUrl).map((snippet) => (
        <section key={snippet.id} className="rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" data-testid={`quickstart-${snippet.id}`}>
          <header className="flex items-center justify-between border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
            <h3 className="text-sm font-medium">{snippet.label}</h3>
            <CopyButton text={snippet.code} />
          </header>
          <pre className="overflow-x-auto p-4 font-mono text-xs leading-relaxed">
            <code>{snippet.code}</code>
          </pre>
        </section>
      ))}
    </div>
  );
}
