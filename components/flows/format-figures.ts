// How the flows pages write figures. Money arrives as integer micro-dollars (bigint) and is
// formatted with integer arithmetic: no float ever touches a sum.

const MICROS_PER_DOLLAR = 1_000_000n;
const integer = new Intl.NumberFormat('en-US');

/** $1,234.57 from $1 up (cents, half up); below $1 up to six decimals: $0.50, $0.000123. */
export { formatUsd as formatMicros } from '../../lib/billing/money';

/** The exact value, all six decimals, for a title attribute: $1234.567891. */
export function formatMicrosExact(micros: bigint): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  return `${negative ? '-' : ''}$${abs / MICROS_PER_DOLLAR}.${String(abs % MICROS_PER_DOLLAR).padStart(6, '0')}`;
}

/** Average cost per call: total / calls rounded half up to the micro-dollar (bigint division). */
export function averageMicros(totalMicros: bigint, calls: number): bigint | null {
  if (calls <= 0) return null;
  const n = BigInt(calls);
  return (totalMicros * 2n + n) / (2n * n);
}

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 12.5 %; "<0.1 %" for a small non-zero share; "—" without calls. */
export function formatRate(part: number, total: number): string {
  if (total <= 0) return '—';
  if (part === 0) return '0 %';
  const percent = (part / total) * 100;
  if (percent < 0.1) return '<0.1 %';
  return `${percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)} %`;
}

/** 842 ms; 12.3 s from 10 s up; "—" when unknown; "≈" marks a histogram estimate. */
export function formatMs(ms: number | null, exact = true): string {
  if (ms === null) return '—';
  const text = ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${integer.format(ms)} ms`;
  return exact ? text : `≈${text}`;
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const timeOnly = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
const dayOnly = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Jan 10, 2026, 9:30 AM UTC" */
export function formatWhen(date: Date | null): string {
  return date ? `${dateTime.format(date)} UTC` : '—';
}

/** Axis label of a bucket start. */
export function formatBucket(t: number, bucket: 'minute' | 'hour' | 'day'): string {
  const date = new Date(t);
  if (bucket === 'day') return dayOnly.format(date);
  if (bucket === 'hour' && date.getUTCHours() === 0) return `${dayOnly.format(date)} 00:00`;
  return timeOnly.format(date);
}
