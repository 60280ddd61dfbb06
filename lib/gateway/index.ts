// The gateway's public surface: what server.ts and the app/v1 route files use.
export { createGateway, type Gateway } from './create-gateway';
export { loadGatewayConfig, DEFAULT_GATEWAY_CONFIG, type GatewayConfig } from './config';
export type { GatewayDeps, GatewayCatalog, FlowSettings, TokenCounts, CostBreakdown, SpendCheck } from './types';
export type { ApiKeyRecord } from './api-key-cache';
export type { InternalCallRequest, InternalCallResult } from './internal-call';
export { createMemoryCircuitBreaker, type CircuitBreakerStore } from './circuit-breaker';
export { createRedisCircuitBreaker } from './redis-circuit-breaker';
export { createCircuitBreakerFromEnv } from './circuit-breaker-from-env';
