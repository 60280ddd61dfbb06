// Search, filters and sorting of the models page: pure functions over ModelSummary, shared by the
// browser (live filtering) and the server (the first render from the URL's parameters).
import type { ModelSummary } from './model-summary';

export type Capability = 'tools' | 'json' | 'vision';
export type ModelSort = 'name' | 'price' | 'context' | 'newest';

export interface ModelFilters {
  q: string;
  vendor: string;
  provider: string;
  capabilities: Capability[];
  /** Highest input price, micro-dollars per million tokens; null: any. */
  maxInputPrice: number | null;
  minContext: number;
  sort: ModelSort;
}

export const DEFAULT_MODEL_FILTERS: ModelFilters = { q: '', vendor: '', provider: '', capabilities: [], maxInputPrice: null, minContext: 0, sort: 'name' };

export const CAPABILITIES: Capability[] = ['tools', 'json', 'vision'];
export const SORTS: ModelSort[] = ['name', 'price', 'context', 'newest'];

/** Every word of the query must appear in the id, name, vendor or an alias. */
function matches(model: ModelSummary, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [model.id, model.name, model.vendor, ...model.aliases].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function filterModels(models: readonly ModelSummary[], filters: ModelFilters): ModelSummary[] {
  const words = filters.q.toLowerCase().split(/\s+/).filter(Boolean);
  const result = models.filter(
    (model) =>
      matches(model, words) &&
      (!filters.vendor || model.vendor === filters.vendor) &&
      (!filters.provider || model.providers.includes(filters.provider)) &&
      filters.capabilities.every((capability) => model[capability]) &&
      (filters.maxInputPrice === null || model.inputPrice <= filters.maxInputPrice) &&
      model.contextLength >= filters.minContext,
  );
  const byId = (a: ModelSummary, b: ModelSummary) => a.id.localeCompare(b.id);
  const compare: Record<ModelSort, (a: ModelSummary, b: ModelSummary) => number> = {
    name: byId,
    price: (a, b) => a.inputPrice + a.outputPrice - (b.inputPrice + b.outputPrice) || byId(a, b),
    context: (a, b) => b.contextLength - a.contextLength || byId(a, b),
    newest: (a, b) => (b.created ?? 0) - (a.created ?? 0) || byId(a, b),
  };
  return result.sort(compare[filters.sort]);
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

/** ?q=claude&provider=anthropic&cap=tools,vision&maxPrice=3&minContext=128000&sort=price */
export function parseModelFilters(params: Params): ModelFilters {
  const dollars = Number(get(params, 'maxPrice'));
  const minContext = Number(get(params, 'minContext'));
  const sort = get(params, 'sort') as ModelSort;
  return {
    q: get(params, 'q').slice(0, 100),
    vendor: get(params, 'vendor'),
    provider: get(params, 'provider'),
    capabilities: CAPABILITIES.filter((c) => get(params, 'cap').split(',').includes(c)),
    // Dollars per million in the URL, micro-dollars in memory (rounded once, here).
    maxInputPrice: get(params, 'maxPrice') !== '' && Number.isFinite(dollars) && dollars >= 0 ? Math.round(dollars * 1_000_000) : null,
    minContext: Number.isSafeInteger(minContext) && minContext > 0 ? minContext : 0,
    sort: SORTS.includes(sort) ? sort : 'name',
  };
}

export function modelFiltersToSearchParams(filters: ModelFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.vendor) params.set('vendor', filters.vendor);
  if (filters.provider) params.set('provider', filters.provider);
  if (filters.capabilities.length) params.set('cap', filters.capabilities.join(','));
  if (filters.maxInputPrice !== null) params.set('maxPrice', String(filters.maxInputPrice / 1_000_000));
  if (filters.minContext) params.set('minContext', String(filters.minContext));
  if (filters.sort !== 'name') params.set('sort', filters.sort);
  return params;
}
