// The models and calls pages' pure parts: price/context/money formatting and catalog filtering.
import { describe, expect, it } from 'vitest';
import { formatMs, formatUsdMicros } from '../../components/calls/format';
import { prettyBody } from '../../components/calls/pretty-body';
import { gatewayBaseUrl } from '../../components/docs/base-url';
import { DEFAULT_MODEL_FILTERS, filterModels, type ModelFilters, modelFiltersToSearchParams, parseModelFilters } from '../../components/models/filter-models';
import { formatContext, formatPricePerM } from '../../components/models/format-model';
import { toModelSummary } from '../../components/models/model-summary';
import { listModels } from '../../lib/catalog';

const models = listModels().map(toModelSummary);
const filter = (f: Partial<ModelFilters>) => filterModels(models, { ...DEFAULT_MODEL_FILTERS, ...f });

describe('money and figures', () => {
  it('formats integer micro-dollars exactly, with enough decimals', () => {
    expect(formatUsdMicros(0)).toBe('$0.00');
    expect(formatUsdMicros(75)).toBe('$0.000075');
    expect(formatUsdMicros(7_375)).toBe('$0.007375');
    expect(formatUsdMicros(2_500_000)).toBe('$2.50');
    expect(formatUsdMicros(10_000_000)).toBe('$10.00');
    expect(formatUsdMicros(75_000)).toBe('$0.075');
    expect(formatUsdMicros(1_234_567_891)).toBe('$1,234.567891');
    expect(formatUsdMicros(-1_500_000)).toBe('-$1.50');
  });

  it('formats prices per million and context windows as people read them', () => {
    expect(formatPricePerM(2_500_000)).toBe('$2.50');
    expect(formatPricePerM(150_000)).toBe('$0.15');
    expect(formatPricePerM(0)).toBe('Free');
    expect(formatPricePerM(null)).toBe('—');
    expect(formatContext(128_000)).toBe('128K');
    expect(formatContext(131_072)).toBe('128K');
    expect(formatContext(200_000)).toBe('200K');
    expect(formatContext(32_768)).toBe('32K');
    expect(formatContext(1_048_576)).toBe('1M');
    expect(formatContext(1_000_000)).toBe('1M');
    expect(formatContext(1_047_576)).toBe('1M');
    expect(formatContext(2_000_000)).toBe('2M');
    expect(formatContext(16_385)).toBe('16K');
    expect(formatContext(0)).toBe('—');
  });

  it('formats latencies and bodies', () => {
    expect(formatMs(null)).toBe('—');
    expect(formatMs(840)).toBe('840 ms');
    expect(formatMs(1_234)).toBe('1.23 s');
    expect(prettyBody('{"a":[1]}')).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', json: true });
    expect(prettyBody('{"a":[1')).toEqual({ text: '{"a":[1', json: false });
    expect(prettyBody(null)).toBeNull();
  });

  it('builds the base URL from the request host, preferring proxy headers', () => {
    const h = (entries: Record<string, string>) => new Headers(entries);
    expect(gatewayBaseUrl(h({ host: 'localhost:3000' }))).toBe('http://localhost:3000/v1');
    expect(gatewayBaseUrl(h({ host: 'internal:3000', 'x-forwarded-host': 'llm.example.com', 'x-forwarded-proto': 'https' }))).toBe('https://llm.example.com/v1');
    expect(gatewayBaseUrl(h({ host: 'evil.com/<script>' }))).toBe('http://localhost:3000/v1');
  });
});

describe('models page filtering', () => {
  it('has the whole catalog, serialisable', () => {
    expect(models.length).toBeGreaterThanOrEqual(340);
    expect(JSON.parse(JSON.stringify(models))).toEqual(models);
    const gpt4o = models.find((m) => m.id === 'openai/gpt-4o')!;
    expect(gpt4o).toMatchObject({ aliases: ['gpt-4o'], inputPrice: 2_500_000, outputPrice: 10_000_000, cachedPrice: 1_250_000, providers: ['openai', 'openrouter'] });
  });

  it('searches ids, names and aliases, every word', () => {
    const ids = filter({ q: 'claude-sonnet-4' }).map((m) => m.id);
    expect(ids).toContain('anthropic/claude-sonnet-4');
    expect(ids.every((id) => id.includes('claude-sonnet-4'))).toBe(true);
    expect(filter({ q: 'gpt-4o' }).map((m) => m.id)).toContain('openai/gpt-4o');
    expect(filter({ q: 'anthropic sonnet' }).every((m) => m.vendor === 'anthropic')).toBe(true);
    expect(filter({ q: 'no such model anywhere' })).toEqual([]);
  });

  it('filters by vendor, provider, capabilities, price and context', () => {
    expect(filter({ vendor: 'openai' }).every((m) => m.vendor === 'openai')).toBe(true);
    const groq = filter({ provider: 'groq' });
    expect(groq.length).toBeGreaterThan(0);
    expect(groq.every((m) => m.providers.includes('groq'))).toBe(true);
    const vision = filter({ capabilities: ['vision', 'tools'] });
    expect(vision.length).toBeGreaterThan(0);
    expect(vision.length).toBeLessThan(models.length);
    expect(vision.every((m) => m.vision && m.tools)).toBe(true);
    expect(filter({ maxInputPrice: 0 }).every((m) => m.inputPrice === 0)).toBe(true);
    expect(filter({ maxInputPrice: 1_000_000 }).every((m) => m.inputPrice <= 1_000_000)).toBe(true);
    expect(filter({ minContext: 1_000_000 }).every((m) => m.contextLength >= 1_000_000)).toBe(true);
  });

  it('sorts by price, context and recency', () => {
    const byPrice = filter({ sort: 'price' });
    for (let i = 1; i < byPrice.length; i++) expect(byPrice[i]!.inputPrice + byPrice[i]!.outputPrice).toBeGreaterThanOrEqual(byPrice[i - 1]!.inputPrice + byPrice[i - 1]!.outputPrice);
    const byContext = filter({ sort: 'context' });
    expect(byContext[0]!.contextLength).toBe(Math.max(...models.map((m) => m.contextLength)));
  });

  it('keeps the filters in the URL', () => {
    const filters: ModelFilters = { q: 'claude', vendor: 'anthropic', provider: 'anthropic', capabilities: ['tools', 'vision'], maxInputPrice: 3_000_000, minContext: 128_000, sort: 'price' };
    const params = modelFiltersToSearchParams(filters);
    expect(params.toString()).toBe('q=claude&vendor=anthropic&provider=anthropic&cap=tools%2Cvision&maxPrice=3&minContext=128000&sort=price');
    expect(parseModelFilters(params)).toEqual(filters);
    expect(parseModelFilters({ cap: 'telepathy', maxPrice: 'cheap', minContext: '-5', sort: 'random' })).toEqual(DEFAULT_MODEL_FILTERS);
  });
});
