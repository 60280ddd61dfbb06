// A real gateway on a real node:http server, in front of the fake providers, with in-memory deps
// (a Map of keys, an array of CallRecords), driven by the official openai SDK in the tests.
import { createServer, type Server } from 'node:http';
import { handleClientError } from '../../lib/server/handle-client-error';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { generateApiKey } from '../../lib/auth/api-key-format';
import type { CallRecord } from '../../lib/call-log/call-record';
import { computeCost, defaultFallbackChain, getModel, largerContextModel, resolveCustomModel, suggestModelIds } from '../../lib/catalog/index';
import { openAIModelListJson } from '../../lib/catalog/openai-model-list';
import { loadProviderConfig, providerEnvVar } from '../../lib/providers/config';
import { getProviderAdapter } from '../../lib/providers/registry';
import { createGateway, DEFAULT_GATEWAY_CONFIG, type Gateway, type GatewayConfig, type GatewayDeps } from '../../lib/gateway/index';
import type { ApiKeyRecord } from '../../lib/gateway/api-key-cache';
import { type FakeProviders, startFakeProviders } from '../fake-providers/fake-providers';

export interface Harness {
  fake: FakeProviders;
  gateway: Gateway;
  baseURL: string;
  key: string;
  keyId: string;
  keys: Map<string, ApiKeyRecord>;
  records: CallRecord[];
  client: OpenAI;
  /** Waits until `count` records arrived (records are written after the response). */
  waitForRecords(count: number, timeoutMs?: number): Promise<CallRecord[]>;
  close(): Promise<void>;
}

export const TEST_CONFIG: GatewayConfig = {
  ...DEFAULT_GATEWAY_CONFIG,
  connectTimeoutMs: 1_000,
  firstByteTimeoutMs: 1_500,
  idleTimeoutMs: 1_000,
  deadlineMs: 10_000,
  retryBaseMs: 5,
  retryMaxMs: 200,
  maxBodyBytes: 64 * 1024,
  breakerThreshold: 1_000,
};

export async function startHarness(options: { config?: Partial<GatewayConfig>; env?: (env: Record<string, string>) => Record<string, string>; deps?: Partial<GatewayDeps>; fake?: FakeProviders } = {}): Promise<Harness> {
  const fake = options.fake ?? (await startFakeProviders());
  const env = options.env ? options.env(fake.env) : fake.env;
  const { key, keyHash } = generateApiKey();
  const keyId = 'key_1';
  const keys = new Map<string, ApiKeyRecord>([[keyHash, { id: keyId, userId: 'user_1', revoked: false }]]);
  const records: CallRecord[] = [];
  const gateway = createGateway({
    findApiKeyByHash: async (hash) => keys.get(hash) ?? null,
    recordCall: (record) => records.push(record),
    providerConfig: loadProviderConfig(env),
    providerEnvVar,
    getAdapter: getProviderAdapter,
    catalog: { getModel, suggestModelIds, defaultFallbackChain, largerContextModel, resolveCustomModel, computeCost, modelListJson: openAIModelListJson },
    config: { ...TEST_CONFIG, ...options.config },
    ...options.deps,
  });
  const server: Server = createServer((req, res) => {
    void gateway.handleNode(req, res);
  });
  // As server.ts does: what Node's parser refuses still gets OpenAI's envelope.
  server.on('clientError', handleClientError);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const client = new OpenAI({ baseURL, apiKey: key, maxRetries: 0, timeout: 20_000 });
  return {
    fake,
    gateway,
    baseURL,
    key,
    keyId,
    keys,
    records,
    client,
    async waitForRecords(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      while (records.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} records, got ${records.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return records;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      if (!options.fake) await fake.close();
    },
  };
}

export const userMessage = (content = 'Say hello.') => [{ role: 'user' as const, content }];
