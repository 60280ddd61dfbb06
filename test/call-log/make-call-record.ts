// Call records for tests: valid by default, any field overridable.
import { randomBytes } from 'node:crypto';
import type { CallRecord } from '../../lib/call-log/call-record';

let counter = 0;

export function makeCallRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  counter += 1;
  return {
    id: `req_${counter}_${randomBytes(4).toString('hex')}`,
    userId: 'user_1',
    apiKeyId: null,
    flowName: 'unknown',
    createdAt: new Date(),
    requestedModel: 'gpt-4o-mini',
    servedModel: 'gpt-4o-mini',
    provider: 'openai',
    status: 'ok',
    httpStatus: 200,
    errorType: null,
    errorMessage: null,
    stream: false,
    fellBack: false,
    contentFallback: false,
    jsonRepaired: false,
    inputTokens: 10,
    outputTokens: 20,
    cachedInputTokens: 0,
    costEstimated: false,
    inputCostMicros: 15,
    outputCostMicros: 60,
    cachedCostMicros: 0,
    costMicros: 75,
    latencyMs: 123,
    ttftMs: null,
    attempts: [{ model: 'gpt-4o-mini', provider: 'openai', status: 200, reason: 'ok', latencyMs: 120 }],
    requestBody: '{"model":"gpt-4o-mini","messages":[]}',
    requestTruncated: false,
    responseBody: '{"choices":[]}',
    responseTruncated: false,
    responseHeaders: { 'content-type': 'application/json' },
    source: 'production',
    ...overrides,
  };
}

export function makeCallRecords(count: number, overrides: Partial<CallRecord> = {}): CallRecord[] {
  return Array.from({ length: count }, () => makeCallRecord(overrides));
}
