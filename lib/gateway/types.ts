// What the gateway needs from the rest of the app, passed in (no module singletons), so tests
// build a gateway from a Map of keys, an array of records and a fake upstream.
import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import type { CallRecord } from '../call-log/call-record';
import type { CatalogModel } from '../catalog/types';
import type { ProviderAdapter, ProviderId } from '../providers/types';
import type { ApiKeyRecord } from './api-key-cache';
import type { CircuitBreakerStore } from './circuit-breaker';
import type { GatewayConfig } from './config';
import type { RateLimiter } from './rate-limit/rate-limiter';

export interface FlowSettings {
  /** Replaces the primary model of every call of the flow. */
  modelOverride: string | null;
  /** Tried after the request's own models, before the catalog's default chain. */
  fallbackChain: string[];
}

export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

export interface CostBreakdown {
  inputCostMicros: number;
  outputCostMicros: number;
  cachedCostMicros: number;
  costMicros: number;
}

export interface GatewayCatalog {
  getModel(idOrAlias: string): CatalogModel | null | undefined;
  /** Ids close to an unknown one, for the 404 message. */
  suggestModelIds(id: string, limit: number): string[];
  /** Ids of same-tier models on other providers, best first. */
  defaultFallbackChain(model: CatalogModel, limit: number): string[];
  largerContextModel(model: CatalogModel): CatalogModel | null | undefined;
  /** Ids outside the catalog served by a custom OpenAI-compatible host (e.g. "custom/llama3"). */
  resolveCustomModel?(id: string): CatalogModel | null | undefined;
  /** Integer micro-dollars per part (lib/catalog computeCost). */
  computeCost(model: CatalogModel, tokens: TokenCounts): CostBreakdown;
  /** The JSON body of GET /v1/models (precomputed once). */
  modelListJson(): string;
}

/** The answer of deps.checkSpend: null when the call may proceed. */
export type SpendCheck = { message: string } | null;

export interface GatewayDeps {
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** Stores "last used"; called at most once a minute per key, never awaited. */
  touchApiKey?(keyId: string): Promise<void> | void;
  /** Flow settings (cached a few seconds); null/absent → defaults. */
  getFlowSettings?(userId: string, flowName: string): Promise<FlowSettings | null>;
  /**
   * Spend limits (billing): null = go ahead; { message } = answer 402 insufficient_quota. Must be
   * cheap (cached in memory): it runs on every call, after authentication. Absent = no limits.
   */
  checkSpend?(userId: string, apiKeyId: string): SpendCheck | Promise<SpendCheck>;
  /** Enqueue the call's record; must not throw or block (the call-log queue). */
  recordCall(record: CallRecord): void;
  providerConfig: Partial<Record<ProviderId, { baseUrl: string; apiKey: string }>>;
  /** Env var that configures each provider (named in "unavailable" errors). */
  providerEnvVar: Partial<Record<ProviderId, string>>;
  getAdapter(id: ProviderId): ProviderAdapter | undefined;
  catalog: GatewayCatalog;
  config: GatewayConfig;
  /** Wall clock (ms since epoch) for records and caches; default Date.now. */
  now?(): number;
  /** Monotonic clock (ms) for latencies and deadlines; default performance.now. */
  monotonicNow?(): number;
  /** [0, 1) source for backoff jitter; default Math.random. */
  random?(): number;
  /** Shared breaker state (e.g. Redis); default in-memory per instance. */
  circuitBreaker?: CircuitBreakerStore;
  /** Requests / tokens per minute per key and per user (rate-limit/); absent = no limits. */
  rateLimiter?: RateLimiter;
  /**
   * DNS lookup for upstream connections (the SSRF guard of the custom host, see
   * upstream-address-guard.ts); used by the default Agent, ignored with `dispatcher`.
   */
  upstreamLookup?: LookupFunction;
  /** undici dispatcher for upstream calls; default one keep-alive Agent (a Pool per origin). */
  dispatcher?: Dispatcher;
  /** Request id generator; default crypto.randomUUID. */
  generateRequestId?(): string;
}
