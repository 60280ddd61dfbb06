// The attempt loop: candidates in order; on each, retries with backoff for transient failures
// (within the call deadline), then fallback to the next candidate. Upstream client errors
// (400/401/403/404) end the call as-is; context_length brings in a larger-context model; the
// circuit breaker skips model@provider pairs that keep failing; in JSON mode, content that is
// not the JSON asked for (after repair) moves on to the next model ("content fallback").
import type { CallAttempt } from '../call-log/call-record';
import { type ChatCompletion, UpstreamError } from '../providers/types';
import { attemptCompletion, attemptStream, type StartedStream } from './attempt';
import { NO_RESPONSE } from './call-state';
import { breakerKey } from './circuit-breaker';
import { AllUpstreamsFailedError, type GatewayError, RateLimitError, UpstreamClientError } from './errors';
import { checkJsonContent } from './json-recovery';
import { backoffDelay, countsAgainstBreaker, isClientError, isRetryable, sleep } from './retry-policy';
import { type Candidate, toCandidate } from './route-plan';
import type { CallContext } from './runtime';
import { CallAborted, classifyNetworkError } from './upstream-client';

export type Served =
  | { kind: 'completion'; candidate: Candidate; completion: ChatCompletion; index: number }
  | { kind: 'stream'; candidate: Candidate; stream: StartedStream; index: number };

const MESSAGE_LIMIT = 300;
/** Attempt reasons that mean the candidate was skipped without sending anything. */
const NOT_TRIED = new Set(['unconfigured', 'unsupported', 'circuit_open']);

export async function runAttempts(context: CallContext, candidates: Candidate[]): Promise<Served> {
  const { runtime, state, parsed } = context;
  const { config } = runtime;
  let jsonFailures = 0;
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    const provider = candidate.target?.provider ?? candidate.model.routes[0]?.provider ?? 'none';
    if (candidate.skip) {
      state.addAttempt({ model: candidate.model.id, provider, status: NO_RESPONSE, reason: candidate.skip.reason, message: candidate.skip.message, latencyMs: 0 });
      continue;
    }
    const key = breakerKey(candidate.model.id, provider);
    if (!(await runtime.breaker.allow(key, runtime.now()))) {
      state.addAttempt({ model: candidate.model.id, provider, status: NO_RESPONSE, reason: 'circuit_open', message: 'skipped: failing repeatedly, cooling down', latencyMs: 0 });
      continue;
    }
    for (let retry = 0; ; retry++) {
      if (runtime.monotonicNow() >= context.deadlineAt) throw allFailed(context, 'deadline');
      const started = runtime.monotonicNow();
      try {
        if (parsed.stream) {
          const stream = await attemptStream(context, candidate);
          runtime.breaker.recordSuccess(key);
          return { kind: 'stream', candidate, stream, index };
        }
        const completion = await attemptCompletion(context, candidate);
        runtime.breaker.recordSuccess(key);
        const jsonProblem = parsed.jsonMode ? acceptJson(completion) : null;
        if (jsonProblem !== null) {
          jsonFailures++;
          state.contentFallback = true;
          state.addAttempt(attempt(candidate, provider, 200, 'invalid_json', jsonProblem, runtime.monotonicNow() - started));
          break;
        }
        state.addAttempt(attempt(candidate, provider, 200, 'ok', undefined, runtime.monotonicNow() - started));
        return { kind: 'completion', candidate, completion, index };
      } catch (thrown) {
        const error = thrown instanceof UpstreamError || thrown instanceof CallAborted ? thrown : classifyNetworkError(thrown, context.signal);
        const latency = runtime.monotonicNow() - started;
        if (error instanceof CallAborted) {
          state.addAttempt(attempt(candidate, provider, NO_RESPONSE, error.reason === 'deadline' ? 'timeout' : 'cancelled', error.message, latency));
          if (error.reason === 'deadline') throw allFailed(context, 'deadline');
          throw error;
        }
        if (!(error instanceof UpstreamError)) throw error;
        state.addAttempt(attempt(candidate, provider, error.status ?? NO_RESPONSE, error.kind, error.providerMessage, latency));
        if (countsAgainstBreaker(error.kind)) runtime.breaker.recordFailure(key, runtime.now());
        // An upstream's own 4xx is the client's problem with this request: no other model would help.
        if (isClientError(error.kind) && error.status !== undefined) {
          throw new UpstreamClientError(error.status, `${provider}: ${error.providerMessage}`, error.kind);
        }
        if (error.kind === 'context_length') {
          const larger = runtime.deps.catalog.largerContextModel(candidate.model);
          if (larger && !candidates.some((c) => c.model.id === larger.id)) {
            candidates.splice(index + 1, 0, toCandidate(larger, parsed, { ...runtime.deps, maxModels: config.maxModels, defaultChainLength: 0 }));
          }
          break;
        }
        if (!isRetryable(error.kind) || retry >= config.maxRetries) break;
        const delay = backoffDelay({
          retryIndex: retry,
          baseMs: config.retryBaseMs,
          maxMs: config.retryMaxMs,
          random: runtime.random,
          retryAfterSeconds: error.retryAfterSeconds,
          remainingMs: context.deadlineAt - runtime.monotonicNow(),
        });
        if (delay === null) break;
        await sleep(delay, context.signal);
        if (context.signal.aborted) throw classifyNetworkError(undefined, context.signal);
      }
    }
  }
  throw allFailed(context, jsonFailures > 0 ? 'json' : 'failed');

  /** Null when the content is (or was repaired into) the JSON asked for, else why not. */
  function acceptJson(completion: ChatCompletion): string | null {
    const message = completion.choices[0]?.message;
    if (!message || (message.tool_calls?.length && !message.content)) return null; // a tool call is not the JSON answer
    const check = checkJsonContent(
      message.content ?? '',
      { mode: parsed.jsonMode!, schema: parsed.jsonSchema },
      context.runtime.validators,
    );
    if (!check.ok) return check.reason;
    if (check.repaired) {
      message.content = check.text;
      state.jsonRepaired = true;
    }
    return null;
  }
}

