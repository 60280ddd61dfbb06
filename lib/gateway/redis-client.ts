// A minimal Redis client (RESP2 over node:net / node:tls, no package): enough for the shared
// circuit breaker. Commands are pipelined on one connection, each with a timeout; a broken
// connection fails what is pending and is re-opened on the next command. Callers treat any
// failure as "Redis unavailable" and fall back to local state, so calls never fail because of it.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export type RedisReply = string | number | null | RedisReply[];

export class RedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisError';
  }
}

interface Pending {
  resolve(reply: RedisReply): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface RedisClient {
  command(...args: Array<string | number>): Promise<RedisReply>;
  close(): void;
}

export function encodeCommand(args: Array<string | number>): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) {
    const text = String(arg);
    out += `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
  }
  return out;
}

/** Parses one reply from buffer at offset; returns null when more bytes are needed. */
export function parseReply(buffer: Buffer, offset: number): { reply: RedisReply | RedisError; next: number } | null {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return null;
  const type = String.fromCharCode(buffer[offset]!);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { reply: line, next };
    case '-':
      return { reply: new RedisError(line), next };
    case ':':
      return { reply: Number(line), next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { reply: null, next };
      if (buffer.length < next + length + 2) return null;
      return { reply: buffer.toString('utf8', next, next + length), next: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: null, next };
      const items: RedisReply[] = [];
      let position = next;
      for (let index = 0; index < count; index++) {
        const item = parseReply(buffer, position);
        if (item === null) return null;
        items.push(item.reply instanceof RedisError ? null : item.reply);
        position = item.next;
      }
      return { reply: items, next: position };
    }
    default:
      throw new RedisError(`unexpected reply type ${JSON.stringify(type)}`);
  }
}

export function createRedisClient(url: string, options: { commandTimeoutMs?: number; connectTimeoutMs?: number } = {}): RedisClient {
  const parsed = new URL(url);
  const timeoutMs = options.commandTimeoutMs ?? 100;
  const setup: Array<Array<string | number>> = [];
  if (parsed.password) setup.push(parsed.username ? ['AUTH', decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)] : ['AUTH', decodeURIComponent(parsed.password)]);
  const db = parsed.pathname.slice(1);
  if (db) setup.push(['SELECT', db]);
  let socket: Socket | null = null;
  let buffer: Buffer = Buffer.alloc(0);
  const pending: Pending[] = [];
  let closed = false;

  function fail(error: Error): void {
    socket?.destroy();
    socket = null;
    buffer = Buffer.alloc(0);
    for (const entry of pending.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  function open(): Socket {
    const port = Number(parsed.port || 6379);
    const host = parsed.hostname || '127.0.0.1';
    const created = parsed.protocol === 'rediss:' ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port });
    created.setNoDelay(true);
    created.setTimeout(options.connectTimeoutMs ?? 1_000, () => fail(new RedisError('connection timeout')));
    created.once('connect', () => created.setTimeout(0));
    created.once('secureConnect', () => created.setTimeout(0));
    created.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      let offset = 0;
      try {
        for (;;) {
          const parsedReply = parseReply(buffer, offset);
          if (parsedReply === null) break;
          offset = parsedReply.next;
          const entry = pending.shift();
          if (!entry) continue;
          clearTimeout(entry.timer);
          if (parsedReply.reply instanceof RedisError) entry.reject(parsedReply.reply);
          else entry.resolve(parsedReply.reply);
        }
      } catch (error) {
        fail(error as Error);
        return;
      }
      buffer = offset >= buffer.length ? Buffer.alloc(0) : buffer.subarray(offset);
    });
    created.on('error', (error) => fail(error));
    created.on('close', () => fail(new RedisError('connection closed')));
    socket = created;
    for (const args of setup) send(args).catch(() => undefined);
    return created;
  }

  function send(args: Array<string | number>): Promise<RedisReply> {
    const target = socket ?? open();
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        resolve,
        reject,
        // A timed-out reply would desynchronise the pipeline: drop the connection instead.
        timer: setTimeout(() => fail(new RedisError(`timeout after ${timeoutMs} ms`)), timeoutMs),
      };
      pending.push(entry);
      target.write(encodeCommand(args));
    });
  }

  return {
    command(...args) {
      if (closed) return Promise.reject(new RedisError('client closed'));
      return send(args);
    },
    close() {
      closed = true;
      fail(new RedisError('client closed'));
    },
  };
}
