// API key format: "llmt_" + 43 base62 characters (256 random bits). Only the SHA-256 of the key
// and a display prefix are stored; a fast hash is right here because the key carries 256 bits of
// entropy (no dictionary to attack), and it keeps the per-request lookup cheap.
import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'llmt_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_CHARS = 43; // 62^43 > 2^256
/** Characters after "llmt_" shown in the keys list ("llmt_ab12cd34…"). */
const DISPLAY_CHARS = 8;

export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  let random = '';
  while (random.length < RANDOM_CHARS) {
    for (const byte of randomBytes(64)) {
      // Rejection sampling keeps every character equally likely (248 = 4 * 62).
      if (byte < 248 && random.length < RANDOM_CHARS) random += BASE62[byte % 62];
    }
  }
  const key = API_KEY_PREFIX + random;
  return { key, prefix: displayPrefix(key), keyHash: hashApiKey(key) };
}

/**
 * Keys are only ever compared as these digests (a map lookup in the gateway's cache, then the
 * unique index on ApiKey.keyHash): no code compares a raw key with ===, and a timing difference
 * could at most reveal a prefix of the hash, which does not help find the key.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + DISPLAY_CHARS);
}

/** Cheap shape check before any lookup: rejects obvious garbage without touching the database. */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length === API_KEY_PREFIX.length + RANDOM_CHARS && /^[0-9A-Za-z]+$/.test(value.slice(API_KEY_PREFIX.length));
}

// Underscores included: two keys written back to back ("llmt_…llmt_…") are one match.
const KEY_PATTERN = /llmt_[0-9A-Za-z_]{16,}/g;

/**
 * Replaces anything shaped like an LLMTest key with its display prefix + "…[redacted]". The call
 * log stores request and response bodies: a user who pastes a key into a message must not find it
 * in the dashboard or the database. Costs one substring search when there is no "llmt_".
 */
export function redactApiKeys(text: string): string {
  if (!text.includes(API_KEY_PREFIX)) return text;
  return text.replace(KEY_PATTERN, (key) => `${displayPrefix(key)}…[redacted]`);
}
