// The docs page's text. Facts that are tables live in docs-data.ts; prose and examples here.
import Link from 'next/link';
import { CodeBlock } from './code-block';
import { CodeTabs } from './code-tabs';
import { JUDGE_RUBRIC } from '../../lib/benchmarks/quality/judge';
import { BENCHMARK_FACTS, DOC_SECTIONS, ERRORS, FALLBACK_TRIGGERS, GATEWAY_SETTINGS, HEADERS, NOT_FALLBACK, PROVIDER_ENV, QUALITY_METRICS } from './docs-data';
import { fallbackSnippets, headerSnippets, quickstartSnippets } from './quickstart-snippets';

const link = 'font-medium text-indigo-600 hover:underline dark:text-indigo-400';
const code = 'rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800';

function C({ children }: { children: React.ReactNode }) {
  return <code className={code}>{children}</code>;
}

function DocSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} data-testid={`docs-section-${id}`} className="scroll-mt-6 space-y-4">
      <h2 className="text-lg font-semibold tracking-tight">
        <a href={`#${id}`} className="hover:underline">
          {title}
        </a>
      </h2>
      {children}
    </section>
  );
}

function Table({ head, children, testId }: { head: string[]; children: React.ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table data-testid={testId} className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            {head.map((h) => (
              <th key={h} className="px-4 py-2.5 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

const td = 'px-4 py-2.5';

export function DocsToc() {
  return (
    <nav aria-label="On this page" className="text-sm">
      <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">On this page</p>
      <ul className="space-y-1.5">
        {DOC_SECTIONS.map(([id, title]) => (
          <li key={id}>
            <a href={`#${id}`} className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              {title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function DocsArticle({ baseUrl }: { baseUrl: string }) {
  return (
    <article className="max-w-3xl space-y-12 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
      <DocSection id="quickstart" title="Quickstart">
        <p>
          LLMTest speaks OpenAI’s API. Keep your OpenAI SDK and change two things: the base URL and the key. Every model of the{' '}
          <Link href="/models" className={link}>
            catalog
          </Link>{' '}
          is then one <C>model</C> string away.
        </p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            Create a key under{' '}
            <Link href="/keys" className={link}>
              API keys
            </Link>{' '}
            (it is shown once) and export it: <C>export LLMTEST_API_KEY=llmt_…</C>
          </li>
          <li>
            Use the base URL <C>{baseUrl}</C>
          </li>
          <li>
            Optionally name the feature with <C>X-Flow</C> to see its cost and latency under Flows.
          </li>
        </ol>
        <div data-testid="docs-base-url" className="flex items-center gap-2">
          <span className="text-xs font-medium text-zinc-500">Base URL</span>
          <code className="rounded-lg bg-white px-3 py-1.5 font-mono text-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">{baseUrl}</code>
        </div>
        <CodeTabs snippets={quickstartSnippets(baseUrl)} testId="quickstart-snippets" />
        <p>
          Streaming (<C>stream: true</C>), tools, <C>response_format</C>, images and <C>stream_options.include_usage</C> work as with OpenAI.{' '}
          <C>GET {baseUrl}/models</C> lists the catalog in OpenAI’s format, with or without a key.
        </p>
      </DocSection>

      <DocSection id="headers" title="Headers">
        <p>What you send, and what LLMTest adds to its responses. Names are case-insensitive.</p>
        <Table head={['Header', 'Meaning']} testId="docs-headers">
          {HEADERS.map((header) => (
            <tr key={header.name} data-testid="docs-header" data-header={header.name}>
              <td className={`${td} w-72`}>
                <div className="font-mono text-xs font-semibold">{header.name}</div>
                <div className="mt-1 text-xs text-zinc-500">
                  {header.direction} · e.g. <span className="font-mono">{header.example}</span>
                </div>
              </td>
              <td className={td}>{header.meaning}</td>
            </tr>
          ))}
        </Table>
        <p>Reading them from your code:</p>
        <CodeTabs snippets={headerSnippets(baseUrl)} />
      </DocSection>

      <DocSection id="models" title="Models">
        <p>
          Models have OpenRouter-style ids, <C>vendor/model</C> (<C>openai/gpt-4o</C>, <C>anthropic/claude-sonnet-4</C>,{' '}
          <C>google/gemini-2.5-pro</C>). OpenAI’s models also answer to their bare names (<C>gpt-4o</C>), and dated ids work where the vendor
          publishes them. An unknown id is a 404 that suggests the closest ones. Browse them, with prices and capabilities, on the{' '}
          <Link href="/models" className={link}>
            Models
          </Link>{' '}
          page.
        </p>
        <p>
          Each model is sent to its own provider when that provider’s key is configured on the server, otherwise through an aggregator that
          carries it (OpenRouter). A self-hosted OpenAI-compatible server (Ollama, vLLM) is reachable as <C>custom/&lt;its model name&gt;</C>{' '}
          when the operator sets <C>LLMTEST_CUSTOM_BASE_URL</C>; such calls cost nothing on LLMTest’s side.
        </p>
      </DocSection>

      <DocSection id="fallbacks" title="Fallbacks">
        <p>When a model cannot answer, the call moves on to the next one automatically. Your code sees an ordinary OpenAI response.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <h3 className="mb-2 text-sm font-semibold">Falls back on</h3>
            <ul className="list-disc space-y-1 pl-5">
              {FALLBACK_TRIGGERS.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </div>
          <div className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <h3 className="mb-2 text-sm font-semibold">Returned as is (your request is the problem)</h3>
            <ul className="list-disc space-y-1 pl-5">
              {NOT_FALLBACK.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-zinc-500">Another model would refuse the same request, so the upstream’s status and message come back to you, prefixed with the provider.</p>
          </div>
        </div>
        <h3 className="text-sm font-semibold">Order</h3>
        <ol className="list-decimal space-y-1 pl-5">
          <li>
            The request’s own <C>models</C> array, if present (OpenRouter’s convention): <C>model</C> first, then the others in order.
          </li>
          <li>The flow’s configured fallback chain (set on the flow’s page; a flow can also override the model).</li>
          <li>The catalog’s default chain for the model: models of the same tier with at least its capabilities and context, other vendors first.</li>
        </ol>
        <p>
          Every model you name in <C>model</C> or <C>models</C> must exist (else 404). Models lacking what the request needs (tools, images,
          JSON mode) are skipped. At most 5 models are tried per call (server setting).
        </p>
        <CodeTabs snippets={fallbackSnippets()} />
        <h3 className="text-sm font-semibold">Retries, deadline and circuit breaker</h3>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            On 429, 5xx, overload, timeouts and resets the same model is retried (once by default), after an exponential backoff with jitter (honouring{' '}
            <C>Retry-After</C> up to 8 s), before moving on.
          </li>
          <li>All attempts share one deadline (2 minutes by default until the answer starts).</li>
          <li>
            A model that fails 5 times in a row on a provider is skipped for 30 s (circuit breaker), then one request probes it. The state is
            shared by every request of the server, and across servers when <C>REDIS_URL</C> is set.
          </li>
        </ul>
        <h3 className="text-sm font-semibold">Streaming</h3>
        <p>
          A stream can fall back until its first byte reaches you. After that, a failure ends the stream with an OpenAI-style error event (
          <C>{'data: {"error": {…}}'}</C>, which the SDKs raise as an error) and the call is logged as failed.
        </p>
        <p>
          When a fallback served the call, the response carries <C>x-llmtest-fallback-model</C> and <C>x-llmtest-content-fallback</C>, and
          the body’s <C>model</C> is the model that answered. The call page under Calls shows every attempt with its status, reason and timing.
        </p>
      </DocSection>

      <DocSection id="json" title="JSON recovery">
        <p>
          With <C>{'response_format: { type: "json_object" }'}</C> or <C>json_schema</C>, LLMTest checks the model’s answer before you get
          it:
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>Valid JSON (and, for json_schema, valid against the schema): returned untouched.</li>
          <li>
            Broken but repairable (markdown fences, trailing commas, prose around it, a truncated end): repaired with <C>jsonrepair</C> and
            returned with <C>x-llmtest-json-repaired: true</C>.
          </li>
          <li>
            Unrepairable, or failing the json_schema: the next model is tried, and the response says <C>x-llmtest-content-fallback: true</C>.
            If no model produces usable JSON the call fails with 502 <C>invalid_json_output</C>.
          </li>
          <li>Answers that are tool calls are not checked.</li>
        </ul>
        <p>
          <strong>Streaming in JSON mode is passed through</strong>: chunks reach you as they arrive, so they cannot be repaired or re-routed
          afterwards. The assembled answer is still checked and an invalid one is flagged in the call log. If you need a guaranteed-valid
          document, do not stream.
        </p>
      </DocSection>

      <DocSection id="flows" title="Flows">
        <p>
          A flow is a feature of your app: <C>X-Flow: support-bot</C>, <C>X-Flow: invoice-extractor</C>. A flow exists from its first call;
          calls without the header belong to <C>unknown</C>. The{' '}
          <Link href="/flows" className={link}>
            Flows
          </Link>{' '}
          page shows each flow’s calls, spend, latency percentiles, errors, fallbacks and model mix, and lets you override its model or set its
          fallback chain server-side, with no code change (effective within seconds).
        </p>
      </DocSection>

      <DocSection id="benchmarks" title="Benchmarks">
        <p>
          Which model should this feature use? A benchmark replays a flow&apos;s recorded production calls on candidate models and compares cost, speed and quality
          with what the flow uses today. Start one from a flow&apos;s page (<C>New benchmark</C>) or from calls picked in the{' '}
          <Link href="/calls" className={link}>
            calls explorer
          </Link>
          ; results are under{' '}
          <Link href="/benchmarks" className={link}>
            Benchmarks
          </Link>
          .
        </p>
        <Table head={['', 'How it works']} testId="docs-benchmarks">
          {BENCHMARK_FACTS.map((fact) => (
            <tr key={fact.topic}>
              <td className={`${td} w-48 font-medium`}>{fact.topic}</td>
              <td className={td}>{fact.detail}</td>
            </tr>
          ))}
        </Table>
        <p>
          Quality is measured honestly: without a judge it is <em>agreement</em> with the baseline&apos;s answers, not accuracy (a candidate can be right where the
          baseline was wrong, and score low).
        </p>
        <Table head={['Quality', 'Definition']} testId="docs-benchmark-quality">
          {QUALITY_METRICS.map((metric) => (
            <tr key={metric.topic}>
              <td className={`${td} w-48 font-medium`}>{metric.topic}</td>
              <td className={td}>{metric.detail}</td>
            </tr>
          ))}
        </Table>
        <p>The judge&apos;s rubric (its system prompt), as sent:</p>
        <CodeBlock code={JUDGE_RUBRIC} label="Judge rubric" />
      </DocSection>

      <DocSection id="costs" title="Cost tracking">
        <p>
          Every call is priced from the provider’s reported usage and the catalog’s prices: uncached input, cached input and output tokens
          separately. Amounts are integer micro-dollars (millionths of a dollar), summed exactly, never as floats.
        </p>
        <p>
          When a stream reports no usage, the tokens are counted with a tokenizer and the cost is marked <em>estimated</em>. Ask for usage with{' '}
          <C>{'stream_options: { include_usage: true }'}</C> to get exact figures.
        </p>
      </DocSection>

      <DocSection id="errors" title="Errors">
        <p>Errors always use OpenAI’s envelope, so the SDKs raise their usual exceptions:</p>
        <CodeBlock
          label="Error body"
          code={`{
  "error": {
    "message": "The model \\"gpt-4q\\" does not exist. Did you mean \\"gpt-4o\\"? GET /v1/models lists every model.",
    "type": "invalid_request_error",
    "code": "model_not_found",
    "param": "model"
  }
}`}
        />
        <Table head={['Status', 'When']} testId="docs-errors">
          {ERRORS.map((error) => (
            <tr key={error.status} data-testid="docs-error" data-status={error.status}>
              <td className={`${td} w-52`}>
                <div className="font-mono text-xs font-semibold">{error.status}</div>
                <div className="mt-1 font-mono text-xs text-zinc-500">{error.type}</div>
              </td>
              <td className={td}>{error.when}</td>
            </tr>
          ))}
        </Table>
        <p>Every error response carries <C>x-llmtest-request-id</C> too; the call page shows its attempts.</p>
      </DocSection>

      <DocSection id="limits" title="Limits">
        <ul className="list-disc space-y-1 pl-5">
          <li>Request body: 10 MB by default (the server’s <C>LLMTEST_MAX_BODY_BYTES</C>); larger is a 413.</li>
          <li>
            <C>X-Flow</C>: at most 64 characters, letters, digits, <C>-</C>, <C>_</C> and <C>.</C> (<C>[A-Za-z0-9._-]</C>).
          </li>
          <li>One choice per request (<C>n</C> must be 1).</li>
          <li>The call log keeps the first 64 KB of each request and response body.</li>
        </ul>
      </DocSection>

      <DocSection id="providers" title="Providers (operators)">
        <p>
          The server reaches providers with the operator’s keys, set as environment variables with each official SDK’s names. A provider is
          enabled when its key is set; the base URL variable points it elsewhere (a proxy, a regional endpoint).
        </p>
        <Table head={['Provider', 'Key', 'Base URL variable', 'Default base URL']} testId="docs-provider-env">
          {PROVIDER_ENV.map((p) => (
            <tr key={p.provider}>
              <td className={td}>{p.provider}</td>
              <td className={`${td} font-mono text-xs`}>{p.keyVar}</td>
              <td className={`${td} font-mono text-xs`}>{p.baseUrlVar}</td>
              <td className={`${td} break-all font-mono text-xs text-zinc-500`}>{p.defaultBaseUrl}</td>
            </tr>
          ))}
        </Table>
        <p>Gateway settings (all optional):</p>
        <Table head={['Variable', 'Default', 'Meaning']} testId="docs-settings">
          {GATEWAY_SETTINGS.map((s) => (
            <tr key={s.variable}>
              <td className={`${td} font-mono text-xs`}>{s.variable}</td>
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>{s.defaultValue}</td>
              <td className={td}>{s.meaning}</td>
            </tr>
          ))}
        </Table>
      </DocSection>
    </article>
  );
}