function attempt(candidate: Candidate, provider: string, status: number, reason: string, message: string | undefined, latencyMs: number): CallAttempt {
  return {
    model: candidate.model.id,
    provider,
    status,
    reason,
    message: message && message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}…` : message,
    latencyMs: Math.round(latencyMs),
  };
}

/** 504 when time ran out, 429 when every upstream was rate limited, 503 when nothing could be tried, else 502. */
export function allFailed(context: CallContext, why: 'deadline' | 'json' | 'failed'): GatewayError {
  const attempts = context.state.attempts;
  const list = attempts.map((a) => `${a.model} via ${a.provider}: ${a.reason}${a.status ? ` (${a.status})` : ''}${a.message ? ` ${a.message}` : ''}`).join('; ');
  if (why === 'deadline') return new AllUpstreamsFailedError(504, `The call deadline passed before any model answered. Attempts: ${list || 'none'}.`, 'upstream_timeout');
  if (why === 'json') return new AllUpstreamsFailedError(502, `No model returned valid JSON for your response_format. Attempts: ${list}.`, 'invalid_json_output');
  if (attempts.length > 0 && attempts.every((a) => a.reason === 'rate_limited')) {
    return new RateLimitError(`Every model is rate limited upstream. Attempts: ${list}.`);
  }
  // 503 only when no upstream was tried at all: an upstream that answered garbage (bad_response,
  // no HTTP status of its own) was tried and failed, which is a 502.
  if (attempts.every((a) => NOT_TRIED.has(a.reason))) {
    return new AllUpstreamsFailedError(503, `No model could serve this request. Attempts: ${list || 'none'}.`, 'no_available_model');
  }
  if (attempts.every((a) => a.reason === 'timeout')) return new AllUpstreamsFailedError(504, `Every upstream timed out. Attempts: ${list}.`, 'upstream_timeout');
  return new AllUpstreamsFailedError(502, `Every upstream attempt failed. Attempts: ${list}.`, 'upstream_failed');
}
