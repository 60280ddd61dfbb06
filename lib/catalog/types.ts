// The model catalog: data generated from ../shared/fixtures/catalog by scripts/generate-catalog.ts.
import type { ProviderId } from '../providers/types';

/** Prices in integer micro-dollars per million tokens ($2.50 / M tokens = 2_500_000). */
export interface ModelPrice {
  inputMicrosPerMTok: number;
  outputMicrosPerMTok: number;
  /** Absent when the provider has no cached-input discount: cached tokens are billed as input. */
  cachedInputMicrosPerMTok?: number;
}

/**
 * A long-context price tier: when a request's input tokens exceed `aboveInputTokens`, the whole
 * request is billed at this price (OpenRouter `pricing.overrides`, LiteLLM `*_above_200k_tokens`).
 */
export interface PriceTier extends ModelPrice {
  aboveInputTokens: number;
}

export interface ModelCapabilities {
  tools: boolean;
  json: boolean;
  vision: boolean;
}

/** One way to serve a model: which provider, and the model id that provider expects. */
export interface ModelRoute {
  provider: ProviderId;
  upstreamModel: string;
}

export interface CatalogModel {
  /** OpenRouter-style id: "openai/gpt-4o", "anthropic/claude-sonnet-4". */
  id: string;
  /** Other accepted names: OpenAI models also answer to their bare id ("gpt-4o"). */
  aliases: string[];
  name: string;
  /** The vendor part of the id ("openai", "anthropic", "google", "meta-llama", ...). */
  vendor: string;
  contextLength: number;
  maxOutputTokens?: number;
  price: ModelPrice;
  /** Optional long-context tiers, ascending by `aboveInputTokens`; absent for flat-priced models. */
  priceTiers?: PriceTier[];
  capabilities: ModelCapabilities;
  /** Native provider first (when there is one), then aggregators (OpenRouter). */
  routes: ModelRoute[];
  /** Coarse capability tier used for the default fallback chain. */
  tier: 'frontier' | 'standard' | 'small';
  created?: number;
}
