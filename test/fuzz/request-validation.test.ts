// Fuzz: the request parser/validator and the route planner. Whatever the body (arbitrary JSON,
// near-valid requests with random field values, arbitrary bytes decoded as node:http does),
// the outcome is either a GatewayError with a 4xx status and OpenAI's envelope, or a plan the
// attempt loop can run. Never a throw of anything else (which would become a 500).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as catalog from '../../lib/catalog/index';
import { openAIModelListJson } from '../../lib/catalog/openai-model-list';
import { GatewayError, toErrorResponse } from '../../lib/gateway/errors';
import { planRoute } from '../../lib/gateway/route-plan';
import { parseChatRequest } from '../../lib/gateway/validate-request';
import { loadProviderConfig, providerEnvVar } from '../../lib/providers/config';

const RUNS = Number(process.env.LLMTEST_FUZZ_RUNS || 2_000);

const planInputs = {
  catalog: { ...catalog, modelListJson: openAIModelListJson },
  providerConfig: loadProviderConfig({ OPENAI_API_KEY: 'x', ANTHROPIC_API_KEY: 'x', LLMTEST_CUSTOM_BASE_URL: 'http://127.0.0.1:9/v1' }),
  providerEnvVar,
  maxModels: 5,
  defaultChainLength: 3,
  chainCache: new Map<string, string[]>(),
};

/** Runs the body through parse → plan; returns what a client would see (status) or throws on a bug. */
function outcome(bodyText: string): { status: number; candidates?: number } {
  let parsed;
  try {
    parsed = parseChatRequest(bodyText);
  } catch (error) {
    return checkedError(error);
  }
  // A valid plan: the primary is the first asked-for model, every flag is a boolean.
  expect(parsed.models.length).toBeGreaterThan(0);
  expect(parsed.request.model).toBe(parsed.models[0]);
  expect(typeof parsed.stream).toBe('boolean');
  expect('models' in parsed.request).toBe(false);
  try {
    const candidates = planRoute(parsed, null, planInputs);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.length).toBeLessThanOrEqual(planInputs.maxModels);
    for (const candidate of candidates) expect(candidate.target !== null || candidate.skip !== null).toBe(true);
    return { status: 200, candidates: candidates.length };
  } catch (error) {
    return checkedError(error);
  }
}

function checkedError(error: unknown): { status: number } {
  if (!(error instanceof GatewayError)) throw new Error(`not a GatewayError (would be a 500): ${String(error)}`, { cause: error });
  expect(error.status).toBeGreaterThanOrEqual(400);
  expect(error.status).toBeLessThan(500);
  const envelope = JSON.parse(toErrorResponse(error).body) as { error: Record<string, unknown> };
  expect(Object.keys(envelope)).toEqual(['error']);
  expect(typeof envelope.error.message).toBe('string');
  expect(envelope.error.type).toBe('invalid_request_error');
  expect(envelope.error.code === null || typeof envelope.error.code === 'string').toBe(true);
  expect(envelope.error.param === null || typeof envelope.error.param === 'string').toBe(true);
  return { status: error.status };
}

