import { describe, expect, it } from 'vitest';
import { microsPerMTokToUsdPerToken, usdNumberPerTokenToMicrosPerMTok, usdPerTokenToMicrosPerMTok } from './usd-decimal';

describe('usdPerTokenToMicrosPerMTok', () => {
  it('shifts the decimal point exactly', () => {
    expect(usdPerTokenToMicrosPerMTok('0.0000025')).toBe(2_500_000);
    expect(usdPerTokenToMicrosPerMTok('0.00001')).toBe(10_000_000);
    expect(usdPerTokenToMicrosPerMTok('0.000075')).toBe(75_000_000);
    expect(usdPerTokenToMicrosPerMTok('0.00000031')).toBe(310_000);
    expect(usdPerTokenToMicrosPerMTok('0')).toBe(0);
    expect(usdPerTokenToMicrosPerMTok('1')).toBe(1_000_000_000_000);
  });

  it('is exact where float multiplication is not', () => {
    // The float route (× 1e6 twice) gives 2190000.0000000005 for DeepSeek R1's output price.
    expect(Number('0.00000219') * 1e6 * 1e6).not.toBe(2_190_000);
    expect(usdPerTokenToMicrosPerMTok('0.00000219')).toBe(2_190_000);
  });

  it('rounds sub-micro digits half-up, once', () => {
    expect(usdPerTokenToMicrosPerMTok('0.0000000000005')).toBe(1); // 0.5 micro → 1
    expect(usdPerTokenToMicrosPerMTok('0.0000000000004999')).toBe(0);
    expect(usdPerTokenToMicrosPerMTok('0.0000000000015')).toBe(2);
    expect(usdPerTokenToMicrosPerMTok('0.00000000000249')).toBe(2); // 2.49 → 2 (no double rounding)
  });

  it('accepts exponent notation (how floats print)', () => {
    expect(usdPerTokenToMicrosPerMTok('2.5e-6')).toBe(2_500_000);
    expect(usdPerTokenToMicrosPerMTok('3E-08')).toBe(30_000);
    expect(usdNumberPerTokenToMicrosPerMTok(2.5e-6)).toBe(2_500_000);
    expect(usdNumberPerTokenToMicrosPerMTok(3.625e-9)).toBe(3_625);
    expect(usdNumberPerTokenToMicrosPerMTok(1e-7)).toBe(100_000);
  });

  it('rejects negative or malformed prices', () => {
    expect(() => usdPerTokenToMicrosPerMTok('-1')).toThrow(RangeError);
    expect(() => usdPerTokenToMicrosPerMTok('abc')).toThrow(RangeError);
    expect(() => usdPerTokenToMicrosPerMTok('')).toThrow(RangeError);
    expect(() => usdNumberPerTokenToMicrosPerMTok(Number.NaN)).toThrow(RangeError);
  });
});

describe('microsPerMTokToUsdPerToken', () => {
  it('writes OpenRouter-style decimals', () => {
    expect(microsPerMTokToUsdPerToken(2_500_000)).toBe('0.0000025');
    expect(microsPerMTokToUsdPerToken(10_000_000)).toBe('0.00001');
    expect(microsPerMTokToUsdPerToken(0)).toBe('0');
    expect(microsPerMTokToUsdPerToken(1)).toBe('0.000000000001');
    expect(microsPerMTokToUsdPerToken(1_500_000_000_000)).toBe('1.5');
  });

  it('round-trips every integer it writes', () => {
    for (const micros of [0, 1, 7, 30_000, 310_000, 2_500_000, 75_000_000, 123_456_789_012]) {
      expect(usdPerTokenToMicrosPerMTok(microsPerMTokToUsdPerToken(micros))).toBe(micros);
    }
  });
});
