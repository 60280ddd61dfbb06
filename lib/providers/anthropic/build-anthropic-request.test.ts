import { describe, expect, it } from 'vitest';
import { UpstreamError, type ChatCompletionRequest, type ProviderTarget } from '../types';
import { anthropicAdapter, createAnthropicAdapter } from './index';
import { fixtureJson } from '../shared/translated-stream-test-helpers';

const target: ProviderTarget = { provider: 'anthropic', upstreamModel: 'claude-sonnet-4-5', baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-test' };

function build(request: Partial<ChatCompletionRequest>, stream = false, adapter = anthropicAdapter) {
  const upstream = adapter.buildRequest(
    { model: 'claude', messages: [{ role: 'user', content: 'hi' }], ...request } as ChatCompletionRequest,
    target,
    { stream, includeUsage: false },
  );
  return { ...upstream, json: JSON.parse(upstream.body) };
}

function buildError(request: Partial<ChatCompletionRequest>): UpstreamError {
  try {
    build(request);
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected buildRequest to throw');
}

/** Drop what an OpenAI request cannot express (pydantic-ai's extras, explicit stream:false). */
function comparable(recorded: Record<string, unknown>, drop: string[]) {
  const copy: Record<string, unknown> = { ...recorded };
  for (const key of drop) delete copy[key];
  if (copy.stream === false) delete copy.stream;
  return copy;
}

describe('anthropic buildRequest against the recorded request bodies', () => {
  it('messages-nonstream-basic: text user message, temperature', () => {
    const recorded = fixtureJson('anthropic', 'messages-nonstream-basic.meta.json').request;
    const { json, url } = build({ model: 'x', messages: [{ role: 'user', content: 'hello' }], temperature: 0.2 }, false, adapterFor('claude-haiku-4-5'));
    expect(url).toBe('https://api.anthropic.com/v1/messages');
    expect(json).toEqual(comparable(recorded.body, ['top_k']));
  });

  it('messages-nonstream-tool-use: tools and tool_choice required → any', () => {
    const recorded = fixtureJson('anthropic', 'messages-nonstream-tool-use.meta.json').request.body;
    const tools = recorded.tools.map((tool: any) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.input_schema },
    }));
    const { json } = build(
      { messages: [{ role: 'user', content: 'What is the largest city in the user country?' }], tools, tool_choice: 'required' },
      false,
      adapterFor('claude-sonnet-4-5'),
    );
    expect(json).toEqual(comparable(recorded, []));
  });

  it('messages-stream-text and messages-stream-text-short: streaming, max_tokens from the client', () => {
    const text = fixtureJson('anthropic', 'messages-stream-text.meta.json').request.body;
    expect(
      build({ messages: [{ role: 'user', content: 'Two names for a pet pelican, be brief' }], max_tokens: 8192, temperature: 1 }, true).json,
    ).toEqual(text);
    const short = fixtureJson('anthropic', 'messages-stream-text-short.meta.json').request.body;
    expect(
      build({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is 1+1? Answer with just the number.' }] }], max_completion_tokens: 32000 }, true)
        .json,
    ).toEqual(short);
  });

  it('messages-stream-thinking: everything but the thinking config (not an OpenAI field)', () => {
    const recorded = fixtureJson('anthropic', 'messages-stream-thinking.meta.json').request.body;
    const { json } = build({ messages: [{ role: 'user', content: 'Two names for a pet pelican, be brief' }], max_tokens: 8192, temperature: 1 }, true);
    expect(json).toEqual(comparable(recorded, ['thinking']));
  });

  it('messages-stream-parallel-tool-use-no-args: tool with empty schema and description', () => {
    const recorded = fixtureJson('anthropic', 'messages-stream-parallel-tool-use-no-args.meta.json').request.body;
    const { json } = build(
      {
        messages: [{ role: 'user', content: 'Two names for a pet pelican' }],
        max_tokens: 8192,
        temperature: 1,
        tools: [{ type: 'function', function: { name: 'pelican_name_generator', description: '', parameters: { properties: {}, type: 'object' } } }],
      },
      true,
      adapterFor('claude-haiku-4-5-20251001'),
    );
    expect(json).toEqual(recorded);
  });

  it('messages-stream-tool-use: function tools and tool_choice auto (server tool and defer_loading are Anthropic-only)', () => {
    const recorded = fixtureJson('anthropic', 'messages-stream-tool-use.meta.json').request.body;
    const functionTools = recorded.tools.filter((tool: any) => !tool.type);
    const { json } = build(
      {
        messages: [{ role: 'user', content: 'What is the current USD to EUR exchange rate?' }],
        tools: functionTools.map((tool: any) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.input_schema } })),
        tool_choice: 'auto',
      },
      true,
      adapterFor('claude-sonnet-4-6'),
    );
    expect(json).toEqual({ ...recorded, tools: functionTools.map(({ defer_loading, ...tool }: any) => tool) });
  });

  it('error fixtures: the request bodies that produced them', () => {
    const notFound = fixtureJson('anthropic', 'error-404-not-found.meta.json').request.body;
    expect(build({ messages: [{ role: 'user', content: 'hello' }] }, false, adapterFor('claude-sonet-4-5')).json).toEqual(comparable(notFound, []));
    const invalid = fixtureJson('anthropic', 'error-400-invalid-request.meta.json').request.body;
    expect(build({ messages: [{ role: 'user', content: 'What is 2+2?' }] }, false, adapterFor('claude-opus-4-6')).json).toEqual(
      comparable(invalid, ['output_config']),
    );
  });
});

