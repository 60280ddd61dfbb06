import { describe, expect, it } from 'vitest';
import { billedMicros, formatUsd, percentToBasisPoints, usdToMicros } from './money';

describe('billing money', () => {
  it('parses dollars and percentages without floats', () => {
    expect(usdToMicros('1')).toBe(1_000_000n);
    expect(usdToMicros('0.25')).toBe(250_000n);
    expect(usdToMicros('0.0000015')).toBe(2n); // half up at the micro-dollar
    expect(() => usdToMicros('-1')).toThrow();
    expect(() => usdToMicros('1e3')).toThrow();
    expect(percentToBasisPoints('5')).toBe(500);
    expect(percentToBasisPoints('2.5')).toBe(250);
    expect(percentToBasisPoints('0')).toBe(0);
    expect(() => percentToBasisPoints('1.234')).toThrow();
  });

  it('adds the fee rounded half up to the micro-dollar', () => {
    expect(billedMicros(1_000_000n, 500)).toBe(1_050_000n);
    expect(billedMicros(1144n, 500)).toBe(1201n); // 1201.2
    expect(billedMicros(10n, 500)).toBe(11n); // 10.5 → 11
    expect(billedMicros(9n, 500)).toBe(9n); // 9.45 → 9
    expect(billedMicros(123n, 0)).toBe(123n);
  });

  it('formats amounts for messages', () => {
    expect(formatUsd(0n)).toBe('$0.00');
    expect(formatUsd(1_000_000n)).toBe('$1.00');
    expect(formatUsd(500_000n)).toBe('$0.50');
    expect(formatUsd(400n)).toBe('$0.0004');
    expect(formatUsd(1_234_565_000n)).toBe('$1,234.57');
  });
});
