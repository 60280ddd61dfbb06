// Provider credentials from the environment, following each official SDK's variable names and
// base-URL convention (OpenAI-style hosts include /v1; Anthropic and Gemini do not, their
// adapters add the version path), so an SDK's env file works for the gateway unchanged.
import type { ProviderId } from './types';

export interface ProviderCredentials {
  baseUrl: string;
  apiKey: string;
}

export type ProviderConfig = Partial<Record<ProviderId, ProviderCredentials>>;

interface ProviderEnvSpec {
  keyVar: string;
  baseUrlVar: string;
  /** Undefined: no default, the base URL variable is what configures the provider. */
  defaultBaseUrl: string | undefined;
}

const providerEnvSpecs: Record<ProviderId, ProviderEnvSpec> = {
  openai: { keyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL', defaultBaseUrl: 'https://api.openai.com/v1' },
  anthropic: { keyVar: 'ANTHROPIC_API_KEY', baseUrlVar: 'ANTHROPIC_BASE_URL', defaultBaseUrl: 'https://api.anthropic.com' },
  gemini: { keyVar: 'GEMINI_API_KEY', baseUrlVar: 'GEMINI_BASE_URL', defaultBaseUrl: 'https://generativelanguage.googleapis.com' },
  openrouter: { keyVar: 'OPENROUTER_API_KEY', baseUrlVar: 'OPENROUTER_BASE_URL', defaultBaseUrl: 'https://openrouter.ai/api/v1' },
  groq: { keyVar: 'GROQ_API_KEY', baseUrlVar: 'GROQ_BASE_URL', defaultBaseUrl: 'https://api.groq.com/openai/v1' },
  together: { keyVar: 'TOGETHER_API_KEY', baseUrlVar: 'TOGETHER_BASE_URL', defaultBaseUrl: 'https://api.together.xyz/v1' },
  deepseek: { keyVar: 'DEEPSEEK_API_KEY', baseUrlVar: 'DEEPSEEK_BASE_URL', defaultBaseUrl: 'https://api.deepseek.com/v1' },
  mistral: { keyVar: 'MISTRAL_API_KEY', baseUrlVar: 'MISTRAL_BASE_URL', defaultBaseUrl: 'https://api.mistral.ai/v1' },
  xai: { keyVar: 'XAI_API_KEY', baseUrlVar: 'XAI_BASE_URL', defaultBaseUrl: 'https://api.x.ai/v1' },
  fireworks: { keyVar: 'FIREWORKS_API_KEY', baseUrlVar: 'FIREWORKS_BASE_URL', defaultBaseUrl: 'https://api.fireworks.ai/inference/v1' },
  // A self-hosted OpenAI-compatible server (Ollama, vLLM): configured by its URL; keyless allowed.
  custom: { keyVar: 'LLMTEST_CUSTOM_API_KEY', baseUrlVar: 'LLMTEST_CUSTOM_BASE_URL', defaultBaseUrl: undefined },
};

/** The environment variable to name when a provider is unavailable ("set OPENAI_API_KEY"). */
export const providerEnvVar: Record<ProviderId, string> = Object.fromEntries(
  Object.entries(providerEnvSpecs).map(([id, spec]) => [id, spec.defaultBaseUrl === undefined ? spec.baseUrlVar : spec.keyVar]),
) as Record<ProviderId, string>;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The configured providers: those whose key is set (custom: whose base URL is set). */
export function loadProviderConfig(env: Record<string, string | undefined> = process.env): ProviderConfig {
  const config: ProviderConfig = {};
  for (const [id, spec] of Object.entries(providerEnvSpecs) as Array<[ProviderId, ProviderEnvSpec]>) {
    const apiKey = nonEmpty(env[spec.keyVar]);
    const baseUrl = nonEmpty(env[spec.baseUrlVar]) ?? spec.defaultBaseUrl;
    if (baseUrl === undefined) continue;
    if (apiKey === undefined && spec.defaultBaseUrl !== undefined) continue;
    // Trailing slashes would double up when adapters append their paths.
    config[id] = { baseUrl: baseUrl.replace(/\/+$/, ''), apiKey: apiKey ?? '' };
  }
  return config;
}
