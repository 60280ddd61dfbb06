// Merges the sources into catalog models. Precedence, per field:
//   newer OpenRouter snapshot > older snapshot > LiteLLM ("openrouter/<id>" entry, then the native
//   or first-party host entry). LiteLLM also contributes models OpenRouter lists that our recorded
//   snapshots lack (its "openrouter/<id>" keys), priced from that entry.
// Output is a plain array sorted by id so the generated file is deterministic and diffable.
import type { CatalogModel, ModelCapabilities, ModelPrice, ModelRoute } from '../../lib/catalog/types';
import { createHostRouteMatcher, HOSTS } from './host-routes';
import { factsFromLiteLlm, factsFromOpenRouter, type ModelFacts } from './model-facts';
import { modelTier } from './model-tier';
import { matchNativeRoute } from './native-routes';
import type { CatalogSources, LiteLlmEntry, OpenRouterModel } from './read-fixtures';

const OPENROUTER_LITELLM_PREFIX = 'openrouter/';

/** OpenRouter's own routers ("openrouter/auto", "openrouter/free"): not models, and priced "-1". */
const META_VENDOR = 'openrouter';

export interface BuildResult {
  models: CatalogModel[];
  /** Ids dropped and why, for the generator's log. */
  skipped: Array<{ id: string; reason: string }>;
}

export function buildCatalog(sources: CatalogSources): BuildResult {
  const openRouter = new Map<string, OpenRouterModel>();
  for (const snapshot of sources.openRouterSnapshots) for (const record of snapshot) openRouter.set(record.id, record);

  const ids = new Set(openRouter.keys());
  for (const [key, entry] of sources.liteLlm) {
    if (entry.litellm_provider === 'openrouter' && key.startsWith(OPENROUTER_LITELLM_PREFIX)) ids.add(key.slice(OPENROUTER_LITELLM_PREFIX.length));
  }

  const matchHosts = createHostRouteMatcher(sources.liteLlm);
  const models: CatalogModel[] = [];
  const skipped: BuildResult['skipped'] = [];
  for (const id of [...ids].sort(compareStrings)) {
    if (!/^[^/:]+\/[^/]+$/.test(id)) {
      skipped.push({ id, reason: 'not a provider/model id' });
      continue;
    }
    if (vendorOf(id) === META_VENDOR) {
      skipped.push({ id, reason: 'OpenRouter meta-model' });
      continue;
    }
    const model = buildModel(id, openRouter.get(id), sources.liteLlm, matchHosts);
    if (model) models.push(model);
    else skipped.push({ id, reason: 'no usable price' });
  }
  assignAliases(models);
  return { models, skipped };
}

