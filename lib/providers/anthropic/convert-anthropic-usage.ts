import type { Usage } from '../types';
import type { AnthropicUsage } from './anthropic-api-schemas';

/**
 * Anthropic counts cached input outside input_tokens: input_tokens is only the uncached part,
 * cache_read_input_tokens and cache_creation_input_tokens come on top. OpenAI's prompt_tokens
 * is the whole prompt with cached_tokens as a subset, so we add all three (money: the catalog
 * prices cached_tokens at the cache-read rate and the rest at the input rate; cache writes,
 * which Anthropic bills at a premium, are reported as cache_write_tokens like OpenRouter does).
 */
export function convertAnthropicUsage(usage: AnthropicUsage | null | undefined): Usage {
  const input = usage?.input_tokens ?? 0;
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  const output = usage?.output_tokens ?? 0;
  const promptTokens = input + cacheRead + cacheWrite;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: output,
    total_tokens: promptTokens + output,
    prompt_tokens_details: { cached_tokens: cacheRead, cache_write_tokens: cacheWrite },
  };
}

/**
 * Streaming usage arrives in pieces: message_start carries the input counts, message_delta the
 * final output_tokens (and, on newer API versions, repeats the input counts). Later non-null
 * values win field by field.
 */
export function mergeAnthropicUsage(previous: AnthropicUsage, next: AnthropicUsage | null | undefined): AnthropicUsage {
  if (!next) return previous;
  return {
    input_tokens: next.input_tokens ?? previous.input_tokens,
    output_tokens: next.output_tokens ?? previous.output_tokens,
    cache_creation_input_tokens: next.cache_creation_input_tokens ?? previous.cache_creation_input_tokens,
    cache_read_input_tokens: next.cache_read_input_tokens ?? previous.cache_read_input_tokens,
  };
}
