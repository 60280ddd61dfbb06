import { parseRetryAfterSeconds, type HeaderBag } from '../shared/retry-after';
import { UpstreamError, type UpstreamErrorKind } from '../types';
import { openAiErrorBodySchema, type OpenAiErrorObject } from './openai-schemas';

const CONTEXT_LENGTH_MESSAGE =
  /maximum context length|context[ _-]length|context window|prompt is too long|too many tokens|reduce the length of the messages/i;

interface ErrorDetails {
  message: string;
  code: string | number | undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeErrorObject(error: OpenAiErrorObject): ErrorDetails {
  let message = error.message ?? '';
  // OpenRouter wraps the routed provider's own message in metadata.raw ("Provider returned error").
  const raw = error.metadata?.raw;
  if (typeof raw === 'string' && raw.length > 0 && !message.includes(raw)) message = message ? `${message}: ${raw}` : raw;
  return { message, code: error.code ?? undefined };
}

/** Message and code from any of the error body shapes OpenAI-format hosts use. */
export function describeOpenAiErrorBody(body: string): ErrorDetails {
  const parsed = openAiErrorBodySchema.safeParse(parseJson(body));
  if (parsed.success) {
    const { error, message, detail } = parsed.data;
    if (error && typeof error === 'object') {
      const details = describeErrorObject(error);
      if (details.message) return details;
    }
    if (typeof error === 'string' && error) return { message: error, code: undefined };
    if (message) return { message, code: undefined };
    if (typeof detail === 'string' && detail) return { message: detail, code: undefined };
    if (detail !== undefined && detail !== null) return { message: JSON.stringify(detail), code: undefined };
  }
  // Not JSON (an HTML page from a proxy, plain text): keep a bounded excerpt.
  return { message: body.trim().slice(0, 500), code: undefined };
}

function isContextLength(details: ErrorDetails): boolean {
  return details.code === 'context_length_exceeded' || CONTEXT_LENGTH_MESSAGE.test(details.message);
}

/** The error kind for an HTTP status (also used for the numeric `code` of in-stream errors). */
export function errorKindForStatus(status: number, details: ErrorDetails): UpstreamErrorKind {
  if (details.code === 'context_length_exceeded') return 'context_length';
  // Out of credits / quota: retrying cannot help, but another provider can, so this is treated
  // like a provider that is not usable right now rather than a rate limit.
  if (status === 402 || details.code === 'insufficient_quota') return 'unconfigured';
  switch (status) {
    case 400:
    case 413:
      return isContextLength(details) ? 'context_length' : 'invalid_request';
    case 401:
      return 'auth';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 409:
      // OpenAI answers 409 on transient lock conflicts; its SDK retries them too.
      return 'server_error';
    case 429:
      return 'rate_limited';
    case 529:
      return 'overloaded';
    default:
      if (status >= 500) return 'server_error';
      if (status >= 400) return isContextLength(details) ? 'context_length' : 'invalid_request';
      // A 2xx/3xx reaching error mapping means the body was not a usable answer.
      return 'bad_response';
  }
}

export function mapOpenAiError(status: number, body: string, headers: HeaderBag): UpstreamError {
  const details = describeOpenAiErrorBody(body);
  const kind = errorKindForStatus(status, details);
  const message = details.message || `HTTP ${status}`;
  return new UpstreamError(kind, message, { status, retryAfterSeconds: parseRetryAfterSeconds(headers) });
}

/** An error object found inside a 200 answer (OpenRouter mid-stream errors, `{error}` bodies). */
export function upstreamErrorFromObject(error: OpenAiErrorObject | string): UpstreamError {
  if (typeof error === 'string') return new UpstreamError('server_error', error);
  const details = describeErrorObject(error);
  // The numeric code is an HTTP-like status chosen by the host; the real HTTP status was 2xx, so
  // it only picks the kind and is not reported as `status`.
  const kind =
    typeof error.code === 'number' ? errorKindForStatus(error.code, details) : isContextLength(details) ? 'context_length' : 'server_error';
  return new UpstreamError(kind, details.message || 'upstream error');
}
