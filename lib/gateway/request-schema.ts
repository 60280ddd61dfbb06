// The zod schema for POST /v1/chat/completions: minimal, loose (unknown fields are kept and
// passed through to OpenAI-format upstreams), strict only where a wrong value would produce a
// confusing upstream error or a wrong bill. Custom messages say what is expected in words.
import { z } from 'zod';

/** Model ids are OpenRouter-style ("vendor/model:variant"); anything that could act as a path or query is refused. */
export const MODEL_ID_PATTERN = /^(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9][A-Za-z0-9._:@+\/-]{0,199}$/;
const modelId = z
  .string({ error: 'expected a model id string' })
  .min(1, 'expected a non-empty model id')
  .regex(MODEL_ID_PATTERN, 'expected a model id such as "openai/gpt-4o" (letters, digits, "/", ".", "-", "_", ":" only)');

// Other part types (input_audio, file, ...) are passed through; the upstream decides.
const contentPart = z
  .looseObject({ type: z.string({ error: 'expected a content part with a "type", such as {"type":"text","text":"..."}' }) })
  .superRefine((part, context) => {
    if (part.type === 'text' && typeof part.text !== 'string') {
      context.addIssue({ code: 'custom', path: ['text'], message: 'expected a string' });
    } else if (part.type === 'image_url') {
      const image = part.image_url as { url?: unknown } | undefined;
      if (typeof image !== 'object' || image === null || typeof image.url !== 'string' || image.url === '') {
        context.addIssue({ code: 'custom', path: ['image_url', 'url'], message: 'expected an image URL or data: URL string' });
      }
    }
  });
const content = z.union([z.string(), z.array(contentPart)], { error: 'expected a string or an array of content parts' });

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const message = z.discriminatedUnion(
  'role',
  [
    z.looseObject({ role: z.literal(['system', 'developer', 'user']), content, name: z.string().optional() }),
    z.looseObject({
      role: z.literal('assistant'),
      content: content.nullish(),
      tool_calls: z.array(toolCall).nullish(),
      name: z.string().optional(),
    }),
    z.looseObject({ role: z.literal('tool'), content, tool_call_id: z.string({ error: 'expected the id of the tool call this answers' }) }),
  ],
  { error: 'expected a message whose role is one of "system", "developer", "user", "assistant", "tool"' },
);

const functionName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a function name of 1-64 letters, digits, "_" or "-"');
const tool = z.looseObject({
  type: z.literal('function', { error: 'expected "function"' }),
  function: z.looseObject({
    name: functionName,
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union(
  [z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: functionName }) })],
  { error: 'expected "none", "auto", "required" or {"type":"function","function":{"name":...}}' },
);

const responseFormat = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a schema name of 1-64 letters, digits, "_" or "-"'),
        description: z.string().optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      }),
    }),
  ],
  { error: 'expected {"type":"text"}, {"type":"json_object"} or {"type":"json_schema","json_schema":{...}}' },
);

const tokenLimit = z.number().int('expected an integer').min(1, 'expected at least 1').max(1_000_000, 'expected at most 1000000');

export const chatCompletionSchema = z
  .looseObject({
    model: modelId.optional(),
    models: z.array(modelId).min(1, 'expected at least one model id').max(20, 'expected at most 20 model ids').optional(),
    messages: z.array(message, { error: 'expected an array of messages' }).min(1, 'expected at least one message'),
    stream: z.boolean({ error: 'expected a boolean (true or false), not a string or number' }).nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
    n: z.number().int().min(1).max(1, 'only n=1 is supported (one choice per call)').nullish(),
    max_tokens: tokenLimit.nullish(),
    max_completion_tokens: tokenLimit.nullish(),
    temperature: z.number().min(0, 'expected a number from 0 to 2').max(2, 'expected a number from 0 to 2').nullish(),
    top_p: z.number().min(0, 'expected a number from 0 to 1').max(1, 'expected a number from 0 to 1').nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)], { error: 'expected a string or up to 4 strings' }).nullish(),
    seed: z.number().int().nullish(),
    user: z.string().max(4096).nullish(),
    tools: z.array(tool).max(128, 'expected at most 128 tools').nullish(),
    tool_choice: toolChoice.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    response_format: responseFormat.nullish(),
  })
  .superRefine((body, context) => {
    if (body.model === undefined && body.models === undefined) {
      context.addIssue({ code: 'custom', path: ['model'], message: 'you must provide a model parameter' });
    }
    if (body.stream_options != null && body.stream !== true) {
      context.addIssue({ code: 'custom', path: ['stream_options'], message: 'stream_options is only allowed when stream is true' });
    }
  });

export type ChatCompletionBody = z.infer<typeof chatCompletionSchema>;
