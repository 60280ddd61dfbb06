// Non-2xx Gemini answers (and in-stream error objects) → UpstreamError.
// Body shape (google.rpc.Status): {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED",
// "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"34.4s"}, ...]}}.
import { parseRetryAfterSeconds, type HeaderBag } from '../shared/retry-after';
import { UpstreamError, type UpstreamErrorKind } from '../types';
import { geminiErrorBodySchema, type GeminiErrorObject } from './gemini-api-schemas';
import { safeParseJson } from '../shared/parse-json';

// "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576)."
const CONTEXT_LENGTH_PATTERN = /exceeds the maximum number of tokens|input token count|token limit|too many tokens|context (?:length|window)/i;
// A bad key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401.
const API_KEY_PATTERN = /api key not valid|api_key_invalid|invalid api key/i;

function isApiKeyProblem(error: GeminiErrorObject | undefined, message: string): boolean {
  return API_KEY_PATTERN.test(message) || (error?.details ?? []).some((detail) => detail.reason === 'API_KEY_INVALID');
}

function kindFromStatusName(name: string | null | undefined): UpstreamErrorKind | undefined {
  switch (name) {
    case 'INVALID_ARGUMENT':
    case 'FAILED_PRECONDITION':
    case 'OUT_OF_RANGE':
      return 'invalid_request';
    case 'UNAUTHENTICATED':
      return 'auth';
    case 'PERMISSION_DENIED':
      return 'permission';
    case 'NOT_FOUND':
      return 'not_found';
    case 'RESOURCE_EXHAUSTED':
      return 'rate_limited';
    case 'INTERNAL':
    case 'UNKNOWN':
    case 'UNAVAILABLE':
    case 'DATA_LOSS':
    case 'ABORTED':
      return 'server_error';
    case 'DEADLINE_EXCEEDED':
    case 'CANCELLED':
      return 'timeout';
    default:
      return undefined;
  }
}

function kindFromHttpStatus(status: number): UpstreamErrorKind {
  if (status === 400) return 'invalid_request';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

/** "34.4s" (google.protobuf.Duration JSON) → 34.4. */
function retryDelaySeconds(error: GeminiErrorObject | undefined): number | undefined {
  for (const detail of error?.details ?? []) {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay?.trim() ?? '');
    if (match) return Number(match[1]);
  }
  return undefined;
}

export function classifyGeminiError(
  error: GeminiErrorObject | undefined,
  status: number | undefined,
  fallbackMessage: string,
): { kind: UpstreamErrorKind; message: string; retryAfterSeconds: number | undefined } {
  const message = error?.message || fallbackMessage;
  const httpStatus = status ?? error?.code ?? undefined;
  let kind = kindFromStatusName(error?.status) ?? (httpStatus !== undefined ? kindFromHttpStatus(httpStatus) : 'server_error');
  if (kind === 'invalid_request' || kind === 'permission') {
    if (isApiKeyProblem(error, message)) kind = 'auth';
    else if (kind === 'invalid_request' && CONTEXT_LENGTH_PATTERN.test(message)) kind = 'context_length';
  }
  return { kind, message, retryAfterSeconds: retryDelaySeconds(error) };
}

export function mapGeminiError(status: number, body: string, headers: HeaderBag): UpstreamError {
  const parsed = safeParseJson(body, geminiErrorBodySchema);
  const error = parsed.success ? (Array.isArray(parsed.value) ? parsed.value[0].error : parsed.value.error) : undefined;
  const fallback = body.trim().slice(0, 500) || `HTTP ${status}`;
  const { kind, message, retryAfterSeconds } = classifyGeminiError(error, status, fallback);
  return new UpstreamError(kind, message, { status, retryAfterSeconds: retryAfterSeconds ?? parseRetryAfterSeconds(headers) });
}
