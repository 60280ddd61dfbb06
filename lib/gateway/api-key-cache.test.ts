import { describe, expect, it, vi } from 'vitest';
import { generateApiKey } from '../auth/api-key-format';
import { type ApiKeyRecord, createApiKeyCache, createKeyToucher, extractBearerKey } from './api-key-cache';
import { GatewayError } from './errors';

function setup() {
  const { key, keyHash } = generateApiKey();
  const rows = new Map<string, ApiKeyRecord>([[keyHash, { id: 'k1', userId: 'u1', revoked: false }]]);
  let time = 1_000;
  const lookups: string[] = [];
  let release: (() => void) | null = null;
  let slow = false;
  const cache = createApiKeyCache({
    findApiKeyByHash: async (hash) => {
      lookups.push(hash);
      if (slow) await new Promise<void>((resolve) => (release = resolve));
      return rows.get(hash) ? { ...rows.get(hash)! } : null;
    },
    now: () => time,
    ttlMs: 4_000,
    negativeTtlMs: 2_000,
  });
  return {
    key,
    keyHash,
    rows,
    cache,
    lookups,
    advance: (ms: number) => (time += ms),
    setSlow: (value: boolean) => (slow = value),
    release: () => release?.(),
  };
}

async function auth(cache: ReturnType<typeof setup>['cache'], header: string | undefined) {
  return await cache.authenticate(header);
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as GatewayError).status;
  }
}

describe('api key cache', () => {
  it('extracts only well-formed bearer keys', () => {
    const { key } = generateApiKey();
    expect(extractBearerKey(`Bearer ${key}`)).toBe(key);
    expect(extractBearerKey(`bearer  ${key} `)).toBe(key);
    expect(extractBearerKey(key)).toBeNull();
    expect(extractBearerKey('Bearer sk-123')).toBeNull();
    expect(extractBearerKey(undefined)).toBeNull();
  });

  it('401s missing, malformed and unknown keys without a lookup for malformed ones', async () => {
    const s = setup();
    expect(await status(auth(s.cache, undefined))).toBe(401);
    expect(await status(auth(s.cache, 'Bearer nope'))).toBe(401);
    expect(s.lookups).toHaveLength(0);
    expect(await status(auth(s.cache, `Bearer ${generateApiKey().key}`))).toBe(401);
    expect(s.lookups).toHaveLength(1);
  });

  it('serves hits synchronously within the TTL and looks the key up once', async () => {
    const s = setup();
    expect(await auth(s.cache, `Bearer ${s.key}`)).toMatchObject({ id: 'k1', userId: 'u1' });
    const hit = s.cache.authenticate(`Bearer ${s.key}`);
    expect(hit).not.toBeInstanceOf(Promise);
    expect(s.lookups).toHaveLength(1);
  });

  it('single-flights concurrent misses', async () => {
    const s = setup();
    s.setSlow(true);
    const all = Promise.all([auth(s.cache, `Bearer ${s.key}`), auth(s.cache, `Bearer ${s.key}`), auth(s.cache, `Bearer ${s.key}`)]);
    await Promise.resolve();
    s.release();
    await all;
    expect(s.lookups).toHaveLength(1);
  });

  it('refreshes a hot key in the background: it never waits, and a revoke bites within the TTL', async () => {
    const s = setup();
    await auth(s.cache, `Bearer ${s.key}`);
    s.rows.get(s.keyHash)!.revoked = true;
    s.advance(2_500); // past TTL/2: served from cache (no wait), refresh started
    expect(s.cache.authenticate(`Bearer ${s.key}`)).not.toBeInstanceOf(Promise);
    expect(s.lookups).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await status(auth(s.cache, `Bearer ${s.key}`))).toBe(401);
  });

  it('a revoked key stops working once the TTL passed, even if idle', async () => {
    const s = setup();
    await auth(s.cache, `Bearer ${s.key}`);
    s.rows.get(s.keyHash)!.revoked = true;
    s.advance(4_001);
    expect(await status(auth(s.cache, `Bearer ${s.key}`))).toBe(401);
  });

  it('invalidate by key id or hash drops the entry immediately', async () => {
    const s = setup();
    await auth(s.cache, `Bearer ${s.key}`);
    s.rows.get(s.keyHash)!.revoked = true;
    s.cache.invalidate('k1');
    expect(await status(auth(s.cache, `Bearer ${s.key}`))).toBe(401);
    s.rows.get(s.keyHash)!.revoked = false;
    s.cache.invalidate(s.keyHash);
    expect(await status(auth(s.cache, `Bearer ${s.key}`))).toBe(200);
  });

  it('caches unknown keys briefly', async () => {
    const s = setup();
    const other = generateApiKey();
    await status(auth(s.cache, `Bearer ${other.key}`));
    await status(auth(s.cache, `Bearer ${other.key}`));
    expect(s.lookups).toHaveLength(1);
    s.rows.set(other.keyHash, { id: 'k2', userId: 'u2', revoked: false });
    s.advance(2_001);
    expect(await status(auth(s.cache, `Bearer ${other.key}`))).toBe(200);
  });

  it('503s when the database fails and nothing is cached; serves a recent entry when it fails later', async () => {
    const { key, keyHash } = generateApiKey();
    let fail = true;
    let time = 0;
    const cache = createApiKeyCache({
      findApiKeyByHash: async (hash) => {
        if (fail) throw new Error('db down');
        return hash === keyHash ? { id: 'k', userId: 'u', revoked: false } : null;
      },
      now: () => time,
      ttlMs: 4_000,
      negativeTtlMs: 1_000,
    });
    expect(await status(Promise.resolve().then(() => cache.authenticate(`Bearer ${key}`)))).toBe(503);
    fail = false;
    expect(await status(Promise.resolve().then(() => cache.authenticate(`Bearer ${key}`)))).toBe(200);
    fail = true;
    time += 5_000;
    expect(await status(Promise.resolve().then(() => cache.authenticate(`Bearer ${key}`)))).toBe(200);
  });

  it('touches a key at most once a minute', () => {
    let time = 0;
    const touch = vi.fn();
    const toucher = createKeyToucher(touch, () => time);
    toucher('k');
    toucher('k');
    time += 59_999;
    toucher('k');
    time += 2;
    toucher('k');
    toucher('other');
    expect(touch.mock.calls).toEqual([['k'], ['k'], ['other']]);
  });
});
