import { describe, expect, it } from 'vitest';
import { readProviderFixture } from '../shared/test-helpers';
import { UpstreamError } from '../types';
import { parseOpenAiResponse } from './parse-openai-response';

const context = { model: 'gpt-4o', id: 'chatcmpl-gateway', created: 1700000000 };

function expectUpstreamError(run: () => unknown, kind: string) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe(kind);
    return error as UpstreamError;
  }
  throw new Error('expected an UpstreamError');
}

describe('parseOpenAiResponse', () => {
  it('keeps the upstream completion (dated model, id, extra fields)', () => {
    const body = readProviderFixture('openai/chat-nonstream-original-key-order.json').toString();
    const completion = parseOpenAiResponse(body, context);
    expect(completion).toEqual(JSON.parse(body));
    expect(completion.model).toBe('gpt-4.1-nano-2025-04-14');
    expect(completion.usage?.total_tokens).toBe(379);
  });

  it.each(['openai/chat-nonstream-basic.json', 'openai/chat-json-object.json', 'openrouter/chat-nonstream-basic.json', 'openrouter/chat-nonstream-tool-call.json', 'openrouter/chat-nonstream-usage-cost.json'])(
    'parses %s',
    (file) => {
      const raw = JSON.parse(readProviderFixture(file).toString());
      const completion = parseOpenAiResponse(JSON.stringify(raw), context);
      expect(completion.object).toBe('chat.completion');
      expect(completion.id).toBe(raw.id);
      expect(completion.choices[0].finish_reason).toBe(raw.choices[0].finish_reason);
      expect(completion.usage?.prompt_tokens).toBe(raw.usage.prompt_tokens);
    },
  );

  it('keeps OpenRouter cost and tool calls', () => {
    const cost = parseOpenAiResponse(readProviderFixture('openrouter/chat-nonstream-usage-cost.json').toString(), context);
    expect(cost.usage?.cost).toBe(0.00034225);
    const tool = parseOpenAiResponse(readProviderFixture('openrouter/chat-nonstream-tool-call.json').toString(), context);
    expect(tool.choices[0].finish_reason).toBe('tool_calls');
    expect(tool.choices[0].message.tool_calls?.[0].function.name).toBe('divide');
  });

  it('fills missing fields from the context and maps native finish reasons', () => {
    const completion = parseOpenAiResponse(
      JSON.stringify({ choices: [{ message: { content: 'hi' }, finish_reason: 'eos' }], usage: { prompt_tokens: 2, completion_tokens: 3 } }),
      context,
    );
    expect(completion).toMatchObject({ id: 'chatcmpl-gateway', object: 'chat.completion', created: 1700000000, model: 'gpt-4o' });
    expect(completion.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' });
    expect(completion.usage?.total_tokens).toBe(5);
  });

  it('rejects garbage as bad_response and maps a 200 error body', () => {
    expectUpstreamError(() => parseOpenAiResponse('<html>oops</html>', context), 'bad_response');
    expectUpstreamError(() => parseOpenAiResponse('{"choices":[]}', context), 'bad_response');
    expectUpstreamError(() => parseOpenAiResponse('{"foo":1}', context), 'bad_response');
    const error = expectUpstreamError(() => parseOpenAiResponse('{"error":{"code":429,"message":"slow down"}}', context), 'rate_limited');
    expect(error.providerMessage).toBe('slow down');
  });
});
