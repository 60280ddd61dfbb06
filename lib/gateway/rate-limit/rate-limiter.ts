// Rate limits per API key and per user: requests and tokens per minute (fixed one-minute windows).
// Before a call: one request and an estimate of its prompt tokens (body bytes / 4: cheap, no
// tokenizer on the hot path) are charged to every configured counter at once, or the call is
// refused with 429 + Retry-After (the window's end). After the call, settle() replaces the
// estimate with the real usage (input + output tokens) in the same window, or, when the window
// has turned, adds what the call used beyond its estimate to the current one.
// Limit of fixed windows: a client can pass up to twice a limit across a window boundary.
import { RateLimitError } from '../errors';
import type { RateLimitCounter, RateLimitStore } from './rate-limit-store';

export interface RateLimits {
  /** 0 = no limit. */
  keyRequestsPerMinute: number;
  keyTokensPerMinute: number;
  userRequestsPerMinute: number;
  userTokensPerMinute: number;
}

export interface RateLimitRequest {
  callId: string;
  userId: string;
  apiKeyId: string;
  estimatedTokens: number;
  now: number;
}

export interface RateLimiter {
  /** The x-ratelimit-* headers for the response; throws RateLimitError (429) when over a limit. */
  acquire(request: RateLimitRequest): Record<string, string> | Promise<Record<string, string>>;
  /** The call's real token usage (its record), replacing the estimate. */
  settle(callId: string, actualTokens: number, now: number): void;
  close?(): void;
}

export const WINDOW_MS = 60_000;

/** Prompt tokens from the body size: ~4 bytes a token for English and JSON (corrected after the call). */
export function estimatePromptTokens(bodyBytes: number): number {
  return Math.max(1, Math.ceil(bodyBytes / 4));
}

interface Counter extends RateLimitCounter {
  kind: 'requests' | 'tokens';
  scope: 'API key' | 'account';
  unit: string;
}

interface Reservation {
  windowId: number;
  estimate: number;
  tokenKeys: string[];
}

export function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const seconds = Math.ceil(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
}

export function createRateLimiter(limits: RateLimits, store: RateLimitStore, options: { maxReservations?: number } = {}): RateLimiter {
  const reservations = new Map<string, Reservation>();
  const maxReservations = options.maxReservations ?? 100_000;

  function countersFor(request: RateLimitRequest): Counter[] {
    const list: Counter[] = [];
    const push = (limit: number, key: string, kind: Counter['kind'], scope: Counter['scope'], unit: string, amount: number) => {
      if (limit > 0) list.push({ key, limit, amount, kind, scope, unit });
    };
    push(limits.keyRequestsPerMinute, `k:${request.apiKeyId}:rpm`, 'requests', 'API key', 'requests per minute (RPM)', 1);
    push(limits.keyTokensPerMinute, `k:${request.apiKeyId}:tpm`, 'tokens', 'API key', 'tokens per minute (TPM)', request.estimatedTokens);
    push(limits.userRequestsPerMinute, `u:${request.userId}:rpm`, 'requests', 'account', 'requests per minute (RPM)', 1);
    push(limits.userTokensPerMinute, `u:${request.userId}:tpm`, 'tokens', 'account', 'tokens per minute (TPM)', request.estimatedTokens);
    return list;
  }

  /** OpenAI's headers, for the tightest counter of each kind. */
  function headersFor(counters: Counter[], counts: number[], resetMs: number): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const kind of ['requests', 'tokens'] as const) {
      let tightest = -1;
      counters.forEach((counter, index) => {
        if (counter.kind !== kind) return;
        const remaining = counter.limit - counts[index]!;
        if (tightest < 0 || remaining < counters[tightest]!.limit - counts[tightest]!) tightest = index;
      });
      if (tightest < 0) continue;
      const counter = counters[tightest]!;
      headers[`x-ratelimit-limit-${kind}`] = String(counter.limit);
      headers[`x-ratelimit-remaining-${kind}`] = String(Math.max(0, counter.limit - counts[tightest]!));
      headers[`x-ratelimit-reset-${kind}`] = formatResetDuration(resetMs);
    }
    return headers;
  }

  function decide(request: RateLimitRequest, counters: Counter[], windowId: number, refused: number, counts: number[]): Record<string, string> {
    const resetMs = (windowId + 1) * WINDOW_MS - request.now;
    const headers = headersFor(counters, counts, resetMs);
    if (refused === 0) {
      const tokenKeys = counters.filter((c) => c.kind === 'tokens').map((c) => c.key);
      if (tokenKeys.length) {
        if (reservations.size >= maxReservations) reservations.delete(reservations.keys().next().value!);
        reservations.set(request.callId, { windowId, estimate: request.estimatedTokens, tokenKeys });
      }
      return headers;
    }
    const counter = counters[refused - 1]!;
    const used = counts[refused - 1]!;
    if (counter.amount > counter.limit) {
      // Waiting would not help: this one request is larger than the whole budget.
      throw new RateLimitError(
        `Request too large for the ${counter.unit} limit of your ${counter.scope}: about ${counter.amount} tokens estimated, limit ${counter.limit}. Send a smaller request.`,
        undefined,
        { type: counter.kind, headers },
      );
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    throw new RateLimitError(
      `Rate limit reached for ${counter.unit} on your ${counter.scope}: limit ${counter.limit}, used ${used}, requested ${counter.amount}. Please try again in ${retryAfterSeconds}s.`,
      retryAfterSeconds,
      { type: counter.kind, headers },
    );
  }

  return {
    acquire(request) {
      const counters = countersFor(request);
      if (counters.length === 0) return {};
      const windowId = Math.floor(request.now / WINDOW_MS);
      const result = store.consume(counters, windowId, WINDOW_MS);
      if (result instanceof Promise) return result.then(({ refused, counts }) => decide(request, counters, windowId, refused, counts));
      return decide(request, counters, windowId, result.refused, result.counts);
    },
    settle(callId, actualTokens, now) {
      const reservation = reservations.get(callId);
      if (!reservation) return;
      reservations.delete(callId);
      const delta = actualTokens - reservation.estimate;
      const windowId = Math.floor(now / WINDOW_MS);
      // A refund only makes sense in the window that was charged; an excess counts now.
      if (delta === 0 || (delta < 0 && windowId !== reservation.windowId)) return;
      const target = delta < 0 ? reservation.windowId : windowId;
      for (const key of reservation.tokenKeys) store.add(key, delta, target, WINDOW_MS);
    },
    close() {
      store.close?.();
    },
  };
}