// Near-valid requests: each known field is absent, a plausible value, or any JSON at all.
const anyJson = fc.jsonValue({ maxDepth: 4 });
const modelIds = fc.oneof(
  fc.constantFrom('gpt-4o', 'openai/gpt-4o', 'anthropic/claude-sonnet-4', 'google/gemini-2.5-flash', 'custom/llama3', 'meta-llama/llama-4-scout'),
  fc.constantFrom('../etc/passwd', 'openai%2Fgpt-4o', 'gpt-4o\u0000', 'a'.repeat(300), '', ' ', 'openai//x', '/x', 'x?y=1'),
  fc.string({ maxLength: 40 }),
);
const contentPart = fc.oneof(
  fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string(), anyJson) }),
  fc.record({ type: fc.constant('image_url'), image_url: fc.oneof(fc.record({ url: fc.oneof(fc.webUrl(), fc.string()) }), anyJson) }),
  fc.record({ type: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
  anyJson,
);
const message = fc.oneof(
  fc.record(
    {
      role: fc.oneof(fc.constantFrom('system', 'developer', 'user', 'assistant', 'tool'), fc.string({ maxLength: 8 }), anyJson),
      content: fc.oneof(fc.string(), fc.array(contentPart, { maxLength: 3 }), fc.constant(null), anyJson),
      tool_call_id: fc.oneof(fc.string(), anyJson),
      tool_calls: fc.oneof(
        fc.array(fc.record({ id: fc.string(), type: fc.constant('function'), function: fc.record({ name: fc.string(), arguments: fc.string() }) }), { maxLength: 2 }),
        anyJson,
      ),
      name: fc.oneof(fc.string(), anyJson),
    },
    { requiredKeys: ['role'] },
  ),
  anyJson,
);
/** Mostly a valid value, sometimes anything: so that both sides (rejection, plan) are reached. */
const mostly = <T,>(valid: fc.Arbitrary<T>, ...invalid: Array<fc.Arbitrary<unknown>>) =>
  fc.oneof({ arbitrary: valid as fc.Arbitrary<unknown>, weight: 12 }, ...invalid.map((arbitrary) => ({ arbitrary, weight: 1 })));
const validMessage = fc.record({ role: fc.constantFrom('system', 'developer', 'user'), content: fc.string({ maxLength: 20 }) });
const nearValidRequest = fc.record(
  {
    model: mostly(fc.constantFrom('gpt-4o', 'openai/gpt-4o', 'anthropic/claude-sonnet-4', 'custom/llama3'), modelIds),
    models: mostly(fc.array(fc.constantFrom('gpt-4o', 'anthropic/claude-sonnet-4'), { minLength: 1, maxLength: 3 }), fc.array(modelIds, { maxLength: 4 }), anyJson),
    messages: mostly(fc.array(validMessage, { minLength: 1, maxLength: 3 }), fc.array(message, { minLength: 1, maxLength: 4 }), fc.constant([]), anyJson),
    stream: mostly(fc.boolean(), fc.constantFrom('true', 'false', 1, 0, null)),
    stream_options: mostly(fc.constant(null), fc.record({ include_usage: fc.oneof(fc.boolean(), anyJson) }), anyJson),
    n: mostly(fc.constant(1), fc.integer({ min: -3, max: 5 }), anyJson),
    max_tokens: mostly(fc.integer({ min: 1, max: 1_000_000 }), fc.integer(), fc.double(), fc.constantFrom(0, -1, 1e12, 2 ** 53)),
    max_completion_tokens: mostly(fc.integer({ min: 1, max: 100_000 }), fc.integer(), anyJson),
    temperature: mostly(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ noNaN: true }), anyJson),
    top_p: mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ noNaN: true }), anyJson),
    stop: mostly(fc.array(fc.string(), { maxLength: 4 }), fc.string(), fc.array(fc.string(), { maxLength: 6 }), anyJson),
    seed: mostly(fc.integer(), anyJson),
    user: mostly(fc.string({ maxLength: 30 }), anyJson),
    tools: mostly(
      fc.array(fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.stringMatching(/^[a-z_]{1,20}$/), parameters: fc.constant({ type: 'object' }) }) }), { maxLength: 2 }),
      fc.array(fc.record({ type: fc.constant('function'), function: fc.record({ name: fc.string({ maxLength: 70 }), parameters: fc.oneof(fc.object(), anyJson) }) }), { maxLength: 2 }),
      anyJson,
    ),
    tool_choice: mostly(fc.constantFrom('none', 'auto'), anyJson),
    response_format: mostly(
      fc.record({ type: fc.constantFrom('text', 'json_object') }),
      fc.record({ type: fc.constant('json_schema'), json_schema: fc.oneof(fc.record({ name: fc.string({ maxLength: 70 }), schema: fc.oneof(fc.object(), anyJson) }), anyJson) }),
      anyJson,
    ),
    unknown_field: anyJson,
  },
  { requiredKeys: [] },
);

describe('fuzz: request parser and route planner', () => {
  it('arbitrary JSON → a 4xx envelope or a valid plan', () => {
    fc.assert(fc.property(anyJson, (value) => void outcome(JSON.stringify(value))), { numRuns: RUNS });
  });

  it('near-valid requests with random field values → a 4xx envelope or a valid plan', () => {
    let planned = 0;
    fc.assert(
      fc.property(nearValidRequest, (value) => {
        if (outcome(JSON.stringify(value)).status === 200) planned++;
      }),
      { numRuns: RUNS },
    );
    // The generator does reach the valid side too (else this would only test rejections).
    expect(planned).toBeGreaterThan(0);
  });

  it('arbitrary bytes (decoded as node:http does) → a 4xx envelope, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => void outcome(Buffer.from(bytes).toString('utf8'))),
      { numRuns: RUNS },
    );
  });

  it('valid JSON with random garbage spliced in → a 4xx envelope or a valid plan', () => {
    const valid = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
    fc.assert(
      fc.property(fc.nat(valid.length), fc.nat(8), fc.string({ unit: 'binary', maxLength: 8 }), (at, remove, insert) => {
        void outcome(valid.slice(0, at) + insert + valid.slice(at + remove));
      }),
      { numRuns: RUNS },
    );
  });
});
