import { describe, expect, it } from 'vitest';
import { answerText, inspectRecordedRequest, replayBody } from './recorded-call';

describe('recorded calls', () => {
  it('skips capped, image and unreadable requests with why', () => {
    expect(inspectRecordedRequest('{"messages":[{"role":"user","content":"hi"}]}', true)).toMatchObject({ ok: false, reason: 'truncated' });
    expect(inspectRecordedRequest(null, false)).toMatchObject({ ok: false, reason: 'no_body' });
    expect(inspectRecordedRequest('{"messages":', false)).toMatchObject({ ok: false, reason: 'bad_body' });
    expect(inspectRecordedRequest('{"model":"x"}', false)).toMatchObject({ ok: false, reason: 'bad_body' });
    const image = JSON.stringify({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:' } }] }] });
    expect(inspectRecordedRequest(image, false)).toMatchObject({ ok: false, reason: 'images' });
  });
  it('knows JSON mode and its schema', () => {
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'a', schema: { type: 'object' } } } });
    expect(inspectRecordedRequest(body, false)).toMatchObject({ ok: true, request: { jsonMode: true, jsonSchema: { type: 'object' } } });
  });
  it('replays with the candidate model, without the fallback list, other fields kept', () => {
    expect(JSON.parse(replayBody('{"model":"gpt-4o","models":["a"],"messages":[],"temperature":0.2,"x_custom":1}', 'openai/gpt-4o-mini'))).toEqual({
      model: 'openai/gpt-4o-mini',
      messages: [],
      temperature: 0.2,
      x_custom: 1,
    });
  });
  it('reads the answer text, tool calls as JSON', () => {
    expect(answerText('{"choices":[{"message":{"content":"hi"}}]}')).toBe('hi');
    expect(answerText('{"choices":[{"message":{"content":null,"tool_calls":[{"function":{"name":"f","arguments":"{}"}}]}}]}')).toBe('[{"name":"f","arguments":"{}"}]');
    expect(answerText('{"choices":[{"mess')).toBeNull();
  });
});
