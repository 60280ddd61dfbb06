// A0: a minimal fixed-response upstream for the benchmark (the fake providers in test/ are richer
// but spend more CPU per request than we want in the reference). Plain node:http, responses
// precomputed once:
//   POST /openai/v1/chat/completions     OpenAI chat.completion, ~1.4 KB; or SSE of STREAM_EVENTS
//                                        chunks STREAM_GAP_MS apart (+ a usage chunk when the body
//                                        asks for include_usage), then [DONE]
//   POST /anthropic/v1/messages          the same answer in Anthropic Messages format (JSON / SSE)
//   POST /fail/v1/chat/completions       model "fail-500" → 500, "fail-429" → 429, else as /openai
//   POST /__bench/config {"latencyMs":60} delay before the response headers (also for streams)
//
//   node --import tsx bench/upstream.ts --port 0   → prints {"port":N} on stdout
import http from 'node:http';
import { parseArgs } from 'node:util';

export const STREAM_EVENTS = 20;
export const STREAM_GAP_MS = 20;
const CREATED = 1_764_000_000;
const ID = 'chatcmpl-bench0000000000000000000000';
/** The text each stream chunk carries: the client checks order and integrity against it. */
export const chunkText = (i: number) => `tok${i} `;

const content = 'The quick brown fox jumps over the lazy dog. '.repeat(24).trim();
const OPENAI_JSON = Buffer.from(
  JSON.stringify({
    id: ID,
    object: 'chat.completion',
    created: CREATED,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: 19,
      completion_tokens: 240,
      total_tokens: 259,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_bench',
  }),
);
const ANTHROPIC_JSON = Buffer.from(
  JSON.stringify({
    model: 'claude-sonnet-4-20250514',
    id: 'msg_01bench000000000000000',
    type: 'message',
    role: 'assistant',
    content: [{ type: 'text', text: content }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 19, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 240, service_tier: 'standard' },
  }),
);

const openAiChunk = (i: number) =>
  Buffer.from(
    `data: ${JSON.stringify({
      id: ID,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: 'gpt-4o-2024-08-06',
      system_fingerprint: 'fp_bench',
      choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: chunkText(i) } : { content: chunkText(i) }, logprobs: null, finish_reason: i === STREAM_EVENTS - 1 ? 'stop' : null }],
    })}\n\n`,
  );
const OPENAI_CHUNKS = Array.from({ length: STREAM_EVENTS }, (_, i) => openAiChunk(i));
const OPENAI_USAGE_CHUNK = Buffer.from(
  `data: ${JSON.stringify({ id: ID, object: 'chat.completion.chunk', created: CREATED, model: 'gpt-4o-2024-08-06', system_fingerprint: 'fp_bench', choices: [], usage: { prompt_tokens: 19, completion_tokens: 20, total_tokens: 39 } })}\n\n`,
);
const DONE = Buffer.from('data: [DONE]\n\n');

const sse = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const ANTHROPIC_HEAD = Buffer.from(
  sse('message_start', {
    type: 'message_start',
    message: { model: 'claude-sonnet-4-20250514', id: 'msg_01bench000000000000000', type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 19, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } },
  }) + sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
);
const ANTHROPIC_DELTAS = Array.from({ length: STREAM_EVENTS }, (_, i) =>
  Buffer.from(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: chunkText(i) } })),
);
const ANTHROPIC_TAIL = Buffer.from(
  sse('content_block_stop', { type: 'content_block_stop', index: 0 }) +
    sse('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } }) +
    sse('message_stop', { type: 'message_stop' }),
);

const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const FAIL_500 = Buffer.from(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }));
const FAIL_429 = Buffer.from(JSON.stringify({ error: { message: 'Rate limit reached for requests.', type: 'requests', param: null, code: 'rate_limit_exceeded' } }));

export function startUpstream(port = 0): Promise<{ server: http.Server; port: number }> {
  let latencyMs = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const body = chunks.length === 1 ? chunks[0]!.toString('latin1') : Buffer.concat(chunks).toString('latin1');
      if (url === '/__bench/config') {
        const config = JSON.parse(body || '{}') as { latencyMs?: number };
        if (typeof config.latencyMs === 'number') latencyMs = config.latencyMs;
        res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ latencyMs }));
        return;
      }
      const anthropic = url.startsWith('/anthropic/');
      const stream = body.includes('"stream":true');
      const usage = body.includes('"include_usage":true');
      let fail: Buffer | null = null;
      let status = 200;
      if (url.startsWith('/fail/')) {
        if (body.includes('"model":"fail-500"')) (fail = FAIL_500), (status = 500);
        else if (body.includes('"model":"fail-429"')) (fail = FAIL_429), (status = 429);
      }
      const respond = () => {
        if (fail) return void res.writeHead(status, JSON_HEADERS).end(fail);
        if (!stream) return void res.writeHead(200, JSON_HEADERS).end(anthropic ? ANTHROPIC_JSON : OPENAI_JSON);
        res.writeHead(200, SSE_HEADERS);
        let i = 0;
        const next = () => {
          if (res.destroyed) return;
          if (anthropic) {
            res.write(i === 0 ? Buffer.concat([ANTHROPIC_HEAD, ANTHROPIC_DELTAS[0]!]) : ANTHROPIC_DELTAS[i]!);
            if (++i === STREAM_EVENTS) return void res.end(ANTHROPIC_TAIL);
          } else {
            res.write(OPENAI_CHUNKS[i]!);
            if (++i === STREAM_EVENTS) return void res.end(usage ? Buffer.concat([OPENAI_USAGE_CHUNK, DONE]) : DONE);
          }
          setTimeout(next, STREAM_GAP_MS);
        };
        next();
      };
      if (latencyMs > 0) setTimeout(respond, latencyMs);
      else respond();
    });
  });
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

if (process.argv[1]?.endsWith('upstream.ts')) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  void startUpstream(Number(values.port)).then(({ port }) => process.stdout.write(`${JSON.stringify({ port })}\n`));
}
