// POST /v1/chat/completions, start to end: authenticate → read and validate the body, X-Flow →
// plan the route → attempt loop (retries, fallbacks, JSON recovery) → respond → one CallRecord.
import type { CatalogModel } from '../catalog/types';
import type { ChatCompletion, Usage } from '../providers/types';
import { CallState } from './call-state';
import { computeCallCost, estimateTokens, tokensFromUsage } from './cost';
import { InsufficientQuotaError, toErrorResponse } from './errors';
import { parseFlowHeader } from './flow-header';
import { type GatewayResponse, type IncomingCall, JSON_HEADERS, SSE_HEADERS } from './io';
import { checkJsonContent } from './json-recovery';
import { planRoute } from './route-plan';
import { estimatePromptTokens } from './rate-limit/rate-limiter';
import { runAttempts, type Served } from './run-attempts';
import type { CallContext, GatewayRuntime } from './runtime';
import { createStreamBody, type StreamOutcome } from './stream-body';
import type { InternalCallOptions } from './internal-call';
import { createToolCallCollector } from './tool-call-collector';
import { CallAborted } from './upstream-client';
import { parseChatRequest } from './validate-request';

/** Status recorded (and returned, though nobody reads it) when the client went away. */
const CLIENT_CLOSED = 499;

export async function handleChatCompletion(runtime: GatewayRuntime, call: IncomingCall, internal?: InternalCallOptions): Promise<GatewayResponse> {
  const state = new CallState(runtime.generateRequestId(), new Date(runtime.now()), runtime.monotonicNow());
  const controller = new AbortController();
  call.onClientGone(() => controller.abort(new CallAborted('cancelled')));
  const deadline = setTimeout(() => controller.abort(new CallAborted('deadline')), runtime.config.deadlineMs);
  deadline.unref?.();
  let streaming = false;
  try {
    if (internal) {
      // A server-side call (internal-call.ts): its owner is given, there is no key to check.
      state.userId = internal.userId;
      state.source = internal.source;
      state.onRecorded = internal.onRecorded;
    } else {
      const authorization = call.header('authorization');
      const pending = runtime.keyCache.authenticate(Array.isArray(authorization) ? authorization[0] : authorization);
      const key = pending instanceof Promise ? await pending : pending;
      state.userId = key.userId;
      state.apiKeyId = key.id;
      runtime.touchKey(key.id);
    }
    state.flowName = parseFlowHeader(call.header('x-flow'));
    const rawBody = await call.readBody(runtime.config.maxBodyBytes);
    state.setRequestBody(rawBody, runtime.config.recordBodyCapBytes);
    const parsed = parseChatRequest(rawBody);
    state.requestedModel = parsed.models[0]!;
    state.stream = parsed.stream;
    // Per-key / per-user limits (429 + Retry-After); internal calls have no key and are not limited.
    let rateLimitHeaders: Record<string, string> | undefined;
    if (runtime.rateLimiter && state.apiKeyId !== null) {
      const limitPending = runtime.rateLimiter.acquire({ callId: state.id, userId: state.userId, apiKeyId: state.apiKeyId, estimatedTokens: estimatePromptTokens(rawBody.length), now: runtime.now() });
      rateLimitHeaders = limitPending instanceof Promise ? await limitPending : limitPending;
    }
    // Internal calls (benchmarks) are never billed: their own budget bounds them.
    if (runtime.deps.checkSpend && state.apiKeyId !== null) {
      const spendPending = runtime.deps.checkSpend(state.userId, state.apiKeyId);
      const spend = spendPending instanceof Promise ? await spendPending : spendPending;
      if (spend) throw new InsufficientQuotaError(spend.message);
    }
    const flowPending = runtime.flowCache.get(state.userId, state.flowName);
    const flow = flowPending instanceof Promise ? await flowPending : flowPending;
    // An internal call measures the model it names: the flow's override never replaces it, and
    // with fallbacks on only the flow's chain and the catalog's follow it.
    const planned = planRoute(parsed, internal ? { modelOverride: null, fallbackChain: internal.fallbacks ? (flow?.fallbackChain ?? []) : [] } : flow, {
      catalog: runtime.deps.catalog,
      providerConfig: runtime.deps.providerConfig,
      providerEnvVar: runtime.deps.providerEnvVar,
      maxModels: runtime.config.maxModels,
      defaultChainLength: runtime.config.defaultChainLength,
      chainCache: runtime.chainCache,
    });
    const candidates = internal && !internal.fallbacks ? planned.slice(0, 1) : planned;
    const context: CallContext = {
      runtime,
      state,
      parsed,
      rawBody,
      signal: controller.signal,
      deadlineAt: state.startedAt + runtime.config.deadlineMs,
      created: Math.floor(state.createdAt.getTime() / 1000),
    };
    const served = await runAttempts(context, candidates);
    const headers = rateLimitHeaders ? { ...servedHeaders(state, served), ...rateLimitHeaders } : servedHeaders(state, served);
    if (served.kind === 'completion') {
      clearTimeout(deadline);
      return respondCompletion(context, served.candidate.model, served.completion, headers);
    }
    streaming = true;
    return respondStream(context, served, headers, controller, deadline);
  } catch (thrown) {
    clearTimeout(deadline);
    const latencyMs = runtime.monotonicNow() - state.startedAt;
    // A client that leaves while its body is still arriving surfaces as a read error: same thing.
    const reason: unknown = controller.signal.reason;
    const cancelled = (thrown instanceof CallAborted && thrown.reason === 'cancelled') || (reason instanceof CallAborted && reason.reason === 'cancelled');
    if (cancelled) {
      state.finish(runtime.deps.recordCall, { status: 'cancelled', httpStatus: CLIENT_CLOSED, errorType: 'cancelled', errorMessage: 'The client closed the connection.', latencyMs });
      return { status: CLIENT_CLOSED, headers: { ...JSON_HEADERS, 'x-llmtest-request-id': state.id }, body: '' };
    }
    const response = toErrorResponse(thrown);
    const headers: Record<string, string> = { ...JSON_HEADERS, ...response.headers, 'x-llmtest-request-id': state.id };
    if (response.status === 413) headers.connection = 'close';
    state.responseHeaders = headers;
    state.setResponseBody(response.body, runtime.config.recordBodyCapBytes);
    state.finish(runtime.deps.recordCall, {
      status: 'error',
      httpStatus: response.status,
      errorType: response.error.code ?? response.error.type,
      errorMessage: response.error.message,
      latencyMs,
    });
    return { status: response.status, headers, body: response.body };
  } finally {
    if (!streaming) clearTimeout(deadline);
  }
}

