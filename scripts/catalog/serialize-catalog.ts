// The committed file format. Keys are written in a fixed order (not insertion order of whatever
// code built the object) so regenerating from the same data is byte-identical.
import type { CatalogModel, ModelPrice, PriceTier } from '../../lib/catalog/types';

export const CATALOG_FILE_VERSION = 1;

export interface CatalogFile {
  version: number;
  /** Fixture file names the data came from, for provenance; no timestamps (determinism). */
  sources: string[];
  models: CatalogModel[];
}

export function serializeCatalog(models: CatalogModel[], sources: string[]): string {
  const file: CatalogFile = {
    version: CATALOG_FILE_VERSION,
    sources: [...sources].sort(),
    models: [...models].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(canonicalModel),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function canonicalModel(model: CatalogModel): CatalogModel {
  return dropUndefined({
    id: model.id,
    aliases: [...model.aliases],
    name: model.name,
    vendor: model.vendor,
    contextLength: model.contextLength,
    maxOutputTokens: model.maxOutputTokens,
    price: canonicalPrice(model.price),
    priceTiers: model.priceTiers?.map((tier): PriceTier => ({ aboveInputTokens: tier.aboveInputTokens, ...canonicalPrice(tier) })),
    capabilities: { tools: model.capabilities.tools, json: model.capabilities.json, vision: model.capabilities.vision },
    routes: model.routes.map((route) => ({ provider: route.provider, upstreamModel: route.upstreamModel })),
    tier: model.tier,
    created: model.created,
  });
}

function canonicalPrice(price: ModelPrice): ModelPrice {
  return dropUndefined({
    inputMicrosPerMTok: price.inputMicrosPerMTok,
    outputMicrosPerMTok: price.outputMicrosPerMTok,
    cachedInputMicrosPerMTok: price.cachedInputMicrosPerMTok,
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
