// Fuzz: the stream translators (OpenAI-format passthrough, Anthropic, Gemini SSE and JSON-array)
// as the gateway runs them: adapter transform → first chunk (attempt.ts) → createStreamBody
// (stream-body.ts), i.e. exactly the bytes a streaming client receives. For any byte split of a
// recorded stream, any garbling of it and any sequence of made-up events:
//   - nothing throws out of the pipeline (a failure before the first chunk is a fallback);
//   - once started, the client gets well-formed SSE: `data: <one-line JSON>\n\n` events, and the
//     last one is `data: [DONE]` or an OpenAI error object (which the SDKs raise);
//   - a clean recorded stream, however split, ends with [DONE] and no error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamObservation } from '../../lib/gateway/attempt';
import { createStreamBody, type StreamOutcome } from '../../lib/gateway/stream-body';
import { readProviderFixture, splitBytes } from '../../lib/providers/shared/test-helpers';
import { getProviderAdapter } from '../../lib/providers/registry';
import type { ProviderId } from '../../lib/providers/types';

const RUNS = Number(process.env.LLMTEST_FUZZ_RUNS || 300);

interface Translator {
  provider: ProviderId;
  fixtures: string[];
}

const translators: Translator[] = [
  { provider: 'openai', fixtures: ['openai/chat-stream-text-include-usage.sse', 'openai/chat-stream-tool-call-include-usage.sse'] },
  { provider: 'openrouter', fixtures: ['openrouter/chat-stream-processing-comments.sse', 'openrouter/chat-stream-midstream-error.sse'] },
  { provider: 'anthropic', fixtures: ['anthropic/messages-stream-text.sse', 'anthropic/messages-stream-tool-use.sse', 'anthropic/messages-stream-thinking.sse'] },
  { provider: 'gemini', fixtures: ['gemini/stream-sse-text.sse', 'gemini/stream-sse-function-call.sse', 'gemini/stream-json-array-no-sse.json'] },
];

type ClientView =
  | { started: false; reason: string }
  | { started: true; output: string; outcome: StreamOutcome };

/** What a client would receive for these upstream chunks, through the real gateway stream code. */
async function clientView(provider: ProviderId, chunks: Uint8Array[], includeUsage: boolean): Promise<ClientView> {
  const observation = new StreamObservation();
  const transform = getProviderAdapter(provider).createStreamTransform({
    model: 'fuzz/model',
    id: 'chatcmpl-fuzz',
    created: 1_700_000_000,
    includeUsage,
    observer: observation.observer,
  });
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const reader = source.pipeThrough(transform).getReader();
  // attempt.ts: wait for the first non-empty chunk; an error or the end before it is a fallback.
  let first;
  try {
    first = await reader.read();
    while (!first.done && first.value.byteLength === 0) first = await reader.read();
  } catch (error) {
    return { started: false, reason: `transform threw before the first chunk: ${String(error)}` };
  }
  if (observation.error) return { started: false, reason: observation.error.kind };
  if (first.done) return { started: false, reason: 'empty' };
  let outcome: StreamOutcome | undefined;
  const body = createStreamBody(
    { candidate: null as never, reader, first: first.value, observation, destroy: () => void reader.cancel().catch(() => undefined) },
    new AbortController().signal,
    () => undefined,
    (o) => (outcome = o),
  );
  const decoder = new TextDecoder();
  let output = '';
  for (let i = 0; i < 100_000; i++) {
    const chunk = await body.next();
    if (chunk === null) break;
    output += decoder.decode(chunk, { stream: true });
  }
  output += decoder.decode();
  expect(outcome, 'the stream body reported how it ended').toBeDefined();
  return { started: true, output, outcome: outcome! };
}

