import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from './index';
import {
  expectedChunk as chunk,
  expectedUsageChunk,
  fixtureBytes,
  fixtureText,
  readOpenAiSse,
  runStream,
  splitAt,
  streamIdentity,
} from '../shared/translated-stream-test-helpers';

const transform = anthropicAdapter.createStreamTransform;
const role = { role: 'assistant', content: '', refusal: null };
const noCache = { cached_tokens: 0, cache_write_tokens: 0 };

function usage(prompt: number, completion: number) {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: noCache };
}

/** AI SDK .jsonl fixtures lost their SSE framing; put it back the way Anthropic writes it. */
function jsonlToSse(jsonl: string): string {
  return jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
    .join('');
}

describe('anthropic stream transform on the recorded streams', () => {
  it('messages-stream-text.sse (padded data lines): role, text deltas, finish, usage, [DONE]', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('anthropic', 'messages-stream-text.sse')], true);
    expect(events).toEqual([
      chunk(role),
      chunk({ content: '-' }),
      chunk({ content: ' Captain' }),
      chunk({ content: '\n- Sc' }),
      chunk({ content: 'oop' }),
      chunk({}, 'stop'),
      expectedUsageChunk(usage(17, 10)),
      '[DONE]',
    ]);
    expect(observed).toEqual({ text: ['-', ' Captain', '\n- Sc', 'oop'], usage: [usage(17, 10)], finish: ['stop'], error: [] });
  });

  it('without include_usage: no usage chunk and no usage:null fields, usage still reported', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('anthropic', 'messages-stream-text-short.sse')], false);
    expect(events).toEqual([chunk(role, null, false), chunk({ content: '2' }, null, false), chunk({}, 'stop', false), '[DONE]']);
    expect(observed.usage).toEqual([usage(20, 5)]);
  });

  it('messages-stream-thinking.sse: thinking and signature deltas are dropped', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('anthropic', 'messages-stream-thinking.sse')], true);
    expect(events).toEqual([
      chunk(role),
      chunk({ content: '-' }),
      chunk({ content: ' Captain' }),
      chunk({ content: '\n- Scoop' }),
      chunk({}, 'stop'),
      expectedUsageChunk(usage(46, 84)),
      '[DONE]',
    ]);
    expect(observed.text.join('')).toBe('- Captain\n- Scoop');
  });

  it('messages-stream-tool-use.sse: text, server tool ignored, client tool call streamed as argument fragments', async () => {
    const { events, observed } = await runStream(transform, [fixtureBytes('anthropic', 'messages-stream-tool-use.sse')], true);
    const call = (fragment: string) => chunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] });
    expect(events).toEqual([
      chunk(role),
      chunk({ content: 'Let' }),
      chunk({ content: ' me search for a tool that can provide current exchange rate information.' }),
      chunk({ content: 'I found' }),
      chunk({ content: ' the right tool! Let me fetch the current USD to EUR exchange rate for you.' }),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_01EFn5wTNBYA8Reni8rbmnHT', type: 'function', function: { name: 'get_exchange_rate', arguments: '' } }] }),
      call('{"from_'),
      call('curre'),
      call('ncy"'),
      call(': "US'),
      call('D"'),
      call(', "'),
      call('to_currency"'),
      call(': "EUR"}'),
      chunk({}, 'tool_calls'),
      expectedUsageChunk(usage(1591, 175)),
      '[DONE]',
    ]);
    expect(observed.finish).toEqual(['tool_calls']);
    // The arguments reassemble into the JSON the model produced.
    const args = (events as any[])
      .flatMap((event) => event.choices?.[0]?.delta?.tool_calls ?? [])
      .map((toolCall: any) => toolCall.function.arguments)
      .join('');
    expect(JSON.parse(args)).toEqual({ from_currency: 'USD', to_currency: 'EUR' });
  });

  it('messages-stream-parallel-tool-use-no-args.sse: two tool calls, indexes 0 and 1, arguments "{}"', async () => {
    const { events } = await runStream(transform, [fixtureBytes('anthropic', 'messages-stream-parallel-tool-use-no-args.sse')], true);
    const start = (index: number, id: string) =>
      chunk({ tool_calls: [{ index, id, type: 'function', function: { name: 'pelican_name_generator', arguments: '' } }] });
    expect(events).toEqual([
      chunk(role),
      start(0, 'toolu_01LtHJmixrs9NcWQkK8hu8hj'),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
      start(1, 'toolu_01N8a4jWyf116qKTMqKKmjyt'),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      expectedUsageChunk(usage(542, 62)),
      '[DONE]',
    ]);
  });

  it('messages-stream-parsed-chunks.jsonl (re-framed): text and usage', async () => {
    const { events, observed } = await runStream(transform, [jsonlToSse(fixtureText('anthropic', 'messages-stream-parsed-chunks.jsonl'))], true);
    expect(observed.text.join('')).toBe("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?");
    expect(events.slice(-3)).toEqual([chunk({}, 'stop'), expectedUsageChunk(usage(12, 30)), '[DONE]']);
  });

  it('messages-stream-tool-use-parsed-chunks.jsonl (re-framed): tool call arguments', async () => {
    const { events } = await runStream(transform, [jsonlToSse(fixtureText('anthropic', 'messages-stream-tool-use-parsed-chunks.jsonl'))], false);
    expect(events).toEqual([
      chunk(role, null, false),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA', type: 'function', function: { name: 'json', arguments: '' } }] }, null, false),
      chunk(
        { tool_calls: [{ index: 0, function: { arguments: '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]' } }] },
        null,
        false,
      ),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '}' } }] }, null, false),
      chunk({}, 'tool_calls', false),
      '[DONE]',
    ]);
  });

  it('writes chunks with the field set and key order of real OpenAI chunks', async () => {
    const { output } = await runStream(transform, [fixtureBytes('anthropic', 'messages-stream-text.sse')], true);
    const ours = readOpenAiSse(output) as any[];
    const openai = readOpenAiSse(fixtureText('openai', 'chat-stream-text-include-usage.sse')) as any[];
    // service_tier / system_fingerprint / obfuscation are OpenAI-infrastructure fields.
    const openAiOnly = new Set(['service_tier', 'system_fingerprint', 'obfuscation']);
    const keys = (value: object) => Object.keys(value).filter((key) => !openAiOnly.has(key));
    expect(keys(ours[0])).toEqual(keys(openai[0]));
    expect(Object.keys(ours[0].choices[0])).toEqual(Object.keys(openai[0].choices[0]));
    expect(ours[0].choices[0].delta).toEqual(openai[0].choices[0].delta);
    expect(keys(ours.at(-2))).toEqual(keys(openai.at(-2)));
    expect(Object.keys(ours.at(-2).usage)).toEqual(['prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_tokens_details']);
    expect(ours[0]).toMatchObject({ id: streamIdentity.id, model: streamIdentity.model, created: streamIdentity.created });
  });
});

