// Which models to try, in which order, and where each one goes.
//   request `models` (or [model]) → flow override replaces the primary → flow chain → catalog
//   default chain for the primary; deduplicated by catalog id; capped at config.maxModels.
// A model goes to the first of its routes whose provider is configured (the catalog lists the
// native provider first, then aggregators), else it is "unconfigured" and the attempt fails with
// the env vars to set. Candidates lacking a capability the request needs are skipped (and listed
// in the final error, so "all skipped" explains itself).
import type { CatalogModel } from '../catalog/types';
import type { ProviderId, ProviderTarget } from '../providers/types';
import { NotFoundError } from './errors';
import type { FlowSettings, GatewayCatalog } from './types';
import type { ParsedChatRequest } from './validate-request';

export interface Candidate {
  model: CatalogModel;
  /** Null when no provider serving the model is configured. */
  target: ProviderTarget | null;
  /** Why it cannot be tried at all ('unconfigured' / 'unsupported'), with a message for the client. */
  skip: { reason: 'unconfigured' | 'unsupported'; message: string } | null;
}

export interface PlanInputs {
  catalog: GatewayCatalog;
  providerConfig: Partial<Record<ProviderId, { baseUrl: string; apiKey: string }>>;
  providerEnvVar: Partial<Record<ProviderId, string>>;
  maxModels: number;
  defaultChainLength: number;
  /** Memo of the catalog's default chain per model id (the catalog is static; computing it scans every model). */
  chainCache?: Map<string, string[]>;
}

function defaultChain(inputs: PlanInputs, model: CatalogModel): string[] {
  let chain = inputs.chainCache?.get(model.id);
  if (chain === undefined) {
    chain = inputs.catalog.defaultFallbackChain(model, inputs.defaultChainLength);
    if (inputs.chainCache && inputs.chainCache.size < 10_000) inputs.chainCache.set(model.id, chain);
  }
  return chain;
}

export function resolveModel(catalog: GatewayCatalog, id: string): CatalogModel | undefined {
  return catalog.getModel(id) ?? catalog.resolveCustomModel?.(id) ?? undefined;
}

export function unknownModelError(catalog: GatewayCatalog, id: string, param: string): NotFoundError {
  const suggestions = catalog.suggestModelIds(id, 3);
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : '';
  return new NotFoundError(`The model "${id}" does not exist.${hint} GET /v1/models lists every model.`, 'model_not_found', param);
}

export function planRoute(parsed: ParsedChatRequest, flow: FlowSettings | null, inputs: PlanInputs): Candidate[] {
  const { catalog } = inputs;
  // Client-named models must exist: a typo should be a 404, not a silent fallback.
  const requested = parsed.models.map((id, index) => {
    const model = resolveModel(catalog, id);
    if (!model) throw unknownModelError(catalog, id, parsed.models.length > 1 || index > 0 ? `models[${index}]` : 'model');
    return model;
  });
  const ordered: CatalogModel[] = [];
  const override = flow?.modelOverride ? resolveModel(catalog, flow.modelOverride) : undefined;
  ordered.push(override ?? requested[0]!, ...requested.slice(1));
  // Flow chains are configured in the dashboard; a model that left the catalog is skipped, not fatal.
  for (const id of flow?.fallbackChain ?? []) {
    const model = resolveModel(catalog, id);
    if (model) ordered.push(model);
  }
  if (inputs.defaultChainLength > 0) {
    for (const id of defaultChain(inputs, ordered[0]!)) {
      const model = catalog.getModel(id);
      if (model) ordered.push(model);
    }
  }
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const model of ordered) {
    if (seen.has(model.id)) continue;
    seen.add(model.id);
    candidates.push(toCandidate(model, parsed, inputs));
    if (candidates.length >= inputs.maxModels) break;
  }
  return candidates;
}

export function toCandidate(model: CatalogModel, parsed: ParsedChatRequest, inputs: PlanInputs): Candidate {
  const missing = missingCapability(model, parsed.needs);
  if (missing) {
    return { model, target: null, skip: { reason: 'unsupported', message: `${model.id} does not support ${missing}` } };
  }
  for (const route of model.routes) {
    const provider = inputs.providerConfig[route.provider];
    if (provider) {
      return {
        model,
        target: { provider: route.provider, upstreamModel: route.upstreamModel, baseUrl: provider.baseUrl, apiKey: provider.apiKey },
        skip: null,
      };
    }
  }
  const envVars = [...new Set(model.routes.map((route) => inputs.providerEnvVar[route.provider] ?? `${route.provider.toUpperCase()}_API_KEY`))];
  const which = envVars.length === 0 ? 'no provider serves it' : `set ${envVars.join(' or ')}`;
  return { model, target: null, skip: { reason: 'unconfigured', message: `${model.id} is unavailable: ${which}` } };
}

function missingCapability(model: CatalogModel, needs: ParsedChatRequest['needs']): string | null {
  if (needs.tools && !model.capabilities.tools) return 'tools';
  if (needs.vision && !model.capabilities.vision) return 'image inputs';
  if (needs.json && !model.capabilities.json) return 'JSON output (response_format)';
  return null;
}
