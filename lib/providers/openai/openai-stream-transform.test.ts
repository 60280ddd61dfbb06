import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser } from '../shared/sse-parser';
import { dataPayloads, readProviderFixture, runTransform, splitBytes } from '../shared/test-helpers';
import type { FinishReason, StreamContext, Usage, UpstreamError } from '../types';
import { openAiHost, type OpenAiFormatHost } from './openai-format-host';
import { createOpenAiStreamTransform } from './openai-stream-transform';

interface Observed {
  text: string;
  usage: Usage[];
  finish: Array<FinishReason | null>;
  errors: UpstreamError[];
}

async function run(input: Uint8Array | string, options: { includeUsage: boolean; cuts?: number[]; host?: OpenAiFormatHost }) {
  const observed: Observed = { text: '', usage: [], finish: [], errors: [] };
  const context: StreamContext = {
    model: 'gpt-4o',
    id: 'chatcmpl-x',
    created: 1,
    includeUsage: options.includeUsage,
    observer: {
      text: (delta) => (observed.text += delta),
      usage: (usage) => observed.usage.push(usage),
      finish: (reason) => observed.finish.push(reason),
      error: (error) => observed.errors.push(error),
    },
  };
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const output = await runTransform(createOpenAiStreamTransform(options.host ?? openAiHost, context), splitBytes(bytes, options.cuts ?? []));
  return { output, observed };
}

/** The upstream's data payloads, parsed with the shared parser, for comparison. */
function upstreamPayloads(bytes: Uint8Array): string[] {
  const payloads: string[] = [];
  const parser = createSseParser({ onEvent: (event) => payloads.push(event.data) });
  parser.push(bytes);
  parser.end();
  return payloads;
}

const openAiFixtures = ['openai/chat-stream-text-include-usage.sse', 'openai/chat-stream-after-tool-result.sse', 'openai/chat-stream-tool-call-include-usage.sse'];
const openRouterFixtures = [
  'openrouter/chat-stream-processing-comments.sse',
  'openrouter/chat-stream-long-processing-usage-in-choice-chunk.sse',
  'openrouter/chat-stream-midstream-error.sse',
];

