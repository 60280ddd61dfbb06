import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from './index';
import { fixtureJson, fixtureText } from '../shared/translated-stream-test-helpers';

function body(type: string, message: string) {
  return JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_1' });
}

describe('anthropic mapError', () => {
  it('error-400-invalid-request fixture → invalid_request with the provider message', () => {
    const meta = fixtureJson('anthropic', 'error-400-invalid-request.meta.json');
    const error = anthropicAdapter.mapError(meta.status, fixtureText('anthropic', 'error-400-invalid-request.json'), meta.response_headers);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.providerMessage).toBe("This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.");
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('error-404-not-found fixture → not_found', () => {
    const meta = fixtureJson('anthropic', 'error-404-not-found.meta.json');
    const error = anthropicAdapter.mapError(meta.status, fixtureText('anthropic', 'error-404-not-found.json'), meta.response_headers);
    expect(error.kind).toBe('not_found');
    expect(error.providerMessage).toBe('model: claude-sonet-4-5');
  });

  it.each([
    [400, 'invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum', 'context_length'],
    [400, 'invalid_request_error', 'input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000', 'context_length'],
    [400, 'invalid_request_error', 'messages: text content blocks must be non-empty', 'invalid_request'],
    [401, 'authentication_error', 'invalid x-api-key', 'auth'],
    [403, 'permission_error', 'Your API key does not have permission to use the specified resource.', 'permission'],
    [404, 'not_found_error', 'model: nope', 'not_found'],
    [408, 'timeout_error', 'Request timed out', 'timeout'],
    [413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.', 'invalid_request'],
    [429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', 'rate_limited'],
    [500, 'api_error', 'Internal server error', 'server_error'],
    [529, 'overloaded_error', 'Overloaded', 'overloaded'],
    [504, 'timeout_error', 'Gateway timeout', 'timeout'],
  ])('%i %s → %s', (status, type, message, kind) => {
    const error = anthropicAdapter.mapError(status, body(type, message), {});
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.providerMessage).toBe(message);
  });

  it('reads retry-after on 429 (seconds, case-insensitive header name)', () => {
    const error = anthropicAdapter.mapError(429, body('rate_limit_error', 'slow down'), { 'Retry-After': '17' });
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(17);
  });

  it('falls back to the status when the body is not Anthropic JSON (e.g. a proxy HTML page)', () => {
    const error = anthropicAdapter.mapError(502, '<html>Bad gateway</html>', {});
    expect(error.kind).toBe('server_error');
    expect(error.providerMessage).toBe('<html>Bad gateway</html>');
    expect(anthropicAdapter.mapError(529, '', {}).kind).toBe('overloaded');
    expect(anthropicAdapter.mapError(429, '', { 'retry-after': '3' }).retryAfterSeconds).toBe(3);
  });
});
