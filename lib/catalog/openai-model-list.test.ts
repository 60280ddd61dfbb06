import { describe, expect, it } from 'vitest';
import { getModel, listModels } from './index';
import { openAIModelListJson, toOpenAIModelList } from './openai-model-list';
import { usdPerTokenToMicrosPerMTok } from './usd-decimal';

describe('toOpenAIModelList', () => {
  it('writes the OpenAI list shape with OpenRouter-style exact prices', () => {
    const list = toOpenAIModelList([getModel('openai/gpt-4o')!]);
    expect(list).toEqual({
      object: 'list',
      data: [
        {
          id: 'openai/gpt-4o',
          object: 'model',
          created: 1715558400,
          owned_by: 'openai',
          name: 'OpenAI: GPT-4o',
          context_length: 128_000,
          max_output_tokens: 16_384,
          pricing: { prompt: '0.0000025', completion: '0.00001', input_cache_read: '0.00000125' },
          capabilities: { tools: true, json: true, vision: true },
          aliases: ['gpt-4o'],
        },
      ],
    });
  });

  it('round-trips every price and gives every entry an integer created', () => {
    const { data } = toOpenAIModelList(listModels());
    expect(data).toHaveLength(listModels().length);
    for (const [index, entry] of data.entries()) {
      const model = listModels()[index];
      expect(usdPerTokenToMicrosPerMTok(entry.pricing.prompt)).toBe(model.price.inputMicrosPerMTok);
      expect(usdPerTokenToMicrosPerMTok(entry.pricing.completion)).toBe(model.price.outputMicrosPerMTok);
      expect(entry.pricing.input_cache_read === null ? undefined : usdPerTokenToMicrosPerMTok(entry.pricing.input_cache_read)).toBe(
        model.price.cachedInputMicrosPerMTok,
      );
      expect(Number.isInteger(entry.created)).toBe(true);
    }
  });
});

describe('openAIModelListJson', () => {
  it('serialises the whole catalog once and reuses the string', () => {
    const json = openAIModelListJson();
    expect(openAIModelListJson()).toBe(json);
    expect(JSON.parse(json)).toEqual(toOpenAIModelList(listModels()));
  });
});
