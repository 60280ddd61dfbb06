// HTTP control API for fake providers running in another process (cli.ts): Playwright and
// benchmarks queue faults and read the request log through it.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FakeConfig, FakeRequestLog, FakeRule } from './fake-types';

export interface ControlTarget {
  enqueue(rule: FakeRule): void;
  requests(): FakeRequestLog[];
  reset(): void;
  configure(config: Partial<FakeConfig>): void;
  config(): FakeConfig;
}

// JSON has no Infinity: accept null, -1 or "Infinity" for "forever".
const timesSchema = z
  .union([z.number(), z.literal('Infinity'), z.null()])
  .optional()
  .transform((times) => (times === null || times === 'Infinity' || times === -1 ? Infinity : times));

const behaviourSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: z.number().int(), body: z.string().optional(), headers: z.record(z.string(), z.string()).optional() }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('reset-mid-body') }),
  z.object({ type: z.literal('reset-mid-stream'), afterEvents: z.number().int().nonnegative() }),
  z.object({ type: z.literal('stall-stream'), afterEvents: z.number().int().nonnegative() }),
  z.object({ type: z.literal('delay'), ms: z.number().nonnegative() }),
  z.object({ type: z.literal('content'), text: z.string(), chunkDelayMs: z.number().nonnegative().optional(), events: z.number().int().positive().optional() }),
  z.object({ type: z.literal('tool-call'), name: z.string(), arguments: z.string() }),
  z.object({ type: z.literal('garbage'), body: z.string(), contentType: z.string().optional() }),
  z.object({ type: z.literal('no-usage') }),
  z.object({ type: z.literal('invalid-sse') }),
]);

const ruleSchema = z.object({
  provider: z.enum(['openai', 'anthropic', 'gemini', 'openrouter', 'compat']).optional(),
  model: z.string().optional(),
  times: timesSchema,
  behaviour: behaviourSchema,
});

const configSchema = z.object({
  latencyMs: z.number().nonnegative().optional(),
  streamEvents: z.number().int().nonnegative().optional(),
  streamEventGapMs: z.number().nonnegative().optional(),
  maxLoggedRequests: z.number().int().positive().optional(),
});

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function handleControlRequest(method: string, pathname: string, body: unknown, res: ServerResponse, target: ControlTarget): void {
  const route = `${method} ${pathname}`;
  switch (route) {
    case 'POST /__fake/rules': {
      const rules = z.union([ruleSchema, z.array(ruleSchema)]).safeParse(body);
      if (!rules.success) return sendJson(res, 400, { error: z.prettifyError(rules.error) });
      for (const rule of Array.isArray(rules.data) ? rules.data : [rules.data]) target.enqueue(rule as FakeRule);
      return sendJson(res, 200, { ok: true });
    }
    case 'GET /__fake/requests':
      return sendJson(res, 200, target.requests());
    case 'POST /__fake/reset':
      target.reset();
      return sendJson(res, 200, { ok: true });
    case 'POST /__fake/config': {
      const config = configSchema.safeParse(body ?? {});
      if (!config.success) return sendJson(res, 400, { error: z.prettifyError(config.error) });
      target.configure(config.data);
      return sendJson(res, 200, target.config());
    }
    case 'GET /__fake/config':
      return sendJson(res, 200, target.config());
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}
