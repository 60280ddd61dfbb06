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
        collector?.push(chunk);
        return chunk;
      }
      if (ended) return null;
      try {
        const result = await started.reader.read();
        if (!result.done) {
          collector?.push(result.value);
          return result.value;
        }
        const observed = started.observation.error;
        end(observed ? { status: 'error', error: observed } : { status: 'ok' });
        return null;
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
