import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Logo } from '@/components/logo';
import { currentUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

const FEATURES = [
  ['Automatic fallbacks', 'When a model is down, the call goes to the next one. Your SDK sees the same OpenAI body; a header tells you.'],
  ['JSON recovery', 'With response_format JSON, broken JSON is repaired or the call retried on another model.'],
  ['Cost per call', 'Every call priced from the provider’s usage, in integer micro-dollars. No surprises.'],
  ['Flows', 'Send X-Flow: support-bot and see cost, latency and models per app feature — then benchmark it.'],
];

export default async function Home() {
  if (await currentUser()) redirect('/flows');
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <header className="flex items-center justify-between">
        <Logo className="text-lg" />
        <nav className="flex items-center gap-4 text-sm">
          <Link href="/models" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">Models</Link>
          <Link href="/docs" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">Docs</Link>
          <Link href="/sign-in" className="font-medium">Sign in</Link>
        </nav>
      </header>
      <section className="py-20 text-center">
        <h1 className="mx-auto max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">
          One OpenAI-compatible endpoint for 340+ models
        </h1>
        <p className="mx-auto mt-5 max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">
          Change your SDK’s base URL and key. Get fallbacks, JSON recovery, cost tracking and per-feature analytics with no extra code.
        </p>
        <div className="mt-8 flex justify-center gap-3">
          <Link href="/sign-up" className="rounded-lg bg-indigo-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
            Get started
          </Link>
          <Link href="/docs" className="rounded-lg border border-zinc-300 px-5 py-2.5 text-sm font-semibold hover:bg-white dark:border-zinc-700 dark:hover:bg-zinc-900">
            Read the docs
          </Link>
        </div>
        <pre className="mx-auto mt-12 max-w-2xl overflow-x-auto rounded-xl bg-zinc-900 p-5 text-left text-sm text-zinc-100 shadow-lg">
{`import OpenAI from 'openai';

const client = new OpenAI({ baseURL: 'https://<your-host>/v1', apiKey: 'llmt_…' });
await client.chat.completions.create(
  { model: 'anthropic/claude-sonnet-4', messages: [{ role: 'user', content: 'Hi' }] },
  { headers: { 'X-Flow': 'support-bot' } },
);`}
        </pre>
      </section>
      <section className="grid gap-4 pb-16 sm:grid-cols-2">
        {FEATURES.map(([title, text]) => (
          <div key={title} className="rounded-2xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{text}</p>
          </div>
        ))}
      </section>
    </main>
  );
}
