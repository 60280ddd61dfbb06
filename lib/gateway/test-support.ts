// Small in-memory stand-ins used by the gateway's unit tests (not imported by production code).
import type { CatalogModel } from '../catalog/types';
import type { GatewayCatalog } from './types';

export function fakeModel(id: string, overrides: Partial<CatalogModel> = {}): CatalogModel {
  const [vendor, name] = id.includes('/') ? id.split('/') : ['openai', id];
  const provider = (overrides.routes?.[0]?.provider ?? (vendor === 'google' ? 'gemini' : vendor)) as CatalogModel['routes'][number]['provider'];
  return {
    id,
    aliases: [],
    name: name!,
    vendor: vendor!,
    contextLength: 128_000,
    price: { inputMicrosPerMTok: 2_500_000, outputMicrosPerMTok: 10_000_000, cachedInputMicrosPerMTok: 1_250_000 },
    capabilities: { tools: true, json: true, vision: true },
    routes: [
      { provider, upstreamModel: name! },
      { provider: 'openrouter', upstreamModel: id },
    ],
    tier: 'frontier',
    ...overrides,
  };
}

export function fakeCatalog(models: CatalogModel[], chains: Record<string, string[]> = {}, larger: Record<string, string> = {}): GatewayCatalog {
  const byId = new Map<string, CatalogModel>();
  for (const model of models) {
    byId.set(model.id, model);
    for (const alias of model.aliases) byId.set(alias, model);
  }
  return {
    getModel: (id) => byId.get(id),
    suggestModelIds: (id) => models.map((m) => m.id).filter((m) => m.includes(id.slice(0, 4))).slice(0, 3),
    defaultFallbackChain: (model, limit) => (chains[model.id] ?? []).slice(0, limit),
    largerContextModel: (model) => (larger[model.id] ? byId.get(larger[model.id]!) : undefined),
    resolveCustomModel: () => undefined,
    computeCost: (model, tokens) => {
      const part = (count: number, price: number) => Math.round((count * price) / 1_000_000);
      const inputCostMicros = part(tokens.inputTokens - tokens.cachedInputTokens, model.price.inputMicrosPerMTok);
      const cachedCostMicros = part(tokens.cachedInputTokens, model.price.cachedInputMicrosPerMTok ?? model.price.inputMicrosPerMTok);
      const outputCostMicros = part(tokens.outputTokens, model.price.outputMicrosPerMTok);
      return { inputCostMicros, cachedCostMicros, outputCostMicros, costMicros: inputCostMicros + cachedCostMicros + outputCostMicros };
    },
    modelListJson: () => JSON.stringify({ object: 'list', data: models.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.vendor })) }),
  };
}
