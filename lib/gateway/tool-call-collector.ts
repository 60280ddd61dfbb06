// For the call log only: the tool calls of a streamed answer, assembled from the OpenAI chunks we
// sent (the observer reports text, not tool-call deltas). It parses the client-bound SSE, so it
// is created only for requests that offered tools; plain streams never pay for it.
import { createSseParser } from '../providers/shared/sse-parser';
import type { ChatToolCall } from '../providers/types';

interface ToolCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

export interface ToolCallCollector {
  push(chunk: Uint8Array): void;
  toolCalls(): ChatToolCall[];
}

export function createToolCallCollector(): ToolCallCollector {
  const calls: ChatToolCall[] = [];
  const parser = createSseParser({
    onEvent(event) {
      if (!event.data.startsWith('{')) return;
      let deltas: ToolCallDelta[] | undefined;
      try {
        deltas = (JSON.parse(event.data) as { choices?: Array<{ delta?: { tool_calls?: ToolCallDelta[] } }> }).choices?.[0]?.delta?.tool_calls;
      } catch {
        return;
      }
      for (const delta of deltas ?? []) {
        const index = delta.index ?? calls.length;
        const call = (calls[index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.function.name += delta.function.name;
        if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
      }
    },
  });
  return {
    push: (chunk) => parser.push(chunk),
    toolCalls: () => calls.filter(Boolean),
  };
}
