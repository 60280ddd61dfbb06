// Everything the call log needs about one call, filled in as the pipeline runs and turned into
// exactly one CallRecord at the end (recordCall is never awaited, and a throwing recorder must
// not break the response).
import { API_KEY_PREFIX, redactApiKeys } from '../auth/api-key-format';
import type { CallAttempt, CallRecord } from '../call-log/call-record';

export const NO_RESPONSE = 0;

export function capText(text: string, capBytes: number): { text: string; truncated: boolean } {
  // Fast path: even at 3 bytes a UTF-16 unit the text fits.
  if (text.length * 3 <= capBytes || Buffer.byteLength(text) <= capBytes) return { text, truncated: false };
  return { text: Buffer.from(text).subarray(0, capBytes).toString('utf8'), truncated: true };
}

export class CallState {
  readonly id: string;
  readonly createdAt: Date;
  readonly startedAt: number;
  userId = '';
  apiKeyId: string | null = null;
  flowName = 'unknown';
  requestedModel = '';
  servedModel: string | null = null;
  provider: string | null = null;
  stream = false;
  fellBack = false;
  contentFallback = false;
  jsonRepaired = false;
  inputTokens = 0;
  outputTokens = 0;
  cachedInputTokens = 0;
  costEstimated = false;
  inputCostMicros = 0;
  outputCostMicros = 0;
  cachedCostMicros = 0;
  costMicros = 0;
  ttftMs: number | null = null;
  attempts: CallAttempt[] = [];
  requestBody: string | null = null;
  requestTruncated = false;
  responseBody: string | null = null;
  responseTruncated = false;
  responseHeaders: Record<string, string> = {};
  /** 'benchmark' for internal replays (internal-call.ts): never billed, not production traffic. */
  source: CallRecord['source'] = 'production';
  /** Internal calls: receives the record too, after recordCall. */
  onRecorded: ((record: CallRecord) => void) | null = null;
  /** Set once the record was handed over; later finish() calls are ignored. */
  private recorded = false;

  constructor(id: string, createdAt: Date, startedAt: number) {
    this.id = id;
    this.createdAt = createdAt;
    this.startedAt = startedAt;
  }

  setRequestBody(text: string, capBytes: number): void {
    // Redacted before capping, so a cut can never leave a key's head unredacted.
    const capped = capText(redactApiKeys(text), capBytes);
    this.requestBody = capped.text;
    this.requestTruncated = capped.truncated;
  }

  setResponseBody(text: string, capBytes: number): void {
    // Redacted before capping, so a cut can never leave a key's head unredacted.
    const capped = capText(redactApiKeys(text), capBytes);
    this.responseBody = capped.text;
    this.responseTruncated = capped.truncated;
  }

  addAttempt(attempt: CallAttempt): void {
    this.attempts.push(attempt);
  }

  /** Builds the record and hands it to the recorder exactly once. */
  finish(
    recordCall: (record: CallRecord) => void,
    outcome: { status: CallRecord['status']; httpStatus: number; errorType?: string | null; errorMessage?: string | null; latencyMs: number },
  ): void {
    if (this.recorded || this.userId === '') return; // unauthenticated calls are not logged (no owner)
    this.recorded = true;
    const record: CallRecord = {
      id: this.id,
      userId: this.userId,
      apiKeyId: this.apiKeyId,
      flowName: this.flowName,
      createdAt: this.createdAt,
      requestedModel: this.requestedModel,
      servedModel: this.servedModel,
      provider: this.provider,
      status: outcome.status,
      httpStatus: outcome.httpStatus,
      errorType: outcome.errorType ?? null,
      errorMessage: outcome.errorMessage ? redactApiKeys(outcome.errorMessage) : null,
      stream: this.stream,
      fellBack: this.fellBack,
      contentFallback: this.contentFallback,
      jsonRepaired: this.jsonRepaired,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      cachedInputTokens: this.cachedInputTokens,
      costEstimated: this.costEstimated,
      inputCostMicros: this.inputCostMicros,
      outputCostMicros: this.outputCostMicros,
      cachedCostMicros: this.cachedCostMicros,
      costMicros: this.costMicros,
      latencyMs: Math.round(outcome.latencyMs),
      ttftMs: this.ttftMs === null ? null : Math.round(this.ttftMs),
      attempts: this.attempts.map((attempt) => (attempt.message?.includes(API_KEY_PREFIX) ? { ...attempt, message: redactApiKeys(attempt.message) } : attempt)),
      requestBody: this.requestBody,
      requestTruncated: this.requestTruncated,
      responseBody: this.responseBody,
      responseTruncated: this.responseTruncated,
      responseHeaders: this.responseHeaders,
      source: this.source,
    };
    try {
      recordCall(record);
    } catch {
      // The call log must never fail a call.
    }
    this.onRecorded?.(record);
  }
}
