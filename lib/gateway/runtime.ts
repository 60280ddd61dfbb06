// The per-instance state of a gateway (built once by createGateway) and the per-call context
// the pipeline functions share, so none of them needs module singletons or long argument lists.
import type { Dispatcher } from 'undici';
import type { ApiKeyCache } from './api-key-cache';
import type { CallState } from './call-state';
import type { CircuitBreakerStore } from './circuit-breaker';
import type { GatewayConfig } from './config';
import type { FlowSettingsCache } from './flow-settings-cache';
import type { SchemaValidatorCache } from './json-recovery';
import type { RateLimiter } from './rate-limit/rate-limiter';
import type { GatewayDeps } from './types';
import type { ParsedChatRequest } from './validate-request';

export interface GatewayRuntime {
  deps: GatewayDeps;
  config: GatewayConfig;
  dispatcher: Dispatcher;
  breaker: CircuitBreakerStore;
  /** Per-key / per-user limits (deps.rateLimiter); undefined = none. */
  rateLimiter: RateLimiter | undefined;
  validators: SchemaValidatorCache;
  /** Default fallback chain per primary model id (see route-plan.ts). */
  chainCache: Map<string, string[]>;
  keyCache: ApiKeyCache;
  flowCache: FlowSettingsCache;
  touchKey(keyId: string): void;
  now(): number;
  monotonicNow(): number;
  random(): number;
  generateRequestId(): string;
}

export interface CallContext {
  runtime: GatewayRuntime;
  state: CallState;
  parsed: ParsedChatRequest;
  /** The body text as received (spliced upstream for OpenAI-format hosts when rawBodyUsable). */
  rawBody: string;
  /** Aborts when the client goes away or the deadline passes (reason: CallAborted). */
  signal: AbortSignal;
  /** Monotonic ms after which no attempt may run. */
  deadlineAt: number;
  /** Unix seconds for `created` in responses. */
  created: number;
}
