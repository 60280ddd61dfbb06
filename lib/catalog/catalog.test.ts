import { describe, expect, it } from 'vitest';
import { defaultFallbackChain, getModel, largerContextModel, listModels, resolveCustomModel, suggestModelIds } from './index';
import type { CatalogModel, ModelCapabilities } from './types';

const models = listModels();

function covers(candidate: ModelCapabilities, required: ModelCapabilities): boolean {
  return (!required.tools || candidate.tools) && (!required.json || candidate.json) && (!required.vision || candidate.vision);
}

describe('catalog data', () => {
  it('has at least 340 models with unique provider/model ids, sorted', () => {
    expect(models.length).toBeGreaterThanOrEqual(340);
    const ids = models.map((model) => model.id);
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const model of models) expect(model.id).toMatch(/^[a-z0-9][\w.-]*\/[\w.:-]+$/i);
  });

  it('keeps every model well-formed: integer prices, OpenRouter last, tier from output price', () => {
    for (const model of models) {
      expect(Number.isSafeInteger(model.price.inputMicrosPerMTok), model.id).toBe(true);
      expect(Number.isSafeInteger(model.price.outputMicrosPerMTok), model.id).toBe(true);
      if (model.price.cachedInputMicrosPerMTok !== undefined) {
        expect(model.price.cachedInputMicrosPerMTok).toBeLessThanOrEqual(model.price.inputMicrosPerMTok);
      }
      expect(model.contextLength).toBeGreaterThan(0);
      if (model.maxOutputTokens !== undefined) expect(model.maxOutputTokens).toBeLessThanOrEqual(model.contextLength);
      expect(model.routes.at(-1)).toEqual({ provider: 'openrouter', upstreamModel: model.id });
      expect(model.vendor).toBe(model.id.split('/')[0]);
      const output = model.price.outputMicrosPerMTok;
      expect(model.tier).toBe(output >= 10_000_000 ? 'frontier' : output <= 1_000_000 ? 'small' : 'standard');
    }
  });

  it('skips OpenRouter meta-models', () => {
    expect(getModel('openrouter/auto')).toBeUndefined();
    expect(models.some((model) => model.vendor === 'openrouter')).toBe(false);
  });

  it('has gpt-4o as OpenRouter lists it, routed to OpenAI first', () => {
    const gpt4o = getModel('openai/gpt-4o')!;
    expect(gpt4o).toMatchObject({
      name: 'OpenAI: GPT-4o',
      contextLength: 128_000,
      maxOutputTokens: 16_384,
      price: { inputMicrosPerMTok: 2_500_000, outputMicrosPerMTok: 10_000_000, cachedInputMicrosPerMTok: 1_250_000 },
      capabilities: { tools: true, json: true, vision: true },
      tier: 'frontier',
      aliases: ['gpt-4o'],
    });
    expect(gpt4o.routes).toEqual([
      { provider: 'openai', upstreamModel: 'gpt-4o' },
      { provider: 'openrouter', upstreamModel: 'openai/gpt-4o' },
    ]);
  });

  it('lets the 2026 snapshot win over the 2025 one', () => {
    // 2025: 200k context; 2026 subset: 1M context with a long-context price override.
    const sonnet = getModel('anthropic/claude-sonnet-4')!;
    expect(sonnet.contextLength).toBe(1_000_000);
    expect(sonnet.maxOutputTokens).toBe(64_000);
    expect(sonnet.priceTiers).toEqual([
      { aboveInputTokens: 200_000, inputMicrosPerMTok: 6_000_000, outputMicrosPerMTok: 22_500_000, cachedInputMicrosPerMTok: 600_000 },
    ]);
  });

  it('maps Anthropic models to Anthropic API ids (dated snapshots)', () => {
    const cases: Record<string, string> = {
      'anthropic/claude-sonnet-4': 'claude-sonnet-4-20250514',
      'anthropic/claude-opus-4': 'claude-opus-4-20250514',
      'anthropic/claude-3.7-sonnet': 'claude-3-7-sonnet-20250219',
      'anthropic/claude-3-haiku': 'claude-3-haiku-20240307',
      'anthropic/claude-sonnet-4.5': 'claude-sonnet-4-5-20250929',
      'anthropic/claude-sonnet-4.6': 'claude-sonnet-4-6',
    };
    for (const [id, upstream] of Object.entries(cases)) {
      expect(getModel(id)!.routes[0], id).toEqual({ provider: 'anthropic', upstreamModel: upstream });
      expect(getModel(upstream)?.id, upstream).toBe(id);
    }
  });

  it('leaves retired Claude 3.5 and OpenRouter variants to OpenRouter', () => {
    expect(getModel('anthropic/claude-3.5-sonnet')!.routes.map((route) => route.provider)).toEqual(['openrouter']);
    expect(getModel('claude-3-5-sonnet-20241022')?.id).toBe('anthropic/claude-3.5-sonnet');
    expect(getModel('anthropic/claude-3.7-sonnet:thinking')!.routes).toEqual([
      { provider: 'openrouter', upstreamModel: 'anthropic/claude-3.7-sonnet:thinking' },
    ]);
    expect(getModel('openai/gpt-4o:extended')!.aliases).toEqual([]);
  });

  it('routes Gemini natively and other first-party hosts where LiteLLM lists the model', () => {
    expect(getModel('google/gemini-2.5-flash')!.routes[0]).toEqual({ provider: 'gemini', upstreamModel: 'gemini-2.5-flash' });
    expect(getModel('gemini-2.5-flash')?.id).toBe('google/gemini-2.5-flash');
    expect(getModel('deepseek/deepseek-chat')!.routes[0]).toEqual({ provider: 'deepseek', upstreamModel: 'deepseek-chat' });
    expect(getModel('deepseek/deepseek-r1')!.routes[0]).toEqual({ provider: 'deepseek', upstreamModel: 'deepseek-reasoner' });
    expect(getModel('mistralai/mistral-large-2411')!.routes[0]).toEqual({ provider: 'mistral', upstreamModel: 'mistral-large-2411' });
    expect(getModel('x-ai/grok-3-beta')!.routes[0]).toEqual({ provider: 'xai', upstreamModel: 'grok-3-beta' });
    expect(getModel('meta-llama/llama-3.3-70b-instruct')!.routes).toEqual([
      { provider: 'groq', upstreamModel: 'llama-3.3-70b-versatile' },
      { provider: 'together', upstreamModel: 'meta-llama/Llama-3.3-70B-Instruct-Turbo' },
      { provider: 'fireworks', upstreamModel: 'accounts/fireworks/models/llama-v3p3-70b-instruct' },
      { provider: 'openrouter', upstreamModel: 'meta-llama/llama-3.3-70b-instruct' },
    ]);
    // OpenAI does not host its open-weight models: no native route, but the hosts that do.
    expect(getModel('openai/gpt-oss-120b')!.routes.map((route) => route.provider)).toEqual(['groq', 'together', 'fireworks', 'openrouter']);
  });

  it('fills gaps from LiteLLM: models missing from the snapshots, cached prices, output limits', () => {
    expect(getModel('openai/gpt-5')).toMatchObject({
      price: { inputMicrosPerMTok: 1_250_000, outputMicrosPerMTok: 10_000_000, cachedInputMicrosPerMTok: 125_000 },
      contextLength: 272_000,
      maxOutputTokens: 128_000,
    });
    // OpenRouter 2025 has no input_cache_read for it; LiteLLM's Gemini entry has the same prices and a cache price.
    expect(getModel('google/gemini-2.0-flash-lite-001')!.price).toEqual({
      inputMicrosPerMTok: 75_000,
      outputMicrosPerMTok: 300_000,
      cachedInputMicrosPerMTok: 18_750,
    });
    expect(getModel('deepseek/deepseek-coder')!.maxOutputTokens).toBe(4_096);
  });
});

