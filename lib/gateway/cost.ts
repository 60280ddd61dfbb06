// Tokens and money for one call. Usage comes from the provider (OpenAI semantics: prompt_tokens
// includes the cached ones); when a stream reported none, tokens are counted with gpt-tokenizer
// (o200k) and the cost is marked estimated. Money is integer micro-dollars from the catalog's
// computeCost, never float sums.
import type { CatalogModel } from '../catalog/types';
import type { ChatCompletionRequest, Usage } from '../providers/types';
import type { CostBreakdown, GatewayCatalog, TokenCounts } from './types';

export function tokensFromUsage(usage: Usage): TokenCounts {
  return {
    inputTokens: nonNegative(usage.prompt_tokens),
    outputTokens: nonNegative(usage.completion_tokens),
    cachedInputTokens: nonNegative(usage.prompt_tokens_details?.cached_tokens),
  };
}

function nonNegative(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** The call's cost in integer micro-dollars, split into its parts (the catalog rounds each part once). */
export function computeCallCost(catalog: GatewayCatalog, model: CatalogModel, tokens: TokenCounts): CostBreakdown {
  return catalog.computeCost(model, tokens);
}

type CountTokens = (text: string) => number;
let tokenizer: Promise<CountTokens> | undefined;

/** gpt-tokenizer loads its BPE ranks (several MB) on first use only, never at start-up. */
export function loadTokenCounter(): Promise<CountTokens> {
  tokenizer ??= import('gpt-tokenizer').then((module) => module.countTokens as CountTokens);
  return tokenizer;
}

/** Prompt tokens as OpenAI counts chat messages: ~3 per message + content + 3 to prime the reply. */
export function estimatePromptTokens(request: ChatCompletionRequest, countTokens: CountTokens): number {
  let total = 3;
  for (const message of request.messages) {
    total += 3;
    const content = message.content;
    if (typeof content === 'string') total += countTokens(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (part.type === 'text' && typeof part.text === 'string') total += countTokens(part.text);
        else if (part.type === 'image_url') total += 85; // a low-detail image tile; high detail costs more
      }
    }
    if ('tool_calls' in message && message.tool_calls) total += countTokens(JSON.stringify(message.tool_calls));
    if ('name' in message && message.name) total += 1;
  }
  if (request.tools?.length) total += countTokens(JSON.stringify(request.tools));
  return total;
}

export async function estimateTokens(request: ChatCompletionRequest, completionText: string): Promise<TokenCounts> {
  const countTokens = await loadTokenCounter();
  return {
    inputTokens: estimatePromptTokens(request, countTokens),
    outputTokens: completionText === '' ? 0 : countTokens(completionText),
    cachedInputTokens: 0,
  };
}