function buildModel(
  id: string,
  record: OpenRouterModel | undefined,
  liteLlm: ReadonlyMap<string, LiteLlmEntry>,
  matchHosts: ReturnType<typeof createHostRouteMatcher>,
): CatalogModel | undefined {
  // ":free", ":beta", ":thinking", ":extended" are OpenRouter offerings of a model (free tier,
  // self-moderation, reasoning on, longer context): a native API does not reproduce them, so
  // variants are OpenRouter-routed only.
  const isVariant = id.includes(':');
  const native = isVariant ? { aliases: [] } : matchNativeRoute(id, liteLlm);
  const hosts = isVariant ? [] : matchHosts(id);

  const openRouterEntry = liteLlm.get(OPENROUTER_LITELLM_PREFIX + id);
  const primary = record ? factsFromOpenRouter(record) : openRouterEntry && factsFromLiteLlm(openRouterEntry);
  if (!primary) return undefined;

  // The vendor's own offering describes limits and flags best; OpenRouter's LiteLLM entry next.
  const firstPartyHostKeys = hosts.filter((host) => HOSTS.find((spec) => spec.provider === host.route.provider)?.vendor).map((host) => host.liteLlmKey);
  const fallbackFacts = [native.liteLlmKey, ...firstPartyHostKeys, record ? OPENROUTER_LITELLM_PREFIX + id : undefined]
    .flatMap((key) => (key ? [liteLlm.get(key)] : []))
    .flatMap((entry) => {
      const facts = entry && factsFromLiteLlm(entry);
      return facts ? [facts] : [];
    });

  const contextLength = primary.contextLength ?? fallbackFacts.find((facts) => facts.contextLength)?.contextLength;
  if (!contextLength) return undefined;
  // LiteLLM's OpenRouter entries often repeat the context size as max output; when such an entry is
  // the primary source, the vendor's own entry knows the real output limit better.
  const fallbackMaxOutput = fallbackFacts.find((facts) => facts.maxOutputTokens)?.maxOutputTokens;
  const maxOutputTokens = record ? (primary.maxOutputTokens ?? fallbackMaxOutput) : (fallbackMaxOutput ?? primary.maxOutputTokens);
  const price = withCachedPrice(primary.price, fallbackFacts);
  const priceTiers = primary.priceTiers ?? fallbackFacts.find((facts) => samePriceSheet(facts.price, primary.price) && facts.priceTiers)?.priceTiers;

  const routes: ModelRoute[] = [];
  if (native.route) routes.push(native.route);
  for (const host of hosts) routes.push(host.route);
  routes.push({ provider: 'openrouter', upstreamModel: id });

  const model: CatalogModel = {
    id,
    aliases: native.aliases, // provisional: assignAliases drops collisions
    name: primary.name ?? id,
    vendor: vendorOf(id),
    contextLength,
    price,
    capabilities: mergeCapabilities(primary, fallbackFacts),
    routes,
    tier: modelTier(price),
  };
  // Some sources report max output = context (LiteLLM's OpenRouter entries); it cannot exceed it.
  if (maxOutputTokens) model.maxOutputTokens = Math.min(maxOutputTokens, contextLength);
  if (priceTiers) model.priceTiers = priceTiers;
  if (primary.created) model.created = primary.created;
  return model;
}

/**
 * LiteLLM's cached price is only borrowed from an entry with the same input and output prices:
 * a different price sheet (e.g. DeepSeek's own API vs OpenRouter's DeepSeek hosts) has its own
 * cache discount, which would be wrong next to our price.
 */
function withCachedPrice(price: ModelPrice, fallbackFacts: ModelFacts[]): ModelPrice {
  if (price.cachedInputMicrosPerMTok !== undefined) return price;
  const cached = fallbackFacts.find((facts) => samePriceSheet(facts.price, price) && facts.price.cachedInputMicrosPerMTok !== undefined);
  return cached ? { ...price, cachedInputMicrosPerMTok: cached.price.cachedInputMicrosPerMTok } : price;
}

function samePriceSheet(a: ModelPrice, b: ModelPrice): boolean {
  return a.inputMicrosPerMTok === b.inputMicrosPerMTok && a.outputMicrosPerMTok === b.outputMicrosPerMTok;
}

/** Per flag: the primary source when it says anything, else the first LiteLLM entry that does, else false. */
function mergeCapabilities(primary: ModelFacts, fallbackFacts: ModelFacts[]): ModelCapabilities {
  const pick = (flag: keyof ModelCapabilities): boolean =>
    primary.capabilities[flag] ?? fallbackFacts.find((facts) => facts.capabilities[flag] !== undefined)?.capabilities[flag] ?? false;
  return { tools: pick('tools'), json: pick('json'), vision: pick('vision') };
}

/**
 * An alias must name one model. Ids are claimed first (an alias never shadows an id), then
 * aliases in id order, so the first model in sorted order keeps a contested alias
 * ("claude-3-5-haiku-20241022" → "anthropic/claude-3.5-haiku", not its dated twin).
 */
function assignAliases(models: CatalogModel[]): void {
  const claimed = new Set(models.map((model) => model.id.toLowerCase()));
  for (const model of models) {
    model.aliases = model.aliases.filter((alias) => {
      const key = alias.toLowerCase();
      if (key === model.id.toLowerCase() || claimed.has(key)) return false;
      claimed.add(key);
      return true;
    });
  }
}

function vendorOf(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
