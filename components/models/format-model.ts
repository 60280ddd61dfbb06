import { formatUsdMicros } from '../calls/format';

/** Micro-dollars per million tokens as people read prices: "$2.50", "$0.075", "Free". */
export function formatPricePerM(micros: number | null): string {
  if (micros === null) return '—';
  if (micros === 0) return 'Free';
  return formatUsdMicros(micros);
}

/**
 * Context windows the way vendors quote them: 131072 → "128K" (binary sizes in KiB), 128000 →
 * "128K", 200000 → "200K", 1048576 and 1000000 → "1M", 2000000 → "2M".
 */
export function formatContext(tokens: number): string {
  if (!tokens || tokens < 0) return '—';
  // Round decimal figures (128000) are decimal; otherwise multiples of 1024 (131072) are binary.
  const binary = tokens % 1000 !== 0 && tokens % 1024 === 0;
  const thousands = binary ? tokens / 1024 : tokens / 1000;
  if (thousands >= 1000) {
    const millions = binary && tokens % (1024 * 1024) === 0 ? tokens / (1024 * 1024) : tokens / 1_000_000;
    return `${Number(millions.toFixed(1))}M`;
  }
  if (thousands >= 1) return `${Math.round(thousands)}K`;
  return String(tokens);
}