function servedHeaders(state: CallState, served: Served): Record<string, string> {
  const target = served.candidate.target!;
  state.servedModel = served.candidate.model.id;
  state.provider = target.provider;
  state.fellBack = served.index > 0;
  const headers: Record<string, string> = { 'x-llmtest-request-id': state.id };
  if (state.fellBack || state.contentFallback) {
    headers['x-llmtest-fallback-model'] = served.candidate.model.id;
    headers['x-llmtest-content-fallback'] = String(state.contentFallback);
  }
  return headers;
}

function respondCompletion(context: CallContext, model: CatalogModel, completion: ChatCompletion, extra: Record<string, string>): GatewayResponse {
  const { state, runtime } = context;
  const headers: Record<string, string> = { ...JSON_HEADERS, ...extra };
  if (state.jsonRepaired) headers['x-llmtest-json-repaired'] = 'true';
  const body = JSON.stringify(completion);
  state.responseHeaders = headers;
  state.setResponseBody(body, runtime.config.recordBodyCapBytes);
  const latencyMs = runtime.monotonicNow() - state.startedAt;
  state.ttftMs = latencyMs;
  const text = typeof completion.choices[0]?.message.content === 'string' ? completion.choices[0].message.content : '';
  // Cost is settled after the response is handed back; the record waits for it, the client never does.
  void settleCost(context, model, completion.usage ?? null, text).then(() =>
    state.finish(runtime.deps.recordCall, { status: 'ok', httpStatus: 200, latencyMs }),
  );
  return { status: 200, headers, body };
}

