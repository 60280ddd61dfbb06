// Money for billing, in integers only: micro-dollars (1 µ$ = $0.000001) like the call log, and
// the platform fee in basis points (5 % = 500), so no float ever touches an amount.

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/** "1" → 1_000_000, "0.25" → 250_000; more than six decimals are rounded half up. */
export function usdToMicros(text: string): bigint {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`not a non-negative amount in dollars: ${JSON.stringify(text)}`);
  const [, whole, fraction = ''] = match;
  const padded = (fraction + '000000').slice(0, 6);
  let micros = BigInt(whole) * 1_000_000n + BigInt(padded);
  if (fraction.length > 6 && Number(fraction[6]) >= 5) micros += 1n;
  return micros;
}

/** "5" → 500, "2.5" → 250 basis points (two decimals at most). */
export function percentToBasisPoints(text: string): number {
  const match = DECIMAL.exec(text.trim());
  if (!match || (match[2]?.length ?? 0) > 2) throw new RangeError(`not a percentage with at most two decimals: ${JSON.stringify(text)}`);
  return Number(match[1]) * 100 + Number(((match[2] ?? '') + '00').slice(0, 2));
}

/**
 * What a customer is billed for a model cost: cost × (1 + fee), rounded half up to the
 * micro-dollar. Applied per meter event (one per customer and report window), so rounding costs
 * at most half a micro-dollar per event.
 */
export function billedMicros(costMicros: bigint, feeBasisPoints: number): bigint {
  const scaled = costMicros * BigInt(10_000 + feeBasisPoints);
  return (scaled + 5_000n) / 10_000n;
}

/** $1.00 / $0.000123: dollars from micro-dollars, cents from $1 up (half up), for messages. */
export function formatUsd(micros: bigint): string {
  const abs = micros < 0n ? -micros : micros;
  const sign = micros < 0n ? '-' : '';
  if (abs >= 1_000_000n || abs === 0n || abs % 10_000n === 0n) {
    const cents = (abs + 5_000n) / 10_000n;
    return `${sign}$${(cents / 100n).toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
  }
  return `${sign}$0.${String(abs).padStart(6, '0').replace(/0+$/, '')}`;
}
