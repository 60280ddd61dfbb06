import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors';
import { parseChatRequest } from './validate-request';

const messages = [{ role: 'user', content: 'hi' }];
const base = { model: 'openai/gpt-4o', messages };

function failure(body: unknown): { status: number; type: string; param: string | null; code: string | null; message: string } {
  try {
    parseChatRequest(typeof body === 'string' ? body : JSON.stringify(body));
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    const e = error as GatewayError;
    return { status: e.status, type: e.type, param: e.param, code: e.code, message: e.message };
  }
  throw new Error('expected a validation error');
}

describe('parseChatRequest: bad input → 400 naming the field', () => {
  const cases: Array<[string, unknown, string | null, RegExp?]> = [
    ['malformed JSON', '{"model":', null, /could not parse the JSON body/],
    ['a JSON array body', '[1,2]', null, /JSON object/],
    ['no model', { messages }, 'model', /provide a model/],
    ['empty model', { ...base, model: '' }, 'model', /non-empty/],
    ['model with ..', { ...base, model: '../../etc/passwd' }, 'model'],
    ['model with a query', { ...base, model: 'gpt-4o?x=1' }, 'model'],
    ['model with //', { ...base, model: 'openai//gpt-4o' }, 'model'],
    ['model with a leading slash', { ...base, model: '/gpt-4o' }, 'model'],
    ['model not a string', { ...base, model: 42 }, 'model'],
    ['models not strings', { ...base, models: ['a', 3] }, 'models[1]'],
    ['empty models', { ...base, models: [] }, 'models', /at least one/],
    ['messages missing', { model: 'gpt-4o' }, 'messages'],
    ['messages empty', { ...base, messages: [] }, 'messages', /at least one message/],
    ['bad role', { ...base, messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role', /role is one of/],
    ['content a number', { ...base, messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
    ['text part without text', { ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages[0].content[0].text'],
    ['image part without url', { ...base, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url'],
    ['tool message without tool_call_id', { ...base, messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
    ['stream as the string "true"', { ...base, stream: 'true' }, 'stream', /boolean/],
    ['stream_options without stream', { ...base, stream_options: { include_usage: true } }, 'stream_options', /only allowed when stream is true/],
    ['n = 2', { ...base, n: 2 }, 'n', /only n=1/],
    ['max_tokens 0', { ...base, max_tokens: 0 }, 'max_tokens', /at least 1/],
    ['max_tokens fractional', { ...base, max_tokens: 1.5 }, 'max_tokens', /integer/],
    ['max_completion_tokens huge', { ...base, max_completion_tokens: 10_000_000 }, 'max_completion_tokens'],
    ['temperature 3', { ...base, temperature: 3 }, 'temperature', /0 to 2/],
    ['temperature negative', { ...base, temperature: -0.1 }, 'temperature'],
    ['top_p 1.5', { ...base, top_p: 1.5 }, 'top_p', /0 to 1/],
    ['response_format type xml', { ...base, response_format: { type: 'xml' } }, 'response_format.type'],
    ['json_schema without json_schema', { ...base, response_format: { type: 'json_schema' } }, 'response_format.json_schema'],
    ['json_schema bad name', { ...base, response_format: { type: 'json_schema', json_schema: { name: 'a b' } } }, 'response_format.json_schema.name'],
    ['tools not an array', { ...base, tools: {} }, 'tools'],
    ['tool without function name', { ...base, tools: [{ type: 'function', function: {} }] }, 'tools[0].function.name'],
    ['tool with a bad type', { ...base, tools: [{ type: 'retrieval', function: { name: 'f' } }] }, 'tools[0].type'],
    ['tool_choice unknown', { ...base, tool_choice: 'maybe' }, 'tool_choice'],
    ['stop with 5 strings', { ...base, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
  ];
  it.each(cases)('%s', (_name, body, param, message) => {
    const error = failure(body);
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(param);
    if (param) expect(error.message).toContain(`'${param}'`);
    if (message) expect(error.message).toMatch(message);
  });
});

describe('parseChatRequest: accepted input', () => {
  it('keeps unknown fields for OpenAI-format upstreams and allows the raw body through', () => {
    const parsed = parseChatRequest(JSON.stringify({ ...base, logit_bias: { 1: 2 }, metadata: { a: 'b' } }));
    expect(parsed.request.logit_bias).toEqual({ 1: 2 });
    expect(parsed.request.metadata).toEqual({ a: 'b' });
    expect(parsed.rawBodyUsable).toBe(true);
    expect(parsed.models).toEqual(['openai/gpt-4o']);
  });

  it('puts `model` first and strips our `models` field', () => {
    const parsed = parseChatRequest(JSON.stringify({ ...base, models: ['anthropic/claude-sonnet-4', 'openai/gpt-4o', 'x/y'] }));
    expect(parsed.models).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4', 'x/y']);
    expect('models' in parsed.request).toBe(false);
    expect(parsed.rawBodyUsable).toBe(false);
  });

  it('uses models[0] as the primary when model is absent', () => {
    const parsed = parseChatRequest(JSON.stringify({ messages, models: ['a/b', 'c/d'] }));
    expect(parsed.models).toEqual(['a/b', 'c/d']);
    expect(parsed.request.model).toBe('a/b');
  });

  it('reports streaming, usage, JSON mode and needed capabilities', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const parsed = parseChatRequest(
      JSON.stringify({
        ...base,
        stream: true,
        stream_options: { include_usage: true },
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema } },
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] }],
      }),
    );
    expect(parsed.stream).toBe(true);
    expect(parsed.includeUsage).toBe(true);
    expect(parsed.jsonMode).toBe('json_schema');
    expect(parsed.jsonSchema).toEqual(schema);
    expect(parsed.needs).toEqual({ tools: true, vision: true, json: true });
  });

  it('accepts nulls for optional fields, assistant tool calls and vendor-specific ids', () => {
    const parsed = parseChatRequest(
      JSON.stringify({
        model: 'meta-llama/llama-3.1-8b-instruct:free',
        messages: [
          { role: 'system', content: 's' },
          { role: 'user', content: 'u' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
          { role: 'tool', content: 'r', tool_call_id: 'c1' },
        ],
        temperature: null,
        max_tokens: null,
        n: 1,
        stream: false,
        response_format: { type: 'json_object' },
        tool_choice: { type: 'function', function: { name: 'f' } },
      }),
    );
    expect(parsed.jsonMode).toBe('json_object');
    expect(parsed.stream).toBe(false);
  });
});
