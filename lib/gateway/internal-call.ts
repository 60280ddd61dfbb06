// Calls made by the server itself through the same pipeline as /v1/chat/completions (benchmark
// replays, judge calls): same validation, route planning, adapters, retries, JSON recovery, cost
// and call log, without an API key. The owner is given instead, the record carries `source`
// (benchmark rows are never billed nor counted as the flow's production traffic), and fallbacks
// are off unless asked for: a replay measures the model it names.
import type { CallRecord } from '../call-log/call-record';
import { handleChatCompletion } from './handle-chat-completion';
import type { IncomingCall } from './io';
import type { GatewayRuntime } from './runtime';

export interface InternalCallRequest {
  userId: string;
  /** No key: internal calls are attributed to their owner only. */
  apiKeyId: null;
  /** The flow the record is filed under (X-Flow). */
  flowName: string;
  /** A /v1/chat/completions request body (JSON text). */
  body: string;
  source: Exclude<CallRecord['source'], 'production'>;
  /** false: only the named model is tried (no flow chain, no catalog chain). */
  fallbacks: boolean;
  /** Aborting it cancels the call at once (recorded as cancelled). */
  signal?: AbortSignal;
}

/** What the pipeline hands to handleChatCompletion for an internal call. */
export interface InternalCallOptions {
  userId: string;
  source: InternalCallRequest['source'];
  fallbacks: boolean;
  /** Receives the call's one CallRecord (after it went to deps.recordCall). */
  onRecorded(record: CallRecord): void;
}

export interface InternalCallResult {
  /** The HTTP status a client would have seen (200, 4xx, 5xx, 499 when cancelled). */
  status: number;
  /** The call's record as written to the call log: timings, tokens, cost, attempts, bodies. */
  record: CallRecord;
}

/** After the answer was fully consumed, the record follows within moments (cost settling). */
const RECORD_WAIT_MS = 10_000;

export async function runInternalCall(runtime: GatewayRuntime, request: InternalCallRequest): Promise<InternalCallResult> {
  let onRecorded!: (record: CallRecord) => void;
  const recorded = new Promise<CallRecord>((resolve) => (onRecorded = resolve));
  const call: IncomingCall = {
    method: 'POST',
    path: '/v1/chat/completions',
    header: (name) => (name === 'x-flow' ? request.flowName : undefined),
    readBody: async () => request.body,
    onClientGone(callback) {
      const signal = request.signal;
      if (!signal) return;
      if (signal.aborted) callback();
      else signal.addEventListener('abort', callback, { once: true });
    },
  };
  const response = await handleChatCompletion(runtime, call, { userId: request.userId, source: request.source, fallbacks: request.fallbacks, onRecorded });
  if (typeof response.body !== 'string') {
    // A streamed replay is read to its end like a client would; the record is written at the end.
    const body = response.body;
    try {
      while ((await body.next()) !== null) {
        // discard: the assembled answer is in the record
      }
    } catch {
      body.cancel();
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const record = await Promise.race([
    recorded,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('internal call: no call record')), RECORD_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  return { status: response.status, record };
}
