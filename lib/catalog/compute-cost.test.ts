import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost';
import { getModel } from './index';
import type { CatalogModel } from './types';

function syntheticModel(price: CatalogModel['price'], priceTiers?: CatalogModel['priceTiers']): CatalogModel {
  return {
    id: 'test/model',
    aliases: [],
    name: 'Test',
    vendor: 'test',
    contextLength: 1_000_000,
    price,
    priceTiers,
    capabilities: { tools: false, json: false, vision: false },
    routes: [{ provider: 'openrouter', upstreamModel: 'test/model' }],
    tier: 'standard',
  };
}

describe('computeCost', () => {
  it('bills gpt-4o by hand-checked integers (cached tokens are part of input)', () => {
    const gpt4o = getModel('openai/gpt-4o')!;
    // 234 uncached × $2.50/M = 585 µ$; 1000 cached × $1.25/M = 1250 µ$; 567 out × $10/M = 5670 µ$.
    expect(computeCost(gpt4o, { inputTokens: 1_234, cachedInputTokens: 1_000, outputTokens: 567 })).toEqual({
      inputCostMicros: 585,
      cachedCostMicros: 1_250,
      outputCostMicros: 5_670,
      costMicros: 7_505,
    });
  });

  it('rounds each part half-up once and sums the rounded parts', () => {
    const model = syntheticModel({ inputMicrosPerMTok: 150_000, outputMicrosPerMTok: 600_000, cachedInputMicrosPerMTok: 75_000 });
    // input 10 × 0.15 = 1.5 → 2; cached 10 × 0.075 = 0.75 → 1; output 5 × 0.6 = 3.
    expect(computeCost(model, { inputTokens: 20, cachedInputTokens: 10, outputTokens: 5 })).toEqual({
      inputCostMicros: 2,
      cachedCostMicros: 1,
      outputCostMicros: 3,
      costMicros: 6,
    });
    // 3 × 0.15 = 0.45 → 0 (below half a micro-dollar); 1 × 0.5 = 0.5 → 1 (exact half rounds up).
    expect(computeCost(model, { inputTokens: 3, cachedInputTokens: 0, outputTokens: 0 }).costMicros).toBe(0);
    const half = syntheticModel({ inputMicrosPerMTok: 500_000, outputMicrosPerMTok: 0 });
    expect(computeCost(half, { inputTokens: 1, cachedInputTokens: 0, outputTokens: 0 }).inputCostMicros).toBe(1);
  });

  it('bills cached tokens at the input price when there is no cached price', () => {
    const model = syntheticModel({ inputMicrosPerMTok: 2_000_000, outputMicrosPerMTok: 6_000_000 });
    expect(computeCost(model, { inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 0 })).toEqual({
      inputCostMicros: 1_200,
      cachedCostMicros: 800,
      outputCostMicros: 0,
      costMicros: 2_000,
    });
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    const opus = getModel('anthropic/claude-opus-4')!;
    expect(opus.price.outputMicrosPerMTok).toBe(75_000_000);
    // 123_456_789 × 75_000_000 = 9.26e15 > 2^53; / 1e6 = 9_259_259_175 exactly.
    expect(computeCost(opus, { inputTokens: 0, cachedInputTokens: 0, outputTokens: 123_456_789 }).outputCostMicros).toBe(9_259_259_175);
  });

  it('applies the long-context tier to the whole request above the threshold', () => {
    const sonnet = getModel('anthropic/claude-sonnet-4')!;
    // At 200k input: base $3/M → 600_000 µ$. Above: $6/M in, $22.50/M out.
    expect(computeCost(sonnet, { inputTokens: 200_000, cachedInputTokens: 0, outputTokens: 0 }).costMicros).toBe(600_000);
    expect(computeCost(sonnet, { inputTokens: 300_000, cachedInputTokens: 0, outputTokens: 1_000 })).toEqual({
      inputCostMicros: 1_800_000,
      cachedCostMicros: 0,
      outputCostMicros: 22_500,
      costMicros: 1_822_500,
    });
  });

  it('never bills more cached tokens than input tokens, and rejects garbage', () => {
    const model = syntheticModel({ inputMicrosPerMTok: 1_000_000, outputMicrosPerMTok: 1_000_000, cachedInputMicrosPerMTok: 100_000 });
    expect(computeCost(model, { inputTokens: 10, cachedInputTokens: 50, outputTokens: 0 })).toEqual({
      inputCostMicros: 0,
      cachedCostMicros: 1,
      outputCostMicros: 0,
      costMicros: 1,
    });
    expect(() => computeCost(model, { inputTokens: -1, cachedInputTokens: 0, outputTokens: 0 })).toThrow(RangeError);
    expect(() => computeCost(model, { inputTokens: 1.5, cachedInputTokens: 0, outputTokens: 0 })).toThrow(RangeError);
    expect(() => computeCost(model, { inputTokens: 1, cachedInputTokens: 0, outputTokens: Number.NaN })).toThrow(RangeError);
  });
});
