import { describe, expect, it } from 'vitest';
import { readProviderFixture } from '../shared/test-helpers';
import { mapOpenAiError } from './map-openai-error';

describe('mapOpenAiError', () => {
  it('maps the recorded OpenAI error bodies with their messages', () => {
    const unsupported = mapOpenAiError(400, readProviderFixture('openai/error-400-unsupported-parameter.json').toString(), {});
    expect(unsupported.kind).toBe('invalid_request');
    expect(unsupported.providerMessage).toMatch(/^Unsupported parameter: 'max_tokens'/);
    expect(mapOpenAiError(400, readProviderFixture('openai/error-400-code-null.json').toString(), {}).kind).toBe('invalid_request');
    const notFound = mapOpenAiError(404, readProviderFixture('openai/error-404-model-not-found.json').toString(), {});
    expect(notFound).toMatchObject({ kind: 'not_found', status: 404 });
    expect(notFound.providerMessage).toContain('gpt-5.2-proo');
  });

  it('maps the OpenRouter 429 with the routed provider message and retry-after', () => {
    const error = mapOpenAiError(429, readProviderFixture('openrouter/error-429-upstream-rate-limited.json').toString(), { 'Retry-After': '7' });
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 7 });
    expect(error.providerMessage).toMatch(/^Provider returned error: google\/gemini-2.0-flash-exp:free is temporarily rate-limited/);
  });

  it('detects context length errors by code or message', () => {
    const byCode = JSON.stringify({ error: { message: 'too long', type: 'invalid_request_error', code: 'context_length_exceeded' } });
    expect(mapOpenAiError(400, byCode, {}).kind).toBe('context_length');
    const byMessage = JSON.stringify({ error: { message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens." } });
    expect(mapOpenAiError(400, byMessage, {}).kind).toBe('context_length');
  });

  it.each([
    [401, 'auth'],
    [402, 'unconfigured'],
    [403, 'permission'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'server_error'],
    [422, 'invalid_request'],
    [429, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
    [504, 'server_error'],
    [529, 'overloaded'],
  ])('maps HTTP %i to %s', (status, kind) => {
    expect(mapOpenAiError(status, '{"error":{"message":"m"}}', {}).kind).toBe(kind);
  });

  it('reads retry-after-ms first and tolerates non-JSON bodies', () => {
    const error = mapOpenAiError(429, 'Too Many Requests', { 'retry-after-ms': '1500', 'retry-after': '9' });
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 1.5, providerMessage: 'Too Many Requests' });
    expect(mapOpenAiError(503, '', {}).providerMessage).toBe('HTTP 503');
    expect(mapOpenAiError(429, JSON.stringify({ error: { message: 'quota', code: 'insufficient_quota' } }), {}).kind).toBe('unconfigured');
    expect(mapOpenAiError(422, JSON.stringify({ detail: [{ msg: 'bad' }] }), {}).providerMessage).toBe('[{"msg":"bad"}]');
  });
});
