// Anthropic Messages response → OpenAI chat.completion.
import { UpstreamError, type ChatCompletion, type ChatToolCall, type ResponseContext } from '../types';
import { anthropicMessageSchema } from './anthropic-api-schemas';
import { convertAnthropicUsage } from './convert-anthropic-usage';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason';
import { safeParseJson } from '../shared/parse-json';

export function parseAnthropicResponse(body: string, context: ResponseContext): ChatCompletion {
  const parsed = safeParseJson(body, anthropicMessageSchema);
  if (!parsed.success) {
    throw new UpstreamError('bad_response', 'Anthropic returned a body that is not a Messages API response', { cause: parsed.error });
  }
  const message = parsed.value;

  let text = '';
  const toolCalls: ChatToolCall[] = [];
  for (const block of message.content ?? []) {
    if (block.type === 'text') {
      text += block.text ?? '';
    } else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id ?? `toolu_${toolCalls.length}`,
        type: 'function',
        function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
      });
    }
    // thinking / redacted_thinking are dropped: OpenAI's chat format has no field for them and
    // clients would show them as the answer. server_tool_use and its result blocks ran on
    // Anthropic's side and are not calls the client must execute.
  }

  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          // OpenAI sends null content for a tool-call-only answer.
          content: text.length === 0 && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: mapAnthropicFinishReason(message.stop_reason) ?? 'stop',
      },
    ],
    usage: convertAnthropicUsage(message.usage),
  };
}
