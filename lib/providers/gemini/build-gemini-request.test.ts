import { describe, expect, it } from 'vitest';
import { UpstreamError, type ChatCompletionRequest, type ProviderTarget } from '../types';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema';
import { geminiAdapter, SKIP_THOUGHT_SIGNATURE } from './index';
import { fixtureJson } from '../shared/translated-stream-test-helpers';

const baseTarget: ProviderTarget = { provider: 'gemini', upstreamModel: 'gemini-2.5-flash', baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'AIza-test' };

function build(request: Partial<ChatCompletionRequest>, stream = false, model = 'gemini-2.5-flash') {
  const upstream = geminiAdapter.buildRequest(
    { model: 'gemini', messages: [{ role: 'user', content: 'hi' }], ...request } as ChatCompletionRequest,
    { ...baseTarget, upstreamModel: model },
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

/** pydantic-ai sends responseModalities and a role on systemInstruction; OpenAI requests cannot express either. */
function comparable(recorded: any) {
  const copy = structuredClone(recorded);
  if (copy.generationConfig) {
    delete copy.generationConfig.responseModalities;
    if (Object.keys(copy.generationConfig).length === 0) delete copy.generationConfig;
  }
  if (copy.systemInstruction) delete copy.systemInstruction.role;
  return copy;
}

describe('gemini buildRequest against the recorded requests', () => {
  it('generate-content-basic: URL, system instruction, user text', () => {
    const recorded = fixtureJson('gemini', 'generate-content-basic.meta.json').request;
    const { url, json } = build({ messages: [{ role: 'system', content: 'You are a chatbot.' }, { role: 'user', content: 'Hello!' }] });
    expect(url).toBe(recorded.url);
    expect(json).toEqual(comparable(recorded.body));
  });

  it('stream-sse-text: streaming URL with alt=sse, temperature', () => {
    const recorded = fixtureJson('gemini', 'stream-sse-text.meta.json').request;
    const { url, json } = build(
      { messages: [{ role: 'system', content: 'You are a helpful chatbot.' }, { role: 'user', content: 'What is the capital of France?' }], temperature: 0 },
      true,
      'gemini-2.0-flash-exp',
    );
    expect(url).toBe(recorded.url);
    expect(json).toEqual(comparable(recorded.body));
  });

  it('stream-sse-usage-thoughts and error-404-not-found: plain user prompts', () => {
    const thoughts = fixtureJson('gemini', 'stream-sse-usage-thoughts.meta.json').request;
    const built = build({ messages: [{ role: 'user', content: 'Count from 1 to 30, one number per line, digits only.' }] }, true);
    expect(built.url).toBe(thoughts.url);
    expect(built.json).toEqual(comparable(thoughts.body));
    const notFound = fixtureJson('gemini', 'error-404-not-found.meta.json').request;
    const missing = build({ messages: [{ role: 'user', content: 'hello' }] }, false, 'gemini-3.6-flahs');
    expect(missing.url).toBe(notFound.url);
    expect(missing.json).toEqual(comparable(notFound.body));
  });

  it('stream-sse-function-call: a parameterless tool (the recording used parameters_json_schema; we omit empty parameters)', () => {
    const recorded = fixtureJson('gemini', 'stream-sse-function-call.meta.json').request;
    const { url, json } = build(
      {
        messages: [{ role: 'user', content: 'What is the capital of the user country? Call the tool' }],
        tools: [{ type: 'function', function: { name: 'get_country', description: '', parameters: { additionalProperties: false, properties: {}, type: 'object' } } }],
      },
      true,
      'gemini-3-pro-preview',
    );
    expect(url).toBe(recorded.url);
    const expected = comparable(recorded.body);
    delete expected.tools[0].functionDeclarations[0].parameters_json_schema;
    expect(json).toEqual(expected);
  });

  it('stream-json-array-no-sse: contents match (safety/thinking settings are not OpenAI fields)', () => {
    const recorded = fixtureJson('gemini', 'stream-json-array-no-sse.meta.json').request.body;
    expect(build({ messages: [{ role: 'user', content: 'Name for a pet pelican, just the name' }] }, true).json.contents).toEqual(recorded.contents);
  });
});

describe('gemini buildRequest mapping', () => {
  it('sends the API key header; base URL trailing slash tolerated', () => {
    const upstream = geminiAdapter.buildRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { ...baseTarget, baseUrl: 'http://localhost:8080/' }, { stream: false, includeUsage: true });
    expect(upstream.url).toBe('http://localhost:8080/v1beta/models/gemini-2.5-flash:generateContent');
    expect(upstream.headers).toEqual({ 'content-type': 'application/json', 'x-goog-api-key': 'AIza-test' });
  });

  it('maps roles, merges consecutive turns, hoists system and developer messages', () => {
    const { json } = build({
      messages: [
        { role: 'system', content: 'A' },
        { role: 'user', content: 'one' },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        { role: 'developer', content: 'B' },
        { role: 'assistant', content: 'three' },
      ],
    });
    expect(json.systemInstruction).toEqual({ parts: [{ text: 'A\n\nB' }] });
    expect(json.contents).toEqual([
      { role: 'user', parts: [{ text: 'one' }, { text: 'two' }] },
      { role: 'model', parts: [{ text: 'three' }] },
    ]);
  });

  it('maps images: data: URLs → inlineData, http URLs → fileData with a guessed mimeType', () => {
    const { json } = build({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/webp;base64,UklGRg==' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a/photo.PNG?size=large' } },
            { type: 'image_url', image_url: { url: 'https://example.com/image' } },
          ],
        },
      ],
    });
    expect(json.contents[0].parts).toEqual([
      { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
      { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/a/photo.PNG?size=large' } },
      { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/image' } },
    ]);
    expect(buildError({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }] }).kind).toBe('invalid_request');
  });

  it('maps tool calls and tool results (names looked up by tool_call_id), with the skip signature on the first call', () => {
    const { json } = build({
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'time', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_b', content: '12:00' },
      ],
    });
    expect(json.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
          { functionCall: { name: 'time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'weather', response: { content: 'sunny' } } },
          { functionResponse: { name: 'time', response: { content: '12:00' } } },
        ],
      },
    ]);
    expect(buildError({ messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] }).providerMessage).toMatch(/does not match a tool call/);
  });

  it('maps tools (schema keywords Gemini rejects are stripped) and tool_choice', () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'weather',
          description: 'Get the weather',
          parameters: {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            additionalProperties: false,
            properties: { city: { type: 'string', format: 'uri' }, unit: { type: ['string', 'null'], enum: ['c', 'f', null] } },
            required: ['city'],
          },
        },
      },
    ];
    const { json } = build({ tools, tool_choice: { type: 'function', function: { name: 'weather' } } });
    expect(json.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'weather',
            description: 'Get the weather',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' }, unit: { type: 'string', nullable: true, enum: ['c', 'f'] } },
              required: ['city'],
            },
          },
        ],
      },
    ]);
    expect(json.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } });
    expect(build({ tools, tool_choice: 'auto' }).json.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(build({ tools, tool_choice: 'none' }).json.toolConfig).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(build({ tools, tool_choice: 'required' }).json.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(build({ tools }).json.toolConfig).toBeUndefined();
    expect(build({ tool_choice: 'required' }).json.toolConfig).toBeUndefined();
  });

  it('maps generationConfig fields; drops user and logprobs', () => {
    const { json } = build({
      max_tokens: 100,
      temperature: 0.3,
      top_p: 0.8,
      stop: ['END', 'STOP'],
      seed: 42,
      n: 2,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      user: 'u',
      logprobs: true,
    });
    expect(json.generationConfig).toEqual({
      maxOutputTokens: 100,
      temperature: 0.3,
      topP: 0.8,
      stopSequences: ['END', 'STOP'],
      seed: 42,
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
    });
    expect(build({ max_completion_tokens: 10, max_tokens: 99, stop: 'X', presence_penalty: 0, frequency_penalty: 0 }).json.generationConfig).toEqual({
      maxOutputTokens: 10,
      stopSequences: ['X'],
    });
    expect(build({}).json.generationConfig).toBeUndefined();
  });

  it('response_format: json_object → responseMimeType; json_schema → plus the converted responseSchema', () => {
    expect(build({ response_format: { type: 'json_object' } }).json.generationConfig).toEqual({ responseMimeType: 'application/json' });
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, tags: { type: 'array', items: { $ref: '#/$defs/tag' } } },
      required: ['city', 'tags'],
      additionalProperties: false,
      $defs: { tag: { type: 'string', const: 'x' } },
    };
    expect(build({ response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } } }).json.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: { city: { type: 'string' }, tags: { type: 'array', items: { type: 'string', enum: ['x'] } } },
        required: ['city', 'tags'],
      },
    });
  });
});

