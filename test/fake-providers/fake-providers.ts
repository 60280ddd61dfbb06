// A fake upstream for every provider family, speaking the recorded wire formats, with
// queueable faults. Used by integration tests (in-process) and by Playwright/benchmarks through
// cli.ts and the /__fake control API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeBehaviour, FakeConfig, FakeProviderName, FakeProviders, FakeRequestLog, FakeRule } from './fake-types';
import { loadDefaultAnswers, type DefaultAnswer } from './fixture-defaults';
import { handleControlRequest } from './control-api';
import { authenticationProblem, routeRequest, type RoutedRequest } from './route-request';
import { destroyConnection, sendBody, sendPartialThenReset, sendStream, sleep, type ResponseControl } from './respond';
import { RuleQueue } from './rule-queue';
import { estimateTokens, randomId, splitText, type FakeAnswer } from './wire/answer';
import { anthropicWire, newAnthropicMessageId, newAnthropicToolId } from './wire/anthropic-wire';
import { geminiStreamChunks, geminiWire, newGeminiResponseId } from './wire/gemini-wire';
import { createOpenAiWire, newOpenAiId } from './wire/openai-wire';
import type { WireFormat } from './wire/wire-format';

export type { FakeBehaviour, FakeConfig, FakeProviderName, FakeProviders, FakeRequestLog, FakeRule } from './fake-types';

const DEFAULT_CONFIG: FakeConfig = { latencyMs: 0, streamEvents: 0, streamEventGapMs: 0, maxLoggedRequests: 10_000 };

const wires: Record<FakeProviderName, WireFormat> = {
  openai: createOpenAiWire('openai'),
  openrouter: createOpenAiWire('openrouter'),
  compat: createOpenAiWire('compat'),
  anthropic: anthropicWire,
  gemini: geminiWire,
};

const COMPAT_HOSTS = ['groq', 'together', 'deepseek', 'mistral', 'xai', 'fireworks'];

