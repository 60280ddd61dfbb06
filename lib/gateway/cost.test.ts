import { describe, expect, it } from 'vitest';
import { computeCost } from '../catalog/compute-cost';
import { computeCallCost, estimatePromptTokens, estimateTokens, loadTokenCounter, tokensFromUsage } from './cost';
import { fakeCatalog, fakeModel } from './test-support';

const model = fakeModel('openai/gpt-4o');

describe('cost', () => {
  it('reads OpenAI usage (cached tokens included in prompt tokens)', () => {
    expect(tokensFromUsage({ prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050, prompt_tokens_details: { cached_tokens: 400 } })).toEqual({
      inputTokens: 1000,
      outputTokens: 50,
      cachedInputTokens: 400,
    });
    expect(tokensFromUsage({ prompt_tokens: -1, completion_tokens: Number.NaN, total_tokens: 0 })).toEqual({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 });
  });

  it('prices with the catalog, in integer micro-dollars', () => {
    const catalog = { ...fakeCatalog([model]), computeCost };
    const cost = computeCallCost(catalog, model, { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 400 });
    // 600 × $2.50/M = 1500 µ$, 400 × $1.25/M = 500 µ$, 50 × $10/M = 500 µ$
    expect(cost).toEqual({ inputCostMicros: 1500, cachedCostMicros: 500, outputCostMicros: 500, costMicros: 2500 });
    expect(Number.isInteger(cost.costMicros)).toBe(true);
  });

  it('estimates tokens with gpt-tokenizer when usage is missing', async () => {
    const countTokens = await loadTokenCounter();
    expect(countTokens('hello world')).toBe(2);
    const request = { model: 'x', messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'hello world' }] };
    // 3 (priming) + 2 × 3 (per message) + 3 ("Be brief.") + 2 ("hello world")
    expect(estimatePromptTokens(request, countTokens)).toBe(14);
    expect(await estimateTokens(request, 'Hi there!')).toEqual({ inputTokens: 14, outputTokens: 3, cachedInputTokens: 0 });
    expect((await estimateTokens(request, '')).outputTokens).toBe(0);
  });

  it('counts image parts and tools in the prompt estimate', async () => {
    const countTokens = await loadTokenCounter();
    const plain = { model: 'x', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'see' }] }] };
    const withImage = { model: 'x', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'see' }, { type: 'image_url' as const, image_url: { url: 'x' } }] }] };
    expect(estimatePromptTokens(withImage, countTokens) - estimatePromptTokens(plain, countTokens)).toBe(85);
    const withTools = { ...plain, tools: [{ type: 'function' as const, function: { name: 'get_weather' } }] };
    expect(estimatePromptTokens(withTools, countTokens)).toBeGreaterThan(estimatePromptTokens(plain, countTokens));
  });
});
