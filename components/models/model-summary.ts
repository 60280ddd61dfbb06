// The catalog as the models page needs it: one small, serialisable object per model (the page
// filters all 383 in the browser; the full catalog entries carry upstream ids and tiers it does not show).
import type { CatalogModel } from '../../lib/catalog/types';

export interface ModelSummary {
  id: string;
  name: string;
  vendor: string;
  aliases: string[];
  contextLength: number;
  maxOutputTokens: number | null;
  /** Integer micro-dollars per million tokens. */
  inputPrice: number;
  outputPrice: number;
  cachedPrice: number | null;
  /** Long-context pricing applies above this many input tokens (the lowest tier), if any. */
  tieredAbove: number | null;
  tools: boolean;
  json: boolean;
  vision: boolean;
  /** Providers that can serve it, native first. */
  providers: string[];
  created: number | null;
}

export function toModelSummary(model: CatalogModel): ModelSummary {
  return {
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    aliases: model.aliases,
    contextLength: model.contextLength,
    maxOutputTokens: model.maxOutputTokens ?? null,
    inputPrice: model.price.inputMicrosPerMTok,
    outputPrice: model.price.outputMicrosPerMTok,
    cachedPrice: model.price.cachedInputMicrosPerMTok ?? null,
    tieredAbove: model.priceTiers?.[0]?.aboveInputTokens ?? null,
    tools: model.capabilities.tools,
    json: model.capabilities.json,
    vision: model.capabilities.vision,
    providers: [...new Set(model.routes.map((route) => route.provider))],
    created: model.created ?? null,
  };
}

export const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  openrouter: 'OpenRouter',
  groq: 'Groq',
  together: 'Together',
  deepseek: 'DeepSeek',
  mistral: 'Mistral',
  xai: 'xAI',
  fireworks: 'Fireworks',
  custom: 'Custom',
};

export function providerName(id: string): string {
  return PROVIDER_NAMES[id] ?? id;
}
