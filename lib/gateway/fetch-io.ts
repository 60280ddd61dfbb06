// Fetch API (Next route handlers) ⇄ the gateway core. request.signal aborts when the client
// goes away; a streaming body becomes a pull-based ReadableStream (one chunk per pull, so
// nothing is buffered ahead of the client).
import { PayloadTooLargeError } from './errors';
import type { GatewayResponse, IncomingCall } from './io';

export function toIncomingCallFromFetch(request: Request): IncomingCall {
  const url = new URL(request.url);
  return {
    method: request.method,
    path: url.pathname,
    header: (name) => request.headers.get(name) ?? undefined,
    readBody: (limit) => readFetchBody(request, limit),
    onClientGone(callback) {
      if (request.signal.aborted) callback();
      else request.signal.addEventListener('abort', callback, { once: true });
    },
  };
}

async function readFetchBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

export function toFetchResponse(response: GatewayResponse): Response {
  if (typeof response.body === 'string') {
    return new Response(response.body, { status: response.status, headers: response.headers });
  }
  const body = response.body;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await body.next();
        if (chunk === null) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        body.cancel();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status: response.status, headers: response.headers });
}
