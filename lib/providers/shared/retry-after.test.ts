import { describe, expect, it } from 'vitest';
import { headerValue, parseRetryAfterSeconds } from './retry-after';

describe('parseRetryAfterSeconds', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfterSeconds({ 'retry-after-ms': '250', 'retry-after': '3' }, now)).toBe(0.25);
    expect(parseRetryAfterSeconds({ 'Retry-After': '3' }, now)).toBe(3);
    expect(parseRetryAfterSeconds({ 'retry-after': 'Wed, 01 Jan 2025 00:00:10 GMT' }, now)).toBe(10);
    expect(parseRetryAfterSeconds({ 'retry-after': 'Tue, 31 Dec 2024 00:00:10 GMT' }, now)).toBe(0);
  });
  it('ignores missing and malformed values', () => {
    expect(parseRetryAfterSeconds({}, now)).toBeUndefined();
    expect(parseRetryAfterSeconds({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfterSeconds({ 'retry-after-ms': 'x', 'retry-after': '2' }, now)).toBe(2);
    expect(parseRetryAfterSeconds({ 'retry-after': ['4', '5'] }, now)).toBe(4);
  });
  it('reads headers case-insensitively', () => {
    expect(headerValue({ 'X-Thing': 'a' }, 'x-thing')).toBe('a');
  });
});
