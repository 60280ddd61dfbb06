import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../types';
import { anthropicAdapter } from './index';
import { fixtureText } from '../shared/translated-stream-test-helpers';

const context = { model: 'claude-sonnet-4-5', id: 'chatcmpl-abc', created: 1_700_000_000 };

describe('anthropic parseResponse', () => {
  it('messages-nonstream-basic: text, end_turn, usage', () => {
    expect(anthropicAdapter.parseResponse(fixtureText('anthropic', 'messages-nonstream-basic.json'), context)).toEqual({
      id: 'chatcmpl-abc',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'claude-sonnet-4-5',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! 👋 How can I help you today?', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 16, total_tokens: 24, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } },
    });
  });

  it('messages-nonstream-original-key-order: same mapping from the server key order', () => {
    const completion = anthropicAdapter.parseResponse(fixtureText('anthropic', 'messages-nonstream-original-key-order.json'), context);
    expect(completion.choices[0].message.content).toBe(
      "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 29, total_tokens: 41 });
  });

  it('messages-nonstream-tool-use: tool_use → tool_calls with JSON arguments, content null', () => {
    const completion = anthropicAdapter.parseResponse(fixtureText('anthropic', 'messages-nonstream-tool-use.json'), context);
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'toolu_01X9wcHKKAZD9tBC711xipPa', type: 'function', function: { name: 'get_user_country', arguments: '{}' } }],
        refusal: null,
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
    expect(completion.usage).toMatchObject({ prompt_tokens: 445, completion_tokens: 23, total_tokens: 468 });
  });

  it('drops thinking blocks, joins text blocks, counts cache reads and writes into prompt_tokens', () => {
    const body = JSON.stringify({
      id: 'msg_1',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'text', text: 'Hello ' },
        { type: 'text', text: 'world' },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
      ],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 20, output_tokens: 5 },
    });
    const completion = anthropicAdapter.parseResponse(body, context);
    expect(completion.choices[0].message).toEqual({
      role: 'assistant',
      content: 'Hello world',
      tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      refusal: null,
    });
    expect(completion.choices[0].finish_reason).toBe('length');
    expect(completion.usage).toEqual({
      prompt_tokens: 130,
      completion_tokens: 5,
      total_tokens: 135,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 20 },
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'stop'],
    ['model_context_window_exceeded', 'length'],
  ])('stop_reason %s → finish_reason %s', (stopReason, finishReason) => {
    const body = JSON.stringify({ content: [{ type: 'text', text: 'x' }], stop_reason: stopReason, usage: { input_tokens: 1, output_tokens: 1 } });
    expect(anthropicAdapter.parseResponse(body, context).choices[0].finish_reason).toBe(finishReason);
  });

  it('throws bad_response on garbage', () => {
    for (const body of ['not json', '[]', '{"content": "nope"}']) {
      expect(() => anthropicAdapter.parseResponse(body, context)).toThrow(UpstreamError);
      try {
        anthropicAdapter.parseResponse(body, context);
      } catch (error) {
        expect((error as UpstreamError).kind).toBe('bad_response');
      }
    }
  });
});
