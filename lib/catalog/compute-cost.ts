// What a request cost, in integer micro-dollars. Money is computed in BigInt: tokens × price can
// exceed 2^53 (1M tokens × 75_000_000 micros/M = 7.5e13 before dividing), and float sums drift.
//
// Rounding: each part (uncached input, cached input, output) is
//   tokens × microsPerMTok / 1_000_000, rounded half-up to a whole micro-dollar, once;
// costMicros is the sum of the three rounded parts, so the parts always add up to the total shown.
// A part worth less than half a micro-dollar rounds to 0.
import type { CatalogModel, ModelPrice } from './types';

export interface TokenUsage {
  /** All prompt tokens, cached ones included (OpenAI's prompt_tokens convention). */
  inputTokens: number;
  outputTokens: number;
  /** The part of inputTokens served from the prompt cache (prompt_tokens_details.cached_tokens). */
  cachedInputTokens: number;
}

export interface RequestCost {
  inputCostMicros: number;
  outputCostMicros: number;
  cachedCostMicros: number;
  costMicros: number;
}

const TOKENS_PER_PRICE_UNIT = 1_000_000n;

export function computeCost(model: CatalogModel, usage: TokenUsage): RequestCost {
  const inputTokens = tokenCount(usage.inputTokens, 'inputTokens');
  const outputTokens = tokenCount(usage.outputTokens, 'outputTokens');
  // Providers occasionally report more cached than prompt tokens; never bill negative input.
  const cachedTokens = Math.min(tokenCount(usage.cachedInputTokens, 'cachedInputTokens'), inputTokens);
  const price = priceFor(model, inputTokens);

  const inputCostMicros = partCost(inputTokens - cachedTokens, price.inputMicrosPerMTok);
  const cachedCostMicros = partCost(cachedTokens, price.cachedInputMicrosPerMTok ?? price.inputMicrosPerMTok);
  const outputCostMicros = partCost(outputTokens, price.outputMicrosPerMTok);
  return { inputCostMicros, outputCostMicros, cachedCostMicros, costMicros: inputCostMicros + cachedCostMicros + outputCostMicros };
}

/** Long-context tiers price the whole request once its input exceeds the threshold (Anthropic, Gemini rule). */
export function priceFor(model: CatalogModel, inputTokens: number): ModelPrice {
  let price: ModelPrice = model.price;
  for (const tier of model.priceTiers ?? []) if (inputTokens > tier.aboveInputTokens) price = tier;
  return price;
}

function partCost(tokens: number, microsPerMTok: number): number {
  const numerator = BigInt(tokens) * BigInt(microsPerMTok);
  // Half-up for non-negative values: floor((2n + d) / 2d).
  const micros = (numerator * 2n + TOKENS_PER_PRICE_UNIT) / (TOKENS_PER_PRICE_UNIT * 2n);
  return Number(micros);
}

function tokenCount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${field} must be a non-negative integer, got ${value}`);
  return value;
}
