import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from './build-catalog';
import { generateCatalogJson } from './generate';
import { comparableName } from './host-routes';
import { deriveAnthropicApiId } from './native-routes';
import { CATALOG_JSON_PATH, fixturesDirFrom } from './paths';
import type { LiteLlmEntry, OpenRouterModel } from './read-fixtures';

const fixturesDir = fixturesDirFrom([], process.env);

describe('generate-catalog', () => {
  it('is deterministic', () => {
    expect(generateCatalogJson(fixturesDir).json).toBe(generateCatalogJson(fixturesDir).json);
  });

  it('matches the committed models.generated.json (regenerate with: node --import tsx scripts/generate-catalog.ts)', () => {
    const fresh = generateCatalogJson(fixturesDir);
    expect(fresh.modelCount).toBeGreaterThanOrEqual(340);
    expect(readFileSync(CATALOG_JSON_PATH, 'utf8') === fresh.json).toBe(true);
  });
});

describe('fixturesDirFrom', () => {
  it('takes --fixtures, then CATALOG_FIXTURES_DIR, then ../shared/fixtures/catalog', () => {
    expect(fixturesDirFrom(['--fixtures', '/tmp/a'], { CATALOG_FIXTURES_DIR: '/tmp/b' })).toBe('/tmp/a');
    expect(fixturesDirFrom(['--fixtures=/tmp/a'], {})).toBe('/tmp/a');
    expect(fixturesDirFrom([], { CATALOG_FIXTURES_DIR: '/tmp/b' })).toBe('/tmp/b');
    expect(fixturesDirFrom([], {})).toMatch(/shared\/fixtures\/catalog$/);
  });
});

function record(id: string, overrides: Partial<OpenRouterModel> = {}): OpenRouterModel {
  return {
    id,
    name: id,
    created: 1,
    context_length: 1000,
    pricing: { prompt: '0.000001', completion: '0.000002' },
    supported_parameters: ['tools'],
    architecture: { input_modalities: ['text'] },
    ...overrides,
  };
}

function liteLlm(entries: Record<string, Partial<LiteLlmEntry> & { litellm_provider: string }>): Map<string, LiteLlmEntry> {
  return new Map(Object.entries(entries).map(([key, entry]) => [key, { mode: 'chat', ...entry }]));
}

describe('buildCatalog', () => {
  it('lets the newer snapshot win and skips meta-models and unpriceable records', () => {
    const { models, skipped } = buildCatalog({
      openRouterSnapshots: [
        [record('acme/one', { context_length: 1000 }), record('openrouter/auto', { pricing: { prompt: '-1', completion: '-1' } }), record('acme/bad', { pricing: { prompt: '-1', completion: '0' } })],
        [record('acme/one', { context_length: 2000 })],
      ],
      liteLlm: new Map(),
    });
    expect(models.map((model) => [model.id, model.contextLength])).toEqual([['acme/one', 2000]]);
    expect(skipped.map((entry) => entry.id).sort()).toEqual(['acme/bad', 'openrouter/auto']);
  });

  it('borrows a LiteLLM cached price only from an entry with the same price sheet', () => {
    const { models } = buildCatalog({
      openRouterSnapshots: [[record('openai/same'), record('openai/different')]],
      liteLlm: liteLlm({
        same: { litellm_provider: 'openai', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6, cache_read_input_token_cost: 2.5e-7 },
        different: { litellm_provider: 'openai', input_cost_per_token: 5e-6, output_cost_per_token: 2e-6, cache_read_input_token_cost: 2.5e-7 },
      }),
    });
    expect(models.find((model) => model.id === 'openai/same')!.price.cachedInputMicrosPerMTok).toBe(250_000);
    expect(models.find((model) => model.id === 'openai/different')!.price.cachedInputMicrosPerMTok).toBeUndefined();
  });

  it('takes capabilities from supported_parameters and modalities', () => {
    const { models } = buildCatalog({
      openRouterSnapshots: [[
        record('acme/a', { supported_parameters: ['tools', 'structured_outputs'], architecture: { input_modalities: ['text', 'image'] } }),
        record('acme/b', { supported_parameters: ['response_format'] }),
      ]],
      liteLlm: new Map(),
    });
    expect(models.map((model) => model.capabilities)).toEqual([
      { tools: true, json: true, vision: true },
      { tools: false, json: true, vision: false },
    ]);
  });
});

describe('deriveAnthropicApiId', () => {
  const table = liteLlm({
    'claude-3-7-sonnet-20250219': { litellm_provider: 'anthropic' },
    'claude-opus-4-6': { litellm_provider: 'anthropic' },
    'claude-opus-4-6-20260205': { litellm_provider: 'anthropic' },
    'claude-sonnet-4-6': { litellm_provider: 'anthropic' },
    'claude-4-sonnet-20250514': { litellm_provider: 'anthropic' },
    'claude-sonnet-4-20250514': { litellm_provider: 'anthropic' },
    'claude-opus-4-1-20250805': { litellm_provider: 'anthropic' },
  });

  it('turns dots into dashes and pins the dated snapshot', () => {
    expect(deriveAnthropicApiId('claude-3.7-sonnet', table)).toBe('claude-3-7-sonnet-20250219');
    expect(deriveAnthropicApiId('claude-opus-4.6', table)).toBe('claude-opus-4-6-20260205');
    expect(deriveAnthropicApiId('claude-sonnet-4', table)).toBe('claude-sonnet-4-20250514');
    expect(deriveAnthropicApiId('claude-sonnet-4.6', table)).toBe('claude-sonnet-4-6');
  });

  it('does not confuse versions or invent ids', () => {
    expect(deriveAnthropicApiId('claude-opus-4', table)).toBeUndefined(); // only 4.1 is listed
    expect(deriveAnthropicApiId('claude-3.5-sonnet', table)).toBeUndefined();
  });
});

describe('comparableName', () => {
  it('lets host spellings meet OpenRouter spellings', () => {
    expect(comparableName('accounts/fireworks/models/llama-v3p3-70b-instruct', { provider: 'fireworks' })).toBe(comparableName('llama-3.3-70b-instruct'));
    expect(comparableName('meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo')).toBe(comparableName('llama-3.1-405b-instruct'));
    expect(comparableName('Qwen/Qwen2.5-72B-Instruct-Turbo')).toBe(comparableName('qwen-2.5-72b-instruct'));
    expect(comparableName('deepseek-ai/DeepSeek-R1')).toBe(comparableName('deepseek-r1'));
    expect(comparableName('llama-3.1-70b-instruct')).not.toBe(comparableName('llama-3.1-8b-instruct'));
  });
});
