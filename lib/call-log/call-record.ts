// What the gateway hands to the call log for every call: one plain object, built once when the
// call ends and pushed onto an in-memory queue (never awaited on the request path).
// Field names match the CallLog table (prisma/schema.prisma).

export interface CallAttempt {
  model: string;
  provider: string;
  /** HTTP status from upstream, or 0 when no answer came (connect error, reset, timeout). */
  status: number;
  /** "ok", or why it failed: an UpstreamErrorKind ("rate_limited", "timeout", ...) or "invalid_json". */
  reason: string;
  /** The upstream's message for failures, trimmed. */
  message?: string;
  latencyMs: number;
}

export interface CallRecord {
  /** The request id also returned in x-llmtest-request-id. */
  id: string;
  userId: string;
  apiKeyId: string | null;
  /** Flow name from X-Flow ("unknown" when absent); the writer resolves/creates the Flow row. */
  flowName: string;
  createdAt: Date;
  requestedModel: string;
  servedModel: string | null;
  provider: string | null;
  status: 'ok' | 'error' | 'cancelled';
  httpStatus: number;
  errorType: string | null;
  errorMessage: string | null;
  stream: boolean;
  fellBack: boolean;
  contentFallback: boolean;
  jsonRepaired: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costEstimated: boolean;
  /** Integer micro-dollars. */
  inputCostMicros: number;
  outputCostMicros: number;
  cachedCostMicros: number;
  costMicros: number;
  latencyMs: number;
  ttftMs: number | null;
  attempts: CallAttempt[];
  /** Capped (64 KB) request body as received, Authorization never included. */
  requestBody: string | null;
  requestTruncated: boolean;
  responseBody: string | null;
  responseTruncated: boolean;
  responseHeaders: Record<string, string>;
  source: 'production' | 'benchmark';
}
