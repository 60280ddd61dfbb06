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
