// ProviderId → adapter. The only place that knows every provider; the gateway asks here and
// then talks to the ProviderAdapter interface only.
import { anthropicAdapter } from './anthropic';
import { geminiAdapter } from './gemini';
import { openaiAdapter } from './openai';
import { createOpenAiCompatibleAdapter } from './openai-compatible';
import type { ProviderAdapter, ProviderId } from './types';

const adapters: Record<ProviderId, ProviderAdapter> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  openrouter: createOpenAiCompatibleAdapter('openrouter'),
  groq: createOpenAiCompatibleAdapter('groq'),
  together: createOpenAiCompatibleAdapter('together'),
  deepseek: createOpenAiCompatibleAdapter('deepseek'),
  mistral: createOpenAiCompatibleAdapter('mistral'),
  xai: createOpenAiCompatibleAdapter('xai'),
  fireworks: createOpenAiCompatibleAdapter('fireworks'),
  custom: createOpenAiCompatibleAdapter('custom'),
};

export function getProviderAdapter(id: ProviderId): ProviderAdapter {
  const adapter = adapters[id];
  // ProviderId comes from config/catalog data at runtime; fail loudly on a typo there.
  if (!adapter) throw new Error(`unknown provider id: ${String(id)}`);
  return adapter;
}
