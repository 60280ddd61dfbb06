// Body text → a validated chat request plus what the rest of the pipeline needs to know about it
// (models to try, streaming, JSON mode, required capabilities). The body is parsed exactly once.
import type { ChatCompletionRequest } from '../providers/types';
import { InvalidRequestError } from './errors';
import { chatCompletionSchema } from './request-schema';

export type JsonMode = 'json_object' | 'json_schema' | null;

export interface ParsedChatRequest {
  /** The request as it goes to adapters: unknown fields kept, our own `models` field removed. */
  request: ChatCompletionRequest;
  /** Models asked for, in order (the `models` array, else [model]); the first is the primary. */
  models: string[];
  stream: boolean;
  includeUsage: boolean;
  jsonMode: JsonMode;
  /** The json_schema's schema, when jsonMode is json_schema and a schema was given. */
  jsonSchema: Record<string, unknown> | undefined;
  needs: { tools: boolean; vision: boolean; json: boolean };
  /** True when the body text can go upstream as-is apart from `model` (no `models` field to strip). */
  rawBodyUsable: boolean;
}

/** ["messages", 0, "role"] → "messages[0].role" */
export function formatParamPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function parseChatRequest(bodyText: string): ParsedChatRequest {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (error) {
    throw new InvalidRequestError(
      `We could not parse the JSON body of your request (${(error as Error).message}). Send a JSON object with "model" and "messages".`,
      null,
      'invalid_json',
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object with "model" and "messages".', null, 'invalid_json');
  }
  const result = chatCompletionSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const param = formatParamPath(issue.path);
    throw new InvalidRequestError(`Invalid value for '${param || 'body'}': ${issue.message}.`, param || null, 'invalid_value');
  }
  const data = result.data;
  const models = data.models ? [...data.models] : [];
  if (data.model !== undefined) {
    // `model` is the primary; `models` (OpenRouter's convention) adds the fallbacks in order.
    if (models[0] !== data.model) models.unshift(data.model);
  }
  const request = data as unknown as ChatCompletionRequest;
  const hasModels = 'models' in request;
  if (hasModels) delete request.models;
  request.model = models[0]!;
  const format = data.response_format?.type;
  const jsonMode: JsonMode = format === 'json_object' || format === 'json_schema' ? format : null;
  const jsonSchema =
    data.response_format?.type === 'json_schema'
      ? ((data.response_format as { json_schema: { schema?: Record<string, unknown> } }).json_schema.schema ?? undefined)
      : undefined;
  return {
    request,
    models: dedupe(models),
    stream: data.stream === true,
    includeUsage: data.stream === true && data.stream_options?.include_usage === true,
    jsonMode,
    jsonSchema,
    needs: { tools: (data.tools?.length ?? 0) > 0, vision: hasImagePart(request), json: jsonMode !== null },
    rawBodyUsable: !hasModels && data.model !== undefined,
  };
}

function hasImagePart(request: ChatCompletionRequest): boolean {
  for (const message of request.messages) {
    const content = message.content;
    if (!Array.isArray(content)) continue;
    for (const part of content) if (part.type === 'image_url') return true;
  }
  return false;
}

function dedupe(ids: string[]): string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}
