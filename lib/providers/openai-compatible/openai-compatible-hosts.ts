import type { OpenAiFormatHost } from '../openai/openai-format-host';
import type { ProviderId } from '../types';

// Per-host differences of OpenAI-format hosts, as data. The lists are what each host documents
// as unsupported (or rejects with a 400/422); when a host starts rejecting a new OpenAI field,
// add it here rather than branching in the adapter.

/** OpenAI platform features other hosts do not implement; some of them 400/422 on sight. */
const OPENAI_PLATFORM_ONLY = ['store', 'metadata', 'prediction', 'web_search_options', 'modalities', 'audio', 'service_tier', 'prompt_cache_key', 'safety_identifier'];

type OpenAiCompatibleProviderId = Exclude<ProviderId, 'openai' | 'anthropic' | 'gemini'>;

function host(id: OpenAiCompatibleProviderId, differences: Partial<Omit<OpenAiFormatHost, 'id'>> = {}): OpenAiFormatHost {
  return {
    id,
    excludedParameters: differences.excludedParameters ?? [],
    renamedParameters: differences.renamedParameters ?? {},
    acceptsStreamOptions: differences.acceptsStreamOptions ?? true,
    extraHeaders: differences.extraHeaders ?? {},
    usageContainers: differences.usageContainers ?? [],
  };
}

export const openAiCompatibleHosts: Record<OpenAiCompatibleProviderId, OpenAiFormatHost> = {
  // OpenRouter accepts the OpenAI parameter set and forwards what the routed provider supports.
  // X-Title is its (optional) app attribution header. Its usage (with `cost`) may ride on a chunk
  // that still has choices; the stream transform handles that shape for every host.
  openrouter: host('openrouter', { extraHeaders: { 'X-Title': 'LLMTest' } }),
  // Groq: no logprobs / logit_bias; stream usage historically in `x_groq.usage`.
  groq: host('groq', {
    excludedParameters: [...OPENAI_PLATFORM_ONLY, 'logprobs', 'top_logprobs', 'logit_bias'],
    usageContainers: ['x_groq'],
  }),
  together: host('together', { excludedParameters: OPENAI_PLATFORM_ONLY }),
  deepseek: host('deepseek', { excludedParameters: [...OPENAI_PLATFORM_ONLY, 'logit_bias'] }),
  // Mistral validates strictly (422 on unknown fields), spells the seed `random_seed`, knows
  // only `max_tokens`, and always sends usage on its last chunk, so stream_options is not sent.
  mistral: host('mistral', {
    excludedParameters: [...OPENAI_PLATFORM_ONLY, 'user', 'logit_bias', 'logprobs', 'top_logprobs', 'stream_options'],
    renamedParameters: { seed: 'random_seed', max_completion_tokens: 'max_tokens' },
    acceptsStreamOptions: false,
  }),
  xai: host('xai', { excludedParameters: OPENAI_PLATFORM_ONLY }),
  fireworks: host('fireworks', { excludedParameters: OPENAI_PLATFORM_ONLY }),
  // A self-hosted server (Ollama, vLLM, LM Studio): they ignore unknown fields, so send everything.
  custom: host('custom'),
};
