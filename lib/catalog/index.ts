// The model catalog at runtime: the generated JSON, loaded once at module load, plus lookups.
// Regenerate the data with `node --import tsx scripts/generate-catalog.ts`; never edit it by hand
// (a test compares it with a fresh generation).
import catalogFile from './models.generated.json';
import { fallbackChainFrom, largerContextModelFrom } from './fallback-models';
import { suggestModelIdsFrom } from './suggest-model-ids';
import type { CatalogModel } from './types';

export type { CatalogModel, ModelCapabilities, ModelPrice, ModelRoute, PriceTier } from './types';
export { computeCost, type RequestCost, type TokenUsage } from './compute-cost';
export { resolveCustomModel } from './custom-model';

// The JSON import widens literal unions (provider, tier) to string; the generator wrote them
// from the typed CatalogModel, and the freshness test guards the file, so the cast is safe.
const models: readonly CatalogModel[] = Object.freeze((catalogFile as unknown as { models: CatalogModel[] }).models);

/** Lower-cased id and alias → model. Ids win over aliases (the generator guarantees no clash). */
const byName = new Map<string, CatalogModel>();
for (const model of models) byName.set(model.id.toLowerCase(), model);
for (const model of models) for (const alias of model.aliases) if (!byName.has(alias.toLowerCase())) byName.set(alias.toLowerCase(), model);

/** Case-insensitive exact match on id or alias; nothing else is stripped or guessed. */
export function getModel(idOrAlias: string): CatalogModel | undefined {
  return byName.get(idOrAlias.toLowerCase());
}

/** All models, sorted by id. The array is shared: do not mutate it. */
export function listModels(): CatalogModel[] {
  return models as CatalogModel[];
}

/** Up to `limit` known ids or aliases close to an unknown one, best first ("did you mean …"). */
export function suggestModelIds(unknownId: string, limit = 3): string[] {
  return suggestModelIdsFrom(models, unknownId, limit);
}

/** Default fallbacks: same tier, capabilities ⊇ and context ≥ the primary's, other vendors first. */
export function defaultFallbackChain(model: CatalogModel, limit = 3): string[] {
  return fallbackChainFrom(models, model, limit);
}

/** For a context-length-exceeded error: a model with a larger context window, same vendor first. */
export function largerContextModel(model: CatalogModel): CatalogModel | undefined {
  return largerContextModelFrom(models, model);
}
