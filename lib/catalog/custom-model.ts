// Models on a customer's own OpenAI-compatible host ("custom/<anything>") are not in the catalog:
// we know nothing about them, so they cost nothing on our bill (the customer pays their host) and
// claim every capability: the gateway should pass tools / response_format / images through and let
// the host refuse, rather than block a feature the host may well support.
import type { CatalogModel } from './types';

export const CUSTOM_MODEL_PREFIX = 'custom/';

/** A synthetic catalog entry routed to provider 'custom', or undefined when the id is not "custom/…". */
export function resolveCustomModel(id: string): CatalogModel | undefined {
  if (!id.startsWith(CUSTOM_MODEL_PREFIX) || id.length === CUSTOM_MODEL_PREFIX.length) return undefined;
  const upstreamModel = id.slice(CUSTOM_MODEL_PREFIX.length);
  return {
    id,
    aliases: [],
    name: upstreamModel,
    vendor: 'custom',
    // Unknown: 0 means "no limit known", so context-based fallbacks never trigger on our side.
    contextLength: 0,
    price: { inputMicrosPerMTok: 0, outputMicrosPerMTok: 0 },
    capabilities: { tools: true, json: true, vision: true },
    routes: [{ provider: 'custom', upstreamModel }],
    tier: 'standard',
  };
}
