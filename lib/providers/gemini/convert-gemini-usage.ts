import type { Usage } from '../types';
import type { GeminiUsage } from './gemini-api-schemas';

/**
 * Gemini usageMetadata → OpenAI usage.
 * - Thinking tokens are billed by Google at the output rate but are NOT in candidatesTokenCount,
 *   so completion_tokens = candidates + thoughts (and reasoning_tokens = thoughts, as OpenAI's
 *   o-series report it: a subset of completion_tokens).
 * - toolUsePromptTokenCount (prompt tokens of built-in tools) is billed as input: added to
 *   prompt_tokens.
 * - cachedContentTokenCount is already part of promptTokenCount: it is cached_tokens.
 * total_tokens is recomputed as prompt + completion (equal to totalTokenCount in the fixtures).
 */
export function convertGeminiUsage(usage: GeminiUsage | null | undefined): Usage {
  const prompt = (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0);
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  const completion = (usage?.candidatesTokenCount ?? 0) + thoughts;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage?.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}