describe('getModel', () => {
  it('finds ids and aliases case-insensitively, and strips nothing else', () => {
    expect(getModel('OpenAI/GPT-4o')?.id).toBe('openai/gpt-4o');
    expect(getModel('gpt-4o')?.id).toBe('openai/gpt-4o');
    expect(getModel('GPT-4O-MINI')?.id).toBe('openai/gpt-4o-mini');
    expect(getModel(' gpt-4o')).toBeUndefined();
    expect(getModel('gpt-4o ')).toBeUndefined();
    expect(getModel('openai/gpt-4o-nonexistent')).toBeUndefined();
  });

  it('never lets an alias name two models or shadow an id', () => {
    const seen = new Map<string, string>();
    for (const model of models) seen.set(model.id.toLowerCase(), model.id);
    for (const model of models) {
      for (const alias of model.aliases) {
        expect(seen.has(alias.toLowerCase()), alias).toBe(false);
        seen.set(alias.toLowerCase(), model.id);
        expect(getModel(alias)?.id).toBe(model.id);
      }
    }
  });
});

describe('suggestModelIds', () => {
  it('suggests the intended model for common typos', () => {
    expect(suggestModelIds('gpt-4-o')[0]).toBe('gpt-4o');
    expect(suggestModelIds('claude-sonet-4')[0]).toBe('anthropic/claude-sonnet-4');
    expect(suggestModelIds('anthropic/claude-sonet-4')[0]).toBe('anthropic/claude-sonnet-4');
    expect(suggestModelIds('gemini-2.5-flsh')[0]).toBe('gemini-2.5-flash');
    expect(suggestModelIds('llama-3.3-70b')[0]).toBe('meta-llama/llama-3.3-70b-instruct');
  });

  it('returns names getModel accepts, respects the limit, and nothing for gibberish', () => {
    const suggestions = suggestModelIds('gpt4o', 5);
    expect(suggestions.length).toBeLessThanOrEqual(5);
    for (const suggestion of suggestions) expect(getModel(suggestion)).toBeDefined();
    expect(suggestModelIds('gpt-4-o', 1)).toEqual(['gpt-4o']);
    expect(suggestModelIds('totally-unknown-thing')).toEqual([]);
    expect(suggestModelIds('')).toEqual([]);
  });
});

