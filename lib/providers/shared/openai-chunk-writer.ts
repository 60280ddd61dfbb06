// Writes OpenAI chat.completion.chunk events with exactly the field set real OpenAI streams use
// (see shared/fixtures/providers/openai/chat-stream-*.sse): id, object, created, model, choices
// [{index, delta, logprobs: null, finish_reason}], and `usage: null` on every choice chunk only
// when the client asked for include_usage (that is what OpenAI does).
import { encodeSseDataBytes, SSE_DONE_BYTES } from './sse-encoding';
import type { FinishReason, StreamContext, Usage } from '../types';

export interface OpenAiChunkWriter {
  delta(delta: Record<string, unknown>, finishReason?: FinishReason | null, choiceIndex?: number): void;
  usage(usage: Usage): void;
  done(): void;
}

export function createOpenAiChunkWriter(context: StreamContext, enqueue: (bytes: Uint8Array) => void): OpenAiChunkWriter {
  // The common prefix is serialised once; only the choices part changes per chunk.
  const head = JSON.stringify({ id: context.id, object: 'chat.completion.chunk', created: context.created, model: context.model }).slice(0, -1);
  const usageTail = context.includeUsage ? ',"usage":null' : '';
  return {
    delta(delta, finishReason = null, choiceIndex = 0) {
      const choice = JSON.stringify([{ index: choiceIndex, delta, logprobs: null, finish_reason: finishReason }]);
      enqueue(encodeSseDataBytes(`${head},"choices":${choice}${usageTail}}`));
    },
    usage(usage) {
      enqueue(encodeSseDataBytes(`${head},"choices":[],"usage":${JSON.stringify(usage)}}`));
    },
    done() {
      enqueue(SSE_DONE_BYTES);
    },
  };
}
