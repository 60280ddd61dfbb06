// The client-facing side of a started stream: the first chunk (already read, which is what
// committed us to this model), then the adapter's OpenAI chunks as they arrive. A failure after
// the first byte cannot fall back any more: it ends the stream with an OpenAI-style error event
// (`data: {"error":{...}}`), which the openai SDK raises as an APIError.
import { buildOpenAiErrorBody } from '../providers/shared/openai-error-body';
import { UpstreamError } from '../providers/types';
import type { StartedStream } from './attempt';
import type { StreamBody } from './io';
import type { ToolCallCollector } from './tool-call-collector';
import { CallAborted, classifyNetworkError } from './upstream-client';

export type StreamOutcome =
  | { status: 'ok' }
  | { status: 'cancelled' }
  | { status: 'error'; error: UpstreamError };

const encoder = new TextEncoder();
const DONE_TAIL = encoder.encode('data: [DONE]\n\n');

/** Whether the adapter already closed the stream the OpenAI way (OpenAI-format hosts forward their own error event, then [DONE]). */
function endsWithDone(chunk: Uint8Array | null): boolean {
  if (!chunk || chunk.length < DONE_TAIL.length) return false;
  const offset = chunk.length - DONE_TAIL.length;
  for (let i = 0; i < DONE_TAIL.length; i++) if (chunk[offset + i] !== DONE_TAIL[i]) return false;
  return true;
}

/** `…data: [DONE]\n\n` → `…data: {"error":…}\n\ndata: [DONE]\n\n` (the SDKs raise the error). */
function withErrorBeforeDone(chunk: Uint8Array, error: UpstreamError): Uint8Array {
  const event = errorEventBytes(error);
  const head = chunk.length - DONE_TAIL.length;
  const out = new Uint8Array(chunk.length + event.length);
  out.set(chunk.subarray(0, head), 0);
  out.set(event, head);
  out.set(DONE_TAIL, head + event.length);
  return out;
}

export function errorEventBytes(error: UpstreamError): Uint8Array {
  const code = error.kind === 'timeout' ? 'upstream_timeout' : 'upstream_error';
  const body = buildOpenAiErrorBody({ message: `The upstream stream failed: ${error.kind}: ${error.providerMessage}`, type: 'server_error', code });
  return encoder.encode(`data: ${body}\n\n`);
}

export function createStreamBody(
  started: StartedStream,
  signal: AbortSignal,
  abortCall: () => void,
  onEnd: (outcome: StreamOutcome) => void,
  collector: ToolCallCollector | null = null,
): StreamBody {
  let first: Uint8Array | null = started.first;
  let last: Uint8Array | null = null;
  let ended = false;
  const end = (outcome: StreamOutcome) => {
    if (ended) return;
    ended = true;
    onEnd(outcome);
  };
  return {
    async next() {
      if (first !== null) {
        const chunk = first;
        first = null;
        last = chunk;
        collector?.push(chunk);
        return chunk;
      }
      if (ended) return null;
      try {
        const result = await started.reader.read();
        if (!result.done) {
          let chunk = result.value;
          // An OpenAI-format adapter closes with its own [DONE] even after a failure it only
          // reported (upstream cut without finish/[DONE], a non-JSON event): without an error
          // event before that [DONE] the client would take a truncated answer for a whole one.
          const observed = started.observation.error;
          if (observed && endsWithDone(chunk)) chunk = withErrorBeforeDone(chunk, observed);
          last = chunk;
          collector?.push(chunk);
          return chunk;
        }
        const observed = started.observation.error;
        end(observed ? { status: 'error', error: observed } : { status: 'ok' });
        // An adapter that stopped on an upstream error without closing the stream (Anthropic
        // `error` event, Gemini cut-off) leaves the client a truncated stream: tell it why.
        return observed && !endsWithDone(last) ? errorEventBytes(observed) : null;
      } catch (thrown) {
        const error = thrown instanceof UpstreamError ? thrown : classifyNetworkError(thrown, signal);
        if (error instanceof CallAborted && error.reason === 'cancelled') {
          end({ status: 'cancelled' });
          return null;
        }
        const upstreamError = error instanceof UpstreamError ? error : new UpstreamError('timeout', error.message);
        started.destroy();
        end({ status: 'error', error: upstreamError });
        return errorEventBytes(upstreamError);
      }
    },
    cancel() {
      if (ended) return;
      abortCall();
      started.destroy();
      end({ status: 'cancelled' });
    },
  };
}