function fakeEnv(baseUrl: string): Record<string, string> {
  const env: Record<string, string> = {
    OPENAI_API_KEY: 'sk-fake-openai',
    OPENAI_BASE_URL: `${baseUrl}/openai/v1`,
    ANTHROPIC_API_KEY: 'sk-ant-fake',
    ANTHROPIC_BASE_URL: `${baseUrl}/anthropic`,
    GEMINI_API_KEY: 'fake-gemini-key',
    GEMINI_BASE_URL: `${baseUrl}/gemini`,
    OPENROUTER_API_KEY: 'sk-or-fake',
    OPENROUTER_BASE_URL: `${baseUrl}/openrouter/api/v1`,
    LLMTEST_CUSTOM_BASE_URL: `${baseUrl}/compat/custom/v1`,
    // The fakes listen on 127.0.0.1, which the SSRF guard refuses for the custom host by default.
    LLMTEST_ALLOW_PRIVATE_UPSTREAMS: 'true',
  };
  // Each OpenAI-compatible host gets its own path segment so the log tells them apart.
  for (const host of COMPAT_HOSTS) {
    env[`${host.toUpperCase()}_API_KEY`] = `fake-${host}-key`;
    env[`${host.toUpperCase()}_BASE_URL`] = `${baseUrl}/compat/${host}/v1`;
  }
  return env;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

function newAnswerId(provider: FakeProviderName, created: number): string {
  if (provider === 'anthropic') return newAnthropicMessageId();
  if (provider === 'gemini') return newGeminiResponseId();
  return newOpenAiId(provider === 'openrouter' ? 'openrouter' : provider === 'openai' ? 'openai' : 'compat', created);
}

export async function startFakeProviders(options: { port?: number } = {}): Promise<FakeProviders> {
  const defaults = await loadDefaultAnswers();
  const rules = new RuleQueue();
  const requests: FakeRequestLog[] = [];
  let config: FakeConfig = { ...DEFAULT_CONFIG };

  function logRequest(entry: FakeRequestLog): void {
    requests.push(entry);
    // Trim in batches so a long benchmark keeps memory flat without O(n) work per request.
    if (requests.length > config.maxLoggedRequests * 2) requests.splice(0, requests.length - config.maxLoggedRequests);
  }

  function buildAnswer(routed: RoutedRequest, model: string, rawBody: string, body: unknown, behaviour: FakeBehaviour | undefined): FakeAnswer {
    const { provider } = routed;
    const created = Math.floor(Date.now() / 1000);
    const fallback: DefaultAnswer = defaults[provider];
    let text = fallback.text;
    let pieces = config.streamEvents > 0 ? splitText(fallback.text, config.streamEvents) : fallback.pieces;
    let toolCall: FakeAnswer['toolCall'];
    if (behaviour?.type === 'content') {
      text = behaviour.text;
      pieces = splitText(text, behaviour.events ?? (config.streamEvents > 0 ? config.streamEvents : 8));
    } else if (behaviour?.type === 'tool-call') {
      const id = provider === 'anthropic' ? newAnthropicToolId() : `call_${randomId(24)}`;
      toolCall = { id, name: behaviour.name, arguments: behaviour.arguments, argumentPieces: splitText(behaviour.arguments, 4) };
      text = '';
    }
    const includeUsage = field(field(body, 'stream_options'), 'include_usage') === true;
    // Prompt tokens ≈ request bytes / 4 and completion tokens ≈ answer characters / 4: cheap
    // and deterministic, so tests can predict usage and cost.
    const usage = behaviour?.type === 'no-usage' ? undefined : { promptTokens: estimateTokens(rawBody), completionTokens: estimateTokens(toolCall ? toolCall.arguments : text) };
    const usageOnFinishChunk = routed.host === 'mistral';
    return { id: newAnswerId(provider, created), created, model, text, pieces, toolCall, usage, includeUsage, usageOnFinishChunk };
  }

  async function respond(control: ResponseControl, routed: RoutedRequest, entry: FakeRequestLog, rawBody: string, body: unknown): Promise<void> {
    const { provider } = routed;
    const wire = wires[provider];
    const headers = wire.responseHeaders();
    const problem = authenticationProblem(provider, control.res.req.headers, new URL(control.res.req.url ?? '/', 'http://x').searchParams);
    if (problem) {
      entry.behaviour = 'unauthorized';
      entry.status = problem.status;
      sendBody(control, problem.status, 'application/json', wire.errorBody(problem.status, problem.message), headers);
      return;
    }
    const rule = rules.take(provider, entry.model);
    const behaviour = rule?.behaviour;
    entry.behaviour = behaviour?.type ?? 'default';

    switch (behaviour?.type) {
      case 'status': {
        entry.status = behaviour.status;
        await sleep(config.latencyMs, control);
        sendBody(control, behaviour.status, 'application/json', behaviour.body ?? wire.errorBody(behaviour.status), { ...headers, ...behaviour.headers });
        return;
      }
      case 'reset':
        destroyConnection(control);
        return;
      case 'garbage':
        entry.status = 200;
        await sleep(config.latencyMs, control);
        sendBody(control, 200, behaviour.contentType ?? (entry.stream ? 'text/event-stream' : 'application/json'), behaviour.body, headers);
        return;
      case 'invalid-sse':
        entry.status = 200;
        await sleep(config.latencyMs, control);
        sendBody(control, 200, 'text/event-stream', wire.invalidStream, headers);
        return;
      default:
        break;
    }

    const answer = buildAnswer(routed, entry.model ?? 'fake-model', rawBody, body, behaviour);
    await sleep(behaviour?.type === 'delay' ? behaviour.ms : config.latencyMs, control);
    entry.status = 200;
    let events: string[] | undefined;
    if (entry.stream) {
      events = routed.jsonArrayStream
        ? geminiStreamChunks(answer).map((chunk, index, all) => `${index === 0 ? '[' : ',\r\n'}${JSON.stringify(chunk)}${index === all.length - 1 ? ']' : ''}`)
        : wire.streamEvents(answer);
    }
    const contentType = events && !routed.jsonArrayStream ? wire.streamContentType : wire.jsonContentType;

    if (behaviour?.type === 'reset-mid-body') {
      sendPartialThenReset(control, contentType, events ? events.join('') : wire.completionBody(answer), headers);
      return;
    }
    if (!events) {
      if (behaviour?.type === 'reset-mid-stream') {
        sendPartialThenReset(control, contentType, wire.completionBody(answer), headers);
        return;
      }
      if (behaviour?.type === 'stall-stream') {
        // Not streaming: headers, then silence.
        control.res.writeHead(200, { ...headers, 'content-type': contentType });
        control.res.flushHeaders();
        return;
      }
      sendBody(control, 200, contentType, wire.completionBody(answer), headers);
      return;
    }
    const gapMs = behaviour?.type === 'content' && behaviour.chunkDelayMs !== undefined ? behaviour.chunkDelayMs : config.streamEventGapMs;
    const cut =
      behaviour?.type === 'reset-mid-stream'
        ? { afterEvents: behaviour.afterEvents, mode: 'reset' as const }
        : behaviour?.type === 'stall-stream'
          ? { afterEvents: behaviour.afterEvents, mode: 'stall' as const }
          : undefined;
    await sendStream(control, contentType, headers, { events, gapMs, cut });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.startsWith('/__fake/')) {
      const text = await readBody(req);
      handleControlRequest(req.method ?? 'GET', url.pathname, parseJsonBody(text), res, {
        enqueue: (rule) => rules.add(rule),
        requests: () => requests,
        reset: () => api.reset(),
        configure: (partial) => api.configure(partial),
        config: () => config,
      });
      return;
    }
    const routed = routeRequest(url.pathname, url.searchParams);
    if (!routed || req.method !== 'POST') {
      const body = JSON.stringify({ error: { message: `fake providers: no route for ${req.method} ${url.pathname}`, type: 'invalid_request_error', param: null, code: null } });
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const receivedAt = Date.now();
    const rawBody = await readBody(req);
    const body = parseJsonBody(rawBody);
    const bodyModel = field(body, 'model');
    const entry: FakeRequestLog = {
      provider: routed.provider,
      host: routed.host,
      method: req.method,
      path: url.pathname + url.search,
      model: routed.pathModel ?? (typeof bodyModel === 'string' ? bodyModel : undefined),
      stream: routed.provider === 'gemini' ? routed.pathStream : field(body, 'stream') === true,
      body,
      headers: req.headers,
      behaviour: 'default',
      status: undefined,
      clientAborted: false,
      receivedAt,
      endedAt: undefined,
    };
    logRequest(entry);

    let injected = false;
    const closed = new Promise<void>((resolve) => {
      res.once('close', () => {
        entry.endedAt = Date.now();
        if (!res.writableFinished && !injected) entry.clientAborted = true;
        resolve();
      });
    });
    await respond({ res, closed, markInjected: () => (injected = true) }, routed, entry, rawBody, body);
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = JSON.stringify({ error: { message: `fake providers failed: ${String(error)}`, type: 'server_error', param: null, code: null } });
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(body);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const api: FakeProviders = {
    baseUrl,
    env: fakeEnv(baseUrl),
    enqueue: (rule) => rules.add(rule),
    requests,
    configure(partial) {
      config = { ...config, ...partial };
    },
    reset() {
      rules.clear();
      // Cleared in place: callers may hold on to `requests`.
      requests.length = 0;
      config = { ...DEFAULT_CONFIG };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Stalled streams and idle keep-alive sockets would hold close() forever.
        server.closeAllConnections();
      });
    },
  };
  return api;
}
