// Formatting for call and price figures. Money arrives as integer micro-dollars and is turned into
// text by digit arithmetic, never through float division, so "$0.000075" is exactly what was stored.

const MICROS_PER_DOLLAR = 1_000_000;

/**
 * 7_375 → "$0.007375", 2_500_000 → "$2.50", 1_234_567_890 → "$1,234.56789". At least two decimals,
 * as many as needed up to the micro-dollar (six), never rounded.
 */
export function formatUsdMicros(micros: number): string {
  if (!Number.isFinite(micros)) return '—';
  const negative = micros < 0;
  const abs = Math.abs(Math.round(micros));
  const whole = Math.floor(abs / MICROS_PER_DOLLAR);
  const fraction = String(abs % MICROS_PER_DOLLAR).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}$${whole.toLocaleString('en-US')}.${fraction}`;
}

const integer = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return integer.format(value);
}

/** 840 → "840 ms", 1_234 → "1.23 s", 65_000 → "65.0 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const shortTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "May 1, 12:30:05" (UTC, like every date of the dashboard). */
export function formatCallTime(date: Date): string {
  return shortTime.format(date);
}

/** "2026-05-01 12:30:05.123 UTC": the full instant, for the call page and tooltips. */
export function formatInstant(date: Date): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}
