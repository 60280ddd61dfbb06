// What an UpstreamError means for the next attempt (see UpstreamErrorKind in providers/types),
// and how long to wait before retrying the same model: exponential backoff with full jitter
// (a random wait in [0, min(cap, base·2^n)]), which spreads retries from many clients evenly;
// a Retry-After the upstream sent is honoured when it fits in the cap and the remaining deadline.
import type { UpstreamErrorKind } from '../providers/types';

const RETRY_SAME_MODEL = new Set<UpstreamErrorKind>(['rate_limited', 'overloaded', 'server_error', 'timeout', 'reset']);
const CLIENT_ERRORS = new Set<UpstreamErrorKind>(['invalid_request', 'auth', 'permission', 'not_found']);

export function isRetryable(kind: UpstreamErrorKind): boolean {
  return RETRY_SAME_MODEL.has(kind);
}

/** The client's own mistake as far as the upstream is concerned: returned as-is, no fallback. */
export function isClientError(kind: UpstreamErrorKind): boolean {
  return CLIENT_ERRORS.has(kind);
}

/** Failures that say something about the model/provider's health (they feed the circuit breaker). */
export function countsAgainstBreaker(kind: UpstreamErrorKind): boolean {
  return RETRY_SAME_MODEL.has(kind) || kind === 'connect' || kind === 'bad_response';
}

export interface BackoffInput {
  /** 0 for the first retry. */
  retryIndex: number;
  baseMs: number;
  maxMs: number;
  random: () => number;
  retryAfterSeconds: number | undefined;
  remainingMs: number;
}

/** Milliseconds to wait before the retry, or null when it would not fit (then fall back instead). */
export function backoffDelay(input: BackoffInput): number | null {
  let delay: number;
  if (input.retryAfterSeconds !== undefined) {
    delay = Math.ceil(input.retryAfterSeconds * 1000);
    if (delay > input.maxMs) return null;
  } else {
    const ceiling = Math.min(input.maxMs, input.baseMs * 2 ** input.retryIndex);
    delay = Math.floor(input.random() * ceiling);
  }
  // Leave the retry some time to actually run: waiting until the deadline helps nobody.
  return delay < input.remainingMs - 1000 ? delay : null;
}

/** setTimeout as a promise that resolves early (not rejects) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
