// GET /v1/models in OpenAI's list format, with OpenRouter-style extras (pricing as exact
// USD-per-token decimal strings, context length) that OpenAI SDKs ignore and dashboards use.
import { listModels } from './index';
import type { CatalogModel } from './types';
import { microsPerMTokToUsdPerToken } from './usd-decimal';

export interface OpenAIModelListEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  name: string;
  context_length: number;
  max_output_tokens: number | null;
  pricing: { prompt: string; completion: string; input_cache_read: string | null };
  capabilities: { tools: boolean; json: boolean; vision: boolean };
  aliases: string[];
}

export interface OpenAIModelList {
  object: 'list';
  data: OpenAIModelListEntry[];
}

export function toOpenAIModelList(models: readonly CatalogModel[]): OpenAIModelList {
  return { object: 'list', data: models.map(toEntry) };
}

function toEntry(model: CatalogModel): OpenAIModelListEntry {
  return {
    id: model.id,
    object: 'model',
    // OpenAI requires an integer; models only LiteLLM knows have no creation date.
    created: model.created ?? 0,
    owned_by: model.vendor,
    name: model.name,
    context_length: model.contextLength,
    max_output_tokens: model.maxOutputTokens ?? null,
    pricing: {
      prompt: microsPerMTokToUsdPerToken(model.price.inputMicrosPerMTok),
      completion: microsPerMTokToUsdPerToken(model.price.outputMicrosPerMTok),
      input_cache_read:
        model.price.cachedInputMicrosPerMTok === undefined ? null : microsPerMTokToUsdPerToken(model.price.cachedInputMicrosPerMTok),
    },
    capabilities: { ...model.capabilities },
    aliases: [...model.aliases],
  };
}

let cachedJson: string | undefined;

/** The catalog's list, serialised once per process: the catalog is static and the route is hot. */
export function openAIModelListJson(): string {
  cachedJson ??= JSON.stringify(toOpenAIModelList(listModels()));
  return cachedJson;
}
