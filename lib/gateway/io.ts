// The transport-neutral shapes the core works with, so node:http (handleNode) and fetch
// (handleFetch) share one pipeline: an incoming call in, a GatewayResponse out.

export interface IncomingCall {
  method: string;
  /** Path without the query string, e.g. "/v1/chat/completions". */
  path: string;
  /** A request header by lowercase name. */
  header(name: string): string | string[] | undefined;
  /** The body as UTF-8 text; throws PayloadTooLargeError (and stops reading) past the limit. */
  readBody(limitBytes: number): Promise<string>;
  /** Registers what to do when the client goes away before the response is complete. */
  onClientGone(callback: () => void): void;
}

/** A streaming body: next() gives the next chunk, null at the end; cancel() when the client left. */
export interface StreamBody {
  next(): Promise<Uint8Array | null>;
  cancel(): void;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string | StreamBody;
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

// No "connection: keep-alive": it is HTTP/1.1's default anyway, and an explicit one overrides
// the server's "connection: close" while it shuts down (clients would keep sending requests).
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;
