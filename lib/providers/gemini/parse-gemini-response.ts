// Gemini generateContent response → OpenAI chat.completion.
import { UpstreamError, type ChatCompletion, type ChatToolCall, type ResponseContext } from '../types';
import { geminiResponseSchema, type GeminiCandidate } from './gemini-api-schemas';
import { convertGeminiUsage } from './convert-gemini-usage';
import { createToolCallIdGenerator } from './gemini-tool-call-ids';
import { mapGeminiFinishReason } from './map-gemini-finish-reason';
import { safeParseJson } from '../shared/parse-json';

export interface ConvertedCandidateParts {
  text: string;
  toolCalls: ChatToolCall[];
}

/** The visible text and function calls of one candidate (thought parts are the model's reasoning summary: skipped). */
export function convertCandidateParts(candidate: GeminiCandidate, nextToolCallId: (upstreamId?: string | null) => string): ConvertedCandidateParts {
  let text = '';
  const toolCalls: ChatToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.thought) continue;
    if (part.functionCall) {
      toolCalls.push({
        id: nextToolCallId(part.functionCall.id),
        type: 'function',
        function: { name: part.functionCall.name ?? '', arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (typeof part.text === 'string') {
      text += part.text;
    }
  }
  return { text, toolCalls };
}

export function parseGeminiResponse(body: string, context: ResponseContext): ChatCompletion {
  const parsed = safeParseJson(body, geminiResponseSchema);
  if (!parsed.success || parsed.value.error) {
    throw new UpstreamError('bad_response', 'Gemini returned a body that is not a generateContent response', { cause: parsed.success ? parsed.value.error : parsed.error });
  }
  const response = parsed.value;
  const nextToolCallId = createToolCallIdGenerator(context.id);
  const candidates = response.candidates ?? [];

  const choices: ChatCompletion['choices'] = candidates.map((candidate, position) => {
    const { text, toolCalls } = convertCandidateParts(candidate, nextToolCallId);
    return {
      index: candidate.index ?? position,
      message: {
        role: 'assistant',
        content: text.length === 0 && toolCalls.length > 0 ? null : text,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        refusal: null,
      },
      logprobs: null,
      finish_reason: mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0) ?? 'stop',
    };
  });

  // A blocked prompt comes back with promptFeedback.blockReason and no candidates at all.
  if (choices.length === 0) {
    choices.push({
      index: 0,
      message: { role: 'assistant', content: '', refusal: null },
      logprobs: null,
      finish_reason: response.promptFeedback?.blockReason ? 'content_filter' : 'stop',
    });
  }

  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices,
    usage: convertGeminiUsage(response.usageMetadata),
  };
}
