import { describe, expect, it } from 'vitest';
import { displayPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-format';

describe('API key format', () => {
  it('makes llmt_ keys of 43 base62 characters (≥ 256 bits) with a 13-character display prefix', () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^llmt_[0-9A-Za-z]{43}$/);
    expect(43 * Math.log2(62)).toBeGreaterThanOrEqual(256);
    expect(prefix).toBe(key.slice(0, 13));
    expect(keyHash).toBe(hashApiKey(key));
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeApiKey(key)).toBe(true);
  });

  it('never repeats and uses the whole alphabet', () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateApiKey().key));
    expect(keys.size).toBe(2000);
    const chars = new Set([...keys].join('').slice(0, 200_000).replaceAll('llmt_', ''));
    expect(chars.size).toBe(62);
  });

  it('rejects things that are not keys before any lookup', () => {
    for (const value of ['', 'llmt_', 'sk-abc', 'llmt_' + 'a'.repeat(42), 'llmt_' + 'a'.repeat(42) + '!', 'llmt_' + 'a'.repeat(44)])
      expect(looksLikeApiKey(value)).toBe(false);
    expect(displayPrefix('llmt_abcdefghijk')).toBe('llmt_abcdefgh');
  });
});
