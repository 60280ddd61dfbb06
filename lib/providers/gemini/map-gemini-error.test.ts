import { describe, expect, it } from 'vitest';
import { geminiAdapter } from './index';
import { fixtureJson, fixtureText } from '../shared/translated-stream-test-helpers';

function body(code: number, status: string, message: string, details?: unknown[]) {
  return JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });
}

describe('gemini mapError', () => {
  it('error-400-invalid-argument-vertex fixture → invalid_request', () => {
    const meta = fixtureJson('gemini', 'error-400-invalid-argument-vertex.meta.json');
    const error = geminiAdapter.mapError(meta.status, fixtureText('gemini', 'error-400-invalid-argument-vertex.json'), meta.response_headers);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.providerMessage).toMatch(/^Cannot fetch content from the provided URL/);
  });

  it('error-404-not-found fixture → not_found', () => {
    const meta = fixtureJson('gemini', 'error-404-not-found.meta.json');
    const error = geminiAdapter.mapError(404, fixtureText('gemini', 'error-404-not-found.json'), meta.response_headers);
    expect(error.kind).toBe('not_found');
    expect(error.providerMessage).toMatch(/^models\/gemini-3.6-flahs is not found/);
  });

  it('error-429-resource-exhausted fixture → rate_limited with retryDelay 34.4s', () => {
    const error = geminiAdapter.mapError(429, fixtureText('gemini', 'error-429-resource-exhausted.json'), {});
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(34.4);
    expect(error.providerMessage).toBe('You exceeded your current quota, please check your plan.');
  });

  it.each([
    [400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', 'context_length'],
    [400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'auth'],
    [400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.', 'invalid_request'],
    [401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.', 'auth'],
    [403, 'PERMISSION_DENIED', 'Permission denied on resource project.', 'permission'],
    [404, 'NOT_FOUND', 'models/x is not found', 'not_found'],
    [500, 'INTERNAL', 'An internal error has occurred.', 'server_error'],
    [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', 'server_error'],
    [504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.', 'timeout'],
  ])('%i %s → %s', (status, name, message, kind) => {
    const error = geminiAdapter.mapError(status, body(status, name, message), {});
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.providerMessage).toBe(message);
  });

  it('API_KEY_INVALID reason in details → auth', () => {
    const details = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }];
    expect(geminiAdapter.mapError(400, body(400, 'INVALID_ARGUMENT', 'Bad key', details), {}).kind).toBe('auth');
  });

  it('accepts the array-wrapped error body of the non-SSE stream endpoint, and non-JSON bodies', () => {
    expect(geminiAdapter.mapError(429, `[${body(429, 'RESOURCE_EXHAUSTED', 'quota')}]`, { 'retry-after': '5' })).toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 5,
      providerMessage: 'quota',
    });
    expect(geminiAdapter.mapError(502, 'Bad Gateway', {})).toMatchObject({ kind: 'server_error', providerMessage: 'Bad Gateway' });
    expect(geminiAdapter.mapError(503, '', {})).toMatchObject({ kind: 'server_error', providerMessage: 'HTTP 503' });
  });
});
