import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_CONFIG, loadGatewayConfig } from './config';

describe('loadGatewayConfig', () => {
  it('uses the documented defaults', () => {
    expect(loadGatewayConfig({})).toEqual(DEFAULT_GATEWAY_CONFIG);
    expect(DEFAULT_GATEWAY_CONFIG).toMatchObject({ connectTimeoutMs: 5_000, firstByteTimeoutMs: 60_000, idleTimeoutMs: 30_000, deadlineMs: 120_000, maxBodyBytes: 10 * 1024 * 1024 });
  });

  it('reads and validates the env', () => {
    const config = loadGatewayConfig({ LLMTEST_CONNECT_TIMEOUT_MS: '2000', LLMTEST_MAX_BODY_BYTES: ' 2048 ', LLMTEST_MAX_RETRIES: '0', LLMTEST_DEADLINE_MS: '' });
    expect(config).toMatchObject({ connectTimeoutMs: 2000, maxBodyBytes: 2048, maxRetries: 0, deadlineMs: 120_000 });
  });

  it('names every bad variable', () => {
    expect(() => loadGatewayConfig({ LLMTEST_IDLE_TIMEOUT_MS: 'soon', LLMTEST_KEY_CACHE_TTL_MS: '60000', LLMTEST_MAX_RETRIES: '1.5' })).toThrow(
      /LLMTEST_IDLE_TIMEOUT_MS.*LLMTEST_MAX_RETRIES.*LLMTEST_KEY_CACHE_TTL_MS|LLMTEST_IDLE_TIMEOUT_MS/,
    );
    expect(() => loadGatewayConfig({ LLMTEST_KEY_CACHE_TTL_MS: '60000' })).toThrow(/LLMTEST_KEY_CACHE_TTL_MS/);
  });
});
