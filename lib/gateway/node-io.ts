// node:http ⇄ the gateway core. The body is read with a hard limit (a declared Content-Length
// over it is refused before reading; an undeclared one stops at the limit); a response that
// closes before it finished means the client went away (the core aborts the upstream call).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PayloadTooLargeError } from './errors';
import type { GatewayResponse, IncomingCall } from './io';

export function toIncomingCallFromNode(req: IncomingMessage, res: ServerResponse): IncomingCall {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: query < 0 ? url : url.slice(0, query),
    header: (name) => req.headers[name],
    readBody: (limit) => readNodeBody(req, limit),
    onClientGone(callback) {
      res.once('close', () => {
        if (!res.writableFinished) callback();
      });
    },
  };
}

export function readNodeBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new PayloadTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

export async function writeNodeResponse(res: ServerResponse, response: GatewayResponse): Promise<void> {
  if (res.destroyed) {
    if (typeof response.body !== 'string') response.body.cancel();
    return;
  }
  if (typeof response.body === 'string') {
    res.writeHead(response.status, response.headers);
    res.end(response.body);
    return;
  }
  const body = response.body;
  // No flushHeaders(): the first chunk is already here, so headers and it leave in one write.
  res.writeHead(response.status, response.headers);
  const onClose = () => {
    if (!res.writableFinished) body.cancel();
  };
  res.once('close', onClose);
  try {
    for (;;) {
      const chunk = await body.next();
      if (chunk === null) break;
      if (res.destroyed) return;
      if (!res.write(chunk)) await waitForDrain(res);
    }
    res.end();
  } catch {
    res.destroy();
  }
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
