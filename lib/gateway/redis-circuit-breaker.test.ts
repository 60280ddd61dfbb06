import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCircuitBreaker } from './redis-circuit-breaker';
import { createRedisClient, encodeCommand, parseReply } from './redis-client';

/** A tiny in-memory Redis speaking RESP2: GET, SET [NX] [PX ms], INCR, PEXPIRE, DEL, AUTH, SELECT, PING. */
function startFakeRedis(): Promise<{ server: Server; url: string; store: Map<string, { value: string; expiresAt: number }>; commands: string[][] }> {
  const store = new Map<string, { value: string; expiresAt: number }>();
  const commands: string[][] = [];
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) store.delete(key);
    return store.get(key);
  };
  const bulk = (value: string | undefined) => (value === undefined ? '$-1\r\n' : `$${Buffer.byteLength(value)}\r\n${value}\r\n`);
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseReply(buffer, 0);
        if (!parsed) break;
        buffer = buffer.subarray(parsed.next);
        const [name, ...args] = parsed.reply as string[];
        commands.push([name!, ...args]);
        switch (name!.toUpperCase()) {
          case 'GET':
            socket.write(bulk(live(args[0]!)?.value));
            break;
          case 'SET': {
            const nx = args.includes('NX');
            const px = args.indexOf('PX');
            if (nx && live(args[0]!)) {
              socket.write('$-1\r\n');
              break;
            }
            store.set(args[0]!, { value: args[1]!, expiresAt: px >= 0 ? Date.now() + Number(args[px + 1]) : Infinity });
            socket.write('+OK\r\n');
            break;
          }
          case 'INCR': {
            const entry = live(args[0]!);
            const value = Number(entry?.value ?? 0) + 1;
            store.set(args[0]!, { value: String(value), expiresAt: entry?.expiresAt ?? Infinity });
            socket.write(`:${value}\r\n`);
            break;
          }
          case 'PEXPIRE': {
            const entry = live(args[0]!);
            if (entry) entry.expiresAt = Date.now() + Number(args[1]);
            socket.write(`:${entry ? 1 : 0}\r\n`);
            break;
          }
          case 'DEL':
            socket.write(`:${args.filter((key) => store.delete(key)).length}\r\n`);
            break;
          default:
            socket.write('+OK\r\n');
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `redis://:secret@127.0.0.1:${(server.address() as AddressInfo).port}/2`, store, commands })));
}

let redis: Awaited<ReturnType<typeof startFakeRedis>>;
beforeAll(async () => {
  redis = await startFakeRedis();
});
afterAll(() => {
  redis.server.close();
});

describe('RESP', () => {
  it('encodes commands and parses every reply type, incrementally', () => {
    expect(encodeCommand(['SET', 'k', 'v'])).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n');
    const bytes = Buffer.from('+OK\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n-ERR bad\r\n');
    const replies: unknown[] = [];
    let offset = 0;
    for (;;) {
      const parsed = parseReply(bytes, offset);
      if (!parsed) break;
      replies.push(parsed.reply instanceof Error ? parsed.reply.message : parsed.reply);
      offset = parsed.next;
    }
    expect(replies).toEqual(['OK', 42, 'hello', null, ['a', 1], 'ERR bad']);
    expect(parseReply(Buffer.from('$5\r\nhel'), 0)).toBeNull();
  });

  it('authenticates, selects the db and pipelines', async () => {
    const client = createRedisClient(redis.url);
    const replies = await Promise.all([client.command('SET', 'x', '1'), client.command('GET', 'x'), client.command('INCR', 'x')]);
    expect(replies).toEqual(['OK', '1', 2]);
    expect(redis.commands.slice(0, 2)).toEqual([['AUTH', 'secret'], ['SELECT', '2']]);
    client.close();
  });
});

describe('Redis circuit breaker', () => {
  it('is shared between instances: opens after N failures, one probe cluster-wide, closes on success', async () => {
    const a = createRedisCircuitBreaker({ url: redis.url, threshold: 2, cooldownMs: 200, keyPrefix: 't1:' });
    const b = createRedisCircuitBreaker({ url: redis.url, threshold: 2, cooldownMs: 200, keyPrefix: 't1:' });
    const key = 'openai/gpt-4o@openai';
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    expect(await b.allow(key, 0)).toBe(true);
    a.recordFailure(key, 0);
    a.recordFailure(key, 0);
    await settle();
    expect(await b.allow(key, 0)).toBe(false); // b never saw a failure itself
    await new Promise((resolve) => setTimeout(resolve, 220));
    const probes = await Promise.all([a.allow(key, 0), b.allow(key, 0)]);
    expect(probes.filter(Boolean)).toHaveLength(1);
    b.recordSuccess(key);
    await settle();
    expect(await a.allow(key, 0)).toBe(true);
    a.close();
    b.close();
  });

  it('falls back to the local breaker when Redis is unreachable', async () => {
    const breaker = createRedisCircuitBreaker({ url: 'redis://127.0.0.1:1', threshold: 1, cooldownMs: 10_000 });
    expect(await breaker.allow('k', 0)).toBe(true);
    breaker.recordFailure('k', 0);
    expect(await breaker.allow('k', 1)).toBe(false);
    breaker.close();
  });
});