function respondStream(
  context: CallContext,
  served: Extract<Served, { kind: 'stream' }>,
  extra: Record<string, string>,
  controller: AbortController,
  deadline: ReturnType<typeof setTimeout>,
): GatewayResponse {
  const { state, runtime, parsed } = context;
  const started = served.stream;
  const collector = parsed.needs.tools ? createToolCallCollector() : null;
  const headers: Record<string, string> = { ...SSE_HEADERS, ...extra };
  state.responseHeaders = headers;
  // The deadline bounds the wait for an answer to start; a running stream is bounded by the
  // idle timeout between chunks instead (a long generation may take minutes).
  clearTimeout(deadline);
  state.ttftMs = runtime.monotonicNow() - state.startedAt;
  state.addAttempt({ model: served.candidate.model.id, provider: served.candidate.target!.provider, status: 200, reason: 'ok', latencyMs: Math.round(state.ttftMs) });
  const onEnd = (outcome: StreamOutcome) => {
    const latencyMs = runtime.monotonicNow() - state.startedAt;
    const observation = started.observation;
    const text = observation.text;
    let errorType: string | null = null;
    let errorMessage: string | null = null;
    if (outcome.status === 'error') {
      errorType = outcome.error.kind;
      errorMessage = `stream failed after the first byte: ${outcome.error.providerMessage}`;
    } else if (outcome.status === 'cancelled') {
      errorType = 'cancelled';
      errorMessage = 'The client closed the connection during the stream.';
    } else if (parsed.jsonMode && !checkJsonContent(text, { mode: parsed.jsonMode, schema: parsed.jsonSchema }, runtime.validators).ok) {
      // JSON-mode streams pass through (documented): the bytes are already sent, so we only flag it.
      errorType = 'invalid_json_output';
      errorMessage = 'The streamed content is not valid JSON for the response_format.';
    }
    const toolCalls = collector?.toolCalls() ?? [];
    const message = toolCalls.length > 0 ? { role: 'assistant', content: text || null, tool_calls: toolCalls } : { role: 'assistant', content: text };
    state.setResponseBody(assembledCompletion(context, served.candidate.model.id, message, observation.finishReason, observation.usage), runtime.config.recordBodyCapBytes);
    const status = outcome.status === 'error' ? 'error' : outcome.status;
    const httpStatus = outcome.status === 'cancelled' ? CLIENT_CLOSED : 200;
    void settleCost(context, served.candidate.model, observation.usage, text).then(() =>
      state.finish(runtime.deps.recordCall, { status, httpStatus, errorType, errorMessage, latencyMs }),
    );
  };
  const body = createStreamBody(started, context.signal, () => controller.abort(new CallAborted('cancelled')), onEnd, collector);
  return { status: 200, headers, body };
}

/** The stored response of a stream: what a non-streaming call would have returned. */
function assembledCompletion(context: CallContext, model: string, message: object, finishReason: string | null, usage: Usage | null): string {
  return JSON.stringify({
    id: `chatcmpl-${context.state.id}`,
    object: 'chat.completion',
    created: context.created,
    model,
    choices: [{ index: 0, message, finish_reason: finishReason }],
    ...(usage ? { usage } : {}),
  });
}

async function settleCost(context: CallContext, model: CatalogModel, usage: Usage | null, completionText: string): Promise<void> {
  const { state, runtime } = context;
  try {
    let tokens;
    if (usage) tokens = tokensFromUsage(usage);
    else {
      tokens = await estimateTokens(context.parsed.request, completionText);
      state.costEstimated = true;
    }
    state.inputTokens = tokens.inputTokens;
    state.outputTokens = tokens.outputTokens;
    state.cachedInputTokens = tokens.cachedInputTokens;
    const cost = computeCallCost(runtime.deps.catalog, model, tokens);
    state.inputCostMicros = cost.inputCostMicros;
    state.outputCostMicros = cost.outputCostMicros;
    state.cachedCostMicros = cost.cachedCostMicros;
    state.costMicros = cost.costMicros;
  } catch {
    // A pricing problem must not lose the record: it is written with zero cost.
  }
}

