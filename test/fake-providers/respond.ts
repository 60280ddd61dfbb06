// Writing one fake answer (normal or faulty) to the socket.
import type { ServerResponse } from 'node:http';

export interface ResponseControl {
  res: ServerResponse;
  /** Resolves when the connection closes (client abort or our own destroy). */
  closed: Promise<void>;
  /** Mark that the server is about to break the connection on purpose (not a client abort). */
  markInjected(): void;
}

export function sleep(ms: number, control: ResponseControl): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return Promise.race([
    new Promise<void>((resolve) => setTimeout(resolve, ms).unref()),
    control.closed,
  ]);
}

export function destroyConnection(control: ResponseControl): void {
  control.markInjected();
  control.res.socket?.destroy();
  control.res.destroy();
}

export function sendBody(control: ResponseControl, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  const { res } = control;
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Headers, then part of the body (with a content-length promising all of it), then a reset. */
export function sendPartialThenReset(control: ResponseControl, contentType: string, body: string, headers: Record<string, string>): void {
  const { res } = control;
  if (res.destroyed) return;
  const bytes = Buffer.from(body);
  res.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': bytes.length });
  res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => destroyConnection(control));
}

export interface StreamPlan {
  events: string[];
  gapMs: number;
  /** Stop after this many events: 'reset' destroys the socket, 'stall' keeps it open silently. */
  cut?: { afterEvents: number; mode: 'reset' | 'stall' };
}

export async function sendStream(control: ResponseControl, contentType: string, headers: Record<string, string>, plan: StreamPlan): Promise<void> {
  const { res } = control;
  if (res.destroyed) return;
  res.writeHead(200, { ...headers, 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
  const limit = plan.cut ? Math.min(plan.cut.afterEvents, plan.events.length) : plan.events.length;
  if (plan.gapMs <= 0) {
    // Benchmarks' hot path: one write.
    const text = plan.events.slice(0, limit).join('');
    if (!plan.cut) {
      res.end(text);
      return;
    }
    if (text) res.write(text);
    else res.flushHeaders();
  } else {
    res.flushHeaders();
    for (let index = 0; index < limit; index++) {
      if (index > 0) await sleep(plan.gapMs, control);
      if (res.destroyed) return;
      res.write(plan.events[index]);
    }
    if (!plan.cut) {
      res.end();
      return;
    }
  }
  if (plan.cut.mode === 'reset') {
    // Let the events reach the client before breaking the connection.
    res.write('', () => destroyConnection(control));
  }
  // 'stall': keep the socket open; it ends when the client gives up or the server closes.
}
