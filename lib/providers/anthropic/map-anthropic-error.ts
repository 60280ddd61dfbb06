// Non-2xx Anthropic answers (and in-stream `error` events) → UpstreamError.
// Body shape: {"type":"error","error":{"type":"invalid_request_error","message":"..."},"request_id":"req_..."}.
import { parseRetryAfterSeconds, type HeaderBag } from '../shared/retry-after';
import { UpstreamError, type UpstreamErrorKind } from '../types';
import { anthropicErrorSchema } from './anthropic-api-schemas';
import { safeParseJson } from '../shared/parse-json';

// "prompt is too long: 208310 tokens > 200000 maximum", and the max_tokens variant
// "input length and `max_tokens` exceed context limit: ...".
const CONTEXT_LENGTH_PATTERN = /prompt is too long|exceed(?:s|ed)? (?:the )?context (?:limit|window)|context window|too many (?:input )?tokens/i;

function kindFromErrorType(type: string | null | undefined, message: string): UpstreamErrorKind | undefined {
  switch (type) {
    case 'invalid_request_error':
      return CONTEXT_LENGTH_PATTERN.test(message) ? 'context_length' : 'invalid_request';
    case 'authentication_error':
      return 'auth';
    case 'permission_error':
      return 'permission';
    case 'not_found_error':
      return 'not_found';
    case 'request_too_large':
      return 'invalid_request';
    case 'rate_limit_error':
      return 'rate_limited';
    case 'api_error':
      return 'server_error';
    case 'overloaded_error':
      return 'overloaded';
    case 'timeout_error':
      return 'timeout';
    default:
      return undefined;
  }
}

function kindFromStatus(status: number, message: string): UpstreamErrorKind {
  if (status === 400) return CONTEXT_LENGTH_PATTERN.test(message) ? 'context_length' : 'invalid_request';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'invalid_request';
  if (status === 429) return 'rate_limited';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** An error object from a body or an in-stream `error` event → its kind and message. */
export function classifyAnthropicError(
  error: { type?: string | null; message?: string | null } | null | undefined,
  status: number | undefined,
  fallbackMessage: string,
): { kind: UpstreamErrorKind; message: string } {
  const message = error?.message || fallbackMessage;
  // The status decides where it is unambiguous (a proxy in front of Anthropic may send its own
  // body); the error type refines 400s and covers in-stream errors, which have no status.
  const byType = kindFromErrorType(error?.type, message);
  if (status === undefined) return { kind: byType ?? 'server_error', message };
  if (status === 400 || byType === undefined) return { kind: byType ?? kindFromStatus(status, message), message };
  return { kind: kindFromStatus(status, message), message };
}

export function mapAnthropicError(status: number, body: string, headers: HeaderBag): UpstreamError {
  const parsed = safeParseJson(body, anthropicErrorSchema);
  const error = parsed.success ? parsed.value.error : undefined;
  const fallback = body.trim().slice(0, 500) || `HTTP ${status}`;
  const { kind, message } = classifyAnthropicError(error, status, fallback);
  return new UpstreamError(kind, message, { status, retryAfterSeconds: parseRetryAfterSeconds(headers) });
}
