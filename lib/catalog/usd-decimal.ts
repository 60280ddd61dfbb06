// Exact conversions between USD-per-token decimal strings (OpenRouter's and LiteLLM's unit) and
// our integer micro-dollars per million tokens. Money never goes through float multiplication
// ("0.00000219" × 1e6 × 1e6 is 2190000.0000000005 in floats): we shift the decimal point on digits.

const DECIMAL = /^(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** USD per token → micros per million tokens = value × 10^12. */
const SHIFT_TO_MICROS_PER_MTOK = 12;

/**
 * "0.0000025" → 2_500_000. Accepts plain or exponent notation ("2.5e-06", what a float prints as).
 * Digits beyond a micro-dollar per million tokens are rounded half-up, once.
 * Throws on negative or malformed input: callers decide whether to skip the model.
 */
export function usdPerTokenToMicrosPerMTok(decimal: string): number {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(decimal)}`);
  const [, integerPart, fractionPart = '', exponentPart = '0'] = match;
  const digits = BigInt(integerPart + fractionPart);
  const shift = Number(exponentPart) - fractionPart.length + SHIFT_TO_MICROS_PER_MTOK;
  let micros: bigint;
  if (shift >= 0) {
    micros = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    micros = (digits * 2n + divisor) / (divisor * 2n); // half-up on non-negative values
  }
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`price too large: ${decimal}`);
  return Number(micros);
}

/** A float from a parsed JSON number (LiteLLM): String() gives its shortest round-trip decimal. */
export function usdNumberPerTokenToMicrosPerMTok(value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`not a non-negative price: ${value}`);
  return usdPerTokenToMicrosPerMTok(String(value));
}

/** 2_500_000 → "0.0000025": the exact USD-per-token decimal, no trailing zeros (OpenRouter style). */
export function microsPerMTokToUsdPerToken(micros: number): string {
  if (!Number.isSafeInteger(micros) || micros < 0) throw new RangeError(`not a non-negative integer: ${micros}`);
  const digits = String(micros).padStart(SHIFT_TO_MICROS_PER_MTOK + 1, '0');
  const integerPart = digits.slice(0, -SHIFT_TO_MICROS_PER_MTOK);
  const fractionPart = digits.slice(-SHIFT_TO_MICROS_PER_MTOK).replace(/0+$/, '');
  return fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
}
