// The dashboard's time range: a preset relative to now (1h, 24h, 7d, 30d) or a custom from/to,
// read from the URL's search params. Framework-free: pages pass searchParams and the clock.

export const RANGE_PRESETS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export type TimeBucket = 'minute' | 'hour' | 'day';

export interface TimeRange {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
  /** The preset, or "custom". */
  preset: RangePreset | 'custom';
}

export const DEFAULT_PRESET: RangePreset = '24h';
/** Custom ranges are capped so a typo cannot ask for a century of buckets. */
const MAX_CUSTOM_MS = 400 * 86_400_000;

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A date from a search param: ISO date/time (UTC when no zone is given) or epoch milliseconds. */
function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const text = value.trim();
  const date = /^\d{10,}$/.test(text)
    ? new Date(Number(text))
    : new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) || /^\d{4}-\d\d-\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ?range=1h|24h|7d|30d, or ?range=custom&from=…&to=… (to defaults to now); anything else → 24h. */
export function parseTimeRange(params: SearchParams, now: Date = new Date()): TimeRange {
  const preset = first(params.range);
  if (preset === 'custom' || (!preset && (params.from || params.to))) {
    const from = parseDate(first(params.from));
    const to = parseDate(first(params.to)) ?? now;
    if (from && from < to && to.getTime() - from.getTime() <= MAX_CUSTOM_MS) return { from, to, preset: 'custom' };
  }
  const key: RangePreset = preset && preset in RANGE_PRESETS ? (preset as RangePreset) : DEFAULT_PRESET;
  return { from: new Date(now.getTime() - RANGE_PRESETS[key]), to: now, preset: key };
}

/** Chart buckets: minutes up to 2 hours, hours up to 3 days, days beyond. */
export function chooseBucket(range: Pick<TimeRange, 'from' | 'to'>): TimeBucket {
  const span = range.to.getTime() - range.from.getTime();
  if (span <= 2 * 3_600_000) return 'minute';
  if (span <= 3 * 86_400_000) return 'hour';
  return 'day';
}

const BUCKET_MS: Record<TimeBucket, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** UTC start of the bucket holding `ms` (what date_trunc returns for a UTC timestamp). */
export function truncateToBucket(ms: number, bucket: TimeBucket): number {
  return Math.floor(ms / BUCKET_MS[bucket]) * BUCKET_MS[bucket];
}

/** Every bucket start touched by the range, in order (charts need the empty ones too). */
export function bucketStarts(range: Pick<TimeRange, 'from' | 'to'>, bucket: TimeBucket): number[] {
  const starts: number[] = [];
  const end = range.to.getTime();
  for (let t = truncateToBucket(range.from.getTime(), bucket); t < end; t += BUCKET_MS[bucket]) starts.push(t);
  return starts;
}
