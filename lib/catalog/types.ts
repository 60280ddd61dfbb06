// The model catalog: data generated from ../shared/fixtures/catalog by scripts/generate-catalog.ts.
import type { ProviderId } from '../providers/types';

/** Prices in integer micro-dollars per million tokens ($2.50 / M tokens = 2_500_000). */
export interface ModelPrice {
  inputMicrosPerMTok: number;
  outputMicrosPerMTok: number;
  /** Absent when the provider has no cached-input discount: cached tokens are billed as input. */
  cachedInputMicrosPerMTok?: number;
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
  capabilities: ModelCapabilities;
  /** Native provider first (when there is one), then aggregators (OpenRouter). */
  routes: ModelRoute[];
  /** Coarse capability tier used for the default fallback chain. */
  tier: 'frontier' | 'standard' | 'small';
  created?: number;
}
