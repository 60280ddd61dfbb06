// Gateway settings from the environment, validated once at start. Defaults are chosen for chat
// completions from hosted providers: a slow model can take a while before its first token, but
// a stream that goes silent for 30 s is stuck, and no call should hold a client for more than
// two minutes in total (all attempts together).
import { z } from 'zod';

export interface GatewayConfig {
  /** TCP/TLS connect timeout per attempt (LLMTEST_CONNECT_TIMEOUT_MS, default 5 000). */
  connectTimeoutMs: number;
  /** From sending the request to the upstream's response headers / first stream bytes (LLMTEST_FIRST_BYTE_TIMEOUT_MS, default 60 000). */
  firstByteTimeoutMs: number;
  /** Longest silence between two body chunks of a response (LLMTEST_IDLE_TIMEOUT_MS, default 30 000). */
  idleTimeoutMs: number;
  /** The whole call, every attempt and backoff included (LLMTEST_DEADLINE_MS, default 120 000). */
  deadlineMs: number;
  /** Largest accepted request body (LLMTEST_MAX_BODY_BYTES, default 10 MB). */
  maxBodyBytes: number;
  /** Retries on the same model after its first attempt (LLMTEST_MAX_RETRIES, default 1). */
  maxRetries: number;
  /** Base of the exponential backoff with full jitter (LLMTEST_RETRY_BASE_MS, default 250). */
  retryBaseMs: number;
  /** Backoff ceiling, and the longest Retry-After we honour (LLMTEST_RETRY_MAX_MS, default 8 000). */
  retryMaxMs: number;
  /** Models tried in total, primary included (LLMTEST_MAX_MODELS, default 5). */
  maxModels: number;
  /** Default-chain models appended after the primary (LLMTEST_DEFAULT_CHAIN_LENGTH, default 3). */
  defaultChainLength: number;
  /** Consecutive failures that open a model/provider circuit (LLMTEST_BREAKER_THRESHOLD, default 5). */
  breakerThreshold: number;
  /** How long an open circuit skips the model/provider before one probe (LLMTEST_BREAKER_COOLDOWN_MS, default 30 000). */
  breakerCooldownMs: number;
  /** Key cache: positive entries re-validated after this (LLMTEST_KEY_CACHE_TTL_MS, default 4 000; max 5 000). */
  keyCacheTtlMs: number;
  /** Key cache: unknown keys remembered this long (LLMTEST_KEY_NEGATIVE_TTL_MS, default 2 000). */
  keyNegativeTtlMs: number;
  /** Flow settings cache lifetime (LLMTEST_FLOW_CACHE_TTL_MS, default 5 000). */
  flowCacheTtlMs: number;
  /** Cap on the stored request and response bodies of a call record (bytes, fixed at 64 KB). */
  recordBodyCapBytes: number;
}

export const DEFAULT_GATEWAY_CONFIG: GatewayConfig = {
  connectTimeoutMs: 5_000,
  firstByteTimeoutMs: 60_000,
  idleTimeoutMs: 30_000,
  deadlineMs: 120_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRetries: 1,
  retryBaseMs: 250,
  retryMaxMs: 8_000,
  maxModels: 5,
  defaultChainLength: 3,
  breakerThreshold: 5,
  breakerCooldownMs: 30_000,
  keyCacheTtlMs: 4_000,
  keyNegativeTtlMs: 2_000,
  flowCacheTtlMs: 5_000,
  recordBodyCapBytes: 64 * 1024,
};

const ENV_NAMES: Record<Exclude<keyof GatewayConfig, 'recordBodyCapBytes'>, string> = {
  connectTimeoutMs: 'LLMTEST_CONNECT_TIMEOUT_MS',
  firstByteTimeoutMs: 'LLMTEST_FIRST_BYTE_TIMEOUT_MS',
  idleTimeoutMs: 'LLMTEST_IDLE_TIMEOUT_MS',
  deadlineMs: 'LLMTEST_DEADLINE_MS',
  maxBodyBytes: 'LLMTEST_MAX_BODY_BYTES',
  maxRetries: 'LLMTEST_MAX_RETRIES',
  retryBaseMs: 'LLMTEST_RETRY_BASE_MS',
  retryMaxMs: 'LLMTEST_RETRY_MAX_MS',
  maxModels: 'LLMTEST_MAX_MODELS',
  defaultChainLength: 'LLMTEST_DEFAULT_CHAIN_LENGTH',
  breakerThreshold: 'LLMTEST_BREAKER_THRESHOLD',
  breakerCooldownMs: 'LLMTEST_BREAKER_COOLDOWN_MS',
  keyCacheTtlMs: 'LLMTEST_KEY_CACHE_TTL_MS',
  keyNegativeTtlMs: 'LLMTEST_KEY_NEGATIVE_TTL_MS',
  flowCacheTtlMs: 'LLMTEST_FLOW_CACHE_TTL_MS',
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  connectTimeoutMs: int(100, 600_000),
  firstByteTimeoutMs: int(100, 3_600_000),
  idleTimeoutMs: int(100, 3_600_000),
  deadlineMs: int(100, 3_600_000),
  maxBodyBytes: int(1024, 1024 * 1024 * 1024),
  maxRetries: int(0, 10),
  retryBaseMs: int(0, 60_000),
  retryMaxMs: int(0, 600_000),
  maxModels: int(1, 20),
  defaultChainLength: int(0, 10),
  breakerThreshold: int(1, 1000),
  breakerCooldownMs: int(100, 3_600_000),
  // "A revoked key stops working within 5 seconds": the TTL may not exceed that.
  keyCacheTtlMs: int(0, 5_000),
  keyNegativeTtlMs: int(0, 60_000),
  flowCacheTtlMs: int(0, 600_000),
  recordBodyCapBytes: int(0, 10 * 1024 * 1024),
});

/** Reads LLMTEST_* variables (unset or empty → default); throws one error naming every bad variable. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const input: Record<string, unknown> = { ...DEFAULT_GATEWAY_CONFIG };
  for (const [field, name] of Object.entries(ENV_NAMES)) {
    const value = env[name]?.trim();
    if (value) input[field] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = String(issue.path[0]) as keyof typeof ENV_NAMES;
      return `${ENV_NAMES[field] ?? field}: ${issue.message}`;
    });
    throw new Error(`Invalid gateway configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