describe('convertJsonSchemaToGeminiSchema', () => {
  it('turns anyOf-with-null into nullable, oneOf into anyOf, and cuts recursive $refs', () => {
    expect(convertJsonSchemaToGeminiSchema({ type: 'object', properties: { a: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } })).toEqual({
      type: 'object',
      properties: { a: { type: 'integer', nullable: true } },
    });
    expect(convertJsonSchemaToGeminiSchema({ type: 'object', properties: { a: { oneOf: [{ type: 'integer' }, { type: 'string' }] } } })).toEqual({
      type: 'object',
      properties: { a: { anyOf: [{ type: 'integer' }, { type: 'string' }] } },
    });
    const recursive = { type: 'object', properties: { child: { $ref: '#' } } };
    expect(convertJsonSchemaToGeminiSchema(recursive)).toEqual({ type: 'object', properties: { child: { type: 'object' } } });
    const defs = { $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } } } }, type: 'object', properties: { root: { $ref: '#/$defs/node' } } };
    expect(JSON.stringify(convertJsonSchemaToGeminiSchema(defs))).toContain('"next"');
  });

  it('returns undefined for empty object schemas and non-objects', () => {
    expect(convertJsonSchemaToGeminiSchema({ type: 'object', properties: {} })).toBeUndefined();
    expect(convertJsonSchemaToGeminiSchema({ type: 'object' })).toBeUndefined();
    expect(convertJsonSchemaToGeminiSchema(undefined)).toBeUndefined();
    expect(convertJsonSchemaToGeminiSchema(true)).toBeUndefined();
  });
});