describe('defaultFallbackChain', () => {
  it('keeps tier, capabilities and context, prefers other vendors, and is deterministic', () => {
    for (const primary of models) {
      const chain = defaultFallbackChain(primary);
      expect(chain).toEqual(defaultFallbackChain(primary));
      expect(chain.length).toBeLessThanOrEqual(3);
      expect(new Set(chain).size).toBe(chain.length);
      const fallbacks = chain.map((id) => getModel(id) as CatalogModel);
      let sawSameVendor = false;
      for (const fallback of fallbacks) {
        expect(fallback.id).not.toBe(primary.id);
        expect(fallback.id).not.toContain(':');
        expect(fallback.tier).toBe(primary.tier);
        expect(covers(fallback.capabilities, primary.capabilities)).toBe(true);
        expect(fallback.contextLength).toBeGreaterThanOrEqual(primary.contextLength);
        if (fallback.vendor === primary.vendor) sawSameVendor = true;
        else expect(sawSameVendor, `${primary.id}: other vendors come first`).toBe(false);
      }
    }
  });

  it('gives gpt-4o frontier fallbacks from other vendors, one per vendor before any repeats', () => {
    const chain = defaultFallbackChain(getModel('gpt-4o')!);
    expect(chain).toHaveLength(3);
    const vendors = chain.map((id) => getModel(id)!.vendor);
    // Only Google and Anthropic have frontier models with tools + json + vision in the catalog.
    expect(vendors.slice(0, 2).sort()).toEqual(['anthropic', 'google']);
    expect(vendors).not.toContain('openai');
    expect(defaultFallbackChain(getModel('gpt-4o')!, 1)).toEqual(chain.slice(0, 1));
  });
});

describe('largerContextModel', () => {
  it('finds a larger context with the same capabilities, same vendor first', () => {
    for (const primary of models) {
      const larger = largerContextModel(primary);
      if (!larger) continue;
      expect(larger.contextLength).toBeGreaterThan(primary.contextLength);
      expect(covers(larger.capabilities, primary.capabilities)).toBe(true);
      const sameVendorExists = models.some(
        (model) =>
          model.vendor === primary.vendor &&
          !model.id.includes(':') &&
          model.contextLength > primary.contextLength &&
          covers(model.capabilities, primary.capabilities),
      );
      if (sameVendorExists) expect(larger.vendor, primary.id).toBe(primary.vendor);
    }
    expect(largerContextModel(getModel('openai/gpt-4')!)?.vendor).toBe('openai');
  });
});

describe('resolveCustomModel', () => {
  it('synthesises a free model routed to the custom provider', () => {
    expect(resolveCustomModel('custom/my-llama-70b')).toEqual({
      id: 'custom/my-llama-70b',
      aliases: [],
      name: 'my-llama-70b',
      vendor: 'custom',
      contextLength: 0,
      price: { inputMicrosPerMTok: 0, outputMicrosPerMTok: 0 },
      capabilities: { tools: true, json: true, vision: true },
      routes: [{ provider: 'custom', upstreamModel: 'my-llama-70b' }],
      tier: 'standard',
    });
    expect(resolveCustomModel('custom/org/model:tag')?.routes[0].upstreamModel).toBe('org/model:tag');
    expect(resolveCustomModel('custom/')).toBeUndefined();
    expect(resolveCustomModel('openai/gpt-4o')).toBeUndefined();
    expect(getModel('custom/my-llama-70b')).toBeUndefined();
  });
});
