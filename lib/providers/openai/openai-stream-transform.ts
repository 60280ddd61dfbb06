import { createSseParser, type SseEvent } from '../shared/sse-parser';
import { SSE_DONE } from '../shared/sse-encoding';
import { type PushTransform, UpstreamError, type StreamContext } from '../types';
import { convertOpenAiUsage } from './convert-openai-usage';
import { mapOpenAiFinishReason } from './map-openai-finish-reason';
import { upstreamErrorFromObject } from './map-openai-error';
import type { OpenAiFormatHost } from './openai-format-host';
import { openAiChunkSchema, openAiUsageSchema, type OpenAiUsagePayload } from './openai-schemas';

/**
 * OpenAI-format upstream SSE → OpenAI SSE for the client. Chunks are forwarded as the upstream
 * wrote them (re-framed as `data: …\n\n` at event boundaries); a chunk is only re-serialised when
 * usage has to be hidden from a client that did not ask for it.
 *
 * Decisions:
 * - SSE comments (OpenRouter's ": OPENROUTER PROCESSING" keep-alives) are not forwarded: the
 *   first output bytes tell the gateway the answer has started, and a keep-alive must not
 *   commit the response before there is content (it would rule out a fallback). Keeping the
 *   client connection alive is the gateway's job.
 * - The upstream `[DONE]` is swallowed and ours is written exactly once at the end, also when
 *   the upstream forgot it; events after `[DONE]` are ignored.
 * - Error objects inside a 200 stream are reported and forwarded (the client would have seen
 *   them from that host).
 * - Non-JSON data events are reported as bad_response and not forwarded.
 * - The model and id fields stay the upstream's (no per-chunk rewrite on the hot path).
 */
export function createOpenAiStreamTransform(host: OpenAiFormatHost, context: StreamContext): TransformStream<Uint8Array, Uint8Array> {
  const push = createOpenAiPushTransform(host, context);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(bytes, controller) {
      const out = push.push(bytes);
      if (out.byteLength > 0) controller.enqueue(out);
    },
    flush(controller) {
      controller.enqueue(push.end());
    },
  });
}

const EMPTY = new Uint8Array(0);

/** The same transform as a synchronous push/end pair (no web streams on the hot path). */
export function createOpenAiPushTransform(host: OpenAiFormatHost, context: StreamContext): PushTransform {
  const { observer, includeUsage } = context;
  const encoder = new TextEncoder();
  let output = '';
  let doneSeen = false;
  let finishReported = false;
  let errorReported = false;

  function reportError(error: UpstreamError): void {
    errorReported = true;
    observer.error?.(error);
  }

  function findUsage(chunk: Record<string, unknown>, topLevel: OpenAiUsagePayload | null | undefined) {
    if (topLevel) return topLevel;
    for (const field of host.usageContainers) {
      const container = chunk[field];
      if (container && typeof container === 'object' && 'usage' in container) {
        const usage = openAiUsageSchema.nullish().safeParse(container.usage);
        if (usage.success && usage.data) return usage.data;
      }
    }
    return undefined;
  }

  function handleEvent(event: SseEvent): void {
    if (doneSeen) return;
    const data = event.data;
    if (data === '[DONE]') {
      doneSeen = true;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      reportError(new UpstreamError('bad_response', `upstream stream sent a non-JSON event: ${data.slice(0, 200)}`));
      return;
    }
    const parsed = openAiChunkSchema.safeParse(json);
    if (!parsed.success) {
      reportError(new UpstreamError('bad_response', 'upstream stream sent an event that is not a chat completion chunk'));
      return;
    }
    const chunk = parsed.data;
    const raw = json as Record<string, unknown>;
    const choices = chunk.choices ?? [];
    for (const choice of choices) {
      if ((choice.index ?? 0) !== 0) continue;
      const content = choice.delta?.content;
      if (content) observer.text?.(content);
      if (choice.finish_reason && !finishReported) {
        // Some hosts repeat the finish chunk (OpenRouter's usage chunk restates choice 0).
        finishReported = true;
        observer.finish?.(mapOpenAiFinishReason(choice.finish_reason));
      }
    }
    if (chunk.error) reportError(upstreamErrorFromObject(chunk.error));
    const usage = findUsage(raw, chunk.usage);
    if (usage) observer.usage?.(convertOpenAiUsage(usage));

    let forwarded = data;
    if (!includeUsage) {
      if (chunk.usage) {
        // The usage-only chunk (choices: []) is what OpenAI sends only on request: drop it.
        // Hosts that put usage on a chunk with choices (OpenRouter) keep the chunk, minus usage.
        if (choices.length === 0 && !chunk.error) return;
        delete raw.usage;
        forwarded = JSON.stringify(raw);
      } else if (raw.usage === null) {
        // With include_usage OpenAI adds "usage":null to every chunk; without it the key is absent.
        // A quoted key cannot occur inside a JSON string value, so this only hits the member.
        forwarded = data.replace(',"usage":null', '');
      }
    }
    output += `data: ${forwarded}\n\n`;
  }

  const parser = createSseParser({ onEvent: handleEvent });

  function drain(): Uint8Array {
    if (output.length === 0) return EMPTY;
    const bytes = encoder.encode(output);
    output = '';
    return bytes;
  }

  return {
    push(bytes) {
      parser.push(bytes);
      return drain();
    },
    end() {
      parser.end();
      if (!doneSeen && !finishReported && !errorReported) {
        reportError(new UpstreamError('reset', 'upstream stream ended before the answer was complete'));
      }
      output += SSE_DONE;
      return drain();
    },
  };
}
