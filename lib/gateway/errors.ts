// Every error the gateway answers with is a GatewayError carrying its HTTP status and OpenAI's
// error type/code/param; toErrorResponse is the one place that turns anything thrown into
// OpenAI's envelope `{"error":{"message","type","code","param"}}` (the SDKs parse exactly that).
import { buildOpenAiErrorBody } from '../providers/shared/openai-error-body';

export class GatewayError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  /** Extra response headers (e.g. retry-after on 429). */
  readonly headers: Record<string, string> | undefined;
  constructor(
    status: number,
    message: string,
    options: { type: string; code?: string | null; param?: string | null; headers?: Record<string, string>; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.status = status;
    this.type = options.type;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.headers = options.headers;
  }
}

/** 400: malformed JSON or a bad field (param names the field path, e.g. "messages.0.role"). */
export class InvalidRequestError extends GatewayError {
  constructor(message: string, param: string | null = null, code: string | null = null) {
    super(400, message, { type: 'invalid_request_error', code, param });
  }
}

/** 401: missing, malformed, unknown or revoked key. */
export class InvalidApiKeyError extends GatewayError {
  constructor(message = 'Invalid API key. Pass your LLMTest key as "Authorization: Bearer llmt_...".') {
    super(401, message, { type: 'invalid_request_error', code: 'invalid_api_key' });
  }
}

/** 404: unknown model (the message lists close ids), or an unknown /v1 path. */
export class NotFoundError extends GatewayError {
  constructor(message: string, code: string = 'not_found', param: string | null = null) {
    super(404, message, { type: 'invalid_request_error', code, param });
  }
}

export class MethodNotAllowedError extends GatewayError {
  constructor(method: string, allowed: string) {
    super(405, `Method ${method} is not allowed here; use ${allowed}.`, {
      type: 'invalid_request_error',
      code: 'method_not_allowed',
      headers: { allow: allowed },
    });
  }
}

export class PayloadTooLargeError extends GatewayError {
  constructor(limitBytes: number) {
    super(413, `Request body is larger than the limit of ${limitBytes} bytes.`, {
      type: 'invalid_request_error',
      code: 'request_too_large',
    });
  }
}

/** 402: a spend limit or the plan's allowance is reached (OpenAI's own code for "out of credit"). */
export class InsufficientQuotaError extends GatewayError {
  constructor(message: string) {
    super(402, message, { type: 'insufficient_quota', code: 'insufficient_quota' });
  }
}

/** 429: every upstream rate limited, or our own per-key / per-user limits (type requests|tokens, x-ratelimit-* headers). */
export class RateLimitError extends GatewayError {
  constructor(message: string, retryAfterSeconds?: number, options: { type?: 'requests' | 'tokens'; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.ceil(retryAfterSeconds));
    super(429, message, {
      type: options.type ?? 'requests',
      code: 'rate_limit_exceeded',
      headers: Object.keys(headers).length ? headers : undefined,
    });
  }
}

/**
 * An upstream's own client error (400/401/403/404/422 …), returned as-is: the request was wrong
 * for that provider, so another model would not help.
 */
export class UpstreamClientError extends GatewayError {
  constructor(status: number, message: string, code: string | null) {
    super(status, message, { type: status === 401 || status === 403 ? 'upstream_auth_error' : 'invalid_request_error', code });
  }
}

/** 502 / 503 / 504: every attempt failed; the message lists each one. */
export class AllUpstreamsFailedError extends GatewayError {
  constructor(status: 502 | 503 | 504, message: string, code: string) {
    super(status, message, { type: 'server_error', code });
  }
}

export interface ErrorResponse {
  status: number;
  body: string;
  headers: Record<string, string> | undefined;
  error: GatewayError;
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError(500, 'Internal gateway error.', { type: 'server_error', code: 'internal_error', cause: error });
}

/** The one mapping from anything thrown to OpenAI's error envelope. */
export function toErrorResponse(error: unknown): ErrorResponse {
  const gatewayError = toGatewayError(error);
  return {
    status: gatewayError.status,
    body: errorBody(gatewayError),
    headers: gatewayError.headers,
    error: gatewayError,
  };
}

export function errorBody(error: GatewayError): string {
  return buildOpenAiErrorBody({ message: error.message, type: error.type, code: error.code, param: error.param });
}