/** Asserts OpenAI SSE framing; returns the payloads ('[DONE]' as a string). */
function assertWellFormed(output: string): unknown[] {
  expect(output.endsWith('\n\n'), `ends with a blank line: ${JSON.stringify(output.slice(-80))}`).toBe(true);
  const events = output.slice(0, -2).split('\n\n');
  const payloads = events.map((event) => {
    expect(event.startsWith('data: ') && !event.includes('\n'), `one data line per event: ${JSON.stringify(event.slice(0, 120))}`).toBe(true);
    const data = event.slice('data: '.length);
    if (data === '[DONE]') return data;
    const value = JSON.parse(data) as unknown;
    expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
    return value;
  });
  const last = payloads.at(-1) as { error?: { message?: unknown; type?: unknown } } | string;
  const endsWell = last === '[DONE]' || (typeof last === 'object' && typeof last.error?.message === 'string');
  expect(endsWell, `ends with [DONE] or an error event, got ${JSON.stringify(last).slice(0, 200)}`).toBe(true);
  // Nothing after [DONE]; at most one [DONE].
  const done = payloads.indexOf('[DONE]');
  expect(done === -1 || done === payloads.length - 1).toBe(true);
  return payloads;
}

const cuts = fc.array(fc.nat(), { maxLength: 40 });

