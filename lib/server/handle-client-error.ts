// Requests Node's HTTP parser refuses before any handler runs (a CR, LF or NUL inside a header
// such as X-Flow, a malformed request line, oversized headers, a request that took too long)
// still get OpenAI's error envelope instead of Node's bare "400 Bad Request".
import type { Duplex } from 'node:stream';

const STATUS_BY_CODE: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

export function handleClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ''] ?? '400 Bad Request';
  const body = JSON.stringify({
    error: {
      message: `Malformed HTTP request (${error.code ?? 'parse error'}): check the request line and header names and values.`,
      type: 'invalid_request_error',
      param: null,
      code: 'malformed_http_request',
    },
  });
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
