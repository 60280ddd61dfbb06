// API keys: "Authorization: Bearer llmt_…" → SHA-256 → a cached lookup.
//
// Revocation must bite within 5 s on every instance without a pub/sub channel, so entries have a
// hard TTL (≤ 5 s, validated in config): past it, a request waits for a fresh lookup. To keep a
// hot key off the database path, an entry past half its TTL is served as-is while one background
// refresh (single-flight) renews it; a key used at least every TTL/2 therefore never waits.
// Unknown keys are remembered briefly so a flood of bad keys does not reach the database.
import { hashApiKey, looksLikeApiKey } from '../auth/api-key-format';
import { GatewayError, InvalidApiKeyError } from './errors';

export interface ApiKeyRecord {
  id: string;
  userId: string;
  revoked: boolean;
}

export interface ApiKeyCacheOptions {
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  now(): number;
  ttlMs: number;
  negativeTtlMs: number;
  maxEntries?: number;
  /** When the database is down, a key validated this recently still works (availability over a stale revoke). */
  staleOnErrorMs?: number;
}

interface Entry {
  record: ApiKeyRecord | null;
  fetchedAt: number;
  refreshing: Promise<ApiKeyRecord | null> | null;
}

export interface ApiKeyCache {
  /** The key record for the header, synchronously on a fresh cache hit; throws/rejects with 401. */
  authenticate(authorization: string | null | undefined): ApiKeyRecord | Promise<ApiKeyRecord>;
  /** Drop a key now (by hash or key id), e.g. right after the user revokes it on this instance. */
  invalidate(hashOrKeyId: string): void;
  readonly size: number;
}

export function extractBearerKey(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const space = authorization.indexOf(' ');
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== 'bearer') return null;
  const key = authorization.slice(space + 1).trim();
  return looksLikeApiKey(key) ? key : null;
}

export function createApiKeyCache(options: ApiKeyCacheOptions): ApiKeyCache {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 50_000;
  const staleOnErrorMs = options.staleOnErrorMs ?? 60_000;

  function accept(record: ApiKeyRecord | null): ApiKeyRecord {
    if (record === null) throw new InvalidApiKeyError('Incorrect API key provided. You can find your keys in the LLMTest dashboard.');
    if (record.revoked) throw new InvalidApiKeyError('This API key has been revoked.');
    return record;
  }

  function refresh(hash: string, entry: Entry | undefined): Promise<ApiKeyRecord | null> {
    if (entry?.refreshing) return entry.refreshing;
    const target: Entry = entry ?? { record: null, fetchedAt: -Infinity, refreshing: null };
    const lookup = options.findApiKeyByHash(hash).then(
      (record) => {
        target.record = record;
        target.fetchedAt = options.now();
        target.refreshing = null;
        return record;
      },
      (error: unknown) => {
        target.refreshing = null;
        if (target.record && options.now() - target.fetchedAt < staleOnErrorMs) return target.record;
        if (!entry) entries.delete(hash);
        throw new GatewayError(503, 'API key verification is temporarily unavailable; please retry.', {
          type: 'server_error',
          code: 'auth_unavailable',
          cause: error,
        });
      },
    );
    target.refreshing = lookup;
    if (!entry) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(hash, target);
    }
    return lookup;
  }

  return {
    authenticate(authorization) {
      const key = extractBearerKey(authorization);
      if (key === null) {
        throw new InvalidApiKeyError(
          authorization ? undefined : 'You did not provide an API key. Pass it as "Authorization: Bearer llmt_...".',
        );
      }
      const hash = hashApiKey(key);
      const entry = entries.get(hash);
      if (entry && entry.fetchedAt !== -Infinity) {
        const age = options.now() - entry.fetchedAt;
        const ttl = entry.record && !entry.record.revoked ? options.ttlMs : options.negativeTtlMs;
        if (age < ttl) {
          if (age >= ttl / 2 && entry.record) void refresh(hash, entry).catch(() => undefined);
          return accept(entry.record);
        }
      }
      return refresh(hash, entry).then(accept);
    },
    invalidate(hashOrKeyId) {
      if (entries.delete(hashOrKeyId)) return;
      for (const [hash, entry] of entries) if (entry.record?.id === hashOrKeyId) entries.delete(hash);
    },
    get size() {
      return entries.size;
    },
  };
}

/** Records "last used" at most once per interval per key (default a minute), never awaited. */
export function createKeyToucher(touch: ((keyId: string) => Promise<void> | void) | undefined, now: () => number, intervalMs = 60_000) {
  const lastTouched = new Map<string, number>();
  return (keyId: string): void => {
    if (!touch) return;
    const time = now();
    const last = lastTouched.get(keyId);
    if (last !== undefined && time - last < intervalMs) return;
    if (lastTouched.size > 100_000) lastTouched.clear();
    lastTouched.set(keyId, time);
    try {
      void Promise.resolve(touch(keyId)).catch(() => undefined);
    } catch {
      // A failed "last used" write must never fail a call.
    }
  };
}
