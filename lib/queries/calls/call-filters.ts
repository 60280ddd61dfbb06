// The calls explorer's filters, as they live in the URL (?flow=support-bot&status=error&…).
// Parsing is tolerant: an unknown or malformed value is dropped, never an error page, because
// URLs get hand-edited and shared. Times are ISO instants or `datetime-local` values ("2026-05-01T10:00"),
// read as UTC since the dashboard shows UTC everywhere.

export type CallStatusFilter = 'ok' | 'error' | 'cancelled' | '4xx' | '5xx' | number;

export interface CallFilters {
  /** Flow name (unique per user). */
  flow?: string;
  /** Matches the requested or the served model; catalog aliases count ("gpt-4o" = "openai/gpt-4o"). */
  model?: string;
  status?: CallStatusFilter;
  fellBack?: boolean;
  jsonRepaired?: boolean;
  /** ApiKey id. */
  keyId?: string;
  source?: 'production' | 'benchmark';
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** URL parameter names, in the order they are written back. */
export const CALL_FILTER_PARAMS = ['flow', 'model', 'status', 'fallback', 'repaired', 'key', 'source', 'from', 'to'] as const;

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: SearchParams, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(name) ?? undefined) : params[name];
  const single = Array.isArray(value) ? value[0] : value;
  const trimmed = single?.trim();
  return trimmed ? trimmed : undefined;
}

function yesNo(value: string | undefined): boolean | undefined {
  if (value === 'yes' || value === 'true' || value === '1') return true;
  if (value === 'no' || value === 'false' || value === '0') return false;
  return undefined;
}

function status(value: string | undefined): CallStatusFilter | undefined {
  if (value === 'ok' || value === 'error' || value === 'cancelled' || value === '4xx' || value === '5xx') return value;
  if (value && /^[1-5]\d\d$/.test(value)) return Number(value);
  return undefined;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/;

/** "2026-05-01T10:00" (no zone) is UTC; an ISO string with a zone is taken as is. */
export function parseFilterTime(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const text = LOCAL_DATE_TIME.test(value) ? `${value.length === 10 ? `${value}T00:00` : value}Z` : value;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "2026-05-01T10:00" in UTC: what a datetime-local input shows for a Date. */
export function formatFilterTime(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0 ? iso.slice(0, 16) : iso.slice(0, 19);
}

export function parseCallFilters(params: SearchParams): CallFilters {
  const filters: CallFilters = {};
  const flow = first(params, 'flow');
  if (flow && flow.length <= 64) filters.flow = flow;
  const model = first(params, 'model');
  if (model && model.length <= 200) filters.model = model;
  const parsedStatus = status(first(params, 'status'));
  if (parsedStatus !== undefined) filters.status = parsedStatus;
  const fellBack = yesNo(first(params, 'fallback'));
  if (fellBack !== undefined) filters.fellBack = fellBack;
  const jsonRepaired = yesNo(first(params, 'repaired'));
  if (jsonRepaired !== undefined) filters.jsonRepaired = jsonRepaired;
  const key = first(params, 'key');
  if (key && key.length <= 64) filters.keyId = key;
  const source = first(params, 'source');
  if (source === 'production' || source === 'benchmark') filters.source = source;
  const from = parseFilterTime(first(params, 'from'));
  if (from) filters.from = from;
  const to = parseFilterTime(first(params, 'to'));
  if (to) filters.to = to;
  return filters;
}

/** The filters back as URL parameters (only those set), for links that keep them. */
export function callFiltersToSearchParams(filters: CallFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.flow) params.set('flow', filters.flow);
  if (filters.model) params.set('model', filters.model);
  if (filters.status !== undefined) params.set('status', String(filters.status));
  if (filters.fellBack !== undefined) params.set('fallback', filters.fellBack ? 'yes' : 'no');
  if (filters.jsonRepaired !== undefined) params.set('repaired', filters.jsonRepaired ? 'yes' : 'no');
  if (filters.keyId) params.set('key', filters.keyId);
  if (filters.source) params.set('source', filters.source);
  if (filters.from) params.set('from', formatFilterTime(filters.from));
  if (filters.to) params.set('to', formatFilterTime(filters.to));
  return params;
}

export function hasCallFilters(filters: CallFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}