/** Random damage to a byte string: flips, deletions, insertions of SSE-significant bytes, truncation. */
const garble = (bytes: Uint8Array) =>
  fc
    .array(
      fc.record({
        at: fc.nat(bytes.length),
        kind: fc.constantFrom('flip', 'delete', 'insert', 'truncate'),
        value: fc.oneof(fc.constantFrom(...'\n\r:{}[]",\\ '.split('').map((c) => c.charCodeAt(0))), fc.integer({ min: 0, max: 255 })),
        length: fc.integer({ min: 1, max: 30 }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) => {
      let out = Array.from(bytes);
      for (const edit of edits) {
        const at = Math.min(edit.at, out.length);
        if (edit.kind === 'flip' && at < out.length) out[at] = edit.value;
        else if (edit.kind === 'delete') out.splice(at, edit.length);
        else if (edit.kind === 'insert') out.splice(at, 0, ...new Array<number>(edit.length % 4 || 1).fill(edit.value));
        else if (edit.kind === 'truncate') out = out.slice(0, at);
      }
      return new Uint8Array(out);
    });

/** Made-up event sequences: provider-shaped events with random fields, comments, junk lines. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const eventPayload = fc.oneof(
  // OpenAI chunk shapes
  fc.record({ id: fc.string(), object: fc.constant('chat.completion.chunk'), choices: fc.array(fc.record({ index: fc.nat(2), delta: fc.oneof(fc.record({ content: fc.oneof(fc.string(), anyJson) }), anyJson), finish_reason: fc.oneof(fc.constantFrom('stop', 'length', 'tool_calls', null), anyJson) }), { maxLength: 2 }), usage: fc.oneof(fc.constant(null), fc.record({ prompt_tokens: fc.oneof(fc.nat(), anyJson), completion_tokens: fc.oneof(fc.nat(), anyJson) }), anyJson) }, { requiredKeys: [] }),
  fc.record({ error: fc.oneof(fc.record({ message: fc.string(), code: fc.oneof(fc.nat(600), fc.string()) }), anyJson) }),
  // Anthropic event shapes
  fc.record({ type: fc.constantFrom('message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping', 'error'), index: fc.oneof(fc.nat(3), anyJson), delta: fc.oneof(fc.record({ type: fc.constantFrom('text_delta', 'input_json_delta', 'thinking_delta'), text: fc.string(), partial_json: fc.string() }, { requiredKeys: [] }), anyJson), content_block: fc.oneof(fc.record({ type: fc.constantFrom('text', 'tool_use'), id: fc.string(), name: fc.string(), text: fc.string() }, { requiredKeys: [] }), anyJson), message: anyJson, usage: anyJson, error: anyJson }, { requiredKeys: ['type'] }),
  // Gemini chunk shapes
  fc.record({ candidates: fc.oneof(fc.array(fc.record({ content: fc.oneof(fc.record({ parts: fc.array(fc.oneof(fc.record({ text: fc.string() }), fc.record({ functionCall: fc.record({ name: fc.string(), args: anyJson }) }), anyJson), { maxLength: 3 }), role: fc.constant('model') }), anyJson), finishReason: fc.oneof(fc.constantFrom('STOP', 'MAX_TOKENS', 'SAFETY'), anyJson) }, { requiredKeys: [] }), { maxLength: 2 }), anyJson), usageMetadata: anyJson }, { requiredKeys: [] }),
  anyJson,
);
const sseEvent = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.option(fc.constantFrom('message_start', 'content_block_delta', 'message_stop', 'error', 'ping'), { nil: undefined }), eventPayload).map(([name, payload]) => `${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(payload)}\n\n`) },
  { weight: 1, arbitrary: fc.constant('data: [DONE]\n\n') },
  { weight: 1, arbitrary: fc.constant(': keep-alive\n\n') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((junk) => `data: ${junk}\n\n`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\n', 'data:', 'data: {"a":', 'retry: 10\n', 'id: 1\n', 'event:\n\n') },
);
/** Random events, optionally after the first few real events of a recorded stream (so that translators needing a proper start, like Anthropic's message_start, get past it). */
const eventSequence = (heads: string[][]) =>
  fc
    .tuple(fc.nat(heads.length - 1), fc.nat(4), fc.array(sseEvent, { minLength: 0, maxLength: 25 }))
    .map(([which, take, events]) => new TextEncoder().encode(heads[which]!.slice(0, take).join('') + events.join('')));

function headEvents(fixture: string): string[] {
  const text = readProviderFixture(fixture).toString('utf8');
  return text.split(/(?<=\r?\n\r?\n)/).slice(0, 6);
}

describe.each(translators)('fuzz: $provider stream translator', ({ provider, fixtures }) => {
  it('recorded streams, split at arbitrary byte offsets → the same well-formed output ending in [DONE]', async () => {
    for (const fixture of fixtures) {
      const bytes = new Uint8Array(readProviderFixture(fixture));
      const clean = !fixture.includes('midstream-error');
      const whole = await clientView(provider, [bytes], true);
      // OpenRouter's recorded mid-stream error comes before any content: a fallback, unseen.
      if (!clean) expect(whole.started).toBe(false);
      if (!whole.started) continue;
      const payloads = assertWellFormed(whole.output);
      expect(payloads.at(-1)).toBe('[DONE]');
      expect(payloads.some((p) => typeof p === 'object' && p !== null && 'error' in p)).toBe(false);
      await fc.assert(
        fc.asyncProperty(cuts, fc.boolean(), async (points, includeUsage) => {
          const view = await clientView(provider, splitBytes(bytes, points), includeUsage);
          expect(view.started).toBe(true);
          if (!view.started) return;
          assertWellFormed(view.output);
          if (includeUsage) expect(view.output).toBe(whole.output);
          expect(view.outcome.status).toBe('ok');
        }),
        { numRuns: Math.ceil(RUNS / fixtures.length) },
      );
    }
  });

  it('garbled recorded streams → no crash; either a fallback before the first byte or well-formed SSE', async () => {
    const seeds = fixtures.map((fixture) => new Uint8Array(readProviderFixture(fixture)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds.keys()).chain((i) => fc.tuple(garble(seeds[i]!), cuts)), async ([bytes, points]) => {
        const view = await clientView(provider, splitBytes(bytes, points), true);
        if (view.started) assertWellFormed(view.output);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary event sequences → no crash; either a fallback before the first byte or well-formed SSE', async () => {
    let started = 0;
    const heads = fixtures.filter((f) => f.endsWith('.sse')).map(headEvents);
    await fc.assert(
      fc.asyncProperty(eventSequence(heads), cuts, fc.boolean(), async (bytes, points, includeUsage) => {
        const view = await clientView(provider, splitBytes(bytes, points), includeUsage);
        if (view.started) {
          started++;
          const payloads = assertWellFormed(view.output);
          // An error outcome is visible to the client as an error event (the SDKs raise it).
          if (view.outcome.status === 'error') expect(payloads.some((p) => typeof p === 'object' && p !== null && 'error' in p)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
    expect(started).toBeGreaterThan(0);
  });
});
