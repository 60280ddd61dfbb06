// SSRF: the custom OpenAI-compatible upstream (LLMTEST_CUSTOM_BASE_URL) cannot point at loopback,
// link-local, private or unspecified addresses unless LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true; checked
// at start and again at connect time (DNS rebinding). The fake providers run on 127.0.0.1, so the
// rest of the suite sets the allow flag (test/fake-providers/fake-providers.ts).
import type { LookupAddress } from 'node:dns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertPublicUpstream, forbiddenRange, upstreamAddressPolicy } from '../../lib/gateway/upstream-address-guard';
import { loadProviderConfig } from '../../lib/providers/config';
import { type FakeProviders, startFakeProviders } from '../fake-providers/fake-providers';
import { type Harness, startHarness, userMessage } from '../gateway/harness';

describe('forbidden ranges', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique local'],
    ['fc00::1', 'unique local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
  ])('%s is %s', (address, range) => {
    expect(forbiddenRange(address)).toContain(range);
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '1.1.1.1', '2606:4700:4700::1111', 'api.example.com'])('%s is allowed', (address) => {
    expect(forbiddenRange(address)).toBeNull();
  });
});

describe('start-time check', () => {
  const publicResolver = async (): Promise<LookupAddress[]> => [{ address: '93.184.216.34', family: 4 }];

  it.each([
    'http://127.0.0.1:11434/v1',
    'http://[::1]:8000/v1',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0:8000/v1',
    'http://10.1.2.3/v1',
  ])('refuses %s with a message naming the variables', async (url) => {
    const error = await assertPublicUpstream(url, 'LLMTEST_CUSTOM_BASE_URL').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('LLMTEST_CUSTOM_BASE_URL');
    expect((error as Error).message).toContain('LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true');
  });

  it('resolves names and checks every address (one private address is enough to refuse)', async () => {
    await expect(assertPublicUpstream('http://localhost:8000/v1', 'LLMTEST_CUSTOM_BASE_URL')).rejects.toThrow(/loopback/);
    const mixed = async (): Promise<LookupAddress[]> => [
      { address: '93.184.216.34', family: 4 },
      { address: '192.168.0.7', family: 4 },
    ];
    await expect(assertPublicUpstream('https://mixed.example/v1', 'LLMTEST_CUSTOM_BASE_URL', mixed)).rejects.toThrow(/192\.168\.0\.7/);
    await expect(assertPublicUpstream('https://llm.example/v1', 'LLMTEST_CUSTOM_BASE_URL', publicResolver)).resolves.toBeUndefined();
  });

  it('is off with LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true, and only guards the custom host', async () => {
    const env = { LLMTEST_CUSTOM_BASE_URL: 'http://127.0.0.1:11434/v1' };
    await expect(upstreamAddressPolicy(env, loadProviderConfig(env)).check()).rejects.toThrow(/LLMTEST_ALLOW_PRIVATE_UPSTREAMS/);
    const allowed = upstreamAddressPolicy({ ...env, LLMTEST_ALLOW_PRIVATE_UPSTREAMS: 'true' }, loadProviderConfig(env));
    await expect(allowed.check()).resolves.toBeUndefined();
    expect(allowed.lookup).toBeUndefined();
    const officialOnly = { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    await expect(upstreamAddressPolicy(officialOnly, loadProviderConfig(officialOnly)).check()).resolves.toBeUndefined();
  });
});

describe('connect-time check through the gateway', () => {
  let fake: FakeProviders;
  let harness: Harness | undefined;
  beforeAll(async () => {
    fake = await startFakeProviders();
  });
  afterAll(async () => {
    await fake.close();
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  /** A gateway whose custom host is `host` on the fakes' port, guarded unless allowPrivate. */
  async function gatewayWithCustomHost(host: string, options: { allowPrivate: boolean; resolve?: (hostname: string) => Promise<LookupAddress[]> }) {
    const env: Record<string, string> = { ...fake.env, LLMTEST_CUSTOM_BASE_URL: fake.env.LLMTEST_CUSTOM_BASE_URL!.replace('127.0.0.1', host) };
    delete env.LLMTEST_ALLOW_PRIVATE_UPSTREAMS;
    if (options.allowPrivate) env.LLMTEST_ALLOW_PRIVATE_UPSTREAMS = 'true';
    const policy = upstreamAddressPolicy(env, loadProviderConfig(env), options.resolve);
    harness = await startHarness({ fake, env: () => env, config: { maxModels: 1 }, deps: { upstreamLookup: policy.lookup } });
    return policy;
  }
  const customRequests = () => fake.requests.filter((r) => r.path.includes('/compat/custom/')).length;

  it('refuses a name that resolves to loopback when connecting (DNS rebinding), naming the variable', async () => {
    let lookups = 0;
    // First answer public (the start check passes), then 127.0.0.1: a rebinding DNS server.
    const rebinding = async (): Promise<LookupAddress[]> => (lookups++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const policy = await gatewayWithCustomHost('rebind.llmtest.test', { allowPrivate: false, resolve: rebinding });
    await expect(policy.check()).resolves.toBeUndefined();
    const before = customRequests();
    const error = await harness!.client.chat.completions.create({ model: 'custom/llama3', messages: userMessage() }).catch((e: unknown) => e);
    expect((error as { status: number }).status).toBeGreaterThanOrEqual(500);
    expect((error as Error).message).toContain('LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true');
    expect((error as Error).message).toContain('LLMTEST_CUSTOM_BASE_URL');
    expect(customRequests()).toBe(before);
  });

  it('refuses localhost without the flag and serves it with LLMTEST_ALLOW_PRIVATE_UPSTREAMS=true', async () => {
    const refused = await gatewayWithCustomHost('localhost', { allowPrivate: false });
    await expect(refused.check()).rejects.toThrow(/LLMTEST_ALLOW_PRIVATE_UPSTREAMS/);
    const before = customRequests();
    await expect(harness!.client.chat.completions.create({ model: 'custom/llama3', messages: userMessage() })).rejects.toThrow(/loopback/);
    expect(customRequests()).toBe(before);

    await harness!.close();
    harness = undefined;
    const allowed = await gatewayWithCustomHost('localhost', { allowPrivate: true });
    await expect(allowed.check()).resolves.toBeUndefined();
    const completion = await harness!.client.chat.completions.create({ model: 'custom/llama3', messages: userMessage() });
    expect(completion.choices[0]?.message.content).toBeTruthy();
    expect(customRequests()).toBe(before + 1);
  });
});
