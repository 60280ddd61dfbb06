import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../types';
import { geminiAdapter } from './index';
import { fixtureText } from '../shared/translated-stream-test-helpers';

const context = { model: 'gemini-2.5-flash', id: 'chatcmpl-abc', created: 1_700_000_000 };

describe('gemini parseResponse', () => {
  it('generate-content-basic: text, STOP, thoughts billed as completion tokens', () => {
    expect(geminiAdapter.parseResponse(fixtureText('gemini', 'generate-content-basic.json'), context)).toEqual({
      id: 'chatcmpl-abc',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gemini-2.5-flash',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?', refusal: null }, logprobs: null, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: 9,
        completion_tokens: 43,
        total_tokens: 52,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 34 },
      },
    });
  });

  it('generate-content-original-key-order: text part with thoughtSignature', () => {
    const completion = geminiAdapter.parseResponse(fixtureText('gemini', 'generate-content-original-key-order.json'), context);
    expect(completion.choices[0].message.content).toBe("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.");
    expect(completion.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 272, total_tokens: 281 });
  });

  it('generate-content-function-call: functionCall → tool_calls with a generated id, finish tool_calls', () => {
    const completion = geminiAdapter.parseResponse(fixtureText('gemini', 'generate-content-function-call.json'), context);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_abc_0', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } }],
          refusal: null,
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ]);
    expect(completion.usage).toMatchObject({ prompt_tokens: 29, completion_tokens: 908, total_tokens: 937 });
  });

  it('skips thought parts, keeps upstream function call ids, maps every candidate (n > 1) and cached tokens', () => {
    const body = JSON.stringify({
      candidates: [
        {
          index: 0,
          content: { role: 'model', parts: [{ text: 'thinking...', thought: true }, { text: 'A' }, { functionCall: { id: 'fc-1', name: 'f', args: { x: 1 } } }, { functionCall: { name: 'g' } }] },
          finishReason: 'STOP',
        },
        { index: 1, content: { role: 'model', parts: [{ text: 'B' }] }, finishReason: 'MAX_TOKENS' },
      ],
      usageMetadata: { promptTokenCount: 100, cachedContentTokenCount: 60, candidatesTokenCount: 10, toolUsePromptTokenCount: 5 },
    });
    const completion = geminiAdapter.parseResponse(body, context);
    expect(completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason])).toEqual([
      [0, 'A', 'tool_calls'],
      [1, 'B', 'length'],
    ]);
    expect(completion.choices[0].message.tool_calls).toEqual([
      { id: 'fc-1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
      { id: 'call_abc_0', type: 'function', function: { name: 'g', arguments: '{}' } },
    ]);
    expect(completion.usage).toEqual({
      prompt_tokens: 105,
      completion_tokens: 10,
      total_tokens: 115,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['OTHER', 'stop'],
    ['MALFORMED_FUNCTION_CALL', 'stop'],
  ])('finishReason %s → %s', (finishReason, expected) => {
    const body = JSON.stringify({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason }] });
    expect(geminiAdapter.parseResponse(body, context).choices[0].finish_reason).toBe(expected);
  });

  it('a blocked prompt (no candidates, promptFeedback.blockReason) → empty content, content_filter', () => {
    const body = JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 } });
    const completion = geminiAdapter.parseResponse(body, context);
    expect(completion.choices).toEqual([{ index: 0, message: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: 'content_filter' }]);
    expect(completion.usage?.prompt_tokens).toBe(7);
  });

  it('throws bad_response on garbage or an error body', () => {
    for (const body of ['<html>', '"str"', '{"candidates": 3}', '{"error": {"code": 500, "message": "x"}}']) {
      let thrown: unknown;
      try {
        geminiAdapter.parseResponse(body, context);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(UpstreamError);
      expect((thrown as UpstreamError).kind).toBe('bad_response');
    }
  });
});
