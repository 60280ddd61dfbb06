// Sending one attempt upstream with undici: one keep-alive Agent (it keeps a Pool per origin),
// connect timeout on the Agent, first-byte (response headers) and body timeouts per request, and
// the call's AbortSignal (client gone or deadline) threaded through. Network failures become
// UpstreamErrors whose kind drives retry/fallback.
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, request } from 'undici';
import { UpstreamError, type UpstreamRequest } from '../providers/types';
import { UPSTREAM_ADDRESS_REFUSED } from './upstream-address-guard';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export function createUpstreamAgent(options: { connectTimeoutMs: number; lookup?: LookupFunction }): Agent {
  return new Agent({
    // lookup: the SSRF guard's DNS check for the custom host (upstream-address-guard.ts), if any.
    connect: { timeout: options.connectTimeoutMs, ...(options.lookup && { lookup: options.lookup }) },
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    connections: 512,
  });
}

/** Why the call's signal aborted: the client went away, or the call's deadline passed. */
export class CallAborted extends Error {
  constructor(readonly reason: 'cancelled' | 'deadline') {
    super(reason === 'cancelled' ? 'The client closed the connection.' : 'The call deadline passed.');
    this.name = 'CallAborted';
  }
}

export async function sendUpstream(
  upstream: UpstreamRequest,
  options: { dispatcher: Dispatcher; signal: AbortSignal; headersTimeoutMs: number; bodyTimeoutMs: number },
): Promise<UpstreamResponse> {
  try {
    const response = await request(upstream.url, {
      method: 'POST',
      headers: upstream.headers,
      body: upstream.body,
      dispatcher: options.dispatcher,
      signal: options.signal,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body as unknown as Readable };
  } catch (error) {
    throw classifyNetworkError(error, options.signal);
  }
}

/** Reads a whole (non-streaming or error) body as text. */
export async function readBodyText(body: Readable, signal: AbortSignal): Promise<string> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    throw classifyNetworkError(error, signal);
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Any error thrown while talking to the upstream → UpstreamError or CallAborted. */
export function classifyNetworkError(error: unknown, signal: AbortSignal): Error {
  if (signal.aborted) return signal.reason instanceof CallAborted ? signal.reason : new CallAborted('cancelled');
  if (error instanceof UpstreamError || error instanceof CallAborted) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code && TIMEOUT_CODES.has(code)) {
    const what = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'connect timeout' : code === 'UND_ERR_BODY_TIMEOUT' ? 'idle timeout' : 'first byte timeout';
    return new UpstreamError('timeout', what, { cause: error });
  }
  // The SSRF guard refused the address: its message names the variable to set.
  if (code === UPSTREAM_ADDRESS_REFUSED) return new UpstreamError('connect', refusedAddressMessage(error) ?? message, { cause: error });
  if (code && CONNECT_CODES.has(code)) return new UpstreamError('connect', `connection failed (${code})`, { cause: error });
  if (code && RESET_CODES.has(code)) return new UpstreamError('reset', `connection reset (${code})`, { cause: error });
  return new UpstreamError('reset', message || 'network error', { cause: error });
}

function refusedAddressMessage(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 4 && current && typeof current === 'object'; depth++, current = (current as { cause?: unknown }).cause)
    if ((current as { code?: unknown }).code === UPSTREAM_ADDRESS_REFUSED) return (current as Error).message;
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED' && code !== 'ABORT_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