describe('anthropic stream transform failures', () => {
  const head = fixtureText('anthropic', 'messages-stream-text.sse').split('event: content_block_stop')[0];

  it('an overloaded_error event mid-stream reports UpstreamError(overloaded) and ends without finish or [DONE]', async () => {
    const errorEvent = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const { events, observed } = await runStream(transform, [head + errorEvent], true);
    expect(events.at(-1)).toEqual(chunk({ content: 'oop' }));
    expect(events).not.toContain('[DONE]');
    expect(observed.error).toHaveLength(1);
    expect(observed.error[0]).toMatchObject({ kind: 'overloaded', providerMessage: 'Overloaded', status: undefined });
    expect(observed.finish).toEqual([]);
    // Input tokens were already spent: usage is still reported.
    expect(observed.usage).toEqual([usage(17, 1)]);
  });

  it('an error right after message_start writes nothing at all, so the gateway can still fall back', async () => {
    const start = fixtureText('anthropic', 'messages-stream-text.sse').split('event: content_block_start')[0];
    const ping = 'event: ping\ndata: {"type": "ping"}\n\n';
    const errorEvent = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const { output, observed } = await runStream(transform, [start, ping, errorEvent], true);
    expect(output).toBe('');
    expect(observed.error.map((error) => error.kind)).toEqual(['overloaded']);
  });

  it('a stream cut before message_stop reports a reset error', async () => {
    const { events, observed } = await runStream(transform, [head], true);
    expect(events).not.toContain('[DONE]');
    expect(observed.error.map((error) => error.kind)).toEqual(['reset']);
  });

  it('an unreadable event reports bad_response and stops', async () => {
    const { observed } = await runStream(transform, [head + 'event: content_block_delta\ndata: {not json\n\n'], true);
    expect(observed.error.map((error) => error.kind)).toEqual(['bad_response']);
  });

  it('maps other in-stream error types (rate_limit_error, api_error)', async () => {
    for (const [type, kind] of [
      ['rate_limit_error', 'rate_limited'],
      ['api_error', 'server_error'],
    ]) {
      const { observed } = await runStream(transform, [`event: error\ndata: {"type":"error","error":{"type":"${type}","message":"m"}}\n\n`], false);
      expect(observed.error.map((error) => error.kind)).toEqual([kind]);
    }
  });
});

describe('anthropic stream transform is chunking-independent (property)', () => {
  const files = [
    'messages-stream-text.sse',
    'messages-stream-text-short.sse',
    'messages-stream-thinking.sse',
    'messages-stream-tool-use.sse',
    'messages-stream-parallel-tool-use-no-args.sse',
  ];
  it.each(files)('%s: any split of the bytes gives the same output and observer calls', async (file) => {
    const bytes = fixtureBytes('anthropic', file);
    const whole = await runStream(transform, [bytes], true);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 40 }), async (cuts) => {
        const split = await runStream(transform, splitAt(bytes, cuts), true);
        expect(split.output).toBe(whole.output);
        expect(split.observed).toEqual(whole.observed);
      }),
      { numRuns: 100 },
    );
  });

  it('byte-by-byte delivery of a multi-byte text gives the same output', async () => {
    const sse = fixtureText('anthropic', 'messages-stream-text-short.sse').replace('"text":"2"', '"text":"héllo 👋"');
    const bytes = new TextEncoder().encode(sse);
    const whole = await runStream(transform, [bytes], true);
    const bytewise = await runStream(transform, Array.from(bytes, (byte) => new Uint8Array([byte])), true);
    expect(bytewise.output).toBe(whole.output);
    expect(whole.observed.text).toEqual(['héllo 👋']);
  });
});
