// What one source says about a model, in our units, before merging. OpenRouter records are the
// primary source; LiteLLM entries fill what OpenRouter leaves out. Capability flags stay
// `undefined` when a source is silent, so the merge can tell "no" from "unknown".
import type { ModelPrice, PriceTier } from '../../lib/catalog/types';
import { usdNumberPerTokenToMicrosPerMTok, usdPerTokenToMicrosPerMTok } from '../../lib/catalog/usd-decimal';
import type { LiteLlmEntry, OpenRouterModel } from './read-fixtures';

export interface MaybeCapabilities {
  tools?: boolean;
  json?: boolean;
  vision?: boolean;
}

export interface ModelFacts {
  name?: string;
  created?: number;
  contextLength?: number;
  maxOutputTokens?: number;
  price: ModelPrice;
  priceTiers?: PriceTier[];
  capabilities: MaybeCapabilities;
}

/** Returns undefined for records we cannot price (OpenRouter's meta-models carry "-1"). */
export function factsFromOpenRouter(record: OpenRouterModel): ModelFacts | undefined {
  const price = tryPrice(record.pricing.prompt, record.pricing.completion, record.pricing.input_cache_read);
  if (!price) return undefined;
  const parameters = record.supported_parameters?.length ? new Set(record.supported_parameters) : undefined;
  const inputModalities = record.architecture?.input_modalities?.length ? record.architecture.input_modalities : undefined;
  const priceTiers = (record.pricing.overrides ?? []).flatMap((override): PriceTier[] => {
    const tierPrice = tryPrice(override.prompt ?? record.pricing.prompt, override.completion ?? record.pricing.completion, override.input_cache_read);
    return tierPrice ? [{ aboveInputTokens: override.min_prompt_tokens, ...tierPrice }] : [];
  });
  return {
    name: record.name ?? undefined,
    created: record.created && record.created > 0 ? record.created : undefined,
    contextLength: positive(record.context_length) ?? positive(record.top_provider?.context_length),
    maxOutputTokens: positive(record.top_provider?.max_completion_tokens),
    price,
    priceTiers: priceTiers.length > 0 ? priceTiers : undefined,
    capabilities: {
      tools: parameters && parameters.has('tools'),
      json: parameters && (parameters.has('response_format') || parameters.has('structured_outputs')),
      vision: inputModalities && inputModalities.includes('image'),
    },
  };
}

/** A LiteLLM entry as a source of facts; its prices are that provider's price sheet. */
export function factsFromLiteLlm(entry: LiteLlmEntry): ModelFacts | undefined {
  if (entry.input_cost_per_token == null || entry.output_cost_per_token == null) return undefined;
  if (entry.input_cost_per_token < 0 || entry.output_cost_per_token < 0) return undefined;
  const price: ModelPrice = {
    inputMicrosPerMTok: usdNumberPerTokenToMicrosPerMTok(entry.input_cost_per_token),
    outputMicrosPerMTok: usdNumberPerTokenToMicrosPerMTok(entry.output_cost_per_token),
  };
  const cached = cachedPrice(liteLlmMicros(entry.cache_read_input_token_cost), price.inputMicrosPerMTok);
  if (cached !== undefined) price.cachedInputMicrosPerMTok = cached;
  return {
    contextLength: positive(entry.max_input_tokens) ?? positive(entry.max_tokens),
    maxOutputTokens: positive(entry.max_output_tokens),
    price,
    priceTiers: liteLlmLongContextTier(entry),
    capabilities: {
      // LiteLLM marks some OpenRouter entries with supports_tool_choice only; tool choice implies tools.
      tools: entry.supports_function_calling ?? entry.supports_tool_choice ?? undefined,
      json: entry.supports_response_schema ?? undefined,
      vision: entry.supports_vision ?? (entry.supported_modalities ? entry.supported_modalities.includes('image') : undefined),
    },
  };
}

/** LiteLLM's "*_above_200k_tokens" fields: Anthropic/Gemini-style long-context pricing. */
function liteLlmLongContextTier(entry: LiteLlmEntry): PriceTier[] | undefined {
  const input = entry.input_cost_per_token_above_200k_tokens;
  const output = entry.output_cost_per_token_above_200k_tokens;
  if (input == null || output == null) return undefined;
  const tier: PriceTier = {
    aboveInputTokens: 200_000,
    inputMicrosPerMTok: usdNumberPerTokenToMicrosPerMTok(input),
    outputMicrosPerMTok: usdNumberPerTokenToMicrosPerMTok(output),
  };
  const cached = cachedPrice(liteLlmMicros(entry.cache_read_input_token_cost_above_200k_tokens), tier.inputMicrosPerMTok);
  if (cached !== undefined) tier.cachedInputMicrosPerMTok = cached;
  return [tier];
}

function tryPrice(prompt: string, completion: string, cacheRead: string | null | undefined): ModelPrice | undefined {
  try {
    const price: ModelPrice = {
      inputMicrosPerMTok: usdPerTokenToMicrosPerMTok(prompt),
      outputMicrosPerMTok: usdPerTokenToMicrosPerMTok(completion),
    };
    const cached = cacheRead == null ? undefined : cachedPrice(usdPerTokenToMicrosPerMTok(cacheRead), price.inputMicrosPerMTok);
    if (cached !== undefined) price.cachedInputMicrosPerMTok = cached;
    return price;
  } catch {
    return undefined;
  }
}

/**
 * A cached price only counts as a discount: "0" on a paid model means "not reported", not
 * "free", and a cached price above the input price would make caching cost more.
 */
function cachedPrice(micros: number | undefined, inputMicros: number): number | undefined {
  if (micros === undefined) return undefined;
  if (micros > inputMicros || (micros === 0 && inputMicros > 0)) return undefined;
  return micros;
}

function liteLlmMicros(usdPerToken: number | null | undefined): number | undefined {
  return usdPerToken == null || usdPerToken < 0 ? undefined : usdNumberPerTokenToMicrosPerMTok(usdPerToken);
}

function positive(value: number | null | undefined): number | undefined {
  return value != null && value > 0 ? value : undefined;
}
