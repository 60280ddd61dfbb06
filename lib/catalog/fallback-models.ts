// Default fallbacks when a route fails and the client named no fallbacks of its own.
// Candidates must do everything the primary does (tools / json / vision ⊇), so a request that
// worked shape-wise on the primary still works on the fallback. OpenRouter variants (":free",
// ":beta", ":extended", ...) are never picked automatically: they are opt-in offerings with their
// own limits. Orderings end on the id, so the same catalog always gives the same answer.
import type { CatalogModel, ModelCapabilities } from './types';

/**
 * Same tier, context ≥ the primary's. Other vendors first, one per vendor before any vendor
 * repeats (an outage or a policy refusal tends to hit a whole vendor), closest price first.
 */
export function fallbackChainFrom(models: readonly CatalogModel[], primary: CatalogModel, limit = 3): string[] {
  const candidates = models
    .filter((model) => isEligible(model, primary) && model.tier === primary.tier && model.contextLength >= primary.contextLength)
    .sort((a, b) => priceDistance(a, primary) - priceDistance(b, primary) || compareIds(a, b));
  const chain: CatalogModel[] = [];
  const vendorsUsed = new Set([primary.vendor]);
  for (const model of candidates) {
    if (chain.length >= limit) break;
    if (vendorsUsed.has(model.vendor)) continue;
    vendorsUsed.add(model.vendor);
    chain.push(model);
  }
  // Not enough distinct vendors: fill with the remaining candidates, other vendors still first.
  const rest = candidates
    .filter((model) => !chain.includes(model))
    .sort((a, b) => Number(a.vendor === primary.vendor) - Number(b.vendor === primary.vendor));
  for (const model of rest) {
    if (chain.length >= limit) break;
    chain.push(model);
  }
  return chain.map((model) => model.id);
}

/**
 * For context-length-exceeded errors: the nearest larger context, the same vendor first (closest
 * in behaviour), then the same tier, then the smallest sufficient context and the closest price.
 */
export function largerContextModelFrom(models: readonly CatalogModel[], primary: CatalogModel): CatalogModel | undefined {
  const candidates = models.filter((model) => isEligible(model, primary) && model.contextLength > primary.contextLength);
  candidates.sort(
    (a, b) =>
      Number(b.vendor === primary.vendor) - Number(a.vendor === primary.vendor) ||
      Number(b.tier === primary.tier) - Number(a.tier === primary.tier) ||
      a.contextLength - b.contextLength ||
      priceDistance(a, primary) - priceDistance(b, primary) ||
      compareIds(a, b),
  );
  return candidates[0];
}

function isEligible(model: CatalogModel, primary: CatalogModel): boolean {
  return model.id !== primary.id && !model.id.includes(':') && covers(model.capabilities, primary.capabilities);
}

function covers(candidate: ModelCapabilities, required: ModelCapabilities): boolean {
  return (!required.tools || candidate.tools) && (!required.json || candidate.json) && (!required.vision || candidate.vision);
}

function priceDistance(model: CatalogModel, primary: CatalogModel): number {
  return (
    Math.abs(model.price.inputMicrosPerMTok - primary.price.inputMicrosPerMTok) +
    Math.abs(model.price.outputMicrosPerMTok - primary.price.outputMicrosPerMTok)
  );
}

function compareIds(a: CatalogModel, b: CatalogModel): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
