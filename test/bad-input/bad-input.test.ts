// Bad input, table-driven, through the in-process harness (a real node:http server and the
// gateway): each case asserts the exact status and OpenAI error type / code / param, that the
// response carries a request id, and that nothing reached an upstream for a refused request.
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../gateway/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ config: { maxBodyBytes: 64 * 1024, defaultChainLength: 0 } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
  h.records.length = 0;
});

const messages = [{ role: 'user', content: 'Say hello.' }];
const base = { model: 'openai/gpt-4o', messages };

interface Expected {
  status: number;
  type?: string;
  code?: string | null;
  param?: string | null;
}
interface Case {
  name: string;
  body: unknown;
  /** Raw body text or bytes instead of JSON.stringify(body). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
  expect: Expected;
}

const invalid = (param: string | null, code: string = 'invalid_value'): Expected => ({ status: 400, type: 'invalid_request_error', code, param });
const ok: Expected = { status: 200 };

async function send(c: Case) {
  const headers: Record<string, string> = { authorization: `Bearer ${h.key}`, 'content-type': 'application/json', ...c.headers };
  for (const [name, value] of Object.entries(headers)) if (value === '') delete headers[name];
  const method = c.method ?? 'POST';
  const response = await fetch(`${h.baseURL}${c.path ?? '/chat/completions'}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : ((c.raw ?? JSON.stringify(c.body)) as BodyInit),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

async function check(c: Case) {
  const response = await send(c);
  expect(response.status, `${c.name}: ${response.text.slice(0, 300)}`).toBe(c.expect.status);
  expect(response.headers.get('x-llmtest-request-id')).toBeTruthy();
  const body = JSON.parse(response.text) as { error?: { message: string; type: string; code: string | null; param: string | null } };
  if (c.expect.status === 200) {
    expect(body.error).toBeUndefined();
    return { response, body };
  }
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error!.message).toBe('string');
  expect({ type: body.error!.type, code: body.error!.code, param: body.error!.param }).toEqual({ type: c.expect.type, code: c.expect.code, param: c.expect.param });
  // A refused request never reaches an upstream.
  expect(h.fake.requests).toHaveLength(0);
  return { response, body };
}

const malformed: Case[] = [
  { name: 'truncated JSON', body: null, raw: '{"model": "gpt-4o", "messages": [', expect: invalid(null, 'invalid_json') },
  { name: 'trailing comma', body: null, raw: '{"model": "gpt-4o", "messages": [],}', expect: invalid(null, 'invalid_json') },
  { name: 'single quotes', body: null, raw: "{'model': 'gpt-4o'}", expect: invalid(null, 'invalid_json') },
  { name: 'empty body', body: null, raw: '', expect: invalid(null, 'invalid_json') },
  { name: 'JSON null', body: null, raw: 'null', expect: invalid(null, 'invalid_json') },
  { name: 'JSON array', body: null, raw: '[{"model":"gpt-4o"}]', expect: invalid(null, 'invalid_json') },
  { name: 'JSON string', body: null, raw: '"hello"', expect: invalid(null, 'invalid_json') },
  { name: 'two JSON objects', body: null, raw: `${JSON.stringify(base)}${JSON.stringify(base)}`, expect: invalid(null, 'invalid_json') },
  { name: 'a form-encoded body', body: null, raw: 'model=gpt-4o&messages=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' }, expect: invalid(null, 'invalid_json') },
  { name: 'JSON sent as text/plain (content type is not checked)', body: base, headers: { 'content-type': 'text/plain' }, expect: ok },
];

// Wrong types in every field the schema knows (stream_options needs stream: true to be looked at).
const wrongTypes: Case[] = (
  [
    ['model', 42],
    ['model', null],
    ['models', 'openai/gpt-4o'],
    ['messages', {}],
    ['messages', 'hello'],
    ['stream', 'true'],
    ['stream', 'false'],
    ['stream', 1],
    ['n', '1'],
    ['max_tokens', '100'],
    ['max_completion_tokens', true],
    ['temperature', 'hot'],
    ['top_p', [0.5]],
    ['presence_penalty', {}],
    ['frequency_penalty', '0'],
    ['stop', 5],
    ['seed', 1.5],
    ['user', 5],
    ['tools', {}],
    ['tool_choice', 5],
    ['parallel_tool_calls', 'yes'],
    ['response_format', 'json'],
  ] as Array<[string, unknown]>
).map(([field, value]) => ({ name: `${field}: ${JSON.stringify(value)}`, body: { ...base, [field]: value }, expect: invalid(field) }));

const wrongNested: Case[] = [
  { name: 'stream_options a string', body: { ...base, stream: true, stream_options: 'usage' }, expect: invalid('stream_options') },
  { name: 'stream_options.include_usage a string', body: { ...base, stream: true, stream_options: { include_usage: 'yes' } }, expect: invalid('stream_options.include_usage') },
  { name: 'a message that is a string', body: { ...base, messages: ['hello'] }, expect: invalid('messages[0]') },
  { name: 'role a number', body: { ...base, messages: [{ role: 5, content: 'x' }] }, expect: invalid('messages[0].role') },
  { name: 'content a number', body: { ...base, messages: [{ role: 'user', content: 5 }] }, expect: invalid('messages[0].content') },
  { name: 'content part text a number', body: { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, expect: invalid('messages[0].content[0].text') },
  { name: 'image_url without url', body: { ...base, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, expect: invalid('messages[0].content[0].image_url.url') },
  { name: 'tool message without tool_call_id', body: { ...base, messages: [{ role: 'tool', content: 'x' }] }, expect: invalid('messages[0].tool_call_id') },
  { name: 'tool without a function name', body: { ...base, tools: [{ type: 'function', function: {} }] }, expect: invalid('tools[0].function.name') },
  { name: 'tool name with a slash', body: { ...base, tools: [{ type: 'function', function: { name: 'a/b' } }] }, expect: invalid('tools[0].function.name') },
  { name: 'json_schema without a name', body: { ...base, response_format: { type: 'json_schema', json_schema: {} } }, expect: invalid('response_format.json_schema.name') },
  { name: 'models with a number', body: { ...base, models: ['openai/gpt-4o', 3] }, expect: invalid('models[1]') },
  { name: 'more than 4 stop sequences', body: { ...base, stop: ['a', 'b', 'c', 'd', 'e'] }, expect: invalid('stop') },
];

const unknownAndEmpty: Case[] = [
  { name: 'no messages', body: { model: 'openai/gpt-4o' }, expect: invalid('messages') },
  { name: 'empty messages', body: { ...base, messages: [] }, expect: invalid('messages') },
  { name: 'no model', body: { messages }, expect: invalid('model') },
  { name: 'empty model', body: { ...base, model: '' }, expect: invalid('model') },
  { name: 'empty models', body: { ...base, models: [] }, expect: invalid('models') },
  { name: 'an empty object', body: {}, expect: invalid('messages') },
  { name: 'an unknown role', body: { ...base, messages: [{ role: 'robot', content: 'x' }] }, expect: invalid('messages[0].role') },
];

const pathTricks: Case[] = [
  '../etc/passwd',
  'openai/../gpt-4o',
  '..%2F..%2Fadmin',
  'openai%2Fgpt-4o',
  'gpt-4o\u0000',
  'gpt-4o\u0000../../x',
  'openai//gpt-4o',
  '/openai/gpt-4o',
  'openai/gpt-4o?key=1',
  'openai/gpt-4o#x',
  'openai\\gpt-4o',
  'gpt-4o\r\nX-Injected: 1',
  'custom/../../admin',
  ' gpt-4o',
  'a'.repeat(201),
  'openai/gpt-4o'.padEnd(10_000, 'x'),
].map((model) => ({ name: `model ${JSON.stringify(model.slice(0, 40))}${model.length > 40 ? `… (${model.length} chars)` : ''}`, body: { ...base, model }, expect: invalid('model') }));
pathTricks.push(
  { name: 'a path trick in models[1]', body: { ...base, models: ['openai/gpt-4o', '../x'] }, expect: invalid('models[1]') },
  { name: 'a well-formed unknown model', body: { ...base, model: 'openai/gpt-9-nonexistent' }, expect: { status: 404, type: 'invalid_request_error', code: 'model_not_found', param: 'model' } },
  { name: 'a well-formed unknown fallback', body: { ...base, models: ['openai/gpt-4o', 'acme/nothing'] }, expect: { status: 404, type: 'invalid_request_error', code: 'model_not_found', param: 'models[1]' } },
  { name: 'a 200-character id (the limit) that does not exist', body: { ...base, model: `a${'b'.repeat(199)}` }, expect: { status: 404, type: 'invalid_request_error', code: 'model_not_found', param: 'model' } },
);

const numbers: Case[] = [
  ...(
    [
      ['max_tokens', -1],
      ['max_tokens', 0],
      ['max_tokens', 1.5],
      ['max_tokens', 1e12],
      ['max_tokens', 2 ** 53],
      ['max_tokens', 1_000_001],
      ['max_completion_tokens', -5],
      ['max_completion_tokens', 1e300],
      ['n', 2],
      ['n', 0],
      ['n', -1],
      ['n', 100],
      ['n', 1.5],
      ['temperature', -0.1],
      ['temperature', 2.5],
      ['top_p', 1.01],
      ['presence_penalty', 3],
    ] as Array<[string, number]>
  ).map(([field, value]) => ({ name: `${field}: ${value}`, body: { ...base, [field]: value }, expect: invalid(field) })),
  { name: 'max_tokens: 1 (smallest accepted)', body: { ...base, max_tokens: 1 }, expect: ok },
  { name: 'max_tokens: 1000000 (largest accepted)', body: { ...base, max_tokens: 1_000_000 }, expect: ok },
  { name: 'n: 1', body: { ...base, n: 1 }, expect: ok },
  { name: 'n: null', body: { ...base, n: null }, expect: ok },
  { name: 'stream: null', body: { ...base, stream: null }, expect: ok },
];

const flows: Case[] = [
  ['65 characters', 'a'.repeat(65)],
  ['a space inside', 'support bot'],
  ['a slash', 'support/bot'],
  ['a path', '../../etc'],
  ['a semicolon', 'a;b'],
  ['quotes', '"bot"'],
  ['non-ASCII (UTF-8 bytes)', Buffer.from('café', 'utf8').toString('latin1')],
  ['non-ASCII (Latin-1)', 'caf\u00e9'],
  ['a tab inside', 'a\tb'],
  ['two values (two headers joined)', 'a, b'],
].map(([name, value]) => ({ name: `X-Flow with ${name}`, body: base, headers: { 'x-flow': value! }, expect: { status: 400, type: 'invalid_request_error', code: 'invalid_flow', param: 'X-Flow' } }));
flows.push(
  { name: 'X-Flow of 64 characters', body: base, headers: { 'x-flow': 'a'.repeat(64) }, expect: ok },
  { name: 'X-Flow padded with spaces (trimmed)', body: base, headers: { 'x-flow': '  support-bot  ' }, expect: ok },
  { name: 'X-Flow empty (flow "unknown")', body: base, headers: { 'x-flow': ' ' }, expect: ok },
);

const auth: Case[] = [
  ['no Authorization header', ''],
  ['"Bearer" alone', 'Bearer'],
  ['"Bearer " and spaces', 'Bearer    '],
  ['Basic credentials', `Basic ${Buffer.from('user:pass').toString('base64')}`],
  ['a key without a scheme', 'KEY'],
  ['an OpenAI key', 'Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123456789'],
  ['a truncated key', 'Bearer KEY_TRUNCATED'],
  ['a key with a character changed', 'Bearer KEY_CHANGED'],
  ['a key with trailing garbage', 'Bearer KEY_GARBAGE'],
  ['a well-formed unknown key', `Bearer llmt_${'A'.repeat(43)}`],
  ['Latin-1 bytes in the header', 'Bearer llmt_\u00e9\u00e9\u00e9'],
  ['a very long header (8 KB)', `Bearer llmt_${'a'.repeat(8_000)}`],
].map(([name, value]) => ({ name: `Authorization: ${name}`, body: base, headers: { authorization: value! }, expect: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key', param: null } }));

const methodsAndPaths: Case[] = [
  { name: 'GET /v1/chat/completions', body: null, method: 'GET', expect: { status: 405, type: 'invalid_request_error', code: 'method_not_allowed', param: null } },
  { name: 'PUT /v1/chat/completions', body: base, method: 'PUT', expect: { status: 405, type: 'invalid_request_error', code: 'method_not_allowed', param: null } },
  { name: 'POST /v1/completions (legacy)', body: base, path: '/completions', expect: { status: 404, type: 'invalid_request_error', code: 'unknown_url', param: null } },
  { name: 'POST /v1/chat/completions/', body: base, path: '/chat/completions/', expect: { status: 404, type: 'invalid_request_error', code: 'unknown_url', param: null } },
  { name: 'POST /v1/chat/completions%2F..', body: base, path: '/chat/completions%2F..', expect: { status: 404, type: 'invalid_request_error', code: 'unknown_url', param: null } },
  { name: 'query string ignored', body: base, path: '/chat/completions?debug=1', expect: ok },
];

const tables: Array<[string, Case[]]> = [
  ['malformed JSON', malformed],
  ['wrong types in every field', wrongTypes],
  ['wrong nested types', wrongNested],
  ['missing and empty', unknownAndEmpty],
  ['model ids with path tricks', pathTricks],
  ['negative, absurd and fractional numbers; n > 1', numbers],
  ['X-Flow header injection', flows],
  ['missing or garbled Authorization', auth],
  ['methods and paths', methodsAndPaths],
];

export const BAD_INPUT_CASES = tables.reduce((sum, [, cases]) => sum + cases.length, 0);

describe.each(tables)('bad input: %s', (_, cases) => {
  it.each(cases)('$name → $expect.status', async (c) => {
    const resolved = { ...c, headers: c.headers ? { ...c.headers } : undefined };
    if (resolved.headers?.authorization?.includes('KEY')) {
      const key = h.key;
      resolved.headers.authorization = resolved.headers.authorization
        .replace('KEY_TRUNCATED', key.slice(0, -1))
        .replace('KEY_CHANGED', `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`)
        .replace('KEY_GARBAGE', `${key} extra`)
        .replace('KEY', key);
    }
    await check(resolved);
    // Authenticated calls are logged, refused ones with the error code they got.
    // (Unknown paths and methods are answered before a call exists: not logged.)
    if (c.expect.status !== 401 && !c.method && (!c.path || c.path.startsWith('/chat/completions?'))) {
      const [record] = await h.waitForRecords(1);
      expect(record!.httpStatus).toBe(c.expect.status);
      if (c.expect.status !== 200) expect(record!.errorType).toBe(c.expect.code);
    }
  });
});

describe('bad input: bodies', () => {
  it('unknown fields are passed through to an OpenAI-format upstream unchanged', async () => {
    const extra = { logit_bias: { '50256': -100 }, metadata: { nested: [1, { deep: true }] }, x_custom: 'kept' };
    const { body } = await check({ name: 'unknown fields', body: { ...base, ...extra }, expect: ok });
    expect(body).toMatchObject({ object: 'chat.completion' });
    expect(h.fake.requests[0]!.body).toMatchObject(extra);
  });

  it('a body over the limit: 413 (declared Content-Length, and chunked without one)', async () => {
    const huge = JSON.stringify({ ...base, messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    await check({ name: 'declared', body: null, raw: huge, expect: { status: 413, type: 'invalid_request_error', code: 'request_too_large', param: null } });
    // Chunked (no Content-Length): reading stops at the limit.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(huge);
        for (let i = 0; i < bytes.length; i += 8_192) controller.enqueue(bytes.subarray(i, i + 8_192));
        controller.close();
      },
    });
    const response = await fetch(`${h.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
  });

  it('deeply nested JSON: in a known field a 400 naming it, in an unknown field passed through; never a 500', async () => {
    const depth = 5_000; // 10 KB of brackets, under the 64 KB limit
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    await check({ name: 'nested content', body: null, raw: `{"model":"openai/gpt-4o","messages":[{"role":"user","content":${nested}}]}`, expect: invalid('messages[0].content') });
    h.records.length = 0;
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    await check({ name: 'nested unknown field', body: null, raw: `{"model":"openai/gpt-4o","messages":[{"role":"user","content":"hi"}],"x":${objects}}`, expect: ok });
  });

  it('invalid UTF-8: inside a string it becomes U+FFFD (the call proceeds); in the JSON structure a 400', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
    const inString = join(encode('{"model":"openai/gpt-4o","messages":[{"role":"user","content":"a'), Uint8Array.of(0xff, 0xfe, 0xc3), encode('b"}]}'));
    await check({ name: 'in a string', body: null, raw: inString, expect: ok });
    expect((h.fake.requests[0]!.body as { messages: Array<{ content: string }> }).messages[0]!.content).toBe('a\ufffd\ufffd\ufffdb');
    h.fake.reset();
    h.records.length = 0;
    const inStructure = join(encode('{"model":"openai/gpt-4o",'), Uint8Array.of(0xff), encode('"messages":[]}'));
    await check({ name: 'in the structure', body: null, raw: inStructure, expect: invalid(null, 'invalid_json') });
    h.records.length = 0;
    const inModel = join(encode('{"model":"openai/gpt-4o'), Uint8Array.of(0xc0, 0xaf), encode('","messages":[{"role":"user","content":"x"}]}'));
    await check({ name: 'in the model id', body: null, raw: inModel, expect: invalid('model') });
  });

  it('CR/LF smuggled into X-Flow is refused by the HTTP parser before the gateway (400, nothing upstream)', async () => {
    for (const flow of ['bot\r\nX-Injected: 1', 'bot\rX: 1', 'bot\nX: 1', 'bot\u0000']) {
      const body = JSON.stringify(base);
      const port = new URL(h.baseURL).port;
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${h.key}\r\nContent-Type: application/json\r\nX-Flow: ${flow}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => undefined);
      });
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      if (flow.includes('\r\n')) {
        // "\r\n" ends the header: X-Flow is "bot" plus a separate X-Injected header, both harmless.
        expect(status).toBe(200);
        expect(h.fake.requests.at(-1)!.headers['x-injected']).toBeUndefined();
        expect(h.records.at(-1)!.flowName).toBe('bot');
      } else {
        expect(status).toBe(400);
        const envelope = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        expect(envelope.error).toMatchObject({ type: 'invalid_request_error', code: 'malformed_http_request' });
        expect(h.fake.requests).toHaveLength(0);
      }
      h.fake.reset();
      h.records.length = 0;
    }
  });
});