describe('createOpenAiStreamTransform', () => {
  it.each(openAiFixtures)('forwards %s untouched when the client asked for usage', async (file) => {
    const bytes = new Uint8Array(readProviderFixture(file));
    const { output, observed } = await run(bytes, { includeUsage: true });
    // OpenAI's own framing is `data: …\n\n`, so the output is the upstream body byte for byte.
    expect(output).toBe(Buffer.from(bytes).toString('utf8'));
    const payloads = upstreamPayloads(bytes);
    const usageChunk = JSON.parse(payloads[payloads.length - 2]);
    expect(observed.usage).toEqual([usageChunk.usage]);
    expect(observed.errors).toEqual([]);
    expect(observed.finish).toHaveLength(1);
  });

  it('reports text, finish and usage for the text fixture', async () => {
    const { observed } = await run(new Uint8Array(readProviderFixture('openai/chat-stream-text-include-usage.sse')), { includeUsage: true });
    expect(observed.text).toBe('The capital of Mexico is Mexico City.');
    expect(observed.finish).toEqual(['stop']);
    expect(observed.usage[0]).toMatchObject({ prompt_tokens: 14, completion_tokens: 8, total_tokens: 22 });
  });

  it('reports tool_calls as finish and no text for the tool call fixture', async () => {
    const { observed } = await run(new Uint8Array(readProviderFixture('openai/chat-stream-tool-call-include-usage.sse')), { includeUsage: true });
    expect(observed.text).toBe('');
    expect(observed.finish).toEqual(['tool_calls']);
    expect(observed.usage[0].total_tokens).toBe(68);
  });

  it.each(openAiFixtures)('hides usage from %s when the client did not ask for it', async (file) => {
    const bytes = new Uint8Array(readProviderFixture(file));
    const { output, observed } = await run(bytes, { includeUsage: false });
    const payloads = dataPayloads(output);
    const upstream = upstreamPayloads(bytes);
    // One chunk fewer: the usage-only chunk (choices: []) is dropped; [DONE] stays last.
    expect(payloads).toHaveLength(upstream.length - 1);
    expect(payloads[payloads.length - 1]).toBe('[DONE]');
    for (const [index, payload] of payloads.slice(0, -1).entries()) {
      expect(payload).not.toContain('"usage"');
      const expected = JSON.parse(upstream[index]);
      delete expected.usage;
      expect(JSON.parse(payload)).toEqual(expected);
    }
    // The gateway still gets usage for cost.
    expect(observed.usage).toHaveLength(1);
  });

  it('drops OpenRouter processing comments and keeps usage with cost', async () => {
    const bytes = new Uint8Array(readProviderFixture('openrouter/chat-stream-processing-comments.sse'));
    const { output, observed } = await run(bytes, { includeUsage: true });
    expect(output).not.toContain('OPENROUTER PROCESSING');
    expect(dataPayloads(output)).toEqual(upstreamPayloads(bytes));
    expect(observed.text).toBe('Hello!');
    expect(observed.usage[0]).toMatchObject({ prompt_tokens: 254, completion_tokens: 5, cost: 0.000837 });
  });

  it('strips usage from an OpenRouter usage chunk that carries choices when not asked', async () => {
    const bytes = new Uint8Array(readProviderFixture('openrouter/chat-stream-long-processing-usage-in-choice-chunk.sse'));
    const hidden = await run(bytes, { includeUsage: false });
    const payloads = dataPayloads(hidden.output);
    expect(payloads).toHaveLength(upstreamPayloads(bytes).length);
    expect(hidden.output).not.toContain('"usage"');
    const last = JSON.parse(payloads[payloads.length - 2]);
    expect(last.choices[0].finish_reason).toBe('stop');
    expect(hidden.observed.usage[0]).toMatchObject({ total_tokens: 962, cost: 0.0145476 });
    expect(hidden.observed.finish).toEqual(['stop']);
    const shown = await run(bytes, { includeUsage: true });
    expect(JSON.parse(dataPayloads(shown.output).at(-2)!).usage.total_tokens).toBe(962);
  });

  it('reports an OpenRouter mid-stream error and still forwards it', async () => {
    const bytes = new Uint8Array(readProviderFixture('openrouter/chat-stream-midstream-error.sse'));
    const { output, observed } = await run(bytes, { includeUsage: false });
    expect(observed.errors).toHaveLength(1);
    expect(observed.errors[0]).toMatchObject({ kind: 'invalid_request', providerMessage: 'Token limit reached' });
    expect(observed.usage[0]).toMatchObject({ prompt_tokens: 43, completion_tokens: 10 });
    expect(observed.finish).toEqual(['length']);
    const errorChunk = dataPayloads(output).find((payload) => payload.includes('"error"'));
    expect(JSON.parse(errorChunk!)).toMatchObject({ error: { code: 400, message: 'Token limit reached' } });
    expect(errorChunk).not.toContain('"usage"');
  });

  it.each([...openAiFixtures, ...openRouterFixtures])('gives the same output for any chunking of %s (property)', async (file) => {
    const bytes = new Uint8Array(readProviderFixture(file));
    for (const includeUsage of [true, false]) {
      const whole = await run(bytes, { includeUsage });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 25 }), async (cuts) => {
          const split = await run(bytes, { includeUsage, cuts });
          expect(split.output).toBe(whole.output);
          expect(split.observed).toEqual(whole.observed);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('writes [DONE] exactly once, even when the upstream omits it or repeats it', async () => {
    const chunk = '{"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"}]}';
    const missing = await run(`data: ${chunk}\n\n`, { includeUsage: false });
    expect(dataPayloads(missing.output)).toEqual([chunk, '[DONE]']);
    expect(missing.observed.errors).toEqual([]);
    const twice = await run(`data: ${chunk}\n\ndata: [DONE]\n\ndata: [DONE]\n\ndata: ${chunk}\n\n`, { includeUsage: false });
    expect(dataPayloads(twice.output)).toEqual([chunk, '[DONE]']);
  });

  it('reports a truncated stream and non-JSON events', async () => {
    const truncated = await run('data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n', { includeUsage: false });
    expect(truncated.observed.errors.map((e) => e.kind)).toEqual(['reset']);
    const garbage = await run('data: {not json\n\ndata: [DONE]\n\n', { includeUsage: false });
    expect(garbage.observed.errors.map((e) => e.kind)).toEqual(['bad_response']);
    expect(dataPayloads(garbage.output)).toEqual(['[DONE]']);
  });

  it('reads usage from a host usage container (Groq x_groq.usage)', async () => {
    const host = { ...openAiHost, id: 'groq' as const, usageContainers: ['x_groq'] };
    const sse = 'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}}\n\ndata: [DONE]\n\n';
    const { observed } = await run(sse, { includeUsage: false, host });
    expect(observed.usage).toEqual([{ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 }]);
  });

  it('only reports text of choice 0', async () => {
    const sse =
      'data: {"choices":[{"index":1,"delta":{"content":"B"}},{"index":0,"delta":{"content":"A"}}]}\n\n' +
      'data: {"choices":[{"index":0,"delta":{"content":"A2"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
    const { observed } = await run(sse, { includeUsage: false });
    expect(observed.text).toBe('AA2');
  });
});
