// The load generator's HTTP/1.1 client: raw keep-alive sockets, requests serialised once, a
// minimal response parser (status, Content-Length or chunked), and for streams the arrival time
// of every SSE event. Cheaper per request than undici or autocannon's per-second bursts, and
// open-loop: latency is measured from the time a request was *due*, so queueing in the client
// (no free connection) counts against the server like it would for real callers.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Target {
  name: string;
  host: string;
  port: number;
  /** Extra request headers (authorization, x-portkey-*). */
  headers: Record<string, string>;
  /** Path prefix for chat completions, e.g. "/v1" (gateway) or "/openai/v1" (upstream). */
  chatPath: string;
}

export function buildRequest(target: Target, path: string, body: string): Buffer {
  const bytes = Buffer.from(body);
  let head = `POST ${path} HTTP/1.1\r\nhost: ${target.host}:${target.port}\r\ncontent-type: application/json\r\ncontent-length: ${bytes.length}\r\n`;
  for (const [k, v] of Object.entries(target.headers)) head += `${k}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(`${head}\r\n`), bytes]);
}

export interface ResponseResult {
  status: number;
  /** ms from due time (or send time) to the last byte. */
  latencyMs: number;
  /** ms from due/send to the first SSE event (streams) or to the headers. */
  firstMs: number;
  /** SSE mode: arrival time of each event (ms, performance.now) and its data. */
  events?: Array<{ at: number; data: string }>;
  body?: string;
  headers?: string;
}

interface Pending {
  request: Buffer;
  dueAt: number;
  sse: boolean;
  keepBody: boolean;
  resolve(result: ResponseResult): void;
  reject(error: Error): void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** One keep-alive connection, one request at a time. */
class Connection {
  socket: net.Socket;
  current: Pending | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private status = 0;
  private headersDone = false;
  private contentLength = -1;
  private chunked = false;
  private received = 0;
  private chunkRemaining = -1; // -1: reading a size line
  private firstAt = 0;
  private events: Array<{ at: number; data: string }> = [];
  private sseText = '';
  private bodyParts: Buffer[] = [];
  private headerText = '';
  closed = false;

  constructor(host: string, port: number, private onIdle: (c: Connection) => void, private onClose: (c: Connection) => void) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (data: Buffer) => this.onData(data));
    const fail = (error?: Error) => {
      if (this.closed) return;
      this.closed = true;
      const current = this.current;
      this.current = null;
      current?.reject(error ?? new Error('connection closed'));
      this.onClose(this);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail());
  }

  send(pending: Pending): void {
    this.current = pending;
    this.buffer = Buffer.alloc(0);
    this.status = 0;
    this.headersDone = false;
    this.contentLength = -1;
    this.chunked = false;
    this.received = 0;
    this.chunkRemaining = -1;
    this.firstAt = 0;
    this.events = [];
    this.sseText = '';
    this.bodyParts = [];
    this.headerText = '';
    this.socket.write(pending.request);
  }

  private onData(data: Buffer): void {
    if (!this.current) return;
    const now = performance.now();
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, data]) : data;
    if (!this.headersDone) {
      const end = this.buffer.indexOf(CRLFCRLF);
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      this.headerText = head;
      this.status = Number(head.slice(9, 12));
      const lower = head.toLowerCase();
      const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
      if (cl) this.contentLength = Number(cl[1]);
      this.chunked = /\r\ntransfer-encoding:\s*chunked/.test(lower);
      this.headersDone = true;
      if (!this.current.sse) this.firstAt = now;
      this.buffer = this.buffer.subarray(end + 4);
    }
    if (this.chunked) this.readChunked(now);
    else {
      this.payload(this.buffer, now);
      this.received += this.buffer.length;
      this.buffer = Buffer.alloc(0);
      if (this.contentLength >= 0 && this.received >= this.contentLength) this.finish(now);
      else if (this.contentLength < 0 && !this.chunked && (this.status === 204 || this.status === 304)) this.finish(now);
    }
  }

  private readChunked(now: number): void {
    for (;;) {
      if (this.chunkRemaining < 0) {
        const eol = this.buffer.indexOf('\r\n');
        if (eol < 0) return;
        const size = parseInt(this.buffer.subarray(0, eol).toString('latin1'), 16);
        this.buffer = this.buffer.subarray(eol + 2);
        if (size === 0) {
          // Last chunk; no trailers expected: "\r\n" follows.
          this.finish(now);
          return;
        }
        this.chunkRemaining = size;
      }
      if (this.chunkRemaining > 0) {
        if (this.buffer.length === 0) return;
        const take = Math.min(this.chunkRemaining, this.buffer.length);
        this.payload(this.buffer.subarray(0, take), now);
        this.buffer = this.buffer.subarray(take);
        this.chunkRemaining -= take;
      }
      if (this.chunkRemaining === 0) {
        if (this.buffer.length < 2) return;
        this.buffer = this.buffer.subarray(2);
        this.chunkRemaining = -1;
      }
    }
  }

  private payload(bytes: Buffer, now: number): void {
    const current = this.current!;
    if (current.sse) {
      this.sseText += bytes.toString('utf8');
      for (;;) {
        const end = this.sseText.indexOf('\n\n');
        if (end < 0) break;
        const block = this.sseText.slice(0, end);
        this.sseText = this.sseText.slice(end + 2);
        let data = '';
        for (const line of block.split('\n')) if (line.startsWith('data: ')) data += line.slice(6);
        if (this.firstAt === 0) this.firstAt = now;
        this.events.push({ at: now, data });
      }
    } else if (current.keepBody) this.bodyParts.push(Buffer.from(bytes));
  }

  private finish(now: number): void {
    const current = this.current!;
    this.current = null;
    current.resolve({
      status: this.status,
      latencyMs: now - current.dueAt,
      firstMs: (this.firstAt || now) - current.dueAt,
      events: current.sse ? this.events : undefined,
      body: current.keepBody ? Buffer.concat(this.bodyParts).toString('utf8') : undefined,
      headers: current.keepBody ? this.headerText : undefined,
    });
    this.onIdle(this);
  }
}

/** A set of keep-alive connections to one target; requests queue when all are busy. */
export class ClientPool {
  private idle: Connection[] = [];
  private all = new Set<Connection>();
  private queue: Pending[] = [];
  constructor(readonly target: Target, readonly maxConnections: number) {}

  request(request: Buffer, options: { dueAt?: number; sse?: boolean; keepBody?: boolean } = {}): Promise<ResponseResult> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { request, dueAt: options.dueAt ?? performance.now(), sse: options.sse ?? false, keepBody: options.keepBody ?? false, resolve, reject };
      const connection = this.idle.pop();
      if (connection) connection.send(pending);
      else if (this.all.size < this.maxConnections) this.open().send(pending);
      else this.queue.push(pending);
    });
  }

  private open(): Connection {
    const connection = new Connection(
      this.target.host,
      this.target.port,
      (c) => {
        const next = this.queue.shift();
        if (next) c.send(next);
        else this.idle.push(c);
      },
      (c) => {
        this.all.delete(c);
        const at = this.idle.indexOf(c);
        if (at >= 0) this.idle.splice(at, 1);
        // A queued request gets a new connection.
        const next = this.queue.shift();
        if (next) this.open().send(next);
      },
    );
    this.all.add(connection);
    return connection;
  }

  get connections(): number {
    return this.all.size;
  }

  close(): void {
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle = [];
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends `count` requests one after the other on one connection; returns each latency (ms). */
export async function sequential(pool: ClientPool, request: Buffer, count: number): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < count; i++) {
    try {
      const r = await pool.request(request);
      if (r.status !== 200) errors++;
      else latencies.push(r.latencyMs);
    } catch {
      errors++;
    }
  }
  return { latencies, errors };
}

/**
 * Open loop: requests due every 1/rate s for durationMs regardless of answers; latency from the
 * due time. Returns the latencies of the 200s, errors, and the rate actually completed.
 */
export async function openLoop(pool: ClientPool, request: Buffer, rate: number, durationMs: number): Promise<{ latencies: number[]; errors: number; sent: number; seconds: number; statuses: Record<string, number> }> {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let sent = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const dueAt = start + sent * interval;
        sent++;
        inFlight.push(
          pool.request(request, { dueAt }).then(
            (r) => {
              statuses[r.status] = (statuses[r.status] ?? 0) + 1;
              if (r.status === 200) latencies.push(r.latencyMs);
              else errors++;
            },
            () => {
              statuses.socket = (statuses.socket ?? 0) + 1;
              errors++;
            },
          ),
        );
      }
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + sent * interval - performance.now())));
      else resolve();
    };
    tick();
  });
  await Promise.all(inFlight);
  return { latencies, errors, sent, seconds: (performance.now() - start) / 1000, statuses };
}

/** Closed loop with `connections` workers for durationMs: the saturated throughput. */
export async function closedLoop(pool: ClientPool, request: Buffer, connections: number, durationMs: number): Promise<{ completed: number; errors: number; seconds: number; latencies: number[] }> {
  const end = performance.now() + durationMs;
  let completed = 0;
  let errors = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        try {
          const r = await pool.request(request);
          if (r.status === 200) {
            completed++;
            latencies.push(r.latencyMs);
          } else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { completed, errors, seconds: (performance.now() - start) / 1000, latencies };
}
