import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geminiAdapter } from './index';
import { expectedChunk as chunk, expectedUsageChunk, fixtureBytes, fixtureText, readOpenAiSse, runStream, splitAt } from '../shared/translated-stream-test-helpers';

const transform = geminiAdapter.createStreamTransform;
const role = { role: 'assistant', content: '', refusal: null };

function usage(prompt: number, candidates: number, thoughts = 0, cached = 0) {
  return {
    prompt_tokens: prompt,
    completion_tokens: candidates + thoughts,
    total_tokens: prompt + candidates + thoughts,
    prompt_tokens_details: { cached_tokens: cached },
    completion_tokens_details: { reasoning_tokens: thoughts },
  };
}

function sse(...payloads: unknown[]): string {
  return payloads.map((payload) => `data: ${JSON.stringify(payload)}\r\n\r\n`).join('');
}

describe('gemini stream transform on the recorded streams', () => {
  it('stream-sse-text.sse (CRLF separators, no [DONE] upstream): role, text, finish, last usage, [DONE]', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('gemini', 'stream-sse-text.sse')], true);
    expect(events).toEqual([
      chunk(role),
      chunk({ content: 'The' }),
      chunk({ content: ' capital of France' }),
      chunk({ content: ' is Paris.\n' }),
      chunk({}, 'stop'),
      expectedUsageChunk(usage(13, 8)),
      '[DONE]',
    ]);
    expect(observed).toEqual({ text: ['The', ' capital of France', ' is Paris.\n'], usage: [usage(13, 8)], finish: ['stop'], error: [] });
  });

  it('stream-sse-usage-thoughts.sse: cumulative usage, the last one reported once, thoughts in completion_tokens', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('gemini', 'stream-sse-usage-thoughts.sse')], false);
    expect(events).toEqual([
      chunk(role, null, false),
      chunk({ content: '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n1' }, null, false),
      chunk({ content: '4\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n3' }, null, false),
      chunk({ content: '0' }, null, false),
      chunk({}, 'stop', false),
      '[DONE]',
    ]);
    expect(observed.usage).toEqual([usage(18, 80, 35)]);
  });

  it('stream-sse-function-call.sse: one tool call delta with id, name and arguments; empty text skipped; finish tool_calls', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('gemini', 'stream-sse-function-call.sse')], true);
    expect(events).toEqual([
      chunk(role),
      chunk({ tool_calls: [{ index: 0, id: 'call_test_0', type: 'function', function: { name: 'get_country', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      expectedUsageChunk(usage(29, 10, 202)),
      '[DONE]',
    ]);
    expect(observed.text).toEqual([]);
    expect(observed.finish).toEqual(['tool_calls']);
  });

  it('stream-json-array-no-sse.json (no alt=sse): thought parts skipped, same OpenAI output', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('gemini', 'stream-json-array-no-sse.json')], true);
    expect(events).toEqual([chunk(role), chunk({ content: 'Scoop' }), chunk({}, 'stop'), expectedUsageChunk(usage(11, 2, 291)), '[DONE]']);
    expect(observed.error).toEqual([]);
  });

  it('stream-parsed-chunks.jsonl (re-framed as SSE): text and final usage', async () => {
    const lines = fixtureText('gemini', 'stream-parsed-chunks.jsonl').split('\n');
    const { events } = await runStream(transform, [lines.map((line) => `data: ${line}\r\n\r\n`).join('')], true);
    expect(events).toEqual([
      chunk(role),
      chunk({ content: 'There are **3**' }),
      chunk({ content: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' }),
      chunk({}, 'stop'),
      expectedUsageChunk(usage(9, 23, 185)),
      '[DONE]',
    ]);
  });

  it('writes the same OpenAI field set as the Anthropic adapter and OpenAI itself', async () => {
    const { output } = await runStream(transform, [fixtureBytes('gemini', 'stream-sse-text.sse')], true);
    const ours = readOpenAiSse(output) as any[];
    const openai = readOpenAiSse(fixtureText('openai', 'chat-stream-text-include-usage.sse')) as any[];
    const openAiOnly = new Set(['service_tier', 'system_fingerprint', 'obfuscation']);
    const keys = (value: object) => Object.keys(value).filter((key) => !openAiOnly.has(key));
    expect(keys(ours[0])).toEqual(keys(openai[0]));
    expect(Object.keys(ours[0].choices[0])).toEqual(Object.keys(openai[0].choices[0]));
    expect(keys(ours.at(-2))).toEqual(keys(openai.at(-2)));
  });
});

