import { describe, expect, it } from 'vitest';
import { loadProviderConfig, providerEnvVar } from './config';

describe('loadProviderConfig', () => {
  it('configures nothing from an empty environment', () => {
    expect(loadProviderConfig({})).toEqual({});
  });

  it('uses each SDK default base URL when only the key is set', () => {
    const config = loadProviderConfig({
      OPENAI_API_KEY: 'o',
      ANTHROPIC_API_KEY: 'a',
      GEMINI_API_KEY: 'g',
      OPENROUTER_API_KEY: 'r',
      GROQ_API_KEY: 'q',
      TOGETHER_API_KEY: 't',
      DEEPSEEK_API_KEY: 'd',
      MISTRAL_API_KEY: 'm',
      XAI_API_KEY: 'x',
      FIREWORKS_API_KEY: 'f',
    });
    expect(config).toEqual({
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: 'o' },
      anthropic: { baseUrl: 'https://api.anthropic.com', apiKey: 'a' },
      gemini: { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'g' },
      openrouter: { baseUrl: 'https://openrouter.ai/api/v1', apiKey: 'r' },
      groq: { baseUrl: 'https://api.groq.com/openai/v1', apiKey: 'q' },
      together: { baseUrl: 'https://api.together.xyz/v1', apiKey: 't' },
      deepseek: { baseUrl: 'https://api.deepseek.com/v1', apiKey: 'd' },
      mistral: { baseUrl: 'https://api.mistral.ai/v1', apiKey: 'm' },
      xai: { baseUrl: 'https://api.x.ai/v1', apiKey: 'x' },
      fireworks: { baseUrl: 'https://api.fireworks.ai/inference/v1', apiKey: 'f' },
    });
  });

  it('honours base URL overrides, trimming trailing slashes, and ignores blank keys', () => {
    const config = loadProviderConfig({ OPENAI_API_KEY: 'o', OPENAI_BASE_URL: 'http://127.0.0.1:4010/openai/v1/', ANTHROPIC_API_KEY: '  ', ANTHROPIC_BASE_URL: 'http://x' });
    expect(config).toEqual({ openai: { baseUrl: 'http://127.0.0.1:4010/openai/v1', apiKey: 'o' } });
  });

  it('configures the custom host by its base URL, with or without a key', () => {
    expect(loadProviderConfig({ LLMTEST_CUSTOM_BASE_URL: 'http://localhost:11434/v1' })).toEqual({ custom: { baseUrl: 'http://localhost:11434/v1', apiKey: '' } });
    expect(loadProviderConfig({ LLMTEST_CUSTOM_BASE_URL: 'http://vllm/v1', LLMTEST_CUSTOM_API_KEY: 'k' }).custom).toEqual({ baseUrl: 'http://vllm/v1', apiKey: 'k' });
    expect(loadProviderConfig({ LLMTEST_CUSTOM_API_KEY: 'k' })).toEqual({});
  });

  it('names the variable to set for each provider', () => {
    expect(providerEnvVar.openai).toBe('OPENAI_API_KEY');
    expect(providerEnvVar.gemini).toBe('GEMINI_API_KEY');
    expect(providerEnvVar.custom).toBe('LLMTEST_CUSTOM_BASE_URL');
    expect(Object.keys(providerEnvVar)).toHaveLength(11);
  });
});
