import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors';
import { planRoute, type PlanInputs } from './route-plan';
import { fakeCatalog, fakeModel } from './test-support';
import { parseChatRequest } from './validate-request';

const gpt = fakeModel('openai/gpt-4o', { aliases: ['gpt-4o'] });
const claude = fakeModel('anthropic/claude-sonnet-4');
const gemini = fakeModel('google/gemini-2.5-pro');
const small = fakeModel('openai/gpt-4o-mini', { capabilities: { tools: false, json: true, vision: false } });
const catalog = fakeCatalog([gpt, claude, gemini, small], { 'openai/gpt-4o': ['anthropic/claude-sonnet-4', 'google/gemini-2.5-pro'] });

const inputs = (overrides: Partial<PlanInputs> = {}): PlanInputs => ({
  catalog,
  providerConfig: {
    openai: { baseUrl: 'http://o/v1', apiKey: 'k' },
    anthropic: { baseUrl: 'http://a', apiKey: 'k' },
    gemini: { baseUrl: 'http://g', apiKey: 'k' },
  },
  providerEnvVar: { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', openrouter: 'OPENROUTER_API_KEY', gemini: 'GEMINI_API_KEY' },
  maxModels: 5,
  defaultChainLength: 3,
  ...overrides,
});

const request = (body: Record<string, unknown>) => parseChatRequest(JSON.stringify({ messages: [{ role: 'user', content: 'x' }], ...body }));

describe('planRoute', () => {
  it('primary (by alias) then the catalog default chain', () => {
    const plan = planRoute(request({ model: 'gpt-4o' }), null, inputs());
    expect(plan.map((c) => c.model.id)).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-pro']);
    expect(plan[0]!.target).toEqual({ provider: 'openai', upstreamModel: 'gpt-4o', baseUrl: 'http://o/v1', apiKey: 'k' });
  });

  it('models[] order, then the flow chain, then the default chain; deduplicated', () => {
    const plan = planRoute(request({ models: ['openai/gpt-4o', 'google/gemini-2.5-pro'] }), { modelOverride: null, fallbackChain: ['openai/gpt-4o-mini', 'gpt-4o', 'gone/model'] }, inputs());
    expect(plan.map((c) => c.model.id)).toEqual(['openai/gpt-4o', 'google/gemini-2.5-pro', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4']);
  });

  it('the flow override replaces the primary', () => {
    const plan = planRoute(request({ model: 'openai/gpt-4o-mini' }), { modelOverride: 'anthropic/claude-sonnet-4', fallbackChain: [] }, inputs());
    expect(plan[0]!.model.id).toBe('anthropic/claude-sonnet-4');
  });

  it('caps the number of models', () => {
    expect(planRoute(request({ model: 'gpt-4o' }), null, inputs({ maxModels: 2 }))).toHaveLength(2);
  });

  it('uses OpenRouter when the native provider is not configured, else marks the model unconfigured naming env vars', () => {
    const viaRouter = planRoute(request({ model: 'anthropic/claude-sonnet-4' }), null, inputs({ providerConfig: { openrouter: { baseUrl: 'http://r/api/v1', apiKey: 'r' } } }));
    expect(viaRouter[0]!.target).toMatchObject({ provider: 'openrouter', upstreamModel: 'anthropic/claude-sonnet-4' });
    const none = planRoute(request({ model: 'anthropic/claude-sonnet-4' }), null, inputs({ providerConfig: {} }));
    expect(none[0]!.skip).toEqual({ reason: 'unconfigured', message: 'anthropic/claude-sonnet-4 is unavailable: set ANTHROPIC_API_KEY or OPENROUTER_API_KEY' });
  });

  it('marks candidates lacking a needed capability as unsupported', () => {
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const plan = planRoute(request({ models: ['openai/gpt-4o-mini', 'openai/gpt-4o'], tools }), null, inputs({ defaultChainLength: 0 }));
    expect(plan[0]!.skip?.reason).toBe('unsupported');
    expect(plan[0]!.skip?.message).toMatch(/does not support tools/);
    expect(plan[1]!.skip).toBeNull();
  });

  it('404s an unknown requested model with suggestions, naming the field', () => {
    for (const [body, param] of [
      [{ model: 'openai/gpt-4' }, 'model'],
      [{ model: 'gpt-4o', models: ['gpt-4o', 'nope/x'] }, 'models[1]'],
    ] as const) {
      try {
        planRoute(request(body), null, inputs());
        throw new Error('expected 404');
      } catch (error) {
        const e = error as GatewayError;
        expect(e.status).toBe(404);
        expect(e.code).toBe('model_not_found');
        expect(e.param).toBe(param);
      }
    }
    try {
      planRoute(request({ model: 'openai/gpt-4' }), null, inputs());
    } catch (error) {
      expect((error as Error).message).toMatch(/Did you mean "openai\/gpt-4o"/);
    }
  });
});
