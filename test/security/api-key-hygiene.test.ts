// API keys are never logged and never stored: calls go through the gateway with the real call-log
// writer and Prisma sink on a test database while everything this process writes to stdout /
// stderr is captured; then the logs, every column of every table and the spill directory are
// searched for the keys used (a valid key, a wrong key, keys pasted into the messages, a key an
// upstream echoes back in its error). `Authorization` is never stored.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../lib/accounts/api-keys';
import { createUser } from '../../lib/accounts/users';
import { generateApiKey, redactApiKeys } from '../../lib/auth/api-key-format';
import { createCallLogWriter, type CallLogWriter } from '../../lib/call-log/call-log-writer';
import { createPrismaCallLogSink } from '../../lib/call-log/prisma-call-log-sink';
import { getDb } from '../../lib/db/client';
import { findApiKeyByHash } from '../../lib/db/queries/find-api-key-by-hash';
import { type Harness, startHarness, userMessage } from '../gateway/harness';
import { useTestDatabase } from '../helpers/test-database';

useTestDatabase();

describe('redactApiKeys', () => {
  it('replaces key-shaped strings with their display prefix, leaves the rest alone', () => {
    const { key } = generateApiKey();
    expect(redactApiKeys(`my key is ${key}, ok`)).toBe(`my key is ${key.slice(0, 13)}…[redacted], ok`);
    expect(redactApiKeys('{"content":"no key here, llmt_ alone"}')).toBe('{"content":"no key here, llmt_ alone"}');
    expect(redactApiKeys(`"${key}${key}"`)).not.toContain(key.slice(13));
  });
});

describe('keys never reach logs or storage', () => {
  let harness: Harness;
  let writer: CallLogWriter;
  let spillDir: string;
  let key: string;
  let secondKey: string;
  const wrongKey = generateApiKey().key;
  const captured: string[] = [];
  const restore: Array<() => void> = [];

  beforeAll(async () => {
    // Everything written to stdout/stderr from here on, by any code in this process.
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        captured.push(args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a.cause ?? null)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
        original(...args);
      };
      restore.push(() => (console[level] = original));
    }
    const db = await getDb();
    const user = await createUser(db, { email: 'keys@example.com', password: 'long enough' });
    key = (await createApiKey(db, user.id, 'main')).key;
    secondKey = (await createApiKey(db, user.id, 'other')).key;
    spillDir = mkdtempSync(path.join(tmpdir(), 'llmtest-key-hygiene-'));
    writer = createCallLogWriter({ sink: createPrismaCallLogSink(db), spillDir });
    harness = await startHarness({
      config: { maxModels: 1 },
      deps: { findApiKeyByHash: (hash) => findApiKeyByHash(db, hash), recordCall: (record) => writer.enqueue(record) },
    });
  });

  afterAll(async () => {
    await harness?.close();
    await writer?.close();
    rmSync(spillDir, { recursive: true, force: true });
    for (const undo of restore) undo();
  });

  it('runs calls with the key (and keys in the bodies), then finds none of them anywhere', async () => {
    const client = new OpenAI({ baseURL: harness.baseURL, apiKey: key, maxRetries: 0 });
    const leak = `Here is my production key ${secondKey} and the one I use here ${key}; also ${wrongKey}.`;
    // A plain call, a stream, a call whose message holds keys, a tool/JSON call with a key in a system message.
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage() });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage(leak), stream: true });
    for await (const _ of stream) void _;
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: leak }, ...userMessage(leak)] });
    // The model repeats the key in its answer: the stored response is redacted too.
    harness.fake.enqueue({ provider: 'openai', behaviour: { type: 'content', text: `Sure, your key is ${key}.` } });
    const echoed = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage(leak) });
    expect(echoed.choices[0]?.message.content).toContain(key); // the client gets the answer unchanged
    // An upstream error that echoes the prompt (error message and attempt message).
    harness.fake.enqueue({ provider: 'openai', behaviour: { type: 'status', status: 400, body: JSON.stringify({ error: { message: `Invalid content: ${leak}`, type: 'invalid_request_error' } }) } });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage(leak) })).rejects.toMatchObject({ status: 400 });
    // A wrong key, a malformed Authorization, and the key in a header we do not use.
    const wrong = new OpenAI({ baseURL: harness.baseURL, apiKey: wrongKey, maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: userMessage(leak) })).rejects.toMatchObject({ status: 401 });
    const malformed = await fetch(`${harness.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Basic ${key}`, 'x-flow': key }, body: '{}' });
    expect(malformed.status).toBe(401);
    const badFlow = await fetch(`${harness.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'x-flow': `flow ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: userMessage(leak) }),
    });
    expect(badFlow.status).toBe(400);
    // Malformed JSON holding the key.
    const badJson = await fetch(`${harness.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: `{"model": "${key}", ` });
    expect(badJson.status).toBe(400);

    await harness.waitForRecords(0);
    await writer.flush?.();
    await writer.close();
    const db = await getDb();
    const rows = await db.callLog.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(7);

    // Every column of every table, as text.
    const tables = await db.$queryRawUnsafe<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    let stored = '';
    for (const { table_name } of tables) {
      const dump = await db.$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      stored += dump.map((d) => d.row).join('\n');
    }
    const spilled = readdirSync(spillDir).map((file) => readFileSync(path.join(spillDir, file), 'utf8')).join('\n');
    const logs = captured.join('');
    for (const secret of [key, secondKey, wrongKey]) {
      const tail = secret.slice(13); // what is not the display prefix
      expect(stored).not.toContain(tail);
      expect(spilled).not.toContain(tail);
      expect(logs).not.toContain(tail);
    }
    // Redacted where the user put it, so the stored bodies still read naturally.
    expect(rows.some((row) => row.requestBody?.includes(`${key.slice(0, 13)}…[redacted]`))).toBe(true);
    expect(rows.some((row) => row.responseBody?.includes(`${key.slice(0, 13)}…[redacted]`))).toBe(true);
    expect(rows.some((row) => row.errorMessage?.includes('…[redacted]'))).toBe(true);
    // Authorization is never stored (only response headers are).
    for (const row of rows) {
      expect(Object.keys((row.responseHeaders ?? {}) as object).map((h) => h.toLowerCase())).not.toContain('authorization');
    }
    expect(stored.toLowerCase()).not.toContain('bearer ');
    // Keys are stored as SHA-256 hashes only.
    const keyRows = await db.apiKey.findMany();
    expect(keyRows.every((row) => /^[0-9a-f]{64}$/.test(row.keyHash))).toBe(true);
  });
});
