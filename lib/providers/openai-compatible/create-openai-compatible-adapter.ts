import { createOpenAiFormatAdapter } from '../openai/openai-adapter';
import type { ProviderAdapter } from '../types';
import { openAiCompatibleHosts } from './openai-compatible-hosts';

export type OpenAiCompatibleProviderId = keyof typeof openAiCompatibleHosts;

/** The shared OpenAI base, configured with one host's differences. */
export function createOpenAiCompatibleAdapter(id: OpenAiCompatibleProviderId): ProviderAdapter {
  return createOpenAiFormatAdapter(openAiCompatibleHosts[id]);
}