describe('gemini stream transform edge cases', () => {
  const text = (value: string, extra: Record<string, unknown> = {}) => ({ candidates: [{ content: { role: 'model', parts: [{ text: value }] }, index: 0, ...extra }] });

  it('an error object mid-stream reports the mapped UpstreamError and ends without [DONE]', async () => {
    const error = { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } };
    const { events, observed } = await runStream(transform, [sse(text('Hel', { usageMetadata: { promptTokenCount: 3 } }), error)], true);
    expect(events).toEqual([chunk(role), chunk({ content: 'Hel' })]);
    expect(observed.error.map((e) => [e.kind, e.providerMessage])).toEqual([['server_error', 'The model is overloaded.']]);
  });

  it('an error object or thought-only chunk before any content writes nothing (the gateway can still fall back)', async () => {
    const thought = { candidates: [{ content: { parts: [{ text: 'Considering...', thought: true }] }, index: 0 }] };
    const error = { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED', details: [{ retryDelay: '2s' }] } };
    const { output, observed } = await runStream(transform, [sse(thought, error)], true);
    expect(output).toBe('');
    expect(observed.error.map((e) => [e.kind, e.retryAfterSeconds])).toEqual([['rate_limited', 2]]);
  });

  it('a stream that ends without a finishReason reports reset (usage still reported)', async () => {
    const { events, observed } = await runStream(transform, [sse({ ...text('Hel'), usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1 } })], true);
    expect(events).not.toContain('[DONE]');
    expect(observed.error.map((e) => e.kind)).toEqual(['reset']);
    expect(observed.usage).toEqual([usage(3, 1)]);
    expect((await runStream(transform, [''], true)).observed.error.map((e) => e.kind)).toEqual(['reset']);
  });

  it('an unreadable chunk reports bad_response', async () => {
    const { observed } = await runStream(transform, ['data: {"candidates": [\r\n\r\n'], true);
    expect(observed.error.map((e) => e.kind)).toEqual(['bad_response']);
  });

  it('a blocked prompt → content_filter', async () => {
    const { events } = await runStream(transform, [sse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 4 } })], false);
    expect(events).toEqual([chunk(role, null, false), chunk({}, 'content_filter', false), '[DONE]']);
  });

  it('several candidates (n > 1) stream as separate choice indexes', async () => {
    const two = (a: string, b: string, finishReason?: string) => ({
      candidates: [
        { index: 0, content: { parts: [{ text: a }] }, ...(finishReason ? { finishReason } : {}) },
        { index: 1, content: { parts: [{ text: b }] }, ...(finishReason ? { finishReason } : {}) },
      ],
    });
    const { events, observed } = await runStream(transform, [sse(two('A', 'B'), two('a', 'b', 'STOP'))], false);
    expect(events).toEqual([
      chunk(role, null, false, 0),
      chunk({ content: 'A' }, null, false, 0),
      chunk(role, null, false, 1),
      chunk({ content: 'B' }, null, false, 1),
      chunk({ content: 'a' }, null, false, 0),
      chunk({}, 'stop', false, 0),
      chunk({ content: 'b' }, null, false, 1),
      chunk({}, 'stop', false, 1),
      '[DONE]',
    ]);
    expect(observed.text).toEqual(['A', 'a']);
  });

  it('braces and escaped quotes inside strings do not confuse the JSON-array splitter', async () => {
    const body = `[${JSON.stringify(text('{"a": "}\\\\"'))}\n,\r\n${JSON.stringify(text(']', { finishReason: 'STOP' }))}\n]`;
    const { observed } = await runStream(transform, splitAt(new TextEncoder().encode(body), [1, 5, 17, 30, 41]), false);
    expect(observed.text).toEqual(['{"a": "}\\\\"', ']']);
    expect(observed.error).toEqual([]);
  });
});

describe('gemini stream transform is chunking-independent (property)', () => {
  const files = ['stream-sse-text.sse', 'stream-sse-usage-thoughts.sse', 'stream-sse-function-call.sse', 'stream-json-array-no-sse.json'];
  it.each(files)('%s: any split of the bytes gives the same output and observer calls', async (file) => {
    const bytes = fixtureBytes('gemini', file);
    const whole = await runStream(transform, [bytes], true);
    expect(whole.observed.error).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 40 }), async (cuts) => {
        const split = await runStream(transform, splitAt(bytes, cuts), true);
        expect(split.output).toBe(whole.output);
        expect(split.observed).toEqual(whole.observed);
      }),
      { numRuns: 100 },
    );
  });
});
