import type { TimeRange } from '../../lib/queries/flows/time-range';

/** The search params that reproduce a range: ?range=7d, or ?range=custom&from=…&to=…. */
export function rangeParams(range: TimeRange): Record<string, string> {
  if (range.preset !== 'custom') return { range: range.preset };
  return { range: 'custom', from: range.from.toISOString(), to: range.to.toISOString() };
}

export function toQuery(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Value for <input type="datetime-local"> in UTC (the form's values are read back as UTC). */
export function toDateTimeLocal(date: Date): string {
  return date.toISOString().slice(0, 16);
}
