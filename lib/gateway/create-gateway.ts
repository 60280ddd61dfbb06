// createGateway(deps) → { handleNode, handleFetch }: the custom server mounts handleNode for
// /v1/* (node:http, the hot path); thin Next route files call handleFetch on hosts without the
// custom server. Both turn their request into an IncomingCall and share route() below.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createApiKeyCache, createKeyToucher } from './api-key-cache';
import { createMemoryCircuitBreaker } from './circuit-breaker';
import { MethodNotAllowedError, NotFoundError, toErrorResponse } from './errors';
import { toFetchResponse, toIncomingCallFromFetch } from './fetch-io';
import { createFlowSettingsCache } from './flow-settings-cache';
import { handleChatCompletion } from './handle-chat-completion';
import { type InternalCallRequest, type InternalCallResult, runInternalCall } from './internal-call';
import { type GatewayResponse, type IncomingCall, JSON_HEADERS } from './io';
import { SchemaValidatorCache } from './json-recovery';
import { toIncomingCallFromNode, writeNodeResponse } from './node-io';
import type { GatewayRuntime } from './runtime';
import type { GatewayDeps } from './types';
import { createUpstreamAgent } from './upstream-client';

export interface Gateway {
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void>;
  handleFetch(request: Request): Promise<Response>;
  /** Drop a cached API key now (by key hash or key id), e.g. right after it was revoked here. */
  invalidateApiKey(hashOrKeyId: string): void;
  /** A call made by the server itself (benchmark replays) through the same pipeline: internal-call.ts. */
  runInternalCall(request: InternalCallRequest): Promise<InternalCallResult>;
  /** Drop a flow's cached settings now (after a change made on this instance). */
  invalidateFlowSettings(userId: string, flowName: string): void;
  /** Closes the upstream connection pools (tests, shutdown). */
  close(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const config = deps.config;
  const now = deps.now ?? Date.now;
  const ownAgent = deps.dispatcher ? null : createUpstreamAgent({ connectTimeoutMs: config.connectTimeoutMs, lookup: deps.upstreamLookup });
  // Rate limits: once a call's record exists, its real token usage replaces the estimate charged
  // when it started (rate-limit/rate-limiter.ts).
  const rateLimiter = deps.rateLimiter;
  const pipelineDeps: GatewayDeps = rateLimiter
    ? {
        ...deps,
        recordCall(record) {
          try {
            rateLimiter.settle(record.id, record.inputTokens + record.outputTokens, now());
          } catch {
            // Settling is best effort: a limiter fault must not cost the call its record.
          }
          deps.recordCall(record);
        },
      }
    : deps;
  const runtime: GatewayRuntime = {
    deps: pipelineDeps,
    rateLimiter,
    config,
    dispatcher: deps.dispatcher ?? ownAgent!,
    breaker: deps.circuitBreaker ?? createMemoryCircuitBreaker({ threshold: config.breakerThreshold, cooldownMs: config.breakerCooldownMs }),
    validators: new SchemaValidatorCache(),
    chainCache: new Map(),
    keyCache: createApiKeyCache({
      findApiKeyByHash: deps.findApiKeyByHash,
      now,
      ttlMs: config.keyCacheTtlMs,
      negativeTtlMs: config.keyNegativeTtlMs,
    }),
    flowCache: createFlowSettingsCache({ getFlowSettings: deps.getFlowSettings, now, ttlMs: config.flowCacheTtlMs }),
    touchKey: createKeyToucher(deps.touchApiKey, now),
    now,
    monotonicNow: deps.monotonicNow ?? (() => performance.now()),
    random: deps.random ?? Math.random,
    generateRequestId: deps.generateRequestId ?? randomUUID,
  };

  async function route(call: IncomingCall): Promise<GatewayResponse> {
    try {
      if (call.path === '/v1/chat/completions') {
        if (call.method !== 'POST') throw new MethodNotAllowedError(call.method, 'POST');
        return await handleChatCompletion(runtime, call);
      }
      if (call.path === '/v1/models') {
        if (call.method !== 'GET' && call.method !== 'HEAD') throw new MethodNotAllowedError(call.method, 'GET');
        // The catalog is public: no key needed (a key, valid or not, is simply not looked at).
        return { status: 200, headers: { ...JSON_HEADERS, 'x-llmtest-request-id': runtime.generateRequestId() }, body: deps.catalog.modelListJson() };
      }
      throw new NotFoundError(`Unknown endpoint: ${call.method} ${call.path}. LLMTest serves POST /v1/chat/completions and GET /v1/models.`, 'unknown_url');
    } catch (error) {
      const response = toErrorResponse(error);
      return {
        status: response.status,
        headers: { ...JSON_HEADERS, ...response.headers, 'x-llmtest-request-id': runtime.generateRequestId() },
        body: response.body,
      };
    }
  }

  return {
    async handleNode(req, res) {
      try {
        await writeNodeResponse(res, await route(toIncomingCallFromNode(req, res)));
      } catch {
        // route() maps every error to a response; this is a socket failing under us.
        if (!res.headersSent) {
          const response = toErrorResponse(undefined);
          res.writeHead(response.status, JSON_HEADERS).end(response.body);
        } else res.destroy();
      }
    },
    async handleFetch(request) {
      return toFetchResponse(await route(toIncomingCallFromFetch(request)));
    },
    invalidateApiKey(hashOrKeyId) {
      runtime.keyCache.invalidate(hashOrKeyId);
    },
    runInternalCall(request) {
      return runInternalCall(runtime, request);
    },
    invalidateFlowSettings(userId, flowName) {
      runtime.flowCache.invalidate(userId, flowName);
    },
    async close() {
      await ownAgent?.close();
    },
  };
}
