// Retry-After parsing. OpenAI (and the openai SDK) use `retry-after-ms` (milliseconds, may be
// fractional) ahead of the standard `retry-after` (seconds, or an HTTP date). The gateway uses
// the result to decide whether a retry fits within the request deadline.

export type HeaderBag = Record<string, string | string[] | undefined>;

/** Case-insensitive single header value (first one when repeated). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== lower) continue;
    const value = headers[key];
    if (value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Seconds to wait before retrying, or undefined when the headers do not say (or say nonsense). */
export function parseRetryAfterSeconds(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number(milliseconds.trim());
    if (milliseconds.trim() !== '' && Number.isFinite(value) && value >= 0) return value / 1000;
  }
  const retryAfter = headerValue(headers, 'retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter);
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}
