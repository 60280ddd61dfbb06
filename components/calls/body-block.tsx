import { CopyButton } from '@/components/copy-button';
import { prettyBody } from './pretty-body';
import { Section } from './section';

/** A request or response body as stored: indented when it is JSON, raw otherwise. */
export function BodyBlock({ title, body, truncated, testId }: { title: string; body: string | null; truncated: boolean; testId: string }) {
  const pretty = prettyBody(body);
  return (
    <Section
      title={title}
      testId={testId}
      aside={
        <span className="flex items-center gap-2">
          {pretty && !pretty.json && <span className="text-xs text-zinc-500">raw text</span>}
          {pretty && <CopyButton text={pretty.text} />}
        </span>
      }
    >
      {truncated && (
        <p data-testid="body-truncated" className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
          Truncated: only the first 64 KB of this body were stored.
        </p>
      )}
      {pretty ? (
        <pre className="max-h-[32rem] overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all dark:bg-zinc-950">{pretty.text}</pre>
      ) : (
        <p className="text-sm text-zinc-500">Not recorded.</p>
      )}
    </Section>
  );
}
