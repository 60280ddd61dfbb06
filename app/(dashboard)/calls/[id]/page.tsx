import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AttemptChain } from '@/components/calls/attempt-chain';
import { BodyBlock } from '@/components/calls/body-block';
import { CallSummary } from '@/components/calls/call-summary';
import { CostBreakdown } from '@/components/calls/cost-breakdown';
import { HeadersTable } from '@/components/calls/headers-table';
import { Section } from '@/components/calls/section';
import { CopyButton } from '@/components/copy-button';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { getCall } from '@/lib/queries/calls/get-call';

export const metadata = { title: 'Call' };

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  // Another user's call is "not found", exactly like an id that never existed.
  const call = await getCall(await getDb(), user.id, safeDecode(id));
  if (!call) notFound();

  return (
    <>
      <Link href="/calls" className="mb-3 inline-block text-sm font-medium text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
        ← Calls
      </Link>
      <PageHeader
        title="Call"
        description={`${call.requestedModel}${call.servedModel && call.servedModel !== call.requestedModel ? ` → ${call.servedModel}` : ''}`}
        actions={
          <span className="flex items-center gap-2">
            <code data-testid="call-id" className="rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs dark:bg-zinc-800">
              {call.id}
            </code>
            <CopyButton text={call.id} label="Copy id" />
          </span>
        }
      />
      <div className="space-y-6">
        <CallSummary call={call} />
        <Section title={`Attempts (${call.attempts.length})`} testId="call-attempts">
          <AttemptChain attempts={call.attempts} />
        </Section>
        <div className="grid gap-6 lg:grid-cols-2">
          <Section title="Tokens and cost" testId="call-cost-section">
            <CostBreakdown call={call} />
          </Section>
          <Section title="Response headers the client saw" testId="call-headers-section">
            <HeadersTable headers={call.responseHeaders} />
          </Section>
        </div>
        <BodyBlock title="Request body" body={call.requestBody} truncated={call.requestTruncated} testId="request-body" />
        <BodyBlock title="Response body" body={call.responseBody} truncated={call.responseTruncated} testId="response-body" />
      </div>
    </>
  );
}