function adapterFor(model: string) {
  const adapter = createAnthropicAdapter();
  return { ...adapter, buildRequest: (request: ChatCompletionRequest, t: ProviderTarget, options: any) => adapter.buildRequest(request, { ...t, upstreamModel: model }, options) };
}

describe('anthropic buildRequest mapping', () => {
  it('sends the API key, version and JSON content type; base URL without /v1, trailing slash tolerated', () => {
    const upstream = anthropicAdapter.buildRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { ...target, baseUrl: 'http://localhost:9999/' }, { stream: false, includeUsage: false });
    expect(upstream.url).toBe('http://localhost:9999/v1/messages');
    expect(upstream.headers).toEqual({ 'content-type': 'application/json', 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' });
  });

  it('hoists system and developer messages into the top-level system field', () => {
    const { json } = build({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(json.system).toBe('Be brief.\n\nAnswer in French.');
    expect(json.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('merges consecutive same-role messages and skips empty text', () => {
    const { json } = build({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: '' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
        { role: 'assistant', content: null },
      ],
    });
    expect(json.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'c' }] },
    ]);
  });

  it('maps images: data: URLs to base64 sources, http(s) URLs to url sources', () => {
    const { json } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          ],
        },
      ],
    });
    expect(json.messages[0].content).toEqual([
      { type: 'text', text: 'What is in these?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
    ]);
  });

  it('rejects unsupported content parts and image URLs', () => {
    expect(buildError({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] }).kind).toBe('invalid_request');
    expect(buildError({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }] }] }).kind).toBe('invalid_request');
  });

  it('maps assistant tool_calls to tool_use and consecutive tool results to one user message', () => {
    const { json } = build({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Let me check.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rain' }] },
        { role: 'user', content: 'Thanks, and tomorrow?' },
      ],
    });
    expect(json.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'call_2', name: 'weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'call_2', content: 'rain' },
          { type: 'text', text: 'Thanks, and tomorrow?' },
        ],
      },
    ]);
  });

  it('rejects tool call arguments that are not a JSON object', () => {
    const error = buildError({
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }],
    });
    expect(error.kind).toBe('invalid_request');
  });

  it('maps tool_choice and parallel_tool_calls', () => {
    const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object', properties: {} } } }];
    expect(build({ tools }).json.tool_choice).toBeUndefined();
    expect(build({ tools, tool_choice: 'auto' }).json.tool_choice).toEqual({ type: 'auto' });
    expect(build({ tools, tool_choice: 'none' }).json.tool_choice).toEqual({ type: 'none' });
    expect(build({ tools, tool_choice: 'required' }).json.tool_choice).toEqual({ type: 'any' });
    expect(build({ tools, tool_choice: { type: 'function', function: { name: 'f' } } }).json.tool_choice).toEqual({ type: 'tool', name: 'f' });
    expect(build({ tools, parallel_tool_calls: false }).json.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(build({ tools, tool_choice: 'required', parallel_tool_calls: false }).json.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    // No tools: tool_choice is dropped (Anthropic would reject it).
    expect(build({ tool_choice: 'required' }).json.tool_choice).toBeUndefined();
    // A parameterless OpenAI tool still gets the input_schema Anthropic requires.
    expect(build({ tools: [{ type: 'function', function: { name: 'g' } }] }).json.tools).toEqual([
      { name: 'g', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(buildError({ tools, tool_choice: 'sometimes' }).kind).toBe('invalid_request');
  });

  it('max_tokens: max_completion_tokens, then max_tokens, then the default capped to the model limit', () => {
    expect(build({ max_completion_tokens: 100, max_tokens: 200 }).json.max_tokens).toBe(100);
    expect(build({ max_tokens: 200 }).json.max_tokens).toBe(200);
    expect(build({}).json.max_tokens).toBe(4096);
    expect(build({}, false, createAnthropicAdapter({ defaultMaxTokens: 8000 })).json.max_tokens).toBe(8000);
    expect(build({}, false, createAnthropicAdapter({ maxOutputTokens: () => 1024 })).json.max_tokens).toBe(1024);
    expect(build({}, false, createAnthropicAdapter({ maxOutputTokens: () => undefined })).json.max_tokens).toBe(4096);
  });

  it('maps sampling fields, stop, user; clamps temperature; drops top_p next to temperature', () => {
    const { json } = build({ temperature: 1.5, top_p: 0.5, stop: 'END', user: 'user-42', seed: 7, presence_penalty: 1, frequency_penalty: 1, logprobs: true });
    expect(json).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      temperature: 1,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
    });
    expect(build({ top_p: 0.9, stop: ['a', 'b'] }).json).toMatchObject({ top_p: 0.9, stop_sequences: ['a', 'b'] });
  });

  it('response_format json_object / json_schema become a system instruction', () => {
    const objectMode = build({ messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'x' }], response_format: { type: 'json_object' } }).json;
    expect(objectMode.system).toMatch(/^Be terse\.\n\nRespond with a single valid JSON object only/);
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const schemaMode = build({ response_format: { type: 'json_schema', json_schema: { name: 'city', schema } } }).json;
    expect(schemaMode.system).toContain('named "city"');
    expect(schemaMode.system).toContain(JSON.stringify(schema));
    expect(build({ response_format: { type: 'text' } }).json.system).toBeUndefined();
  });

  it('rejects n > 1 with a clear message, accepts n = 1', () => {
    const error = buildError({ n: 3 });
    expect(error.kind).toBe('invalid_request');
    expect(error.providerMessage).toMatch(/n=3 is not supported/);
    expect(build({ n: 1 }).json.n).toBeUndefined();
  });

  it('rejects a request with no user/assistant content', () => {
    expect(buildError({ messages: [{ role: 'system', content: 'only system' }] }).kind).toBe('invalid_request');
  });
});
