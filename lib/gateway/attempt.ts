// One attempt on one candidate: build the provider request with its adapter, send it, and turn
// the answer into an OpenAI chat.completion (non-streaming) or a started OpenAI SSE stream whose
// first chunk has already arrived (streaming: until then, a failure can still fall back).
import { Readable } from 'node:stream';
import { type ChatCompletion, type FinishReason, type ProviderAdapter, type PushTransform, UpstreamError, type Usage } from '../providers/types';
import type { Candidate } from './route-plan';
import type { CallContext } from './runtime';
import { readBodyText, sendUpstream, type UpstreamResponse } from './upstream-client';

export function adapterFor(context: CallContext, candidate: Candidate): ProviderAdapter {
  const adapter = context.runtime.deps.getAdapter(candidate.target!.provider);
  if (!adapter) throw new UpstreamError('unconfigured', `no adapter for provider ${candidate.target!.provider}`);
  return adapter;
}

async function send(context: CallContext, candidate: Candidate, adapter: ProviderAdapter): Promise<UpstreamResponse> {
  const { parsed, runtime } = context;
  const upstreamRequest = adapter.buildRequest(parsed.request, candidate.target!, {
    stream: parsed.stream,
    includeUsage: parsed.includeUsage,
    rawBody: parsed.rawBodyUsable ? context.rawBody : undefined,
  });
  const remaining = Math.max(1, context.deadlineAt - runtime.monotonicNow());
  const response = await sendUpstream(upstreamRequest, {
    dispatcher: runtime.dispatcher,
    signal: context.signal,
    headersTimeoutMs: Math.min(runtime.config.firstByteTimeoutMs, remaining),
    bodyTimeoutMs: runtime.config.idleTimeoutMs,
  });
  if (response.status >= 200 && response.status < 300) return response;
  const text = await readBodyText(response.body, context.signal).catch(() => '');
  throw adapter.mapError(response.status, text, response.headers);
}

export async function attemptCompletion(context: CallContext, candidate: Candidate): Promise<ChatCompletion> {
  const adapter = adapterFor(context, candidate);
  const response = await send(context, candidate, adapter);
  const text = await readBodyText(response.body, context.signal);
  const completion = adapter.parseResponse(text, { model: candidate.model.id, id: `chatcmpl-${context.state.id}`, created: context.created });
  completion.model = candidate.model.id;
  return completion;
}

/** What the stream transform told us about one streaming attempt. */
export class StreamObservation {
  textParts: string[] = [];
  textLength = 0;
  usage: Usage | null = null;
  finishReason: FinishReason | null = null;
  error: UpstreamError | null = null;
  // Bound methods once per attempt (the adapter calls them per chunk).
  readonly observer = {
    text: (delta: string) => {
      this.textParts.push(delta);
      this.textLength += delta.length;
    },
    usage: (usage: Usage) => {
      this.usage = usage;
    },
    finish: (reason: FinishReason | null) => {
      this.finishReason = reason;
    },
    error: (error: UpstreamError) => {
      this.error ??= error;
    },
  };
  get text(): string {
    if (this.textParts.length > 1) this.textParts = [this.textParts.join('')];
    return this.textParts[0] ?? '';
  }
}

/** The transformed stream as the client side reads it (a web stream reader fits). */
export interface ChunkReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(): Promise<void>;
}

export interface StartedStream {
  candidate: Candidate;
  reader: ChunkReader;
  first: Uint8Array;
  observation: StreamObservation;
  /** Ends the upstream body (used when the client goes away or we stop reading). */
  destroy(): void;
}

export async function attemptStream(context: CallContext, candidate: Candidate): Promise<StartedStream> {
  const adapter = adapterFor(context, candidate);
  const response = await send(context, candidate, adapter);
  const observation = new StreamObservation();
  const streamContext = {
    model: candidate.model.id,
    id: `chatcmpl-${context.state.id}`,
    created: context.created,
    includeUsage: context.parsed.includeUsage,
    observer: observation.observer,
  };
  // A synchronous transform over the Node stream when the adapter has one (no web streams per chunk).
  const reader: ChunkReader = adapter.createPushTransform
    ? pushTransformReader(response.body, adapter.createPushTransform(streamContext))
    : (Readable.toWeb(response.body) as ReadableStream<Uint8Array>).pipeThrough(adapter.createStreamTransform(streamContext)).getReader();
  const destroy = () => {
    response.body.destroy();
    void reader.cancel().catch(() => undefined);
  };
  try {
    let first = await reader.read();
    while (!first.done && first.value.byteLength === 0) first = await reader.read();
    if (observation.error) throw observation.error;
    if (first.done) throw new UpstreamError('bad_response', 'the stream ended without any data');
    return { candidate, reader, first: first.value, observation, destroy };
  } catch (error) {
    destroy();
    throw error;
  }
}

/** Reads the upstream body through a PushTransform; empty outputs are skipped, not returned. */
function pushTransformReader(body: Readable, transform: PushTransform): ChunkReader {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let ended = false;
  return {
    async read() {
      while (!ended) {
        const next = await chunks.next();
        const out = next.done ? ((ended = true), transform.end()) : transform.push(next.value);
        if (out.byteLength > 0) return { done: false, value: out };
      }
      return { done: true, value: undefined };
    },
    async cancel() {
      ended = true;
      body.destroy();
      await chunks.return?.();
    },
  };
}
