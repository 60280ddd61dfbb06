import type { Usage } from '../types';
import type { OpenAiUsagePayload } from './openai-schemas';

/**
 * The usage object for the gateway: token counts made non-null (hosts sometimes omit
 * total_tokens), every other field (cached/reasoning details, OpenRouter's `cost`) kept.
 */
export function convertOpenAiUsage(usage: OpenAiUsagePayload): Usage {
  const promptTokens = usage.prompt_tokens ?? 0;
  const completionTokens = usage.completion_tokens ?? 0;
  return {
    ...usage,
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: usage.total_tokens ?? promptTokens + completionTokens,
  } as Usage;
}
