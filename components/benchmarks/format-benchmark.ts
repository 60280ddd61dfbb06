// How benchmark figures are written on the page.
import { formatMicros } from '../flows/format-figures';

export const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled',
  budget_reached: 'Budget reached',
  failed: 'Failed',
};

/** 0.5 → "50 %"; null → "—" */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  const percent = share * 100;
  return `${percent === 0 || percent === 100 || percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)} %`;
}

/** Agreement (0–1) as a percentage, or the judge's mean score out of 10. */
export function formatQuality(value: number | null, judged: boolean): string {
  if (value === null) return '—';
  return judged ? `${value.toFixed(1)} / 10` : formatShare(value);
}

export function formatMoney(micros: bigint | null): string {
  return micros === null ? '—' : formatMicros(micros);
}

/** "about 2 min" */
export function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating…';
  if (ms < 1_000) return 'a moment';
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `about ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min` : `about ${(minutes / 60).toFixed(1)} h`;
}
